"""Backups carry knowledge shares (links, topics) and references (asked, agreed, confirmed)."""

from __future__ import annotations

import copy
import datetime as dt

import pytest

from tests.factories import TODAY, frozen, make_person
from tiebook.core.errors import ValidationError
from tiebook.interactions.models import KnowledgeShare, Vouch
from tiebook.interactions.references import reference_add
from tiebook.interactions.shares import ShareInput, share_log
from tiebook.interchange.backup import backup_dump, backup_read, backup_restore, backup_write
from tiebook.interchange.backup.schema import SECTIONS

pytestmark = pytest.mark.django_db


def _network(owner):
    with frozen():
        grace = make_person(owner, "Grace Hopper")
        ada = make_person(owner, "Ada Lovelace")
        share_log(
            owner=owner,
            people=[grace, ada],
            data=ShareInput(title="Threat models", link="https://t.example", topics=["security"]),
        )
        reference_add(owner=owner, person=grace, skill="COBOL", today=TODAY, agreed=True)
        reference_add(owner=owner, person=ada, skill="Python", today=TODAY, agreed=False)
        reference_add(
            owner=owner, person=ada, skill="Go", today=TODAY, confirmed_on=dt.date(2025, 1, 2)
        )


def test_backup_restore_backup_is_identical_with_shares_and_references(owner, outsider, tmp_path):
    _network(owner)
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    backup_write(owner=owner, path=first)
    owner.delete()
    backup_restore(owner=outsider, document=backup_read(path=first))
    backup_write(owner=outsider, path=second)
    assert first.read_bytes() == second.read_bytes()
    refs = Vouch.objects.filter(owner=outsider).order_by("skill")
    assert [(r.skill, r.agreed, r.asked_on, r.confirmed_on) for r in refs] == [
        ("COBOL", True, TODAY, TODAY),
        ("Go", True, dt.date(2025, 1, 2), dt.date(2025, 1, 2)),
        ("Python", False, TODAY, None),
    ]
    shares = KnowledgeShare.objects.filter(owner=outsider)
    assert {(s.link, tuple(s.topics)) for s in shares} == {("https://t.example", ("security",))}


def test_a_backup_written_before_references_still_restores(owner, outsider):
    with frozen():
        grace = make_person(owner, "Grace Hopper")
    Vouch.objects.create(owner=owner, person=grace, kind="endorsement", skill="COBOL")
    document = backup_dump(owner=owner)
    document["version"] = 2
    for spec in SECTIONS:
        if spec.since >= 3:
            del document[spec.key]
    for record in document["vouches"]:
        for name in ("asked_on", "agreed", "confirmed_on"):
            del record[name]
    backup_restore(owner=outsider, document=copy.deepcopy(document))
    vouch = Vouch.objects.get(owner=outsider)
    assert (vouch.skill, vouch.agreed, vouch.asked_on, vouch.confirmed_on) == (
        "COBOL",
        None,
        None,
        None,
    )


def test_a_version_3_backup_must_carry_them(owner, outsider):
    with frozen():
        grace = make_person(owner, "Grace Hopper")
    vouch = Vouch.objects.create(owner=owner, person=grace, kind="endorsement", skill="COBOL")
    document = backup_dump(owner=owner)
    del document["vouches"][0]["agreed"]
    with pytest.raises(ValidationError, match=f'Backup vouch {vouch.pk} has no "agreed".'):
        backup_restore(owner=outsider, document=document)

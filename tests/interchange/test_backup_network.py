"""Backups carry the owner's profile, ties entered by hand and introductions with their
follow-ups; a version 2 document (without profiles) still restores."""

from __future__ import annotations

import copy

import pytest

from tests.factories import frozen, make_person
from tiebook.accounts.selectors import ProfileData, profile_get
from tiebook.accounts.services import profile_set
from tiebook.followups.models import Nudge
from tiebook.interchange.backup import backup_dump, backup_read, backup_restore, backup_write
from tiebook.interchange.backup.schema import PROFILES, SECTIONS
from tiebook.intros.services import introduction_record
from tiebook.people.selectors import person_relationships
from tiebook.people.services import relationship_add

pytestmark = pytest.mark.django_db

PROFILE = ProfileData(
    headline="Data engineer",
    skills=("Python", "SQL"),
    experiences=("Led a migration",),
    offer="Pipeline reviews",
    roles=("Staff engineer",),
    organizations=("Acme, Inc.",),
    topics=("data contracts",),
)


def make_network(owner):
    with frozen():
        profile_set(owner=owner, data=PROFILE)
        ada, grace = make_person(owner, "Ada Lovelace"), make_person(owner, "Grace Hopper")
        alan = make_person(owner, "Alan Turing")
        relationship_add(owner=owner, person=ada, other=grace, kind="reports-to")
        relationship_add(owner=owner, person=alan, other=ada, kind="introduced-by")
        introduction_record(owner=owner, person=grace, other=alan, note="compilers")
    return ada


def test_it_round_trips_the_profile_ties_and_introductions_byte_for_byte(owner, outsider, tmp_path):
    make_network(owner)
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    backup_write(owner=owner, path=first)
    owner.delete()  # as a fresh database would, it leaves every id free
    backup_restore(owner=outsider, document=backup_read(path=first))
    backup_write(owner=outsider, path=second)
    assert first.read_bytes() == second.read_bytes()
    assert profile_get(owner=outsider) == PROFILE
    assert Nudge.objects.filter(owner=outsider, source="intro").count() == 2


def test_a_restore_into_another_owner_keeps_the_ties_read_from_each_side(owner, outsider):
    ada = make_network(owner)
    document = backup_dump(owner=owner)
    assert len(document[PROFILES.key]) == 1
    backup_restore(owner=outsider, document=copy.deepcopy(document))
    theirs = person_relationships(owner=outsider, person=_twin(outsider, ada))
    assert [(t.relation, t.name) for t in theirs] == [
        ("introduced", "Alan Turing"),
        ("reports to", "Grace Hopper"),
    ]
    assert profile_get(owner=outsider) == PROFILE


def _twin(owner, person):
    from tiebook.people.models import Person

    return Person.objects.get(owner=owner, display_name=person.display_name)


def test_a_version_2_backup_without_profiles_still_restores(owner, outsider):
    make_network(owner)
    document = backup_dump(owner=owner)
    document["version"] = 2
    for spec in SECTIONS:
        if spec.since > 2:
            del document[spec.key]
    backup_restore(owner=outsider, document=document)
    assert profile_get(owner=outsider).is_empty
    assert Nudge.objects.filter(owner=outsider).count() == 0


def test_a_profile_set_before_a_restore_gives_way_to_the_backups(owner, outsider):
    make_network(owner)
    document = backup_dump(owner=owner)
    profile_set(owner=outsider, data=ProfileData(headline="Set before the restore"))
    backup_restore(owner=outsider, document=copy.deepcopy(document))
    assert profile_get(owner=outsider) == profile_get(owner=owner)


def test_a_profile_set_before_a_restore_stays_when_the_backup_has_none(owner, outsider):
    make_person(owner, "Ada Lovelace")
    document = backup_dump(owner=owner)
    profile_set(owner=outsider, data=ProfileData(headline="Kept"))
    backup_restore(owner=outsider, document=document)
    assert profile_get(owner=outsider).headline == "Kept"

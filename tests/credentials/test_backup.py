"""Credentials and filings in the JSON backup: backup -> restore -> backup gives the same
document, into the same database (ids kept) and into another owner beside it (renumbered)."""

from __future__ import annotations

import copy
import datetime as dt

import pytest

from tests.credentials.helpers import make_credential, make_filing
from tests.factories import TODAY, frozen, make_person
from tests.interchange.test_backup import numbered
from tiebook.credentials.models import Credential
from tiebook.credentials.services import (
    credential_hours_add,
    credential_renew,
    filing_done,
)
from tiebook.followups.nudges import nudges_open
from tiebook.interchange.backup import backup_dump, backup_restore
from tiebook.interchange.backup.schema import SECTIONS

pytestmark = pytest.mark.django_db

KEYS = ("credentials", "credential_hours", "credential_contacts", "filings", "filing_contacts")


@pytest.fixture(autouse=True)
def _clock():
    with frozen():
        yield


def make_compliance(owner) -> None:
    ada = make_person(owner, "Ada Byron")
    grace = make_person(owner, "Grace Hopper")
    cpa = make_credential(
        owner, contacts=[ada], number="A-1", issued_on=TODAY - dt.timedelta(days=700),
        notes="Renew online.", renewal_lead_days=120,
    )  # fmt: skip
    credential_hours_add(owner=owner, credential=cpa, hours="1.5", on=TODAY, activity="Ethics")
    credential_renew(owner=owner, credential=cpa, expires_on=TODAY + dt.timedelta(days=800))
    credential_hours_add(owner=owner, credential=cpa, hours="3", on=TODAY, activity="Audit")
    make_credential(owner, "First aid", issuer="Red Cross", hours=None)
    filing = make_filing(owner, contacts=[grace], yearly=True, notes="Form 7")
    filing_done(owner=owner, filing=filing)
    make_filing(owner, "Safety report", org="Safety Agency", contacts=[ada, grace])


def test_it_round_trips_in_place_with_the_same_ids(owner, django_user_model):
    make_compliance(owner)
    document = backup_dump(owner=owner)
    assert [len(document[key]) for key in KEYS] == [2, 2, 1, 3, 4]
    owner.delete()  # every row of theirs goes, so every id is free again
    again = django_user_model.objects.create(username="me")
    summary = backup_restore(owner=again, document=copy.deepcopy(document))
    assert summary.renumbered == ()
    assert backup_dump(owner=again) == document


def test_it_round_trips_into_another_owner(owner, outsider):
    make_compliance(owner)
    document = backup_dump(owner=owner)
    summary = backup_restore(owner=outsider, document=copy.deepcopy(document))
    assert set(KEYS) <= set(summary.renumbered)
    assert numbered(backup_dump(owner=outsider)) == numbered(document)
    renewals = nudges_open(owner=outsider, source="credential")
    mine = {c.pk for c in Credential.objects.filter(owner=outsider)}
    assert {n.source_id for n in renewals} == mine


def test_a_version_2_backup_restores_without_them(owner, outsider):
    make_compliance(owner)
    document = backup_dump(owner=owner)
    document["version"] = 2
    for spec in SECTIONS:
        if spec.since > 2:
            del document[spec.key]
    backup_restore(owner=outsider, document=document)
    assert not Credential.objects.filter(owner=outsider).exists()

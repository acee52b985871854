"""Merging two records of a person keeps the credentials and filings they are the contact for."""

from __future__ import annotations

import pytest

from tests.credentials.helpers import make_credential, make_filing
from tests.factories import frozen, make_person
from tiebook.credentials.models import CredentialContact, FilingContact
from tiebook.people.merging import person_merge

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with frozen():
        yield


def test_merging_moves_the_contact_roles_to_the_kept_record(owner):
    keep = make_person(owner, "Ada Byron")
    other = make_person(owner, "A. Byron")
    cpa = make_credential(owner, contacts=[other], role="registrar")
    filing = make_filing(owner, contacts=[other])

    person_merge(owner=owner, keep=keep, other=other)

    assert [(x.person_id, x.role) for x in CredentialContact.objects.filter(credential=cpa)] == [
        (keep.pk, "registrar")
    ]
    assert list(
        FilingContact.objects.filter(filing=filing).values_list("person_id", flat=True)
    ) == [keep.pk]


def test_a_contact_both_records_held_stays_once(owner):
    keep = make_person(owner, "Ada Byron")
    other = make_person(owner, "A. Byron")
    cpa = make_credential(owner, contacts=[keep, other])

    person_merge(owner=owner, keep=keep, other=other)

    assert list(
        CredentialContact.objects.filter(credential=cpa).values_list("person_id", flat=True)
    ) == [keep.pk]

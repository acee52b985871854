"""The demo's credentials and filings: a handful, deterministic, one renewal coming up."""

from __future__ import annotations

import datetime as dt

import pytest

from tiebook.credentials.models import Credential, CredentialContact, Filing, FilingContact
from tiebook.demo.generator import demo_generate
from tiebook.people.models import PersonType

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 6, 1)


def snapshot(owner) -> list[tuple]:
    creds = Credential.objects.filter(owner=owner).order_by("id")
    filings = Filing.objects.filter(owner=owner).order_by("id")
    return [(c.name, c.expires_on, c.ce_minutes_required) for c in creds] + [
        (f.title, f.due_on, f.yearly) for f in filings
    ]


def test_it_adds_a_handful_with_contacts_at_boards_and_agencies(owner):
    demo_generate(owner=owner, people=300, today=TODAY)
    credentials = Credential.objects.filter(owner=owner).order_by("expires_on")
    assert 3 <= credentials.count() <= 6
    assert 3 <= Filing.objects.filter(owner=owner).count() <= 6
    soonest = credentials.first()
    assert (soonest.expires_on - TODAY).days < soonest.renewal_lead_days
    contact = CredentialContact.objects.get(credential=soonest)
    assert PersonType.objects.filter(person=contact.person, type="licensing_authority").exists()
    assert soonest.issuer_id == contact.person.organization_id
    for link in FilingContact.objects.filter(owner=owner):
        assert link.filing.organization_id == link.person.organization_id


def test_one_seed_one_set(owner, outsider):
    demo_generate(owner=owner, people=150, today=TODAY)
    demo_generate(owner=outsider, people=150, today=TODAY)
    assert snapshot(owner) == snapshot(outsider)


def test_a_network_of_one_still_gets_them_without_contacts(owner):
    demo_generate(owner=owner, people=1, today=TODAY)
    assert Credential.objects.filter(owner=owner).count() == 4


def test_its_reminders_are_what_the_services_would_set(owner):
    from tiebook.credentials.services import credential_remind, filing_remind
    from tiebook.followups.nudges import nudges_open

    demo_generate(owner=owner, people=300, today=TODAY)

    def shown():
        return sorted(
            (n.source, n.source_id, n.person_id, n.due_on, n.why, n.closes_on_contact)
            for n in nudges_open(owner=owner)
            if n.source in ("credential", "filing")
        )

    before = shown()
    assert (
        len(before)
        == Credential.objects.filter(owner=owner).count()
        + Filing.objects.filter(owner=owner).count()
    )
    for credential in Credential.objects.filter(owner=owner):
        credential_remind(owner=owner, credential=credential, today=TODAY)
    for filing in Filing.objects.filter(owner=owner):
        filing_remind(owner=owner, filing=filing, today=TODAY)
    assert shown() == before


def test_the_renewal_coming_up_makes_its_contact_due(owner):
    demo_generate(owner=owner, people=300, today=TODAY)
    soonest = Credential.objects.filter(owner=owner).order_by("expires_on").first()
    contact = CredentialContact.objects.get(credential=soonest).person
    assert contact.next_due_on <= TODAY

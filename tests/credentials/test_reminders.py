"""A credential's renewal and a filing's deadline as nudges: on Today and in `tiebook due`,
on the issuer's contact, set again on every change, gone once renewed, done or deleted."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.cli.conftest import Tiebook
from tests.credentials.helpers import make_credential, make_filing
from tests.factories import TODAY, frozen, make_person
from tiebook.credentials.services import (
    credential_contact_add,
    credential_contact_remove,
    credential_delete,
    credential_hours_add,
    credential_renew,
    filing_delete,
    filing_done,
    person_delete_keeping_reminders,
)
from tiebook.followups.nudges import nudges_open
from tiebook.interactions.services import InteractionInput, interaction_log
from tiebook.people.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def me_client(client, owner):
    client.force_login(owner)
    return client, owner


@pytest.fixture(autouse=True)
def _clock():
    with frozen():
        yield


def open_nudges(owner, source="credential"):
    return [(n.person_id, n.due_on, n.why) for n in nudges_open(owner=owner, source=source)]


def test_a_credential_expiring_in_60_days_is_on_today_and_in_due_naming_the_contact(me_client):
    client, owner = me_client
    ada = make_person(owner, "Ada Byron", types=["licensing_authority"])
    cpa = make_credential(owner, contacts=[ada], issuer="State Board")
    why = (
        "CPA licence expires on 2027-01-29: renew with State Board; "
        "30 CE hours still to earn (0 of 30 h)"
    )

    data = Tiebook().json("due")
    [person] = data["people"]
    assert (person["id"], person["name"]) == (ada.pk, "Ada Byron")
    assert person["why"].startswith(why)
    assert person["reasons"] == [
        {"source": "credential", "source_id": cpa.pk, "due_on": "2026-11-30", "why": why}
    ]
    page = client.get("/").content.decode()
    assert "Ada Byron" in page
    assert "CPA licence expires on 29 Jan 2027: renew with State Board" in page


def test_without_a_contact_it_is_coming_up(me_client):
    client, owner = me_client
    cpa = make_credential(owner, issuer="State Board", hours=None)
    data = Tiebook().json("due")
    assert data["people"] == []
    assert data["items"] == [
        {
            "source": "credential",
            "source_id": cpa.pk,
            "due_on": "2026-11-30",
            "why": "CPA licence expires on 2027-01-29: renew with State Board",
            "person": None,
        }
    ]
    page = client.get("/").content.decode()
    assert "Coming up" in page
    assert "CPA licence expires on" in page  # (main's "Coming up" shows the why as written)


def test_a_far_expiry_is_not_due_yet(owner):
    make_credential(owner, expires_in=400)
    assert Tiebook().json("due")["items"] == []


def test_the_reminder_follows_hours_and_contacts(owner):
    ada = make_person(owner, "Ada Byron")
    grace = make_person(owner, "Grace Hopper")
    cpa = make_credential(owner, contacts=[ada])
    credential_hours_add(owner=owner, credential=cpa, hours="12", on=TODAY, activity="Course")
    [(person, _, why)] = open_nudges(owner)
    assert person == ada.pk
    assert why.endswith("18 CE hours still to earn (12 of 30 h)")
    credential_contact_remove(owner=owner, credential=cpa, person=ada)
    credential_contact_add(owner=owner, credential=cpa, person=grace)
    assert [p for p, _, _ in open_nudges(owner)] == [grace.pk]
    assert Person.objects.get(pk=ada.pk).next_due_on != TODAY - dt.timedelta(days=30)


def test_talking_to_the_contact_does_not_clear_it(owner):
    ada = make_person(owner, "Ada Byron")
    make_credential(owner, contacts=[ada])
    interaction_log(owner=owner, people=[ada], data=InteractionInput(summary="Called the board"))
    assert len(open_nudges(owner)) == 1


def test_renewing_moves_it_off_today_to_the_new_expiry(owner):
    ada = make_person(owner, "Ada Byron")
    cpa = make_credential(owner, contacts=[ada])
    credential_renew(owner=owner, credential=cpa, expires_on=dt.date(2029, 1, 29))
    [(person, due, _)] = open_nudges(owner)
    assert (person, due) == (ada.pk, dt.date(2028, 10, 31))
    assert Tiebook().json("due")["people"] == []
    assert Person.objects.get(pk=ada.pk).next_due_on > TODAY


def test_deleting_clears_it(owner):
    ada = make_person(owner, "Ada Byron")
    cpa = make_credential(owner, contacts=[ada])
    credential_delete(owner=owner, credential=cpa)
    assert open_nudges(owner) == []


def test_a_filing_is_due_lead_days_ahead_on_its_contact_until_done(owner):
    grace = make_person(owner, "Grace Hopper")
    filing = make_filing(owner, "VAT return", org="Tax Office", due_in=10, contacts=[grace])
    assert open_nudges(owner, "filing") == [
        (grace.pk, TODAY,
         "VAT return is due on 2026-12-10: file with Tax Office"),
    ]  # fmt: skip
    [person] = Tiebook().json("due")["people"]
    assert person["name"] == "Grace Hopper"
    filing_done(owner=owner, filing=filing)
    assert open_nudges(owner, "filing") == []


def test_a_yearly_filing_reminds_again_for_next_year(owner):
    filing = make_filing(owner, yearly=True)
    following = filing_done(owner=owner, filing=filing)
    [nudge] = nudges_open(owner=owner, source="filing")
    assert (nudge.source_id, nudge.due_on) == (following.pk, dt.date(2027, 11, 26))
    filing_delete(owner=owner, filing=following)
    assert nudges_open(owner=owner, source="filing") == []


def test_deleting_the_only_contact_leaves_the_renewal_on_no_one(owner):
    ada = make_person(owner, "Ada Byron")
    grace = make_person(owner, "Grace Hopper")
    make_credential(owner, contacts=[ada])
    make_filing(owner, contacts=[ada, grace])
    person_delete_keeping_reminders(owner=owner, person=ada)
    assert [p for p, _, _ in open_nudges(owner)] == [None]
    assert [p for p, _, _ in open_nudges(owner, "filing")] == [grace.pk]

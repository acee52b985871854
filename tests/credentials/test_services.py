"""Credentials and filings: their rules, their CE cycles, and the reminders they keep in step."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from tests.credentials.helpers import make_credential, make_filing
from tests.factories import TODAY, frozen, make_person
from tiebook.core.errors import Ambiguous, Conflict, NotFound, ValidationError
from tiebook.credentials.models import Credential, CredentialHours, Filing, FilingContact
from tiebook.credentials.selectors import (
    credential_detail,
    credential_resolve,
    credentials_list,
    filing_resolve,
    filings_list,
    person_compliance,
)
from tiebook.credentials.services import (
    CredentialInput,
    credential_contact_add,
    credential_contact_remove,
    credential_create,
    credential_delete,
    credential_hours_add,
    credential_renew,
    credential_update,
    filing_contact_add,
    filing_delete,
    filing_done,
)
from tiebook.people.models import Organization

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with frozen():
        yield


def days(n: int) -> dt.date:
    return TODAY + dt.timedelta(days=n)


def test_it_adds_a_credential_with_its_issuer_made_by_name(owner):
    ada = make_person(owner, "Ada Byron")
    made = make_credential(owner, contacts=[ada], number=" 12 345 ", issued_on=days(-700))
    assert made.issuer.name == "State Board of Accountancy"
    assert made.number == "12 345"
    assert made.ce_minutes_required == 30 * 60
    assert made.renewal_lead_days == 90
    again = make_credential(owner, "CMA", issuer="state board of accountancy")
    assert again.issuer_id == made.issuer_id
    assert Organization.objects.filter(owner=owner).count() == 1


def test_it_reports_every_bad_field_at_once(owner):
    data = CredentialInput(name=" ", issuer="", expires_on=None, ce_hours_required="lots")
    with pytest.raises(ValidationError) as caught:
        credential_create(owner=owner, data=data)
    fields = [p.field for p in caught.value.problems]
    assert fields == ["name", "issuer", "expires", "ce_hours_required"]


def test_it_refuses_an_expiry_before_the_issue_date(owner):
    with pytest.raises(ValidationError, match="cannot expire"):
        make_credential(owner, issued_on=days(100), expires_in=50)


def test_the_database_refuses_what_the_services_would(owner):
    made = make_credential(owner)
    with pytest.raises(IntegrityError), transaction.atomic():
        Credential.objects.filter(pk=made.pk).update(issued_on=days(61))
    with pytest.raises(IntegrityError), transaction.atomic():
        CredentialHours.objects.create(
            owner=owner, credential=made, earned_on=TODAY, minutes=-5, activity="x"
        )


def test_the_list_puts_the_soonest_expiry_first_with_days_left_and_ce_progress(owner):
    later = make_credential(owner, "PE licence", expires_in=400)
    soon = make_credential(owner, "CPA licence", expires_in=60)
    credential_hours_add(owner=owner, credential=soon, hours="12", on=days(-3), activity="Ethics")
    rows = credentials_list(owner=owner, today=TODAY)
    assert [r.credential.pk for r in rows] == [soon.pk, later.pk]
    assert rows[0].days_left == 60
    assert rows[0].progress == "12 of 30 h"
    assert rows[0].status == "renewal due"
    assert rows[1].status == "active"


def test_hours_must_be_positive_dated_and_described(owner):
    made = make_credential(owner)
    with pytest.raises(ValidationError) as caught:
        credential_hours_add(owner=owner, credential=made, hours="0", on=days(1), activity="")
    assert [p.field for p in caught.value.problems] == ["hours", "activity", "on"]


def test_renewing_starts_a_new_ce_cycle_and_moves_the_expiry(owner):
    made = make_credential(owner)
    credential_hours_add(owner=owner, credential=made, hours="30", on=TODAY, activity="Course")
    credential_renew(owner=owner, credential=made, expires_on=days(800))
    detail = credential_detail(owner=owner, credential_id=made.pk, today=TODAY)
    assert detail.credential.expires_on == days(800)
    assert detail.credential.cycle == 2
    assert detail.earned_minutes == 0
    assert detail.status == "renewed"
    assert [h.cycle for h in detail.hours] == [1]  # the old cycle's hours are kept


def test_a_renewal_must_move_the_expiry_on(owner):
    made = make_credential(owner)
    with pytest.raises(ValidationError, match="must come after 2027-01-29"):
        credential_renew(owner=owner, credential=made, expires_on=days(30))


def test_it_finds_a_credential_by_number_or_unambiguous_name(owner):
    cpa = make_credential(owner, "CPA licence")
    make_credential(owner, "CPA ethics certificate")
    assert credential_resolve(owner=owner, ref=str(cpa.pk)) == cpa
    assert credential_resolve(owner=owner, ref="cpa LICENCE") == cpa
    with pytest.raises(Ambiguous) as caught:
        credential_resolve(owner=owner, ref="cpa")
    assert "matches 2 credentials" in str(caught.value)
    with pytest.raises(NotFound):
        credential_resolve(owner=owner, ref="nursing")


def test_another_owners_credential_is_not_found(owner, outsider):
    theirs = make_credential(outsider)
    with pytest.raises(NotFound):
        credential_resolve(owner=owner, ref=str(theirs.pk))
    with pytest.raises(NotFound):
        credential_delete(owner=owner, credential=theirs)
    mine = make_credential(owner)
    stranger = make_person(outsider, "Eve")
    with pytest.raises(NotFound):
        credential_contact_add(owner=owner, credential=mine, person=stranger)


def test_contacts_are_added_once_and_removed(owner):
    made = make_credential(owner)
    ada = make_person(owner, "Ada Byron")
    credential_contact_add(owner=owner, credential=made, person=ada, role="registrar")
    credential_contact_add(owner=owner, credential=made, person=ada, role="case officer")
    row = credential_detail(owner=owner, credential_id=made.pk, today=TODAY)
    assert [(c.name, c.role) for c in row.contacts] == [("Ada Byron", "case officer")]
    assert credential_contact_remove(owner=owner, credential=made, person=ada)
    assert credential_detail(owner=owner, credential_id=made.pk, today=TODAY).contacts == []


def test_editing_a_credential_replaces_its_fields(owner):
    made = make_credential(owner)
    data = CredentialInput(
        name="CPA licence (NY)",
        issuer="NY Board",
        expires_on=days(90),
        ce_hours_required="40",
        renewal_lead_days=30,
    )
    credential_update(owner=owner, credential=made, data=data)
    made.refresh_from_db()
    assert (made.name, made.issuer.name, made.ce_minutes_required) == (
        "CPA licence (NY)",
        "NY Board",
        2400,
    )
    assert made.name_key == "cpa licence (ny)"


def test_a_person_page_lists_what_they_are_the_contact_for(owner):
    ada = make_person(owner, "Ada Byron")
    make_credential(owner, contacts=[ada])
    make_filing(owner, contacts=[ada])
    found = person_compliance(owner=owner, person=ada, today=TODAY)
    assert [x.credential.name for x, _ in found.credentials] == ["CPA licence"]
    assert [(x.filing.title, left) for x, left in found.filings] == [("Annual return", "10 days")]


def test_a_yearly_filing_comes_back_a_year_on_with_its_contacts(owner):
    ada = make_person(owner, "Ada Byron")
    filing = make_filing(owner, contacts=[ada], yearly=True)
    following = filing_done(owner=owner, filing=filing)
    assert following.due_on == engine_next(filing.due_on)
    assert FilingContact.objects.filter(filing=following, person=ada).exists()
    assert [r.filing.pk for r in filings_list(owner=owner, today=TODAY)] == [following.pk]
    with pytest.raises(Conflict):
        filing_done(owner=owner, filing=filing)


def engine_next(day: dt.date) -> dt.date:
    return day.replace(year=day.year + 1)


def test_a_one_off_filing_is_done_once(owner):
    filing = make_filing(owner)
    assert filing_done(owner=owner, filing=filing) is None
    assert filings_list(owner=owner, today=TODAY) == []
    assert len(filings_list(owner=owner, today=TODAY, include_done=True)) == 1


def test_filings_are_found_by_title_open_ones_first(owner):
    old = make_filing(owner, "Annual return", yearly=True)
    new = filing_done(owner=owner, filing=old)
    assert filing_resolve(owner=owner, ref="annual") == new


def test_deleting_removes_the_rows(owner):
    made = make_credential(owner)
    filing = make_filing(owner)
    filing_contact_add(owner=owner, filing=filing, person=make_person(owner, "Ada"))
    credential_delete(owner=owner, credential=made)
    filing_delete(owner=owner, filing=filing)
    assert not Credential.objects.exists()
    assert not Filing.objects.exists()


def test_the_lists_take_a_fixed_number_of_queries(owner, django_assert_num_queries):
    people = [make_person(owner, f"Person {n}") for n in range(4)]
    for n in range(3):
        made = make_credential(owner, f"Licence {n}", contacts=people[: n + 1])
        credential_hours_add(owner=owner, credential=made, hours="2", on=TODAY, activity="x")
        make_filing(owner, f"Return {n}", contacts=people[:2])
    with django_assert_num_queries(2):
        rows = credentials_list(owner=owner, today=TODAY)
        assert [r.progress for r in rows] == ["2 of 30 h"] * 3
        assert [len(r.contacts) for r in rows] == [1, 2, 3]
    with django_assert_num_queries(2):
        assert len(filings_list(owner=owner, today=TODAY)) == 3
    with django_assert_num_queries(2):
        found = person_compliance(owner=owner, person=people[0], today=TODAY)
        assert (len(found.credentials), len(found.filings)) == (3, 3)

"""The pure rules: hours, status, reminder sentences."""

from __future__ import annotations

import datetime as dt

import pytest

from tiebook.core.errors import ValidationError
from tiebook.credentials import engine

TODAY = dt.date(2026, 11, 30)


@pytest.mark.parametrize(
    ("raw", "minutes"), [("12", 720), ("1.5", 90), ("0,25", 15), ("2h", 120), (3, 180)]
)
def test_it_reads_hours_as_minutes(raw, minutes):
    assert engine.parse_hours(raw) == minutes


@pytest.mark.parametrize("raw", ["", "-1", "two", "1.5.2", "0", "10001"])
def test_it_refuses_what_is_not_a_positive_number_of_hours(raw):
    with pytest.raises(ValidationError):
        engine.parse_hours(raw)


def test_zero_hours_required_is_allowed_where_asked():
    assert engine.parse_hours("0", allow_zero=True) == 0


def test_it_writes_hours_the_way_people_do():
    assert [engine.hours_text(m) for m in (0, 90, 720, 15, 20)] == [
        "0",
        "1.5",
        "12",
        "0.25",
        "0.33",
    ]
    assert engine.ce_progress(720, 1800) == "12 of 30 h"
    assert engine.ce_progress(0, 0) == ""
    assert engine.ce_percent(720, 1800) == 40
    assert engine.ce_percent(5000, 1800) == 100


@pytest.mark.parametrize(
    ("expires", "renewed", "status"),
    [
        (TODAY + dt.timedelta(days=200), False, engine.ACTIVE),
        (TODAY + dt.timedelta(days=200), True, engine.RENEWED),
        (TODAY + dt.timedelta(days=90), True, engine.RENEW),
        (TODAY, False, engine.RENEW),
        (TODAY - dt.timedelta(days=1), True, engine.LAPSED),
    ],
)
def test_status_follows_the_expiry_and_the_lead(expires, renewed, status):
    assert engine.status(expires_on=expires, lead_days=90, renewed=renewed, today=TODAY) == status


def test_the_renewal_names_the_date_the_issuer_and_missing_hours():
    found = engine.renewal(
        name="CPA licence",
        issuer="State Board",
        expires_on=TODAY + dt.timedelta(days=60),
        lead_days=90,
        earned=720,
        required=1800,
        today=TODAY,
    )
    assert found.due_on == TODAY - dt.timedelta(days=30)
    assert found.why == (
        "CPA licence expires on 2027-01-29: renew with State Board; "
        "18 CE hours still to earn (12 of 30 h)"
    )


def test_a_lapsed_credential_says_so():
    found = engine.renewal(
        name="RN",
        issuer="",
        expires_on=TODAY - dt.timedelta(days=1),
        lead_days=90,
        earned=0,
        required=0,
        today=TODAY,
    )
    assert found.why == "RN expired on 2026-11-29"


def test_a_filing_reminder_comes_lead_days_ahead():
    found = engine.filing_reminder(
        title="VAT return",
        organization="Tax Office",
        due_on=TODAY + dt.timedelta(days=10),
        lead_days=14,
        today=TODAY,
    )
    assert found.due_on == TODAY - dt.timedelta(days=4)
    assert found.why == "VAT return is due on 2026-12-10: file with Tax Office"


def test_next_year_keeps_the_day_or_the_end_of_february():
    assert engine.next_year(dt.date(2027, 4, 30)) == dt.date(2028, 4, 30)
    assert engine.next_year(dt.date(2028, 2, 29)) == dt.date(2029, 2, 28)


def test_a_renewal_added_late_is_due_from_the_day_it_was_added():
    assert engine.renewal_due_on(TODAY + dt.timedelta(days=60), 90, TODAY) == TODAY
    assert engine.renewal_due_on(TODAY + dt.timedelta(days=200), 90, TODAY) == TODAY + dt.timedelta(
        days=110
    )

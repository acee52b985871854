"""References: when a yes still counts, and the reference list's reads."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import TODAY, make_person
from tiebook.interactions.references import (
    ASK_AGAIN,
    CURRENT,
    months_before,
    reference_add,
    reference_standing,
    references_list,
)

D = dt.date


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2026, 11, 30), 12, D(2025, 11, 30)),
        (D(2028, 2, 29), 12, D(2027, 2, 28)),
        (D(2026, 3, 31), 1, D(2026, 2, 28)),
        (D(2026, 1, 15), 1, D(2025, 12, 15)),
    ],
)
def test_months_before(day, months, expected):
    assert months_before(day, months) == expected


@pytest.mark.parametrize(
    ("agreed", "confirmed", "expected"),
    [
        (True, D(2025, 11, 30), (CURRENT, "confirmed 2025-11-30")),
        (True, D(2025, 11, 29), (ASK_AGAIN, "last confirmed 2025-11-29, over 12 months ago")),
        (True, None, (ASK_AGAIN, "agreed, never confirmed")),
        (None, None, (ASK_AGAIN, "no answer yet (asked 2025-01-02)")),
        (False, None, (ASK_AGAIN, "declined when asked on 2025-01-02")),
    ],
)
def test_a_reference_counts_when_agreed_and_confirmed_within_12_months(agreed, confirmed, expected):
    standing = reference_standing(
        agreed=agreed, confirmed_on=confirmed, asked_on=D(2025, 1, 2), today=D(2026, 11, 30)
    )
    assert standing == expected


@pytest.mark.django_db
def test_the_list_reads_in_a_fixed_number_of_queries(owner):
    for i in range(6):
        person = make_person(owner, f"Person {i}", emails=[f"p{i}@x.example"], types=["mentor"])
        reference_add(owner=owner, person=person, skill="Python", today=TODAY, agreed=i % 2 == 0)
    with CaptureQueriesContext(connection) as queries:
        result = references_list(owner=owner, today=TODAY)
    assert (len(result.references), len(result.ask_again)) == (3, 3)
    assert result.references[0].email == "p0@x.example"
    assert len(queries) <= 6


@pytest.mark.django_db
def test_references_stay_within_their_owner(owner, outsider):
    person = make_person(outsider, "Their Person")
    reference_add(owner=outsider, person=person, skill="Go", today=TODAY, agreed=True)
    result = references_list(owner=owner, today=TODAY)
    assert (result.references, result.ask_again, result.could_ask) == ([], [], [])


@pytest.mark.django_db
def test_the_csv_never_hands_a_spreadsheet_a_formula(owner):
    from tiebook.interactions.reference_documents import references_csv

    person = make_person(owner, "=HYPERLINK(1)", phones=["+1 202 555 0100"])
    reference_add(owner=owner, person=person, skill="@SUM(A1)", today=TODAY, agreed=True)
    row = references_csv(references_list(owner=owner, today=TODAY)).splitlines()[1]
    assert row.startswith("reference,'=HYPERLINK(1),,,,+1 202 555 0100,'@SUM(A1),")

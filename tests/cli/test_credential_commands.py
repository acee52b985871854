"""tiebook credential / credentials / filing / filings: exact output, JSON and errors."""

from __future__ import annotations

import re

import pytest

from tiebook.credentials.models import Credential, Filing
from tiebook.people.models import Person


def cred_id(name: str = "CPA licence") -> int:
    return Credential.objects.get(name=name).pk


def filing_id(title: str) -> int:
    return Filing.objects.filter(title=title).order_by("id")[0].pk


@pytest.fixture
def cpa(tb):
    assert tb("add", "Ada Byron", "--type", "licensing_authority").exit_code == 0
    result = tb(
        "credential",
        "add",
        "CPA licence",
        "--issuer",
        "State Board",
        "--expires",
        "2027-01-29",
        "--number",
        "A-123",
        "--ce-hours-required",
        "30",
        "--contact",
        "ada",
        "--role",
        "registrar",
    )
    assert result.exit_code == 0, result.output
    return result


def test_add_says_when_the_renewal_comes_onto_today(cpa):
    assert cpa.stdout == (
        f"Added CPA licence (number {cred_id()}) from State Board: expires 2027-01-29 (60 days), "
        "CE 0 of 30 h.\n"
        "  Renewal on Today from 2026-11-30 with Ada Byron (registrar).\n"
    )


def test_the_list_puts_the_soonest_first_with_days_left_and_ce_progress(tb, cpa):
    tb("credential", "add", "PE licence", "--issuer", "Engineers Board", "--expires", "2028-03-01")
    tb("credential", "hours", "cpa", "12", "--on", "2026-11-20", "--activity", "Ethics seminar")
    result = tb("credentials")
    assert result.exit_code == 0
    assert [re.split(r"\s{2,}", line.strip()) for line in result.stdout.splitlines()] == [
        ["id", "credential", "issuer", "expires", "left", "CE", "status"],
        [str(cred_id()), "CPA licence", "State Board", "2027-01-29", "60 days", "12 of 30 h",
         "renewal due"],
        [str(cred_id("PE licence")), "PE licence", "Engineers Board", "2028-03-01", "457 days",
         "active"],
    ]  # fmt: skip


def test_the_list_as_json(tb, cpa):
    [row] = tb.json("credentials")
    assert row["name"] == "CPA licence"
    assert row["days_left"] == 60
    assert row["ce_progress"] == "0 of 30 h"
    ada = Person.objects.get(display_name="Ada Byron").pk
    assert row["contacts"] == [{"person_id": ada, "name": "Ada Byron", "role": "registrar"}]
    assert row["renewal_on"] == "2026-11-30"


def test_show_lists_the_cycles_hours_and_contacts(tb, cpa):
    tb("credential", "hours", "cpa", "1.5", "--on", "yesterday", "--activity", "Webinar")
    result = tb("credential", "show", "cpa")
    assert result.stdout == (
        f"CPA licence (number {cred_id()}) from State Board: expires 2027-01-29 (60 days), "
        "CE 1.5 of 30 h\n"
        "  Number: A-123\n"
        "  Status: renewal due; on Today from 2026-11-30\n"
        "  Contacts: Ada Byron (registrar)\n"
        "  CE hours this cycle:\n"
        "    2026-11-29  1.5 h  Webinar\n"
    )


def test_hours_say_the_progress(tb, cpa):
    result = tb("credential", "hours", str(cred_id()), "3", "--activity", "Course")
    assert result.stdout == "Logged 3 h for CPA licence: CE 3 of 30 h.\n"


def test_contact_adds_and_removes(tb, cpa):
    tb("add", "Grace Hopper")
    result = tb("credential", "contact", "cpa", "grace", "--role", "case officer")
    assert result.stdout == (
        "Grace Hopper is a contact for CPA licence.\n"
        "  Contacts: Ada Byron (registrar), Grace Hopper (case officer)\n"
    )
    result = tb("credential", "contact", "cpa", "ada", "--remove")
    assert result.stdout == (
        "Ada Byron is no longer a contact for CPA licence.\n"
        "  Contacts: Grace Hopper (case officer)\n"
    )


def test_renew_moves_the_expiry_and_resets_the_cycle(tb, cpa):
    tb("credential", "hours", "cpa", "30", "--activity", "Course")
    result = tb("credential", "renew", "cpa", "--expires", "2029-01-29")
    assert result.stdout == (
        f"Renewed CPA licence (number {cred_id()}) from State Board: "
        "expires 2029-01-29 (791 days), CE 0 of 30 h.\n"
        "  Next renewal on Today from 2028-10-31.\n"
    )
    assert tb.json("credential", "show", "cpa")["status"] == "renewed"


def test_delete_asks_first(tb, cpa):
    result = tb("credential", "delete", "cpa", input="n\n")
    assert result.exit_code == 1
    number = cred_id()
    result = tb("credential", "delete", "cpa", "--yes")
    assert result.stdout == f"Deleted CPA licence (number {number}).\n"
    assert (
        tb("credentials").stdout == "No credentials yet. Add one with 'tiebook credential add'.\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("credential", "add", "X", "--issuer", "B", "--expires", "soon"),
            "Error: 'soon' is not a date; write it as YYYY-MM-DD, e.g. 2026-03-15.\n",
        ),
        (
            (
                "credential",
                "add",
                "X",
                "--issuer",
                "B",
                "--expires",
                "2027-01-01",
                "--issued",
                "2027-02-01",
            ),
            "Error: It cannot expire (2027-01-01) before it was issued (2027-02-01).\n",
        ),
        (
            ("credential", "hours", "cpa", "two", "--activity", "x"),
            "Error: 'two' is not a number of hours; write it like 2 or 1.5.\n",
        ),
        (
            ("credential", "renew", "cpa", "--expires", "2026-12-01"),
            "Error: The new expiry must come after 2027-01-29; got 2026-12-01.\n",
        ),
        (
            ("credential", "show", "nursing"),
            "Error: No credential matches 'nursing'. Try 'tiebook credentials'.\n",
        ),
        (("credential", "show", "999999"), "Error: No credential with number 999999.\n"),
    ],
)
def test_errors_are_one_sentence(tb, cpa, args, message):
    result = tb(*args)
    assert result.exit_code == 1
    assert result.stderr == message


def test_filings_are_added_listed_and_done(tb):
    tb("add", "Grace Hopper")
    result = tb(
        "filing",
        "add",
        "Safety report",
        "--with",
        "Safety Agency",
        "--due",
        "2026-12-10",
        "--contact",
        "grace",
        "--role",
        "inspector",
        "--yearly",
    )
    first = filing_id("Safety report")
    assert result.stdout == (
        f"Added filing {first}: Safety report with Safety Agency: due 2026-12-10 (10 days), "
        "yearly; contact Grace Hopper (inspector).\n"
    )
    assert tb("filings").stdout == (
        f"{first:>4}  Safety report with Safety Agency: due 2026-12-10 (10 days), yearly; "
        "contact Grace Hopper (inspector)\n"
    )
    result = tb("filing", "done", "safety")
    second = first + 1
    assert (
        result.stdout == f"Done: Safety report.\n  Next year's: due 2027-12-10 (number {second}).\n"
    )
    rows = tb.json("filings", "--all")
    assert [(r["id"], r["due_on"], r["done_at"] is None) for r in rows] == [
        (second, "2027-12-10", True),
        (first, "2026-12-10", False),
    ]


def test_a_filing_contact_and_delete(tb):
    tb("add", "Grace Hopper")
    tb("filing", "add", "VAT return", "--with", "Tax Office", "--due", "2027-01-31")
    result = tb("filing", "contact", "vat", "grace")
    assert result.stdout == "Grace Hopper is a contact for VAT return.\n"
    number = filing_id("VAT return")
    assert (
        tb("filing", "delete", "vat", "--yes").stdout == f"Deleted VAT return (number {number}).\n"
    )
    assert tb("filings").stdout == "No open filings. Add one with 'tiebook filing add'.\n"
    result = tb("filing", "done", "vat")
    assert result.stderr == "Error: No filing matches 'vat'. Try 'tiebook filings'.\n"


def test_edit_changes_only_what_is_given(tb, cpa):
    result = tb("credential", "edit", "cpa", "--expires", "2027-02-28", "--remind-days", "120")
    assert result.stdout == (
        f"Updated CPA licence (number {cred_id()}) from State Board: expires 2027-02-28 "
        "(90 days), CE 0 of 30 h.\n"
        "  Renewal on Today from 2026-11-30.\n"
    )
    shown = tb.json("credential", "show", "cpa")
    assert (shown["number"], shown["renewal_lead_days"]) == ("A-123", 120)

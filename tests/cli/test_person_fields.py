"""Adding and editing people from the command line: what each field accepts and refuses."""

from __future__ import annotations

import pytest

from tiebook.people.models import ContactPoint, Person

pytestmark = pytest.mark.django_db


# Email addresses at internal domains


@pytest.mark.parametrize(
    "address", ["bob@corp.local", "x@host.internal", "y@box.lan", "z@printer.home.arpa"]
)
def test_it_adds_a_person_with_an_address_at_an_internal_domain(tb, address):
    result = tb("add", "Bob Builder", "--email", address)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Added Bob Builder (id ")
    assert list(ContactPoint.objects.values_list("value", "normalized")) == [(address, address)]


@pytest.mark.parametrize("address", ["bob@", "bob@@corp.local", "bob@localhost", "bob@example"])
def test_it_still_refuses_a_mistyped_address(tb, address):
    result = tb("add", "Bob Builder", "--email", address)
    assert result.exit_code == 1
    assert result.stderr == f"Error: '{address}' is not an email address.\n"
    assert Person.objects.count() == 0


def test_a_vcard_keeps_an_address_at_an_internal_domain(tb, tmp_path):
    path = tmp_path / "office.vcf"
    path.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bob Builder\r\nEMAIL;TYPE=WORK:bob@corp.local\r\n"
        "END:VCARD\r\n",
        encoding="utf-8",
    )
    result = tb("import", str(path))
    assert result.exit_code == 0, result.output
    assert "(vcard): 1 new, 0 updated," in result.stdout
    assert [e["value"] for e in tb.json("show", "bob")["emails"]] == ["bob@corp.local"]


# Every bad option at once


def test_add_names_every_bad_option_at_once_and_writes_nothing(tb):
    result = tb(
        "add", "  ", "--email", "bob@", "--phone", "call me", "--circle", "7", "--every", "banana"
    )
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: A name cannot be empty.\n"
        "Error: 'bob@' is not an email address.\n"
        "Error: 'call me' is not a phone number.\n"
        "Error: Circle must be one of 5, 15, 50 or 150; got '7'.\n"
        "Error: 'banana' is not a duration; write it like 30d, 2w, 3m or 1y.\n"
    )
    assert result.stdout == ""
    assert Person.objects.count() == 0


def test_the_command_line_still_says_allow_duplicate(tb):
    tb("add", "Grace Hopper", "--email", "grace@navy.example")
    result = tb("add", "G. Hopper", "--email", "grace@navy.example")
    assert result.exit_code == 1
    assert result.stderr.endswith(". Edit that person instead, or pass --allow-duplicate.\n")


# Length limits


def test_add_refuses_overlong_text_naming_each_field_and_its_limit(tb):
    result = tb(
        "add",
        "A" * 5000,
        "--org",
        "O" * 201,
        "--title",
        "T" * 251,
        "--note",
        "n" * 1_000_000,
        "--tag",
        "g" * 81,
    )
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: Name is too long: 5,000 characters, at most 250.\n"
        "Error: Position or headline is too long: 251 characters, at most 250.\n"
        "Error: Notes is too long: 1,000,000 characters, at most 20,000.\n"
        "Error: Organisation is too long: 201 characters, at most 200.\n"
        "Error: A tag is too long: 81 characters, at most 80.\n"
    )
    assert Person.objects.count() == 0


def test_text_at_the_limits_is_accepted(tb):
    result = tb("add", "A" * 250, "--org", "O" * 200, "--note", "n" * 20_000)
    assert result.exit_code == 0, result.output
    person = Person.objects.get()
    assert (len(person.display_name), len(person.organization.name), len(person.notes)) == (
        250,
        200,
        20_000,
    )
    assert person.given_name == "A" * 120  # a guess from the name, cut to what it holds


def test_edit_refuses_an_overlong_organisation_and_keeps_the_person(tb):
    tb("add", "Bob Builder", "--org", "Acme")
    result = tb("edit", "bob", "--org", "O" * 5000, "--note", "n" * 20_001)
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: Notes is too long: 20,001 characters, at most 20,000.\n"
        "Error: Organisation is too long: 5,000 characters, at most 200.\n"
    )
    person = Person.objects.get()
    assert (person.organization.name, person.notes) == ("Acme", "")


# Birthday and how you met


def test_add_keeps_a_birthday_and_how_you_met_and_show_prints_them(tb):
    added = tb("add", "Grace Hopper", "--birthday", "1906-12-09", "--how-met", "Her talk on COBOL")
    assert added.exit_code == 0, added.output
    shown = tb("show", "grace")
    assert "\nBirthday: 9 December 1906\nHow you met: Her talk on COBOL\n" in shown.stdout
    data = tb.json("show", "grace")
    assert (data["birthday"], data["how_met"]) == ("1906-12-09", "Her talk on COBOL")
    person = Person.objects.get()
    assert (person.birthday_year, person.birthday_month, person.birthday_day) == (1906, 12, 9)


def test_a_birthday_without_the_year_is_kept_as_month_and_day(tb):
    assert tb("add", "Ada Lovelace", "--birthday", "02-29").exit_code == 0
    assert "\nBirthday: 29 February\n" in tb("show", "ada").stdout
    assert tb.json("show", "ada")["birthday"] == "--02-29"


def test_edit_changes_and_clears_the_birthday_and_how_you_met(tb):
    tb("add", "Ada Lovelace", "--birthday", "1815-12-10", "--how-met", "Letters")
    assert tb("edit", "ada", "--birthday", "12-10", "--how-met", "Babbage's salon").exit_code == 0
    assert (tb.json("show", "ada")["birthday"], tb.json("show", "ada")["how_met"]) == (
        "--12-10",
        "Babbage's salon",
    )
    assert tb("edit", "ada", "--birthday", "", "--how-met", "").exit_code == 0
    assert (tb.json("show", "ada")["birthday"], tb.json("show", "ada")["how_met"]) == (None, "")


@pytest.mark.parametrize("raw", ["1990-02-30", "15/03/1990", "soon", "3026-01-01"])
def test_a_birthday_that_is_not_a_date_is_refused(tb, raw):
    result = tb("add", "Ada Lovelace", "--birthday", raw)
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: '{raw}' is not a birthday; write it as YYYY-MM-DD, or MM-DD without the year.\n"
    )
    assert Person.objects.count() == 0


def test_edit_names_every_bad_option_at_once_and_changes_nothing(tb):
    tb("add", "Bob Builder", "--every", "2w")
    result = tb("edit", "bob", "--every", "soon", "--birthday", "never", "--email", "bob@")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: 'never' is not a birthday; write it as YYYY-MM-DD, or MM-DD without the year.\n"
        "Error: 'soon' is not a duration; write it like 30d, 2w, 3m or 1y.\n"
        "Error: 'bob@' is not an email address.\n"
    )
    assert Person.objects.get().interval_days == 14


def test_expertise_is_set_on_add_changed_on_edit_and_shown(tb):
    result = tb("add", "Li Wei", "--expertise", "VAT returns", "--expertise", " kubernetes  ")
    assert result.exit_code == 0, result.output
    assert tb.json("show", "li")["expertise"] == ["VAT returns", "kubernetes"]
    tb(
        "edit",
        "li",
        "--expertise",
        "Kubernetes",
        "--expertise",
        "grants",
        "--drop-expertise",
        "vat returns",
    )
    assert tb.json("show", "li")["expertise"] == ["kubernetes", "grants"]
    assert "Knows about: kubernetes, grants" in tb("show", "li").stdout
    too_long = tb("edit", "li", "--expertise", "x" * 81)
    assert too_long.exit_code == 1
    assert "An expertise topic is too long: 81 characters, at most 80." in too_long.output

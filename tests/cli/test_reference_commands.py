"""References from the command line: recruit, confirm, and the 12-month reference list."""

from __future__ import annotations

import datetime as dt

import pytest

from tiebook.interactions.models import Vouch
from tiebook.people.models import Person

pytestmark = pytest.mark.django_db


def _id(name: str) -> int:
    return Person.objects.get(display_name=name).pk


@pytest.fixture
def references(tb, owner):
    """Grace agreed today; Ada confirmed 13 months ago; Alan exactly 12 months ago; Linus never
    answered; Kim endorsed the owner on LinkedIn and was never asked."""
    tb(
        "add",
        "Grace Hopper",
        "--type",
        "mentor",
        "--org",
        "US Navy",
        "--title",
        "Rear Admiral",
        "--email",
        "grace@navy.example",
        "--phone",
        "+1 202 555 0100",
    )
    tb("edit", "grace", "--how-met", "Taught me COBOL at Yale")
    tb("add", "Ada Lovelace", "--type", "colleague")
    tb("add", "Alan Turing", "--type", "educator")
    tb("add", "Linus Torvalds", "--type", "friend")
    tb("add", "Kim Expert", "--type", "consultant")
    tb("reference", "add", "grace", "--skill", "COBOL", "--agreed")
    tb("reference", "add", "ada", "--skill", "Python", "--confirmed", "2025-10-30")
    tb("reference", "add", "alan", "--skill", "Python", "--confirmed", "2025-11-30")
    tb("reference", "add", "linus", "--skill", "Git", "--asked", "2026-11-02")
    me = Person.objects.get(display_name="Kim Expert").owner
    Vouch.objects.create(
        owner=me,
        person=Person.objects.get(display_name="Kim Expert"),
        kind="endorsement",
        skill="Go",
        source="linkedin",
        external_id="e1",
        given_on=dt.date(2024, 1, 5),
    )


def test_a_reference_not_confirmed_within_12_months_is_left_out_and_asked_again(tb, references):
    result = tb("references")
    assert result.exit_code == 0
    assert result.stdout == (
        "References (agreed, confirmed within the last 12 months):\n"
        f"  COBOL: Grace Hopper (id {_id('Grace Hopper')}), confirmed 2026-11-30\n"
        f"  Python: Alan Turing (id {_id('Alan Turing')}), confirmed 2025-11-30\n"
        "Ask again:\n"
        f"  Git: Linus Torvalds (id {_id('Linus Torvalds')}), no answer yet (asked 2026-11-02)\n"
        f"  Python: Ada Lovelace (id {_id('Ada Lovelace')}), last confirmed 2025-10-30, "
        "over 12 months ago\n"
        "Endorsed or recommended you; ask them to be a reference:\n"
        f"  Kim Expert (id {_id('Kim Expert')}): endorsed Go\n"
    )


def test_the_markdown_is_a_document_for_an_application(tb, references):
    result = tb("references", "--format", "md")
    assert result.stdout == (
        "# References\n"
        "\n"
        "## COBOL\n"
        "\n"
        "**Grace Hopper**, Rear Admiral, US Navy  \n"
        "grace@navy.example · +1 202 555 0100  \n"
        "How they know me: Mentor; Taught me COBOL at Yale  \n"
        "Last confirmed 2026-11-30\n"
        "\n"
        "## Python\n"
        "\n"
        "**Alan Turing**  \n"
        "How they know me: Educator  \n"
        "Last confirmed 2025-11-30\n"
        "\n"
        "## Ask again\n"
        "\n"
        "- Linus Torvalds (Git): no answer yet (asked 2026-11-02)\n"
        "- Ada Lovelace (Python): last confirmed 2025-10-30, over 12 months ago\n"
    )


def test_the_csv_has_a_status_column_list_first(tb, references):
    lines = tb("references", "--format", "csv", "--skill", "python").stdout.splitlines()
    assert lines == [
        "status,name,headline,organization,email,phone,skill,how_they_know_you,agreed,asked_on,"
        "confirmed_on,why",
        "reference,Alan Turing,,,,,Python,Educator,yes,2025-11-30,2025-11-30,confirmed 2025-11-30",
        'ask again,Ada Lovelace,,,,,Python,Colleague,yes,2025-10-30,2025-10-30,"last confirmed '
        '2025-10-30, over 12 months ago"',
    ]


def test_confirming_puts_them_back_on_the_list(tb, references):
    result = tb("reference", "confirm", "ada")
    assert result.stdout == "Ada Lovelace confirmed as a reference for Python on 2026-11-30.\n"
    data = tb.json("references", "--skill", "Python")
    assert [r["name"] for r in data["references"]] == ["Ada Lovelace", "Alan Turing"]
    assert data["ask_again"] == []


def test_adding_again_updates_the_answer(tb, references):
    result = tb("reference", "add", "linus", "--skill", "git", "--declined")
    ref = Vouch.objects.get(kind="reference", skill="Git")
    assert result.stdout == (
        f"Updated Linus Torvalds as a reference for Git (reference {ref.pk}): declined when asked "
        "on 2026-11-02; ask again.\n"
    )
    assert (ref.agreed, ref.confirmed_on) == (False, None)


def test_references_are_not_endorsements_on_the_person(tb, references):
    shown = tb.json("show", "grace")
    assert shown["vouches"] == []


def test_removing_a_reference(tb, references):
    ref = Vouch.objects.get(kind="reference", skill="Git")
    result = tb("reference", "remove", str(ref.pk))
    assert result.stdout == f"Removed reference {ref.pk} (Linus Torvalds for Git).\n"
    assert not Vouch.objects.filter(pk=ref.pk).exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["reference", "add", "grace", "--skill", " "],
            "Error: Name the skill they would speak for (--skill).\n",
        ),
        (
            ["reference", "add", "grace", "--skill", "C", "--declined", "--confirmed", "today"],
            "Error: Someone who declined cannot have confirmed; drop --confirmed or --declined.\n",
        ),
        (
            ["reference", "add", "grace", "--skill", "C", "--confirmed", "2027-01-01"],
            "Error: 2027-01-01 is in the future.\n",
        ),
        (
            ["reference", "confirm", "kim"],
            "Error: Kim Expert is not a reference yet; add them with 'tiebook reference add'.\n",
        ),
        (["references", "--format", "pdf"], "Error: Unknown format 'pdf'; use text, md or csv.\n"),
        (["reference", "remove", "999"], "Error: No reference with number 999.\n"),
    ],
)
def test_a_bad_reference_command_says_why(tb, references, args, message):
    before = list(Vouch.objects.order_by("id").values())
    result = tb(*args)
    assert (result.exit_code, result.stderr) == (1, message)
    assert list(Vouch.objects.order_by("id").values()) == before


def test_no_references_yet(tb):
    assert tb("references").stdout == (
        "No references agreed and confirmed within the last 12 months.\n"
    )


def test_show_lists_what_they_are_a_reference_for(tb, references):
    result = tb("show", "ada")
    assert (
        "Reference for you:\n  Python: ask again, last confirmed 2025-10-30, over 12 months ago\n"
        in result.stdout
    )
    assert tb.json("show", "grace")["references"] == [
        {
            "id": Vouch.objects.get(skill="COBOL").pk,
            "skill": "COBOL",
            "status": "reference",
            "why": "confirmed 2026-11-30",
        }
    ]

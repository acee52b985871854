"""The people commands, as a user sees them: exact output, exit codes, and the database after."""

from __future__ import annotations

import pytest

from tiebook.people.models import ContactPoint, Organization, Person, PersonType

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, int, int, int]:
    return (
        Person.objects.count(),
        PersonType.objects.count(),
        ContactPoint.objects.count(),
        Organization.objects.count(),
    )


def test_it_adds_a_person_with_two_types(tb):
    result = tb(
        "add",
        "Grace Hopper",
        "--type",
        "mentor",
        "--type",
        "educator",
        "--org",
        "US Navy",
        "--email",
        "grace@navy.example",
    )
    assert result.exit_code == 0
    assert result.stdout == (
        f"Added Grace Hopper (id {Person.objects.get().pk}): mentor, educator at US Navy.\n"
        "Next follow-up 2026-12-30 (in 30 days), every 30 days (mentor).\n"
    )
    person = Person.objects.get()
    assert sorted(person.types.values_list("type", flat=True)) == ["educator", "mentor"]
    assert person.contact_points.get().normalized == "grace@navy.example"


def test_it_shows_the_logged_interaction_and_the_next_due_date(tb):
    tb(
        "add",
        "Grace Hopper",
        "--type",
        "mentor",
        "--type",
        "educator",
        "--org",
        "US Navy",
        "--email",
        "grace@navy.example",
    )
    logged = tb("log", "grace", "Coffee")
    assert logged.exit_code == 0
    shown = tb.json("show", "grace")
    assert [(i["on"], i["summary"], i["kind"]) for i in shown["interactions"]] == [
        ("2026-11-30", "Coffee", "meeting")
    ]
    assert shown["last_interaction_at"] == "2026-11-30T09:00:00+00:00"
    assert shown["next_due_on"] == "2026-12-30"
    assert shown["interval_days"] == 30
    assert shown["why"] == "mentor - last talk today, every 30 days"
    assert shown["categories"] == ["personal"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--type", "mentr"], "Error: Unknown connection type 'mentr'. Did you mean 'mentor'?\n"),
        (["--email", "grace@"], "Error: 'grace@' is not an email address.\n"),
        (["--phone", "call me"], "Error: 'call me' is not a phone number.\n"),
        (["--circle", "7"], "Error: Circle must be one of 5, 15, 50 or 150; got '7'.\n"),
        (
            ["--every", "soon"],
            "Error: 'soon' is not a duration; write it like 30d, 2w, 3m or 1y.\n",
        ),
        (["--url", "not a url"], "Error: 'not a url' is not a web address.\n"),
    ],
)
def test_it_rejects_bad_input_with_one_sentence_and_writes_nothing(tb, args, message):
    result = tb(
        "add",
        "Ada Lovelace",
        "--org",
        "Analytical Engines",
        "--email",
        "ada@engines.example",
        *args,
    )
    assert result.exit_code == 1
    assert result.stderr == message
    assert result.stdout == ""
    assert counts() == (0, 0, 0, 0)


def test_it_refuses_an_email_that_is_already_someones(tb):
    tb("add", "Grace Hopper", "--email", "grace@navy.example")
    result = tb("add", "G. Hopper", "--email", "GRACE@navy.example")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "Error: grace@navy.example already belongs to Grace Hopper (id "
    )
    assert Person.objects.count() == 1
    assert (
        tb("add", "G. Hopper", "--email", "grace@navy.example", "--allow-duplicate").exit_code == 0
    )


def test_an_ambiguous_person_lists_the_candidates_and_exits_2(tb):
    first = tb.json("add", "Grace Hopper", "--org", "US Navy")
    second = tb.json("add", "Grace Murray")
    result = tb("show", "grace")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: 'grace' matches 2 people; use an id or more of the name.\n"
        f"  {first['id']}  Grace Hopper, US Navy\n"
        f"  {second['id']}  Grace Murray\n"
    )


def test_no_match_exits_1(tb):
    result = tb("show", "nobody")
    assert result.exit_code == 1
    assert result.stderr == "Error: No one matches 'nobody'. Try 'tiebook list' to see everyone.\n"


def test_a_person_is_found_by_id_and_by_email(tb):
    added = tb.json("add", "Grace Hopper", "--email", "grace@navy.example")
    assert tb.json("show", str(added["id"]))["name"] == "Grace Hopper"
    assert tb.json("show", "navy.example")["name"] == "Grace Hopper"


def test_it_edits_types_contacts_tags_and_rhythm(tb):
    tb("add", "Grace Hopper", "--type", "mentor", "--email", "grace@navy.example")
    result = tb(
        "edit",
        "grace",
        "--type",
        "friend",
        "--drop-type",
        "mentor",
        "--every",
        "3w",
        "--email",
        "grace@home.example",
        "--drop-contact",
        "grace@navy.example",
        "--tag",
        "Navy",
        "--title",
        "Rear Admiral",
    )
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1] == (
        "Next follow-up 2026-12-21 (in 21 days), every 21 days (your setting for them)."
    )
    shown = tb.json("show", "grace")
    assert shown["types"] == ["friend"]
    assert [e["value"] for e in shown["emails"]] == ["grace@home.example"]
    assert shown["tags"] == ["Navy"]
    assert shown["title"] == "Rear Admiral"


def test_a_failed_edit_changes_nothing(tb):
    tb("add", "Grace Hopper", "--type", "mentor")
    result = tb("edit", "grace", "--name", "Grace B. Hopper", "--type", "frend")
    assert result.exit_code == 1
    assert result.stderr == "Error: Unknown connection type 'frend'. Did you mean 'friend'?\n"
    person = Person.objects.get()
    assert person.display_name == "Grace Hopper"
    assert list(person.types.values_list("type", flat=True)) == ["mentor"]


def test_it_lists_with_filters(tb):
    tb("add", "Grace Hopper", "--type", "mentor", "--org", "US Navy")
    tb("add", "Ada Lovelace", "--type", "contractor", "--tag", "math")
    tb("add", "Alan Turing", "--type", "colleague", "--type", "friend")
    names = lambda *a: [p["name"] for p in tb.json("list", *a)["people"]]  # noqa: E731
    assert names() == ["Ada Lovelace", "Alan Turing", "Grace Hopper"]
    assert names("--category", "personal") == ["Alan Turing", "Grace Hopper"]
    assert names("--type", "contractor") == ["Ada Lovelace"]
    assert names("--tag", "MATH") == ["Ada Lovelace"]
    assert names("--org", "navy") == ["Grace Hopper"]
    assert names("--limit", "1", "--offset", "1") == ["Alan Turing"]
    assert tb.json("list", "--limit", "1")["total"] == 3


def test_list_prints_a_table_and_the_paging_hint(tb):
    tb("add", "Grace Hopper", "--type", "mentor", "--org", "US Navy")
    tb("add", "Ada Lovelace")
    result = tb("list", "--limit", "1")
    assert result.exit_code == 0
    lines = [line.rstrip() for line in result.stdout.splitlines()]
    assert lines[0].split() == [
        "id",
        "name",
        "types",
        "organization",
        "last",
        "talk",
        "next",
        "due",
    ]
    assert "Ada Lovelace" in lines[1]
    assert lines[2] == "1-1 of 2; use --offset 1 for more."


def test_tag_adds_removes_and_shows(tb):
    tb("add", "Grace Hopper")
    assert tb("tag", "grace", "navy", "cobol").stdout == "Grace Hopper: cobol, navy\n"
    assert tb("tag", "grace", "navy", "--remove").stdout == "Grace Hopper: cobol\n"
    assert tb("tag", "grace").stdout == "Grace Hopper: cobol\n"


def test_archive_hides_from_list_and_due_and_undo_brings_back(tb):
    tb("add", "Grace Hopper", "--type", "mentor")
    assert tb("archive", "grace").stdout.startswith("Archived Grace Hopper (id ")
    assert tb.json("list")["people"] == []
    assert [p["name"] for p in tb.json("list", "--archived")["people"]] == ["Grace Hopper"]
    tb("archive", "grace", "--undo")
    assert [p["name"] for p in tb.json("list")["people"]] == ["Grace Hopper"]


def test_delete_asks_first(tb):
    tb("add", "Grace Hopper")
    declined = tb("delete", "grace", input="n\n")
    assert declined.exit_code == 1
    assert "Nothing deleted." in declined.stdout
    assert Person.objects.count() == 1
    done = tb("delete", "grace", "--yes")
    assert done.exit_code == 0
    assert done.stdout.startswith("Deleted Grace Hopper (id ")
    assert Person.objects.count() == 0


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        ("²", "Error: No one matches '²'. Try 'tiebook list' to see everyone.\n"),
        ("9" * 25, f"Error: No person with id {'9' * 25}.\n"),
    ],
)
def test_a_person_id_that_is_no_id_is_no_one(tb, ref, message):
    tb("add", "Grace Hopper")
    result = tb("show", ref)
    assert result.exit_code == 1
    assert result.stderr == message


@pytest.mark.parametrize("command", [["add", "Ada Lovelace"], ["edit", "grace"]])
@pytest.mark.parametrize("every", ["3000000d", "99999999999d", "101y"])
def test_a_rhythm_over_100_years_is_one_sentence_and_writes_nothing(tb, command, every):
    tb("add", "Grace Hopper", "--every", "30d")
    result = tb(*command, "--every", every)
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: '{every}' is longer than 100 years; write at most 36,500 days (100y).\n"
    )
    assert result.stdout == ""
    assert list(Person.objects.values_list("display_name", "interval_days")) == [
        ("Grace Hopper", 30)
    ]


@pytest.mark.parametrize(
    "args",
    [
        ["list", "--limit", "9" * 25],
        ["list", "--offset", "9" * 25],
        ["show", "grace", "--limit", "9" * 25],
        ["due", "--limit", "9" * 25],
        ["dupes", "--limit", "9" * 25],
    ],
)
def test_a_count_larger_than_any_network_is_refused_before_the_database(tb, args):
    tb("add", "Grace Hopper")
    result = tb(*args)
    assert result.exit_code == 2
    assert result.stderr.endswith(": Input should be less than or equal to 2147483647\n")
    assert "database" not in result.stderr

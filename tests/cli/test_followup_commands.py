"""Logging, the due list, snoozing and the taxonomy, through the command line."""

from __future__ import annotations

import datetime as dt

import pytest

from tiebook.interactions.models import Interaction, KnowledgeShare, Participant

pytestmark = pytest.mark.django_db


def test_it_logs_one_interaction_with_several_people(tb):
    tb("add", "Grace Hopper", "--type", "mentor")
    tb("add", "Ada Lovelace", "--type", "colleague")
    result = tb(
        "log",
        "grace",
        "ada",
        "Lunch after the talk",
        "--kind",
        "meal",
        "--they-reached-out",
        "--gave",
        "Intro to the Rust meetup",
    )
    assert result.exit_code == 0
    assert result.stdout == (
        "Logged meal with Grace Hopper, Ada Lovelace on 2026-11-30: Lunch after the talk\n"
        "  Grace Hopper: next follow-up 2026-12-30 (in 30 days)\n"
        "  Ada Lovelace: next follow-up 2027-01-29 (in 60 days)\n"
    )
    interaction = Interaction.objects.get()
    assert (interaction.kind, interaction.direction) == ("meal", "incoming")
    assert Participant.objects.count() == 2
    assert KnowledgeShare.objects.filter(direction="gave").count() == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--on", "2026-13-01"],
            "Error: '2026-13-01' is not a date; write it as YYYY-MM-DD, e.g. 2026-03-15.\n",
        ),
        (["--on", "2027-01-05"], "Error: 2027-01-05 is in the future; log what has happened.\n"),
        (
            ["--kind", "telepathy"],
            "Error: Unknown kind 'telepathy'; use one of meeting, call, message, email, meal, "
            "event, note.\n",
        ),
    ],
)
def test_a_bad_log_says_why_and_writes_nothing(tb, args, message):
    tb("add", "Grace Hopper", "--type", "mentor")
    result = tb("log", "grace", "Coffee", *args)
    assert result.exit_code == 1
    assert result.stderr == message
    assert Interaction.objects.count() == 0
    assert tb.json("show", "grace")["last_interaction_at"] is None


def test_a_log_naming_an_unknown_person_writes_nothing(tb):
    tb("add", "Grace Hopper", "--type", "mentor")
    result = tb("log", "grace", "nobody", "Coffee")
    assert result.exit_code == 1
    assert Interaction.objects.count() == 0


def test_a_backdated_log_sets_the_clock_from_that_day(tb):
    tb("add", "Grace Hopper", "--type", "mentor")
    tb("log", "grace", "Conference chat", "--on", "2026-09-01")
    shown = tb.json("show", "grace")
    assert shown["next_due_on"] == "2026-10-01"
    assert shown["why"] == "mentor - last talk 90 days ago, every 30 days"


def test_due_lists_overdue_people_first_each_with_why(tb, frozen):
    tb("add", "Grace Hopper", "--type", "mentor")
    tb("add", "Ada Lovelace", "--type", "colleague")
    tb("add", "Alan Turing", "--type", "friend")
    tb("log", "grace", "Coffee", "--on", "2026-10-01")  # due 2026-10-31: 30 days overdue
    tb("log", "ada", "Standup", "--on", "2026-09-30")  # due 2026-11-29: 1 day overdue
    tb("log", "alan", "Walk", "--on", "2026-10-20")  # due 2026-12-04: in 4 days
    result = tb("due", "--within", "7d")
    assert result.exit_code == 0
    lines = [line.rstrip() for line in result.stdout.splitlines()]
    assert lines[0] == "2 overdue, 1 due by 2026-12-07."
    rows = [line.split(None, 1)[1] for line in lines[2:]]
    assert rows[0].startswith("Grace Hopper  30d overdue  mentor - last talk 60 days ago")
    assert rows[1].startswith("Ada Lovelace  1d overdue   colleague - last talk 61 days ago")
    assert rows[2].startswith("Alan Turing   in 4d        friend - last talk 41 days ago")
    assert [p["name"] for p in tb.json("due")["people"]] == ["Grace Hopper", "Ada Lovelace"]


def test_due_on_an_empty_day(tb):
    assert tb("due").stdout == "No one is due. Nice.\n"


def test_snooze_pushes_a_follow_up_out_but_never_earlier(tb):
    tb("add", "Grace Hopper", "--type", "mentor")
    tb("log", "grace", "Coffee", "--on", "2026-10-01")
    result = tb("snooze", "grace", "2w")
    assert result.stdout == (
        "Snoozed Grace Hopper until 2026-12-14; next follow-up 2026-12-14 (in 14 days).\n"
    )
    assert tb.json("due")["people"] == []
    tb("log", "grace", "Call")
    assert tb("snooze", "grace", "3d").stdout == (
        "Snoozed Grace Hopper until 2026-12-14; next follow-up 2026-12-30 (in 30 days).\n"
    )


def test_types_shows_twelve_types_in_three_categories(tb):
    tb("add", "Grace Hopper", "--type", "mentor", "--type", "educator")
    tb("add", "Ada Lovelace", "--type", "mentor")
    data = tb.json("types")
    assert [c["category"] for c in data["categories"]] == ["operational", "strategic", "personal"]
    assert sum(len(c["types"]) for c in data["categories"]) == 12
    personal = data["categories"][2]
    assert personal["people"] == 2
    assert {t["type"]: t["people"] for t in personal["types"]} == {
        "mentor": 2,
        "educator": 1,
        "family": 0,
        "friend": 0,
    }
    text = tb("types").stdout
    for header in ("operational (0)", "strategic (0)", "personal (2)"):
        assert header in text


def test_interval_changes_a_types_rhythm_for_everyone_of_that_type(tb):
    tb("add", "Grace Hopper", "--type", "mentor")
    assert tb("interval", "mentor", "3w").stdout == "mentor: every 21 days; 1 person updated.\n"
    assert tb.json("show", "grace")["next_due_on"] == "2026-12-21"
    assert tb("interval", "mentor", "default").stdout == (
        "mentor: every 30 days (the default); 1 person updated.\n"
    )
    assert tb.json("show", "grace")["next_due_on"] == "2026-12-30"


def test_promises_are_kept_and_raise_priority(tb):
    tb("add", "Grace Hopper", "--type", "mentor")
    made = tb("promise", "grace", "Send the COBOL paper", "--by", "2026-12-15")
    assert made.stdout.endswith(": You owe Grace Hopper: Send the COBOL paper by 2026-12-15.\n")
    shown = tb.json("show", "grace")
    assert shown["why"].endswith("; you promised: Send the COBOL paper")
    number = shown["promises"][0]["id"]
    assert tb("done", str(number)).stdout == f"Kept promise {number}: Send the COBOL paper.\n"
    assert tb("promises").stdout == "No open promises.\n"


@pytest.mark.parametrize(
    "args",
    [
        ["snooze", "grace", "3000000d"],
        ["interval", "mentor", "3000000d"],
        ["due", "--within", "3000000d"],
    ],
)
def test_a_period_over_100_years_is_one_sentence(tb, args):
    tb("add", "Grace Hopper", "--type", "mentor")
    result = tb(*args)
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: '3000000d' is longer than 100 years; write at most 36,500 days (100y).\n"
    )
    assert tb.json("show", "grace")["next_due_on"] == "2026-12-30"


def test_due_names_the_reason_a_nudge_gives_and_lists_what_has_no_person(tb):
    from tiebook.core.owners import owner_get_or_create
    from tiebook.followups.nudges import nudge_set
    from tiebook.people.models import Person

    tb("add", "Li Wei", "--type", "licensing-authority")
    me, _ = owner_get_or_create()
    li = Person.objects.get(display_name="Li Wei")
    nudge_set(
        owner=me,
        source="credential",
        source_id=3,
        person=li,
        due_on=dt.date(2026, 11, 1),
        why="Nursing licence expires on 2027-01-29: renew with the Board",
        closes_on_contact=False,
    )
    nudge_set(
        owner=me,
        source="opportunity",
        source_id=8,
        person=None,
        due_on=dt.date(2026, 12, 2),
        why="next step for Staff engineer at Acme: send the portfolio",
    )

    data = tb.json("due", "--within", "7d")
    [person] = data["people"]
    assert person["why"].startswith("Nursing licence expires on 2027-01-29: renew with")
    assert person["overdue_days"] == 29
    assert person["reasons"] == [
        {
            "source": "credential",
            "source_id": 3,
            "due_on": "2026-11-01",
            "why": "Nursing licence expires on 2027-01-29: renew with the Board",
        }
    ]
    assert data["items"] == [
        {
            "source": "opportunity",
            "source_id": 8,
            "due_on": "2026-12-02",
            "why": "next step for Staff engineer at Acme: send the portfolio",
            "person": None,
        }
    ]
    lines = tb("due", "--within", "7d").stdout.splitlines()
    assert lines[-2:] == [
        "Also due:",
        "  2026-12-02 (in 2 days): next step for Staff engineer at Acme: send the portfolio",
    ]
    assert tb.json("due")["items"] == []  # not due today


def test_someone_with_no_rhythm_but_a_nudge_shows_when_and_why(tb):
    from tiebook.core.owners import owner_get_or_create
    from tiebook.followups.nudges import nudge_set
    from tiebook.people.models import Person

    tb("add", "Ana Silva")
    me, _ = owner_get_or_create()
    ana = Person.objects.get(display_name="Ana Silva")
    nudge_set(
        owner=me,
        source="event",
        source_id=1,
        person=ana,
        due_on=dt.date(2026, 12, 2),
        why="met at PyCon Lisbon on 2026-11-30",
    )
    lines = tb("show", "ana").stdout.splitlines()
    assert "Follow-up: 2026-12-02 (in 2 days)." in lines
    assert "Why: met at PyCon Lisbon on 2026-11-30" in lines

"""tiebook intro and intros: an introduction you made, its tie, and the follow-ups a week on."""

from __future__ import annotations

import datetime as dt

import pytest

from tiebook.followups.models import Nudge
from tiebook.interactions.models import Interaction
from tiebook.people.models import Person, Relationship


def pk(name: str) -> int:
    return Person.objects.get(display_name=name).pk


@pytest.fixture
def people(tb):
    for name in ("Ada Lovelace", "Grace Hopper", "Alan Turing"):
        assert tb("add", name, "--type", "colleague").exit_code == 0
    return tb


def test_intro_logs_a_note_ties_them_and_makes_both_due_a_week_later(people):
    tb = people
    result = tb("intro", "Ada", "Grace", "--note", "both work on compilers")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Introduced Ada Lovelace to Grace Hopper on 2026-11-30.\n"
        "Both are due on 2026-12-07 to ask how it went.\n"
    )
    intro = Interaction.objects.get()
    assert (intro.kind, intro.source, intro.summary, intro.notes, intro.direction) == (
        "note",
        "intro",
        "Introduced Ada Lovelace to Grace Hopper",
        "both work on compilers",
        "outgoing",
    )
    assert sorted(intro.people.values_list("display_name", flat=True)) == [
        "Ada Lovelace",
        "Grace Hopper",
    ]
    tie = Relationship.objects.get()
    assert (tie.kind, tie.source) == ("knows", "intro")
    why = "you introduced Ada Lovelace to Grace Hopper on 30 Nov 2026: ask how it went"
    nudges = Nudge.objects.order_by("person__display_name")
    assert [(n.person.display_name, n.source, n.source_id, n.due_on, n.why) for n in nudges] == [
        ("Ada Lovelace", "intro", intro.pk, dt.date(2026, 12, 7), why),
        ("Grace Hopper", "intro", intro.pk, dt.date(2026, 12, 7), why),
    ]
    assert Person.objects.get(display_name="Ada Lovelace").next_due_on == dt.date(2026, 12, 7)


def test_both_show_on_the_due_list_a_week_later_with_the_introduction_as_their_why(people, frozen):
    tb = people
    tb("intro", "Ada", "Grace")
    frozen.shift(dt.timedelta(days=7))
    data = tb.json("due")
    found = {p["name"]: p for p in data["people"]}
    assert set(found) == {"Ada Lovelace", "Grace Hopper"}
    why = "you introduced Ada Lovelace to Grace Hopper on 30 Nov 2026: ask how it went"
    assert found["Grace Hopper"]["why"].startswith(why)
    assert found["Ada Lovelace"]["reasons"] == [
        {
            "source": "intro",
            "source_id": Interaction.objects.get().pk,
            "due_on": "2026-12-07",
            "why": why,
        }
    ]


def test_talking_to_one_of_them_afterwards_closes_only_their_follow_up(people, frozen):
    tb = people
    tb("intro", "Ada", "Grace", "--on", "2026-11-20")
    frozen.shift(dt.timedelta(days=1))
    tb("log", "Grace", "Asked how the intro went")
    intro = Interaction.objects.get(source="intro")
    assert tb("intros").stdout == (
        f"{intro.pk:>4}  2026-11-20  Introduced Ada Lovelace to Grace Hopper"
        "  (ask how it went by 2026-11-27)\n"
    )
    [item] = tb.json("intros")
    assert item == {
        "id": intro.pk,
        "on": "2026-11-20",
        "summary": "Introduced Ada Lovelace to Grace Hopper",
        "note": "",
        "people": [
            {"id": pk("Ada Lovelace"), "name": "Ada Lovelace"},
            {"id": pk("Grace Hopper"), "name": "Grace Hopper"},
        ],
        "follow_ups_open": 1,
        "follow_up_due_on": "2026-11-27",
    }
    tb("log", "Ada", "Coffee")
    assert tb("intros").stdout.endswith("(followed up)\n")


def test_intro_keeps_a_tie_they_already_had_and_refuses_one_person_twice(people):
    tb = people
    tb("relate", "Ada", "Grace")
    assert tb("intro", "Grace", "Ada").exit_code == 0
    assert Relationship.objects.get().source == "manual"
    same = tb("intro", "Ada", str(pk("Ada Lovelace")))
    assert (same.exit_code, same.stderr) == (
        1,
        "Error: An introduction needs two different people.\n",
    )
    future = tb("intro", "Ada", "Alan", "--on", "2027-01-01")
    assert future.exit_code == 1
    assert future.stderr == "Error: 2027-01-01 is in the future; log what has happened.\n"
    assert Interaction.objects.count() == 1


def test_intros_without_any_says_how_to_record_one(people):
    assert people("intros").stdout == (
        'No introductions yet; record one with: tiebook intro PERSON OTHER --note "why"\n'
    )


def test_deleting_the_introduction_takes_its_follow_ups_with_it(people):
    tb = people
    tb("intro", "Ada", "Grace")
    intro = Interaction.objects.get()
    assert tb("interaction", "delete", str(intro.pk), "--yes").exit_code == 0
    assert not Nudge.objects.exists()
    assert tb.json("intros") == []


def test_an_introduction_recorded_late_is_already_followed_up_by_a_later_talk(people):
    tb = people
    tb("log", "Grace", "Lunch", "--on", "2026-11-25")
    tb("intro", "Ada", "Grace", "--on", "2026-11-20")
    [item] = tb.json("intros")
    assert item["follow_ups_open"] == 1  # Ada's: no talk with her since
    assert [n.person.display_name for n in Nudge.objects.filter(done_at=None)] == ["Ada Lovelace"]

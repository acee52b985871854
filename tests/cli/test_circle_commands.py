"""tiebook circle and tiebook circles: set a circle, see the suggestion, accept them all."""

from __future__ import annotations

import pytest

from tests.factories import log, make_person
from tiebook.people.models import Person


@pytest.fixture
def network(tb):
    """Grace: monthly and strong; Ada: every other month; Bo: once this year; Cy: never; Di in
    circle 50 by hand without a touch this year."""
    from tiebook.core.owners import owner_get_or_create

    me, _ = owner_get_or_create()
    grace = make_person(me, "Grace Hopper", types=["mentor"], added_days_ago=400)
    ada = make_person(me, "Ada Lovelace", types=["colleague"], added_days_ago=400)
    bo = make_person(me, "Bo Chen", types=["friend"], added_days_ago=400)
    make_person(me, "Cy Dee", types=["friend"], added_days_ago=400)
    make_person(me, "Di Gone", types=["educator"], added_days_ago=400, circle=50)
    for n in range(12):
        log(me, grace, days_ago=2 + 30 * n, they_reached_out=n % 2 == 0)
    for n in range(6):
        log(me, ada, days_ago=5 + 60 * n)
    log(me, bo, days_ago=200)
    return me


def circle_of(name: str) -> int | None:
    return Person.objects.get(display_name=name).circle


def id_of(name: str) -> int:
    return Person.objects.get(display_name=name).pk


def test_circle_shows_the_current_and_the_suggested_circle(tb, network):
    result = tb("circle", "grace")

    assert result.exit_code == 0
    assert result.stdout == (
        f"Grace Hopper (id {id_of('Grace Hopper')}): no circle.\n"
        "Suggested: circle 5 (strong (75), 12 touches this year: inner 5).\n"
        "Next follow-up 2026-12-28 (in 28 days), every 30 days (mentor).\n"
    )


def test_circle_sets_it_and_prints_the_new_rhythm(tb, network):
    result = tb("circle", "grace", "5")

    assert result.exit_code == 0
    assert result.stdout == (
        f"Put Grace Hopper (id {id_of('Grace Hopper')}) in circle 5.\n"
        "Next follow-up 2026-12-05 (in 5 days), every 7 days (circle 5).\n"
    )
    assert circle_of("Grace Hopper") == 5
    assert Person.objects.get(display_name="Grace Hopper").next_due_on.isoformat() == "2026-12-05"


def test_circle_none_takes_them_out_and_the_type_sets_the_rhythm_again(tb, network):
    result = tb("circle", "di", "none")

    assert result.exit_code == 0
    assert result.stdout == (
        f"Took Di Gone (id {id_of('Di Gone')}) out of any circle.\n"
        "Next follow-up 2026-04-24 (220 days overdue), every 180 days (educator).\n"
    )
    assert circle_of("Di Gone") is None


def test_circle_json(tb, network):
    assert tb.json("circle", "ada") == {
        "id": id_of("Ada Lovelace"),
        "name": "Ada Lovelace",
        "circle": None,
        "suggested": 15,
        "why": "moderate (52), 6 touches this year: circle 15",
        "interval_days": 60,
        "interval_from": "colleague",
        "next_due_on": "2027-01-24",
    }


@pytest.mark.parametrize("value", ["7", "inner", "0"])
def test_a_circle_that_is_not_a_layer_is_one_sentence_and_exit_1(tb, network, value):
    result = tb("circle", "grace", value)

    assert result.exit_code == 1
    assert result.stderr == f"Error: Circle must be one of 5, 15, 50 or 150; got '{value}'.\n"
    assert circle_of("Grace Hopper") is None


def test_circle_of_no_one_is_exit_1(tb, network):
    result = tb("circle", "nobody", "5")

    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ")


def test_circles_compares_the_layers_with_dunbars(tb, network):
    data = tb.json("circles")

    assert data["layers"] == [
        {"circle": 5, "size": 5, "now": 0, "suggested": 1},
        {"circle": 15, "size": 15, "now": 0, "suggested": 2},
        {"circle": 50, "size": 50, "now": 1, "suggested": 2},
        {"circle": 150, "size": 150, "now": 1, "suggested": 3},
    ]
    assert [(c["name"], c["circle"], c["suggested"]) for c in data["changes"]] == [
        ("Grace Hopper", None, 5),
        ("Ada Lovelace", None, 15),
        ("Bo Chen", None, 150),
        ("Di Gone", 50, None),
    ]
    assert data["changes"][3]["why"] == "new (3), no touches this year: outside the 150"


def test_circles_suggest_lists_what_differs(tb, network):
    result = tb("circles", "--suggest")

    assert result.exit_code == 0
    assert "4 suggestions differ from your circles: see them with --suggest." in result.stdout
    grace = next(line for line in result.stdout.splitlines() if "Grace Hopper" in line)
    assert [cell.strip() for cell in grace.split("│")[1:6]] == [
        str(id_of("Grace Hopper")),
        "Grace Hopper",
        "-",
        "5",
        "strong (75), 12 touches this year: inner 5",
    ]


def test_circles_apply_asks_first_and_changes_nothing_when_refused(tb, network):
    result = tb("circles", "--apply", input="n\n")

    assert result.exit_code == 1
    assert "Accept 4 suggested circles? [y/N]: n\nNothing changed.\n" in result.stdout
    assert circle_of("Grace Hopper") is None
    assert circle_of("Di Gone") == 50


def test_circles_apply_accepts_them_all_and_moves_the_follow_ups(tb, network):
    result = tb("circles", "--apply", "--yes")

    assert result.exit_code == 0
    assert result.stdout.endswith("Accepted 4 suggested circles; their follow-up rhythms follow.\n")
    assert [circle_of(n) for n in ("Grace Hopper", "Ada Lovelace", "Bo Chen", "Cy Dee")] == [
        5,
        15,
        150,
        None,
    ]
    assert circle_of("Di Gone") is None
    grace = Person.objects.get(display_name="Grace Hopper")
    assert (grace.followup_interval_days, grace.next_due_on.isoformat()) == (7, "2026-12-05")
    assert tb.json("circles")["changes"] == []


def test_circles_apply_with_nothing_to_change_says_so(tb, db):
    result = tb("circles", "--apply")

    assert result.exit_code == 0
    assert result.stdout.endswith("0 suggestions differ from your circles.\nNothing to change.\n")

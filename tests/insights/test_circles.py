"""Suggested circles: ranked over the whole network, no layer past its size, each with a why."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from tiebook.insights.circles import (
    CircleInputs,
    layer_sizes,
    suggest_circles,
)

TODAY = dt.date(2026, 11, 30)


def tie(pk: int, strength: int, touches: int, *, days_ago: int = 3, circle=None) -> CircleInputs:
    return CircleInputs(pk, strength, touches, TODAY - dt.timedelta(days=days_ago), circle)


def test_it_puts_a_strong_frequent_tie_in_the_inner_5_and_says_why():
    found = suggest_circles([tie(1, 72, 20)], today=TODAY)

    assert found[1].suggested == 5
    assert found[1].why == "strong (72), 20 touches this year: inner 5"
    assert found[1].differs


def test_each_layer_asks_for_its_own_strength_and_touches():
    people = [
        tie(1, 65, 12),  # strong, monthly: the 5
        tie(2, 65, 11),  # strong but not quite monthly: the 15
        tie(3, 50, 6),  # moderate, every other month: the 15
        tie(4, 40, 5),  # the 50
        tie(5, 20, 1, days_ago=200),  # once this year: the 150
        tie(6, 90, 0, days_ago=400),  # strong once, no touch this year: outside
    ]

    found = suggest_circles(people, today=TODAY)

    assert {pk: s.suggested for pk, s in found.items()} == {
        1: 5,
        2: 15,
        3: 15,
        4: 50,
        5: 150,
        6: None,
    }
    assert found[5].why == "weak (20), 1 touch this year: circle 150"
    assert found[6].why == "strong (90), no touches this year: outside the 150"


def test_the_strongest_fill_a_layer_and_the_next_one_falls_to_the_layer_out():
    people = [tie(pk, 90 - pk, 20) for pk in range(1, 8)]  # seven who all earn the 5

    found = suggest_circles(people, today=TODAY)

    assert [found[pk].suggested for pk in range(1, 8)] == [5, 5, 5, 5, 5, 15, 15]
    assert (
        found[6].why
        == "strong (84), 20 touches this year: circle 15 (inner 5 is full of stronger ties)"
    )


def test_when_every_layer_is_full_the_rest_are_outside_and_told_so():
    people = [tie(pk, 70, 30) for pk in range(1, 152)]

    found = suggest_circles(people, today=TODAY)

    assert Counter(s.suggested for s in found.values()) == {5: 5, 15: 10, 50: 35, 150: 100, None: 1}
    assert found[151].why == (
        "strong (70), 30 touches this year: outside the 150 (inner 5 is full of stronger ties)"
    )


def test_ties_break_by_touches_then_the_latest_talk_then_the_id():
    people = [
        tie(1, 80, 12, days_ago=30),
        tie(2, 80, 12, days_ago=2),
        tie(3, 80, 40, days_ago=60),
        tie(4, 80, 12, days_ago=2),
    ] + [tie(pk, 95, 50) for pk in range(10, 13)]  # three stronger ones take most of the 5

    found = suggest_circles(people, today=TODAY)

    assert [found[pk].suggested for pk in (3, 2, 4, 1)] == [5, 5, 15, 15]


def test_a_suggestion_equal_to_the_circle_set_is_no_change():
    found = suggest_circles([tie(1, 72, 20, circle=5), tie(2, 10, 0, circle=50)], today=TODAY)

    assert not found[1].differs
    assert found[2].differs
    assert found[2].suggested is None


def test_a_dormant_or_new_tie_is_named_so():
    found = suggest_circles(
        [CircleInputs(1, 5, 0, None, None), tie(2, 12, 0, days_ago=4 * 365)], today=TODAY
    )

    assert found[1].why == "new (5), no touches this year: outside the 150"
    assert found[2].why == "dormant (12), no touches this year: outside the 150"


def test_layer_sizes_count_as_dunbar_does_the_outer_holding_the_inner():
    assert layer_sizes([5, 5, 15, None, 150, 50, 7]) == {5: 2, 15: 3, 50: 4, 150: 5}


people_strategy = st.lists(
    st.tuples(st.integers(0, 100), st.integers(0, 60), st.integers(0, 2000)),
    max_size=400,
)


@given(people_strategy)
def test_no_layer_ever_holds_more_than_its_size(rows):
    inputs = [tie(pk, s, t, days_ago=d) for pk, (s, t, d) in enumerate(rows)]

    found = suggest_circles(inputs, today=TODAY)

    sizes = layer_sizes(s.suggested for s in found.values())
    assert all(sizes[layer] <= layer for layer in sizes)
    assert set(found) == {i.person_id for i in inputs}


@given(people_strategy, st.integers(0, 100), st.integers(0, 100), st.integers(0, 60))
def test_a_stronger_tie_is_never_put_further_out_all_else_equal(rows, weak, extra, touches):
    others = [tie(pk, s, t, days_ago=d) for pk, (s, t, d) in enumerate(rows, start=10)]
    strong = min(100, weak + extra)
    found = suggest_circles([*others, tie(1, weak, touches), tie(2, strong, touches)], today=TODAY)

    outer = 10_000  # "outside the 150" is further out than any layer
    assert (found[2].suggested or outer) <= (found[1].suggested or outer)

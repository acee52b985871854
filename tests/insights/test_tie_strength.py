"""Tie strength: the score, its label and its why, on fixed dates and over generated inputs."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from tiebook.insights.tie_strength import DORMANT_AFTER_DAYS, TieInputs, tie_strength

TODAY = dt.date(2025, 6, 1)
COMPONENTS = {"recency", "frequency", "duration", "reciprocity", "multiplexity", "mutual"}


def days_ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


def close_colleague(**changes: object) -> TieInputs:
    """Talked 12 days ago, monthly for six years, each side starting half the talks."""
    inputs = TieInputs(
        today=TODAY,
        added_on=dt.date(2020, 1, 1),
        last_interaction_on=days_ago(12),
        first_interaction_on=dt.date(2019, 5, 1),
        interactions_last_year=12,
        interactions_total=70,
        incoming_total=35,
        gave=4,
        received=4,
        type_count=2,
        mutual_connections=6,
    )
    return replace(inputs, **changes)


def test_it_rates_a_recent_frequent_balanced_tie_strong():
    tie = tie_strength(close_colleague())

    assert tie.label == "strong"
    assert tie.score >= 80
    assert tie.components["reciprocity"] == 1.0
    assert tie.components["frequency"] == 1.0


def test_it_calls_a_never_contacted_person_new_and_scores_only_their_structure():
    inputs = TieInputs(today=TODAY, added_on=days_ago(5 * 365), type_count=3, mutual_connections=10)

    tie = tie_strength(inputs)

    assert tie.label == "new"
    assert tie.score == 30  # duration, multiplexity and mutual, each full at weight 0.1
    assert tie.components["recency"] == 0.0
    assert tie.components["reciprocity"] == 0.0
    assert tie.why == "new (30): never contacted, known 5 years, 3 kinds of connection"


def test_it_scores_a_new_person_with_nothing_in_common_zero():
    tie = tie_strength(TieInputs(today=TODAY, added_on=TODAY))

    assert (tie.score, tie.label, tie.why) == (0, "new", "new (0): never contacted")


def test_it_calls_a_tie_dormant_after_three_years_without_contact():
    tie = tie_strength(close_colleague(last_interaction_on=days_ago(DORMANT_AFTER_DAYS)))

    assert tie.label == "dormant"
    assert tie.why.startswith(f"dormant ({tie.score}): last talk 3 years ago")


def test_it_keeps_a_tie_awake_one_day_before_three_years():
    tie = tie_strength(close_colleague(last_interaction_on=days_ago(DORMANT_AFTER_DAYS - 1)))

    assert tie.label != "dormant"


def test_it_lets_recency_dominate_the_score():
    recent = tie_strength(close_colleague())
    long_ago = tie_strength(close_colleague(last_interaction_on=days_ago(2 * 365)))

    assert recent.score - long_ago.score >= 30
    assert (recent.label, long_ago.label) == ("strong", "moderate")


def test_it_weighs_recency_more_than_any_other_single_component():
    stale = tie_strength(close_colleague(last_interaction_on=days_ago(2 * 365))).score
    for other in (
        {"interactions_last_year": 0},
        {"first_interaction_on": TODAY, "added_on": TODAY},
        {"incoming_total": 0, "gave": 0},
        {"type_count": 0},
        {"mutual_connections": 0},
    ):
        assert tie_strength(close_colleague(**other)).score > stale, other


def test_it_halves_recency_every_ninety_days():
    tie = tie_strength(close_colleague(last_interaction_on=days_ago(90)))

    assert tie.components["recency"] == 0.5


def test_it_finds_a_one_sided_tie_less_reciprocal():
    balanced = tie_strength(close_colleague()).components["reciprocity"]
    i_always_call = tie_strength(close_colleague(incoming_total=0)).components["reciprocity"]
    i_call_and_give = tie_strength(close_colleague(incoming_total=0, gave=8, received=0))

    assert balanced == 1.0
    assert i_always_call == 0.5  # they still give as much as they get
    assert i_call_and_give.components["reciprocity"] == 0.0


def test_it_writes_the_why_line_with_label_score_and_the_facts_that_matter_most():
    inputs = TieInputs(
        today=TODAY,
        added_on=dt.date(2020, 1, 1),
        last_interaction_on=days_ago(12),
        first_interaction_on=dt.date(2019, 5, 1),
        interactions_last_year=8,
        interactions_total=40,
        incoming_total=20,
        type_count=1,
    )

    tie = tie_strength(inputs)

    assert tie.why == "strong (72): last talk 12 days ago, 8 touches this year, known 6 years"


def test_it_says_who_reaches_out_when_that_is_the_biggest_remaining_fact():
    inputs = TieInputs(
        today=TODAY,
        added_on=days_ago(20),
        last_interaction_on=days_ago(3),
        interactions_last_year=1,
        interactions_total=4,
        incoming_total=2,
    )

    tie = tie_strength(inputs)

    assert tie.why == (
        f"{tie.label} ({tie.score}): last talk 3 days ago, 1 touch this year, "
        "they reach out as often as you"
    )


dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31))
counts = st.integers(min_value=0, max_value=10_000)


@st.composite
def tie_inputs(draw: st.DrawFn) -> TieInputs:
    total = draw(counts)
    return TieInputs(
        today=draw(dates),
        added_on=draw(dates),
        last_interaction_on=draw(st.none() | dates),
        first_interaction_on=draw(st.none() | dates),
        interactions_last_year=draw(counts),
        interactions_total=total,
        incoming_total=draw(st.integers(min_value=0, max_value=total)),
        gave=draw(counts),
        received=draw(counts),
        type_count=draw(st.integers(min_value=0, max_value=12)),
        mutual_connections=draw(counts),
    )


@given(inputs=tie_inputs())
def test_it_always_scores_within_0_and_100_with_a_consistent_label(inputs: TieInputs):
    tie = tie_strength(inputs)

    assert 0 <= tie.score <= 100
    assert set(tie.components) == COMPONENTS
    assert all(0.0 <= value <= 1.0 for value in tie.components.values())
    assert tie.why.startswith(f"{tie.label} ({tie.score}): ")
    if tie.label == "strong":
        assert tie.score >= 60
    elif tie.label == "moderate":
        assert 30 <= tie.score < 60
    elif tie.label == "weak":
        assert tie.score < 30
    else:
        assert tie.label in {"dormant", "new"}


@given(inputs=tie_inputs(), earlier=dates, later=dates)
def test_more_recent_contact_never_lowers_strength(inputs: TieInputs, earlier, later):
    earlier, later = sorted((earlier, later))

    old = tie_strength(replace(inputs, last_interaction_on=earlier))
    recent = tie_strength(replace(inputs, last_interaction_on=later))
    never = tie_strength(replace(inputs, last_interaction_on=None))

    assert recent.score >= old.score >= never.score


@given(inputs=tie_inputs(), extra=st.integers(min_value=0, max_value=500))
def test_more_frequent_contact_never_lowers_strength(inputs: TieInputs, extra: int):
    more = replace(inputs, interactions_last_year=inputs.interactions_last_year + extra)

    assert tie_strength(more).score >= tie_strength(inputs).score

"""The follow-up rules: interval, next due date, why line, priority and rank, on fixed dates."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from hypothesis import assume, given
from hypothesis import strategies as st

from tiebook import taxonomy
from tiebook.followups.engine import (
    RECONNECT_BOOST,
    RECONNECT_MIN_TOUCHES,
    FollowupState,
    Interval,
    after_interaction,
    effective_interval,
    next_due,
    priority,
    rank,
    snoozed,
    type_interval,
    why,
)

TODAY = dt.date(2025, 6, 1)


def days_ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


def days_ahead(days: int) -> dt.date:
    return TODAY + dt.timedelta(days=days)


# effective_interval


def test_it_lets_the_person_override_beat_circle_and_types():
    state = FollowupState(types=("mentor",), circle=5, interval_override=10)

    assert effective_interval(state) == Interval(10, "person")


def test_it_lets_the_circle_beat_the_types_even_when_longer():
    state = FollowupState(types=("mentor",), circle=150)

    assert effective_interval(state) == Interval(365, "circle", circle=150)


def test_it_picks_the_shortest_type_default():
    state = FollowupState(types=("educator", "mentor"))

    assert effective_interval(state) == Interval(30, "type", "mentor")


def test_it_uses_the_owners_type_intervals_over_the_defaults():
    state = FollowupState(types=("educator", "mentor"), type_intervals={"mentor": 200})

    assert effective_interval(state) == Interval(180, "type", "educator")


def test_it_breaks_a_tie_between_types_by_taxonomy_order():
    state = FollowupState(types=("mentor", "direct_supervisor"))

    assert effective_interval(state) == Interval(30, "type", "direct_supervisor")


def test_it_ignores_a_circle_that_is_not_a_dunbar_layer():
    state = FollowupState(types=("friend",), circle=20)

    assert effective_interval(state) == Interval(45, "type", "friend")


def test_it_has_no_interval_without_types_circle_or_override():
    assert effective_interval(FollowupState()) is None


# next_due


def test_it_is_due_one_interval_after_the_last_interaction():
    state = FollowupState(types=("mentor",), last_interaction_on=dt.date(2025, 5, 1))

    assert next_due(state) == dt.date(2025, 5, 31)


def test_it_dates_a_never_contacted_person_from_when_they_were_added():
    state = FollowupState(types=("friend",), added_on=dt.date(2025, 5, 1))

    assert next_due(state) == dt.date(2025, 6, 15)


def test_it_prefers_the_last_interaction_over_the_add_date():
    state = FollowupState(
        types=("mentor",), added_on=dt.date(2025, 1, 1), last_interaction_on=dt.date(2025, 5, 1)
    )

    assert next_due(state) == dt.date(2025, 5, 31)


def test_it_dates_a_first_interaction_older_than_the_add_date_from_the_interaction():
    state = FollowupState(types=("mentor",), added_on=TODAY)

    logged = after_interaction(state, days_ago(60))

    assert next_due(logged) == days_ago(30)


def test_it_lets_a_snooze_push_the_due_date_later():
    state = FollowupState(
        types=("mentor",),
        last_interaction_on=dt.date(2025, 5, 1),
        snoozed_until=dt.date(2025, 7, 1),
    )

    assert next_due(state) == dt.date(2025, 7, 1)


def test_it_never_lets_a_snooze_bring_the_due_date_earlier():
    state = FollowupState(
        types=("mentor",),
        last_interaction_on=dt.date(2025, 5, 1),
        snoozed_until=dt.date(2025, 5, 10),
    )

    assert next_due(state) == dt.date(2025, 5, 31)


def test_it_has_no_due_date_without_a_rhythm():
    assert next_due(FollowupState(added_on=TODAY)) is None


def test_it_has_no_due_date_without_a_start():
    assert next_due(FollowupState(types=("mentor",))) is None


# after_interaction and snoozed


def test_it_moves_the_last_interaction_forward_when_logging():
    state = FollowupState(types=("mentor",), last_interaction_on=days_ago(40))

    assert after_interaction(state, TODAY).last_interaction_on == TODAY


def test_it_does_not_rewind_the_last_interaction_for_an_older_one():
    state = FollowupState(types=("mentor",), last_interaction_on=days_ago(5))

    assert after_interaction(state, days_ago(40)).last_interaction_on == days_ago(5)


def test_it_snoozes_for_the_given_days_from_today():
    state = FollowupState(types=("mentor",), last_interaction_on=days_ago(40))

    assert next_due(snoozed(state, TODAY, 7)) == days_ahead(7)


def test_it_keeps_a_later_snooze_when_snoozing_again_for_less():
    state = FollowupState(types=("mentor",), snoozed_until=days_ahead(20))

    assert snoozed(state, TODAY, 3).snoozed_until == days_ahead(20)


# why


def test_it_explains_a_type_rhythm_and_the_last_talk():
    state = FollowupState(types=("mentor",), last_interaction_on=days_ago(47))

    assert why(state, TODAY) == "mentor - last talk 47 days ago, every 30 days"


def test_it_uses_the_type_label_not_its_code():
    state = FollowupState(types=("direct_supervisor",), last_interaction_on=days_ago(2))

    assert why(state, TODAY) == "direct supervisor - last talk 2 days ago, every 30 days"


def test_it_explains_a_never_contacted_person_in_a_circle():
    state = FollowupState(circle=5, added_on=days_ago(3))

    assert why(state, TODAY) == "circle 5 - never contacted, added 3 days ago, every 7 days"


def test_it_explains_a_personal_setting_in_the_singular():
    state = FollowupState(interval_override=1, last_interaction_on=days_ago(1))

    assert why(state, TODAY) == "your setting for them - last talk yesterday, every day"


def test_it_says_today_for_a_talk_today():
    state = FollowupState(types=("friend",), last_interaction_on=TODAY)

    assert why(state, TODAY) == "friend - last talk today, every 45 days"


def test_it_says_never_contacted_without_an_add_date():
    state = FollowupState(types=("friend",))

    assert why(state, TODAY) == "friend - never contacted, every 45 days"


def test_it_mentions_a_snooze_that_sets_the_due_date():
    state = FollowupState(
        types=("mentor",), last_interaction_on=days_ago(47), snoozed_until=dt.date(2025, 7, 1)
    )

    assert why(state, TODAY) == (
        "mentor - last talk 47 days ago, every 30 days, snoozed until 2025-07-01"
    )


def test_it_leaves_out_a_snooze_that_has_passed():
    state = FollowupState(
        types=("mentor",), last_interaction_on=days_ago(47), snoozed_until=days_ago(2)
    )

    assert why(state, TODAY) == "mentor - last talk 47 days ago, every 30 days"


def test_it_mentions_the_first_promise_owed():
    state = FollowupState(
        types=("mentor",),
        last_interaction_on=days_ago(47),
        promises_owed=("send the deck", "intro to Ana"),
    )

    assert why(state, TODAY) == (
        "mentor - last talk 47 days ago, every 30 days; you promised: send the deck"
    )


def test_it_asks_for_a_rhythm_when_there_is_none():
    assert why(FollowupState(), TODAY) == (
        "no follow-up rhythm: give them a type, a circle or an interval"
    )


# priority and rank


def test_it_scores_overdue_share_of_the_interval_weighted_by_tie_strength():
    state = FollowupState(types=("mentor",), last_interaction_on=days_ago(45), tie_strength=50)

    result = priority(state, TODAY)

    assert result is not None
    # lateness 45/30 = 1.5, saturating: 2 * 1.5 / 2.5 = 1.2; weight 0.5 + 50/100 = 1
    assert (result.score, result.overdue_days, result.is_overdue) == (1.2, 15, True)
    assert result.why == "mentor - last talk 45 days ago, every 30 days"


def test_it_raises_priority_for_a_promise_owed():
    state = FollowupState(types=("mentor",), last_interaction_on=days_ago(45), tie_strength=50)
    promised = replace(state, promises_owed=("send the deck",))

    assert priority(promised, TODAY).score == priority(state, TODAY).score + 0.5


def test_it_ranks_a_stronger_tie_higher_for_the_same_lateness():
    weak = FollowupState(types=("mentor",), last_interaction_on=days_ago(45), tie_strength=10)
    strong = FollowupState(types=("mentor",), last_interaction_on=days_ago(45), tie_strength=90)

    assert priority(strong, TODAY).score > priority(weak, TODAY).score


def test_it_counts_days_until_due_as_negative_and_due_today_as_not_overdue():
    upcoming = FollowupState(types=("mentor",), last_interaction_on=days_ago(20))
    due_today = FollowupState(types=("mentor",), last_interaction_on=days_ago(30))

    assert priority(upcoming, TODAY).overdue_days == -10
    assert priority(due_today, TODAY).overdue_days == 0
    assert not priority(due_today, TODAY).is_overdue


def test_it_has_no_priority_without_a_rhythm():
    assert priority(FollowupState(added_on=TODAY), TODAY) is None


def test_it_ranks_overdue_first_then_by_score():
    overdue_low = FollowupState(types=("mentor",), last_interaction_on=days_ago(31))
    overdue_high = FollowupState(
        types=("mentor",), last_interaction_on=days_ago(60), tie_strength=80
    )
    upcoming_with_promise = FollowupState(
        types=("mentor",),
        last_interaction_on=days_ago(25),
        tie_strength=100,
        promises_owed=("send the deck",),
    )
    items = [
        ("upcoming", priority(upcoming_with_promise, TODAY)),
        ("overdue low", priority(overdue_low, TODAY)),
        ("overdue high", priority(overdue_high, TODAY)),
    ]
    assert items[0][1].score > items[1][1].score  # the upcoming one outscores an overdue one

    assert [name for name, _ in rank(items)] == ["overdue high", "overdue low", "upcoming"]


# properties over generated states

dates = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2040, 12, 31))
intervals = st.integers(min_value=1, max_value=400)
type_codes = st.lists(st.sampled_from(taxonomy.CODES), unique=True, max_size=4).map(tuple)


@st.composite
def states(draw: st.DrawFn, *, from_types_only: bool = False) -> FollowupState:
    rhythm = {}
    if not from_types_only:
        rhythm = {
            "interval_override": draw(st.none() | intervals),
            "circle": draw(st.none() | st.sampled_from(list(taxonomy.CIRCLE_INTERVALS))),
        }
    return FollowupState(
        types=draw(type_codes),
        added_on=draw(st.none() | dates),
        last_interaction_on=draw(st.none() | dates),
        snoozed_until=draw(st.none() | dates),
        tie_strength=draw(st.integers(min_value=0, max_value=100)),
        type_intervals=draw(st.dictionaries(st.sampled_from(taxonomy.CODES), intervals)),
        **rhythm,
    )


@given(state=states(), day=dates)
def test_it_never_moves_next_due_earlier_when_an_interaction_is_logged(
    state: FollowupState, day: dt.date
):
    # A first interaction older than the add date starts the clock from that interaction
    # (see test_it_dates_a_first_interaction_older_than_the_add_date_from_the_interaction).
    if state.last_interaction_on is None and state.added_on is not None:
        assume(day >= state.added_on)
    before = next_due(state)

    after = next_due(after_interaction(state, day))

    assert before is None or after >= before


@given(state=states(), today=dates)
def test_it_is_never_due_before_today_after_logging_today(state: FollowupState, today: dt.date):
    assume(effective_interval(state) is not None)

    assert next_due(after_interaction(state, today)) >= today


@given(state=states(from_types_only=True))
def test_it_takes_the_shortest_interval_among_the_types(state: FollowupState):
    assume(state.types)

    interval = effective_interval(state)

    assert interval.days == min(type_interval(c, state.type_intervals) for c in state.types)
    assert interval.type in state.types
    assert interval.source == "type"


@given(state=states(), today=dates, days=st.integers(min_value=0, max_value=400))
def test_it_never_brings_next_due_earlier_by_snoozing(
    state: FollowupState, today: dt.date, days: int
):
    before = next_due(state)

    after = next_due(snoozed(state, today, days))

    assert after is not None
    assert before is None or after >= before
    assert after >= today + dt.timedelta(days=days)


def test_years_of_silence_do_not_bury_a_close_tie_a_few_weeks_late():
    lapsed = FollowupState(
        types=("colleague",), last_interaction_on=days_ago(5 * 365), tie_strength=5
    )
    close = FollowupState(types=("mentor",), last_interaction_on=days_ago(45), tie_strength=70)

    assert priority(close, TODAY).score > priority(lapsed, TODAY).score
    assert [
        n for n, _ in rank([("lapsed", priority(lapsed, TODAY)), ("close", priority(close, TODAY))])
    ] == ["close", "lapsed"]


# the reconnect list and tie strength in the priority


def lapsed_colleague(**changes: object) -> FollowupState:
    """Five years without a talk: dormant."""
    state = FollowupState(
        types=("colleague",), last_interaction_on=days_ago(5 * 365), tie_strength=5
    )
    return replace(state, **changes)


def test_it_raises_a_former_strong_tie_gone_dormant_and_says_why():
    plain = priority(lapsed_colleague(), TODAY)
    former = priority(lapsed_colleague(touches_total=12), TODAY)

    assert former.score == round(plain.score + RECONNECT_BOOST, 4)
    assert former.why == (
        "worth reviving: 12 touches, then 5 years of quiet; "
        "colleague - last talk 1825 days ago, every 60 days"
    )


def test_it_needs_a_history_and_three_years_of_quiet_to_call_a_tie_worth_reviving():
    few = lapsed_colleague(touches_total=RECONNECT_MIN_TOUCHES - 1)
    recent = lapsed_colleague(touches_total=40, last_interaction_on=days_ago(3 * 365 - 1))

    assert priority(few, TODAY).score == priority(lapsed_colleague(), TODAY).score
    assert not priority(few, TODAY).why.startswith("worth reviving")
    assert not priority(recent, TODAY).why.startswith("worth reviving")
    assert priority(replace(recent, last_interaction_on=days_ago(3 * 365)), TODAY).why.startswith(
        "worth reviving: 40 touches, then 3 years of quiet; "
    )


def test_a_revived_tie_still_comes_after_a_close_tie_a_few_weeks_late():
    former = lapsed_colleague(touches_total=30)
    close = FollowupState(types=("mentor",), last_interaction_on=days_ago(45), tie_strength=70)

    assert priority(close, TODAY).score > priority(former, TODAY).score


def test_it_names_a_strong_tie_in_the_why_as_the_weight_it_gives():
    state = FollowupState(types=("mentor",), last_interaction_on=days_ago(45), tie_strength=72)
    moderate = replace(state, tie_strength=59)

    assert priority(state, TODAY).why == (
        "mentor - last talk 45 days ago, every 30 days, strong tie (72)"
    )
    assert priority(moderate, TODAY).why == "mentor - last talk 45 days ago, every 30 days"


@given(state=states(), touches=st.integers(min_value=0, max_value=500), today=dates)
def test_a_history_never_lowers_the_priority(state: FollowupState, touches: int, today: dt.date):
    before = priority(state, today)
    after = priority(replace(state, touches_total=touches), today)

    assert (before is None) == (after is None)
    assert before is None or after.score >= before.score

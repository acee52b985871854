"""The follow-up rules as pure functions: interval, next due date, priority and its why.

No ORM here: plain values in, dataclasses out, so every interface shares one set of rules and
the rules are tested over many generated cases.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from tiebook import taxonomy

DORMANT_AFTER_DAYS = 3 * 365
LAPSED_AFTER_INTERVALS = 4
# A dormant tie with this many touches behind it was a strong one: worth reviving, as Levin,
# Walter & Murnighan (2011) found reconnected dormant ties as useful as current ones.
RECONNECT_MIN_TOUCHES = 6
RECONNECT_BOOST = 0.5
PROMISE_BOOST = 0.5
# The same bar as insights' "strong" label; followups sits below insights, so it is repeated.
STRONG_TIE_FROM = 60


@dataclass(frozen=True)
class Interval:
    days: int
    source: str  # "person", "circle", "type"
    type: str | None = None  # the type that set it, when source == "type"
    circle: int | None = None  # the circle that set it, when source == "circle"

    def reason(self) -> str:
        if self.source == "person":
            return "your setting for them"
        if self.source == "circle":
            return f"circle {self.circle}"
        return taxonomy.BY_CODE[self.type].label if self.type else "their type"


@dataclass(frozen=True)
class Reason:
    """A dated reason to reach someone beside their rhythm: people met at an event, a renewal
    they handle, an introduction to ask about. Its `window_days` stands for the interval when it
    is what makes them due (two days after an event: late after two days, not after a year)."""

    due_on: dt.date
    why: str
    window_days: int = 1


@dataclass(frozen=True)
class FollowupState:
    """What the rules need to know about one person."""

    types: tuple[str, ...] = ()
    interval_override: int | None = None
    circle: int | None = None
    added_on: dt.date | None = None
    last_interaction_on: dt.date | None = None
    snoozed_until: dt.date | None = None
    tie_strength: int = 0
    promises_owed: tuple[str, ...] = ()
    type_intervals: Mapping[str, int] = field(default_factory=dict)
    reasons: tuple[Reason, ...] = ()  # open ones, soonest first
    touches_total: int = 0  # every interaction ever logged with them (for the reconnect list)


@dataclass(frozen=True)
class Priority:
    score: float
    overdue_days: int  # negative while not yet due
    why: str

    @property
    def is_overdue(self) -> bool:
        return self.overdue_days > 0

    @property
    def due_in_days(self) -> int:
        return -self.overdue_days


def type_interval(code: str, overrides: Mapping[str, int]) -> int:
    return overrides.get(code, taxonomy.BY_CODE[code].default_interval_days)


def effective_interval(state: FollowupState) -> Interval | None:
    """The person's override, else their circle's, else the shortest among their types."""
    if state.interval_override:
        return Interval(state.interval_override, "person")
    if state.circle in taxonomy.CIRCLE_INTERVALS:
        return Interval(taxonomy.CIRCLE_INTERVALS[state.circle], "circle", circle=state.circle)
    if not state.types:
        return None
    # Ties on days go to the type listed first in the taxonomy, so the answer is stable.
    ordered = sorted(
        state.types, key=lambda c: (type_interval(c, state.type_intervals), taxonomy.CODES.index(c))
    )
    best = ordered[0]
    return Interval(type_interval(best, state.type_intervals), "type", best)


def rhythm_due(state: FollowupState) -> dt.date | None:
    """Last touch (else the day they were added) plus the interval; None without a rhythm."""
    interval = effective_interval(state)
    start = state.last_interaction_on or state.added_on
    if interval is None or start is None:
        return None
    return start + dt.timedelta(days=interval.days)


def _soonest_reason(state: FollowupState) -> Reason | None:
    return min(state.reasons, key=lambda r: r.due_on, default=None)


def next_due(state: FollowupState) -> dt.date | None:
    """The rhythm's date or an open reason's, whichever comes first, pushed out by a snooze."""
    dates = [d for d in (rhythm_due(state), *(r.due_on for r in state.reasons)) if d]
    if not dates:
        return state.snoozed_until
    due = min(dates)
    if state.snoozed_until and state.snoozed_until > due:
        return state.snoozed_until
    return due


def interval_in_effect(state: FollowupState) -> int | None:
    """The interval that sets the due date: the rhythm's, or the window of the reason that
    comes first (the due list ranks lateness against it)."""
    interval = effective_interval(state)
    reason = _soonest_reason(state)
    rhythm = rhythm_due(state)
    if reason and (rhythm is None or reason.due_on < rhythm):
        return max(reason.window_days, 1)
    return interval.days if interval else None


def after_interaction(state: FollowupState, day: dt.date) -> FollowupState:
    """The state once an interaction on `day` is logged; an older one never rewinds the clock."""
    last = state.last_interaction_on
    newest = day if last is None or day > last else last
    return FollowupState(**{**state.__dict__, "last_interaction_on": newest})


def snoozed(state: FollowupState, today: dt.date, days: int) -> FollowupState:
    """The state once snoozed for `days`: not due before then; a later due date stays as it is."""
    wanted = today + dt.timedelta(days=days)
    if state.snoozed_until and state.snoozed_until > wanted:
        wanted = state.snoozed_until
    return FollowupState(**{**state.__dict__, "snoozed_until": wanted})


def is_dormant(last_interaction_on: dt.date | None, today: dt.date) -> bool:
    """No contact for three years or more (a tie that existed, now asleep)."""
    return (
        last_interaction_on is not None and (today - last_interaction_on).days >= DORMANT_AFTER_DAYS
    )


def is_reconnect(state: FollowupState, today: dt.date) -> bool:
    """A former strong tie gone dormant: years of silence after a real history."""
    return (
        is_dormant(state.last_interaction_on, today)
        and state.touches_total >= RECONNECT_MIN_TOUCHES
    )


def _reconnect_why(state: FollowupState, today: dt.date) -> str:
    years = (today - state.last_interaction_on).days // 365
    return f"worth reviving: {state.touches_total} touches, then {years} years of quiet"


def _ago(days: int) -> str:
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    return f"{days} days ago"


def _every(days: int) -> str:
    return "every day" if days == 1 else f"every {days} days"


def why(state: FollowupState, today: dt.date) -> str:
    """One line a person can read: 'mentor - last talk 47 days ago, every 30 days', led by the
    open reasons: 'met at PyCon Lisbon on 3 Dec; colleague - never contacted, ...'."""
    lines = [r.why for r in sorted(state.reasons, key=lambda r: r.due_on)]
    if is_reconnect(state, today):
        lines.insert(0, _reconnect_why(state, today))
    reasons = "; ".join(lines)
    rhythm = _rhythm_why(state, today)
    if reasons and effective_interval(state) is None:
        return reasons
    return f"{reasons}; {rhythm}" if reasons else rhythm


def _rhythm_why(state: FollowupState, today: dt.date) -> str:
    interval = effective_interval(state)
    if interval is None:
        return "no follow-up rhythm: give them a type, a circle or an interval"
    if state.last_interaction_on:
        seen = f"last talk {_ago((today - state.last_interaction_on).days)}"
    elif state.added_on:
        seen = f"never contacted, added {_ago((today - state.added_on).days)}"
    else:
        seen = "never contacted"
    line = f"{interval.reason()} - {seen}, {_every(interval.days)}"
    due = next_due(state)
    if state.snoozed_until and due == state.snoozed_until and due > today:
        line += f", snoozed until {state.snoozed_until.isoformat()}"
    if state.tie_strength >= STRONG_TIE_FROM:
        line += f", strong tie ({state.tie_strength})"
    if state.promises_owed:
        line += f"; you promised: {state.promises_owed[0]}"
    return line


def priority(state: FollowupState, today: dt.date) -> Priority | None:
    """How pressing a follow-up is: overdue share of the interval, weighted by tie strength."""
    interval = interval_in_effect(state)
    due = next_due(state)
    if interval is None or due is None:
        return None
    overdue_days = (today - due).days
    score = urgency(
        overdue_days=overdue_days,
        interval_days=interval,
        tie_strength=state.tie_strength,
        promised=bool(state.promises_owed),
        reconnect=is_reconnect(state, today),
    )
    return Priority(score=score, overdue_days=overdue_days, why=why(state, today))


def urgency(
    *,
    overdue_days: int,
    interval_days: int,
    tie_strength: int,
    promised: bool,
    reconnect: bool = False,
) -> float:
    """The priority score: lateness in intervals, saturating, weighted by tie strength; raised by
    a promise owed and by a former strong tie gone dormant."""
    # Capped and saturating: a tie four intervals late has lapsed, and years of silence should
    # not bury someone who is a few weeks late.
    lateness = min(max(0, interval_days + overdue_days) / interval_days, LAPSED_AFTER_INTERVALS)
    score = 2 * lateness / (1 + lateness)
    score *= 0.5 + tie_strength / 100  # a strong tie going cold matters more
    if promised:
        score += PROMISE_BOOST
    if reconnect:
        # A dormant tie's own strength has decayed to little; its history is what counts.
        score += RECONNECT_BOOST
    return round(score, 4)


def rank(items: Iterable[tuple[object, Priority]]) -> list[tuple[object, Priority]]:
    """Overdue first; within each group the highest score first."""
    return sorted(items, key=lambda item: (not item[1].is_overdue, -item[1].score))

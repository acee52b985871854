"""Circles: which Dunbar layer (5/15/50/150) each person belongs in, suggested over the whole
network at once, with a why.

Dunbar's layers are cumulative sizes: about 5 people in the support clique, 15 counting them in
the sympathy group, then 50 and 150. So a suggestion is a rank, not a threshold alone: the
strongest ties fill the inner layers first, and a tie that would qualify for a full layer is
suggested for the next one out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from tiebook import taxonomy
from tiebook.insights.tie_strength import strength_label

LAYERS: tuple[int, ...] = tuple(sorted(taxonomy.CIRCLE_INTERVALS))  # 5, 15, 50, 150


@dataclass(frozen=True)
class Bar:
    """What a tie must show to belong in a layer: logged touches undercount real contact, so the
    bars sit below Dunbar's weekly / monthly / twice-yearly / yearly rhythms."""

    strength: int
    touches: int


BARS: dict[int, Bar] = {
    5: Bar(strength=60, touches=12),
    15: Bar(strength=45, touches=6),
    50: Bar(strength=30, touches=2),
    150: Bar(strength=0, touches=1),
}


@dataclass(frozen=True)
class CircleInputs:
    person_id: int
    tie_strength: int  # 0..100, as cached on the person
    touches_last_year: int
    last_interaction_on: dt.date | None = None
    circle: int | None = None  # as set now


@dataclass(frozen=True)
class CircleSuggestion:
    person_id: int
    current: int | None
    suggested: int | None
    why: str  # "strong (72), 20 touches this year: inner 5"

    @property
    def differs(self) -> bool:
        return self.current != self.suggested


def layer_name(circle: int | None) -> str:
    if circle is None:
        return "outside the 150"
    return "inner 5" if circle == LAYERS[0] else f"circle {circle}"


def qualifies(person: CircleInputs, circle: int) -> bool:
    bar = BARS[circle]
    return person.tie_strength >= bar.strength and person.touches_last_year >= bar.touches


def _rank_key(person: CircleInputs) -> tuple:
    """Strongest first; more touches, then the latest talk, break ties; the id keeps it stable."""
    last = person.last_interaction_on.toordinal() if person.last_interaction_on else 0
    return (-person.tie_strength, -person.touches_last_year, -last, person.person_id)


def _room() -> dict[int, int]:
    """Each layer's own room: 5, then 10 more for the 15, 35 more for the 50, 100 for the 150."""
    room, inner = {}, 0
    for size in LAYERS:
        room[size] = size - inner
        inner = size
    return room


def suggest_circles(
    people: Iterable[CircleInputs], *, today: dt.date
) -> dict[int, CircleSuggestion]:
    """A circle (or none) for everyone, by rank, so that no layer grows past its size."""
    room = _room()
    suggestions: dict[int, CircleSuggestion] = {}
    for person in sorted(people, key=_rank_key):
        earned = next((c for c in LAYERS if qualifies(person, c)), None)
        placed = None
        if earned is not None:
            placed = next((c for c in LAYERS if c >= earned and room[c] > 0), None)
        if placed is not None:
            room[placed] -= 1
        why = _why(person, earned, placed, today)
        suggestions[person.person_id] = CircleSuggestion(
            person.person_id, person.circle, placed, why
        )
    return suggestions


def _why(person: CircleInputs, earned: int | None, placed: int | None, today: dt.date) -> str:
    days = None
    if person.last_interaction_on is not None:
        days = max(0, (today - person.last_interaction_on).days)
    label = strength_label(person.tie_strength, days)
    touches = _touches(person.touches_last_year)
    where = layer_name(placed)
    if earned is not None and placed != earned:
        where += f" ({layer_name(earned)} is full of stronger ties)"
    return f"{label} ({person.tie_strength}), {touches} this year: {where}"


def _touches(count: int) -> str:
    if count == 0:
        return "no touches"
    return f"{count} touch" if count == 1 else f"{count} touches"


def layer_sizes(circles: Iterable[int | None]) -> dict[int, int]:
    """How many people sit in each layer, counted as Dunbar does: the 15 holds the 5."""
    own = dict.fromkeys(LAYERS, 0)
    for circle in circles:
        if circle in own:
            own[circle] += 1
    sizes, running = {}, 0
    for size in LAYERS:
        running += own[size]
        sizes[size] = running
    return sizes

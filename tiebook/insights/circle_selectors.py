"""Reads for circles: the layers as they are, and a suggestion for everyone, from one query."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from tiebook.core.timeparse import start_of_day
from tiebook.insights.circles import (
    LAYERS,
    CircleInputs,
    CircleSuggestion,
    layer_sizes,
    qualifies,
    suggest_circles,
)
from tiebook.people.models import Person


@dataclass(frozen=True)
class SuggestionRow:
    """A suggestion with the name to show it by."""

    person_id: int
    name: str
    suggestion: CircleSuggestion


@dataclass(frozen=True)
class CirclesOverview:
    today: dt.date
    sizes: dict[int, int]  # cumulative, as set now: {5: 4, 15: 12, 50: 40, 150: 97}
    suggested_sizes: dict[int, int]
    changes: list[SuggestionRow]  # the suggestions that differ from what is set, inner first

    def as_dict(self) -> dict:
        return {
            "today": self.today.isoformat(),
            "layers": [
                {"circle": c, "size": c, "now": self.sizes[c], "suggested": self.suggested_sizes[c]}
                for c in LAYERS
            ],
            "changes": [_change_dict(row) for row in self.changes],
        }


def _change_dict(row: SuggestionRow) -> dict:
    return {
        "id": row.person_id,
        "name": row.name,
        "circle": row.suggestion.current,
        "suggested": row.suggestion.suggested,
        "why": row.suggestion.why,
    }


def _since(today: dt.date) -> dt.datetime:
    return start_of_day(today - dt.timedelta(days=365))


def _inputs(owner, today: dt.date, scope: Q) -> tuple[list[CircleInputs], dict[int, str]]:
    """Active people in `scope` with their cached strength and last year's touches, one query."""
    rows = (
        Person.objects.filter(scope, owner=owner, archived_at__isnull=True)
        .annotate(
            touches=Count(
                "participations", filter=Q(participations__occurred_at__gte=_since(today))
            )
        )
        .values_list(
            "id", "display_name", "tie_strength", "last_interaction_at", "circle", "touches"
        )
    )
    inputs, names = [], {}
    for pk, name, strength, last, circle, touches in rows:
        last_on = timezone.localdate(last) if last else None
        inputs.append(CircleInputs(pk, strength, touches, last_on, circle))
        names[pk] = name
    return inputs, names


FIRST_BATCH = 500  # strongest ties read first: in a real network they fill all 150 places


def _strength_of_nth(owner, n: int) -> int | None:
    """The strength of the n-th strongest active person, read from the strength index alone."""
    active = Person.objects.filter(owner=owner, archived_at__isnull=True)
    row = active.order_by("-tie_strength").values_list("tie_strength", flat=True)[n - 1 : n]
    return next(iter(row), None)


def _suggested(owner, today: dt.date, extra: Q):
    """Suggestions for the strongest ties, enough of them to fill every layer, and for the
    people in `extra`.

    Nobody ranked after a full set of layers can be placed, so the strongest are read in
    growing batches until the layers are full of them (at 100,000 people: one batch of 500,
    not everyone). People in `extra` ranked after them are suggested no circle, as they would
    be with everyone read.
    """
    batch = FIRST_BATCH
    while True:
        bound = _strength_of_nth(owner, batch)
        strongest = Q(last_interaction_at__gte=_since(today), tie_strength__gte=bound or 0)
        inputs, names = _inputs(owner, today, strongest)
        more, more_names = _inputs(owner, today, extra & ~strongest)
        inputs += more
        names.update(more_names)
        suggestions = suggest_circles(inputs, today=today)
        if not bound or _full(inputs, suggestions, bound):
            return inputs, names, suggestions
        batch *= 4


def _full(inputs: list[CircleInputs], suggestions: dict, bound: int) -> bool:
    """Whether the ties at least `bound` strong fill every layer by themselves."""
    strong = (suggestions[i.person_id].suggested for i in inputs if i.tie_strength >= bound)
    return layer_sizes(strong) == {size: size for size in LAYERS}


def circles_overview(*, owner, today: dt.date) -> CirclesOverview:
    """The layers now and as suggested, and every suggestion that differs from what is set."""
    inputs, names, suggestions = _suggested(owner, today, Q(circle__isnull=False))
    order = {c: i for i, c in enumerate(LAYERS)}
    changed = sorted(
        (s for s in suggestions.values() if s.differs),
        key=lambda s: (order.get(s.suggested, len(LAYERS)), names[s.person_id], s.person_id),
    )
    return CirclesOverview(
        today=today,
        sizes=layer_sizes(i.circle for i in inputs),
        suggested_sizes=layer_sizes(s.suggested for s in suggestions.values()),
        changes=[SuggestionRow(s.person_id, names[s.person_id], s) for s in changed],
    )


def person_circle_suggestion(*, owner, person, today: dt.date) -> CircleSuggestion:
    """One person's suggestion, which depends on how many stronger ties fill the layers; most
    people pass no layer's bar, and for them their own row is enough."""
    mine, _ = _inputs(owner, today, Q(pk=person.pk))
    if not mine:
        return CircleSuggestion(person.pk, person.circle, None, "archived: outside the 150")
    if not any(qualifies(mine[0], circle) for circle in LAYERS):
        return suggest_circles(mine, today=today)[person.pk]
    _, _, suggestions = _suggested(owner, today, Q(pk=person.pk))
    return suggestions[person.pk]

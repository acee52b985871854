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


def circles_overview(*, owner, today: dt.date) -> CirclesOverview:
    """The layers now and as suggested, and every suggestion that differs from what is set."""
    # Nobody untouched for a year earns a layer, so only they and those in a circle are read.
    scope = Q(last_interaction_at__gte=_since(today)) | Q(circle__isnull=False)
    inputs, names = _inputs(owner, today, scope)
    suggestions = suggest_circles(inputs, today=today)
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
    """One person's suggestion. Only ties at least as strong can fill the layers ahead of them,
    so only those (touched this year) are read with them."""
    ahead = Q(last_interaction_at__gte=_since(today), tie_strength__gte=person.tie_strength)
    inputs, _ = _inputs(owner, today, ahead | Q(pk=person.pk))
    suggestions = suggest_circles(inputs, today=today)
    if person.pk in suggestions:
        return suggestions[person.pk]
    return CircleSuggestion(person.pk, person.circle, None, "archived: outside the 150")

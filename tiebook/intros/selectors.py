"""Reads of introductions: the ones made, newest first, with how their follow-ups stand."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone

from tiebook.core.errors import NotFound
from tiebook.followups.nudges import nudges_open
from tiebook.interactions.models import Interaction, Participant
from tiebook.intros.services import SOURCE


@dataclass(frozen=True)
class Introduction:
    id: int  # the interaction's
    on: dt.date
    summary: str  # "Introduced Ada Lovelace to Grace Hopper"
    note: str
    people: tuple[tuple[int, str], ...]  # (id, name), in the order introduced
    follow_ups_due: tuple[dt.date, ...]  # the open ones: asking each how it went

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "on": self.on.isoformat(),
            "summary": self.summary,
            "note": self.note,
            "people": [{"id": pk, "name": name} for pk, name in self.people],
            "follow_ups_open": len(self.follow_ups_due),
            "follow_up_due_on": min(self.follow_ups_due).isoformat()
            if self.follow_ups_due
            else None,
        }


def introductions_list(
    *, owner, limit: int = 50, interaction_id: int | None = None
) -> list[Introduction]:
    """The introductions made, newest first (three queries whatever their number)."""
    chosen = Interaction.objects.filter(owner=owner, source=SOURCE)
    if interaction_id is not None:
        chosen = chosen.filter(pk=interaction_id)
    rows = list(
        chosen.prefetch_related(
            Prefetch(
                "participants",
                queryset=Participant.objects.select_related("person").order_by("pk"),
            )
        ).order_by("-occurred_at", "-pk")[:limit]
    )
    due: dict[int, list[dt.date]] = defaultdict(list)
    for nudge in nudges_open(owner=owner, source=SOURCE):
        due[nudge.source_id].append(nudge.due_on)
    return [
        Introduction(
            id=row.pk,
            on=timezone.localdate(row.occurred_at),
            summary=row.summary,
            note=row.notes,
            people=tuple((p.person_id, p.person.display_name) for p in row.participants.all()),
            follow_ups_due=tuple(sorted(due.get(row.pk, []))),
        )
        for row in rows
    ]


def introduction_get(*, owner, interaction_id: int) -> Introduction:
    found = introductions_list(owner=owner, limit=1, interaction_id=interaction_id)
    if not found:
        raise NotFound(f"No introduction with id {interaction_id}.")
    return found[0]

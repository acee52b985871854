"""Writes for what happens between the owner and their people: log a touch, shares, promises."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction

from tiebook.core.errors import NotFound, ValidationError
from tiebook.core.timeparse import now, start_of_day
from tiebook.core.timeparse import today as local_today
from tiebook.followups.services import people_refresh_due
from tiebook.interactions.models import Interaction, KnowledgeShare, Participant, Task

KINDS = [k for k, _ in Interaction.KINDS]


@dataclass
class InteractionInput:
    summary: str
    kind: str = "meeting"
    on: dt.date | None = None  # None: now
    they_reached_out: bool = False
    gave: Sequence[str] = ()
    received: Sequence[str] = ()
    notes: str = ""


def _when(on: dt.date | None) -> dt.datetime:
    if on is None or on == local_today():
        return now()
    if on > local_today():
        raise ValidationError(
            f"{on.isoformat()} is in the future; log what has happened.", field="on"
        )
    return start_of_day(on)


def _validate(data: InteractionInput, people: Sequence) -> str:
    summary = " ".join((data.summary or "").split())
    if not summary:
        raise ValidationError(
            "Say in a few words what happened (the summary is empty).", field="summary"
        )
    if len(summary) > 500:
        raise ValidationError(
            "The summary is longer than 500 characters; put the rest in notes.", field="summary"
        )
    if data.kind not in KINDS:
        raise ValidationError(
            f"Unknown kind '{data.kind}'; use one of {', '.join(KINDS)}.", field="kind"
        )
    if not people:
        raise ValidationError("Name at least one person who was there.", field="people")
    return summary


def interaction_log(*, owner, people: Sequence, data: InteractionInput) -> Interaction:
    """Record one interaction with one or more people and move their follow-ups on."""
    summary = _validate(data, people)
    if any(p.owner_id != owner.pk for p in people):
        raise NotFound("One of those people is not in your network.")
    when = _when(data.on)
    unique = list({p.pk: p for p in people}.values())
    direction = Interaction.INCOMING if data.they_reached_out else Interaction.OUTGOING
    with transaction.atomic():
        interaction = Interaction.objects.create(
            owner=owner,
            kind=data.kind,
            occurred_at=when,
            direction=direction,
            summary=summary,
            notes=data.notes.strip(),
            created_at=now(),
        )
        Participant.objects.bulk_create(
            [
                Participant(owner=owner, interaction=interaction, person=p, occurred_at=when)
                for p in unique
            ]
        )
        shares = [
            KnowledgeShare(
                owner=owner,
                person=p,
                interaction=interaction,
                direction=direction_,
                title=title.strip(),
                occurred_at=when,
            )
            for direction_, titles in (
                (KnowledgeShare.GAVE, data.gave),
                (KnowledgeShare.RECEIVED, data.received),
            )
            for title in titles
            if title.strip()
            for p in unique
        ]
        KnowledgeShare.objects.bulk_create(shares)
        people_refresh_due(owner=owner, people=unique)
    return interaction


def task_create(
    *, owner, person, description: str, due_on: dt.date | None = None, they_owe: bool = False
) -> Task:
    if person is not None and person.owner_id != owner.pk:
        raise NotFound("That person is not in your network.")
    text = " ".join((description or "").split())
    if not text:
        raise ValidationError(
            "Say what was promised (the description is empty).", field="description"
        )
    if len(text) > 500:
        raise ValidationError(
            "Say what was promised in at most 500 characters.", field="description"
        )
    return Task.objects.create(
        owner=owner,
        person=person,
        description=text,
        due_on=due_on,
        direction=Task.THEY_OWE if they_owe else Task.I_OWE,
        created_at=now(),
    )


def task_complete(*, owner, task: Task) -> Task:
    if task.owner_id != owner.pk:
        raise NotFound(f"No promise with number {task.pk}.")
    task.done_at = now()
    task.save(update_fields=["done_at"])
    return task

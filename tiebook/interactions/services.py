"""Writes for what happens between the owner and their people: log a touch, shares, promises."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from tiebook.core.errors import NotFound, ValidationError
from tiebook.core.timeparse import now, start_of_day
from tiebook.core.timeparse import today as local_today
from tiebook.followups.models import Nudge
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


def _summary(raw: str | None) -> str:
    summary = " ".join((raw or "").split())
    if not summary:
        raise ValidationError(
            "Say in a few words what happened (the summary is empty).", field="summary"
        )
    if len(summary) > 500:
        raise ValidationError(
            "The summary is longer than 500 characters; put the rest in notes.", field="summary"
        )
    return summary


def _kind(kind: str) -> str:
    if kind not in KINDS:
        raise ValidationError(
            f"Unknown kind '{kind}'; use one of {', '.join(KINDS)}.", field="kind"
        )
    return kind


def _validate(data: InteractionInput, people: Sequence) -> str:
    summary = _summary(data.summary)
    _kind(data.kind)
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


@dataclass
class InteractionChanges:
    """What to change in a logged interaction; None leaves a field as it is."""

    on: dt.date | None = None
    kind: str | None = None
    summary: str | None = None
    notes: str | None = None
    they_reached_out: bool | None = None


def _participant_ids(owner, interaction: Interaction) -> list[int]:
    return list(
        Participant.objects.filter(owner=owner, interaction=interaction).values_list(
            "person_id", flat=True
        )
    )


def _mine(owner, interaction: Interaction) -> None:
    if interaction.owner_id != owner.pk:
        raise NotFound(f"No interaction with number {interaction.pk}.")


def interaction_update(
    *, owner, interaction: Interaction, changes: InteractionChanges
) -> Interaction:
    """Correct a logged interaction; its people's last touch and next follow-up follow it."""
    _mine(owner, interaction)
    if changes.summary is not None:
        interaction.summary = _summary(changes.summary)
    if changes.kind is not None:
        interaction.kind = _kind(changes.kind)
    if changes.notes is not None:
        interaction.notes = changes.notes.strip()
    if changes.they_reached_out is not None:
        incoming = changes.they_reached_out
        interaction.direction = Interaction.INCOMING if incoming else Interaction.OUTGOING
    moved = changes.on is not None and changes.on != timezone.localdate(interaction.occurred_at)
    if moved:
        interaction.occurred_at = _when(changes.on)
    with transaction.atomic():
        interaction.save(update_fields=["summary", "kind", "notes", "direction", "occurred_at"])
        if moved:
            for model in (Participant, KnowledgeShare):
                model.objects.filter(owner=owner, interaction=interaction).update(
                    occurred_at=interaction.occurred_at
                )
        people_refresh_due(owner=owner, people=_participant_ids(owner, interaction))
    return interaction


def interaction_delete(*, owner, interaction: Interaction) -> list[int]:
    """Delete a logged interaction and what was given or received with it; its people's follow-ups
    are counted again from what is left. Returns the ids of the people who took part."""
    _mine(owner, interaction)
    with transaction.atomic():
        people = _participant_ids(owner, interaction)
        KnowledgeShare.objects.filter(owner=owner, interaction=interaction).delete()
        # An introduction's follow-ups ("ask how it went") name the interaction: they go with it.
        Nudge.objects.filter(owner=owner, source="intro", source_id=interaction.pk).delete()
        interaction.delete()
        people_refresh_due(owner=owner, people=people)
    return people


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

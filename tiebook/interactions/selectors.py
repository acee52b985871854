"""Reads of interactions: a person's timeline, knowledge shares, promises and vouches."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import F, Prefetch, Q

from tiebook.interactions.models import Interaction, KnowledgeShare, Participant, Task, Vouch
from tiebook.people.models import Person


@dataclass(frozen=True)
class TimelinePage:
    interactions: list[Interaction]
    more: bool  # whether older ones follow the last of these


def person_timeline(*, owner, person: Person, limit: int = 20) -> list[Interaction]:
    """The newest interactions with this person, each with everyone who took part."""
    return person_timeline_page(owner=owner, person=person, limit=limit).interactions


def person_timeline_page(
    *, owner, person: Person, before_id: int | None = None, limit: int = 20
) -> TimelinePage:
    """The `limit` interactions with this person just older than `before_id` (the newest without),
    newest first: a page of the timeline, found by its key so that deep pages stay fast."""
    rows = Participant.objects.filter(owner=owner, person=person)
    if before_id is not None:
        edge = rows.filter(interaction_id=before_id).values_list("occurred_at", flat=True).first()
        if edge is None:
            return TimelinePage([], False)
        rows = rows.filter(
            Q(occurred_at__lt=edge) | Q(occurred_at=edge, interaction_id__lt=before_id)
        )
    ids = list(
        rows.order_by("-occurred_at", "-interaction_id").values_list("interaction_id", flat=True)[
            : limit + 1
        ]
    )
    found = (
        Interaction.objects.filter(owner=owner, pk__in=ids[:limit])
        .prefetch_related(
            Prefetch(
                "participants",
                queryset=Participant.objects.filter(owner=owner)
                .select_related("person")
                .order_by("id"),
            )
        )
        .order_by("-occurred_at", "-id")
    )
    return TimelinePage(list(found), len(ids) > limit)


def interaction_get(*, owner, interaction_id: int) -> Interaction:
    """One of the owner's interactions, with everyone who took part."""
    from tiebook.core.errors import NotFound

    found = (
        Interaction.objects.filter(owner=owner, pk=interaction_id)
        .prefetch_related(
            Prefetch(
                "participants",
                queryset=Participant.objects.filter(owner=owner)
                .select_related("person")
                .order_by("id"),
            )
        )
        .first()
    )
    if found is None:
        raise NotFound(f"No interaction with number {interaction_id}.")
    return found


def person_interaction_count(*, owner, person: Person) -> int:
    return Participant.objects.filter(owner=owner, person=person).count()


def person_shares(*, owner, person: Person, limit: int = 20) -> list[KnowledgeShare]:
    return list(
        KnowledgeShare.objects.filter(owner=owner, person=person).order_by("-occurred_at", "-id")[
            :limit
        ]
    )


def person_vouches(*, owner, person: Person, limit: int = 50) -> list[Vouch]:
    """What they vouched for: skills endorsed and recommendations written, newest first (the
    references they agreed to be are the references module's)."""
    return list(
        Vouch.objects.filter(owner=owner, person=person)
        .exclude(kind=Vouch.REFERENCE)
        .order_by(F("given_on").desc(nulls_last=True), "kind", "skill", "-id")[:limit]
    )


def person_open_tasks(*, owner, person: Person) -> list[Task]:
    return list(
        Task.objects.filter(owner=owner, person=person, done_at__isnull=True).order_by(
            F("due_on").asc(nulls_last=True), "id"
        )
    )


def tasks_open(*, owner, limit: int = 50) -> list[Task]:
    return list(
        Task.objects.filter(owner=owner, done_at__isnull=True)
        .select_related("person")
        .order_by(F("due_on").asc(nulls_last=True), "id")[:limit]
    )


def task_get(*, owner, task_id: int) -> Task:
    from tiebook.core.errors import NotFound

    try:
        return Task.objects.select_related("person").get(owner=owner, pk=task_id)
    except Task.DoesNotExist:
        raise NotFound(f"No promise with number {task_id}.") from None

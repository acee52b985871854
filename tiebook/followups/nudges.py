"""Nudges: the dated reasons to reach someone that the networking apps write (people met at an
event, a renewal, an opportunity's next step, an introduction), kept in step with the due list.

The apps above call these; the due list and Today read them without knowing where they came
from: each nudge carries its own one-line why.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import QuerySet

from tiebook.core.errors import NotFound, ValidationError
from tiebook.core.timeparse import now
from tiebook.followups.models import Nudge
from tiebook.followups.services import people_refresh_schedule

WHY_LENGTH = Nudge._meta.get_field("why").max_length


def nudge_set(
    *,
    owner,
    source: str,
    source_id: int,
    person,
    due_on: dt.date,
    why: str,
    since: dt.datetime | None = None,
    closes_on_contact: bool = True,
) -> Nudge:
    """Create or update THE nudge of (source, source_id, person), open again, and move the
    person's due date with it. `why` is the line Today shows ("met at PyCon on 3 Dec")."""
    why = " ".join(why.split())
    if not why:
        raise ValidationError("A nudge needs a reason to show.", field="why")
    if person is not None and person.owner_id != owner.pk:
        raise NotFound("No such person in your network.")
    values = {
        "due_on": due_on,
        "why": why if len(why) <= WHY_LENGTH else why[: WHY_LENGTH - 3] + "...",
        "since": since or now(),
        "closes_on_contact": closes_on_contact,
        "done_at": None,
    }
    with transaction.atomic():
        nudge, _ = Nudge.objects.update_or_create(
            owner=owner, source=source, source_id=source_id, person=person, defaults=values
        )
        if person is not None:
            people_refresh_schedule(owner=owner, people=[person.pk])
    return nudge


def nudges_clear(*, owner, source: str, source_id: int, person=None) -> int:
    """Remove the source's nudges (only this person's, when given); returns how many."""
    query = Nudge.objects.filter(owner=owner, source=source, source_id=source_id)
    if person is not None:
        query = query.filter(person=person)
    return _remove(owner, query)


def _remove(owner, query: QuerySet) -> int:
    with transaction.atomic():
        people = set(query.exclude(person=None).values_list("person_id", flat=True))
        removed, _ = query.delete()
        people_refresh_schedule(owner=owner, people=people)
    return removed


def nudge_done(*, owner, nudge_id: int) -> Nudge:
    """Mark a nudge done by hand (the renewal filed, the step taken)."""
    try:
        nudge = Nudge.objects.get(owner=owner, pk=nudge_id)
    except Nudge.DoesNotExist:
        raise NotFound(f"No nudge {nudge_id} in your network.") from None
    with transaction.atomic():
        nudge.done_at = now()
        nudge.save(update_fields=["done_at"])
        if nudge.person_id:
            people_refresh_schedule(owner=owner, people=[nudge.person_id])
    return nudge


def nudges_open(*, owner, source: str | None = None, source_id: int | None = None) -> list[Nudge]:
    """The open nudges, soonest first; of one source, or one record of it."""
    query = Nudge.objects.filter(owner=owner, done_at__isnull=True)
    if source is not None:
        query = query.filter(source=source)
    if source_id is not None:
        query = query.filter(source_id=source_id)
    return list(query.select_related("person").order_by("due_on", "id"))


def nudges_of(*, owner, source: str, source_id: int) -> list[Nudge]:
    """Every nudge of one record, open or done (an event page shows which follow-ups are done)."""
    query = Nudge.objects.filter(owner=owner, source=source, source_id=source_id)
    return list(query.select_related("person").order_by("due_on", "id"))


@dataclass(frozen=True)
class AgendaItem:
    """A nudge with no person: something to do by a date (a renewal, a next step)."""

    nudge_id: int
    source: str
    source_id: int
    due_on: dt.date
    why: str

    def overdue_days(self, today: dt.date) -> int:
        return (today - self.due_on).days


def agenda_due(*, owner, today: dt.date, within_days: int = 0, limit: int = 50) -> list[AgendaItem]:
    """The open nudges without a person due by `today + within_days`, soonest first."""
    until = today + dt.timedelta(days=within_days)
    query = Nudge.objects.filter(
        owner=owner, done_at__isnull=True, person__isnull=True, due_on__lte=until
    ).order_by("due_on", "id")[:limit]
    return [
        AgendaItem(n.pk, n.source, n.source_id, n.due_on, n.why)
        for n in query.only("source", "source_id", "due_on", "why")
    ]

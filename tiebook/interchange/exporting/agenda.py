"""Reading the coming follow-ups and promises out as calendar items, each with its why."""

from __future__ import annotations

import dataclasses
import datetime as dt
import heapq
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from django.db.models import F, QuerySet

from tiebook.core.errors import ValidationError
from tiebook.core.queries import among
from tiebook.followups import engine
from tiebook.followups.services import followup_state, type_intervals_for
from tiebook.interactions.models import Task
from tiebook.interchange.exporting.people import CHUNK, filtered_people, stable_uid
from tiebook.people.models import Person, PersonType
from tiebook.people.selectors import PeopleFilter

MAX_DAYS = 3660  # ten years ahead is as far as a follow-up calendar can usefully look
_STATE_FIELDS = (
    "display_name",
    "interval_days",
    "circle",
    "created_at",
    "last_interaction_at",
    "snoozed_until",
    "tie_strength",
    "next_due_on",
)


@dataclass(frozen=True)
class CalendarItem:
    """One all-day event: a follow-up due, or a promise with a due date."""

    uid: str
    day: dt.date  # the due day, or today when it is already past
    order: int  # follow-ups before promises on the same day
    summary: str
    description: str
    stamp: dt.datetime  # when the calendar was made (DTSTAMP)

    def sort_key(self) -> tuple[dt.date, int]:
        return (self.day, self.order)


def check_days(days: int) -> int:
    if not 0 <= days <= MAX_DAYS:
        raise ValidationError(
            f"The number of days ahead must be from 0 to {MAX_DAYS}; got {days}.", field="days"
        )
    return days


def agenda_for_export(
    *,
    owner,
    filters: PeopleFilter | None = None,
    today: dt.date,
    days: int,
    now: dt.datetime,
) -> Iterator[CalendarItem]:
    """Follow-ups due by `today + days` (overdue ones on today) and open promises due by then,
    for the active people matching `filters`, in day order, follow-ups first within a day
    (the most overdue first). Filters are checked now; rows are read as items are taken."""
    until = today + dt.timedelta(days=check_days(days))
    people = filtered_people(owner, filters or PeopleFilter()).filter(archived_at__isnull=True)
    followups = _followups(owner, people, today=today, until=until, now=now)
    promises = _promises(owner, people, today=today, until=until, now=now)
    return heapq.merge(followups, promises, key=CalendarItem.sort_key)


# -- follow-ups ----------------------------------------------------------------------------------


def followup_description(why: str, due: dt.date, today: dt.date) -> str:
    late = (today - due).days
    if late <= 0:
        return why
    return f"{why}\nDue {due.isoformat()}, {late} day{'s' if late != 1 else ''} overdue."


def _followups(
    owner, people: QuerySet[Person], *, today: dt.date, until: dt.date, now: dt.datetime
) -> Iterator[CalendarItem]:
    due = people.filter(followup_interval_days__isnull=False, next_due_on__lte=until)
    ids = list(due.order_by("next_due_on", "search_name", "pk").values_list("pk", flat=True))
    overrides = type_intervals_for(owner=owner)
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        found = {
            p.pk: p
            for p in Person.objects.filter(owner=owner, pk__in=among(chunk)).only(*_STATE_FIELDS)
        }
        types = _types(owner, chunk)
        owed = _owed(owner, chunk)
        for pk in (pk for pk in chunk if pk in found):
            state = followup_state(found[pk], types[pk], overrides)
            state = dataclasses.replace(state, promises_owed=tuple(owed[pk]))
            yield _followup_item(owner.pk, found[pk], state, today=today, now=now)


def _followup_item(
    owner_id: int, person: Person, state: engine.FollowupState, *, today: dt.date, now: dt.datetime
) -> CalendarItem:
    return CalendarItem(
        uid=f"{stable_uid(owner_id, 'followup', person.pk)}@tiebook",
        day=max(person.next_due_on, today),
        order=0,
        summary=f"Follow up with {person.display_name}",
        description=followup_description(engine.why(state, today), person.next_due_on, today),
        stamp=now,
    )


def _types(owner, ids: Sequence[int]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = defaultdict(list)
    rows = PersonType.objects.filter(owner=owner, person_id__in=among(ids)).order_by("id")
    for person_id, code in rows.values_list("person_id", "type"):
        found[person_id].append(code)
    return found


def _owed(owner, ids: Sequence[int]) -> dict[int, list[str]]:
    """Open promises the owner made, as the due list orders them (undated ones last)."""
    found: dict[int, list[str]] = defaultdict(list)
    rows = Task.objects.filter(
        owner=owner, person_id__in=among(ids), direction=Task.I_OWE, done_at__isnull=True
    ).order_by(F("due_on").asc(nulls_last=True), "id")
    for person_id, text in rows.values_list("person_id", "description"):
        found[person_id].append(text)
    return found


# -- promises ------------------------------------------------------------------------------------


def promise_summary(direction: str, name: str, description: str) -> str:
    if direction == Task.I_OWE:
        return f"Promise to {name}: {description}"
    return f"Promise from {name}: {description}"


def promise_description(direction: str, name: str, due: dt.date, today: dt.date) -> str:
    who = f"You promised {name}" if direction == Task.I_OWE else f"{name} promised you"
    late = (today - due).days
    if late <= 0:
        return f"{who}; due {due.isoformat()}."
    return f"{who}; due {due.isoformat()}, {late} day{'s' if late != 1 else ''} overdue."


def _promises(
    owner, people: QuerySet[Person], *, today: dt.date, until: dt.date, now: dt.datetime
) -> Iterator[CalendarItem]:
    rows = (
        Task.objects.filter(
            owner=owner,
            done_at__isnull=True,
            due_on__isnull=False,
            due_on__lte=until,
            person__in=people.values("pk"),
        )
        .order_by("due_on", "id")
        .values_list("id", "direction", "description", "due_on", "person__display_name")
    )
    for task_id, direction, text, due, name in rows.iterator(chunk_size=CHUNK):
        yield CalendarItem(
            uid=f"{stable_uid(owner.pk, 'task', task_id)}@tiebook",
            day=max(due, today),
            order=1,
            summary=promise_summary(direction, name, text),
            description=promise_description(direction, name, due, today),
            stamp=now,
        )

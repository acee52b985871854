"""Reads for follow-ups: who is due and why, and the network counted by type and category."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Case, CharField, Count, F, Max, Q, QuerySet, Value, When

from tiebook import taxonomy
from tiebook.followups import engine, ranking
from tiebook.followups.models import Nudge
from tiebook.followups.services import reason_of, type_intervals_for
from tiebook.interactions.models import Participant, Task
from tiebook.people.models import Person, PersonType


@dataclass(frozen=True)
class DueItem:
    person_id: int
    name: str
    organization: str
    types: tuple[str, ...]
    next_due_on: dt.date
    last_interaction_on: dt.date | None
    tie_strength: int
    priority: engine.Priority
    reasons: tuple[DueReason, ...] = ()


@dataclass(frozen=True)
class DueReason:
    """An open nudge behind someone being due: where it comes from, by when, and why."""

    source: str
    source_id: int
    due_on: dt.date
    why: str


_DUE_FIELDS = (
    "id",
    "display_name",
    "organization__name",
    "interval_days",
    "circle",
    "created_at",
    "last_interaction_at",
    "snoozed_until",
    "tie_strength",
    "next_due_on",
)


def _local(moment: dt.datetime | None) -> dt.date | None:
    from django.utils import timezone

    return timezone.localdate(moment) if moment else None


def _state(
    row: dict,
    types: list[str],
    promises: list[str],
    overrides,
    nudges: list[Nudge],
    touches: int = 0,
) -> engine.FollowupState:
    return engine.FollowupState(
        types=tuple(types),
        interval_override=row["interval_days"],
        circle=row["circle"],
        added_on=_local(row["created_at"]),
        last_interaction_on=_local(row["last_interaction_at"]),
        snoozed_until=row["snoozed_until"],
        tie_strength=row["tie_strength"],
        promises_owed=tuple(promises),
        type_intervals=overrides,
        reasons=tuple(reason_of(n) for n in nudges),
        touches_total=touches,
    )


def people_due(*, owner, today: dt.date, within_days: int = 0, limit: int | None = 50) -> DueList:
    """Everyone due by `today + within_days`: overdue first, then by priority, each with a why.

    The database ranks everyone due from the cached due date, interval and tie strength with
    the engine's urgency formula (ranking.py); only the people shown are loaded whole and
    explained by the engine itself.
    """
    until = today + dt.timedelta(days=within_days)
    due = _due(owner, until)
    counts = _counts(due, today)
    ranked = ranking.ranked(
        due,
        today=today,
        promised=_open_promises(owner).values("person_id"),
        # Not filtered by owner: it is counted for the owner's own person rows only, and without
        # the owner column the index on (person, occurred_at) answers it alone.
        touches=Participant.objects.all(),
    )
    ids = list((ranked if limit is None else ranked[:limit]).values_list("pk", flat=True))
    items = _explained(owner, ids, today)
    return DueList(
        items=items, total=counts["total"], overdue=counts["overdue"], today=today, until=until
    )


@dataclass(frozen=True)
class DueCounts:
    total: int
    overdue: int
    today: dt.date
    until: dt.date

    @property
    def upcoming(self) -> int:
        return self.total - self.overdue


@dataclass(frozen=True)
class DueList(DueCounts):
    """The counts, and the page of people they count."""

    items: list[DueItem]


def due_counts(*, owner, today: dt.date, within_days: int = 0) -> DueCounts:
    """How many people are due by `today + within_days`, and how many of them are overdue."""
    until = today + dt.timedelta(days=within_days)
    return DueCounts(**_counts(_due(owner, until), today), today=today, until=until)


def _due(owner, until: dt.date) -> QuerySet:
    return Person.objects.filter(
        owner=owner,
        archived_at__isnull=True,
        next_due_on__lte=until,
        followup_interval_days__isnull=False,
    )


def _counts(due: QuerySet, today: dt.date) -> dict[str, int]:
    return due.aggregate(total=Count("pk"), overdue=Count("pk", filter=Q(next_due_on__lt=today)))


def _open_promises(owner) -> QuerySet:
    return Task.objects.filter(
        owner=owner, direction=Task.I_OWE, done_at__isnull=True, person__isnull=False
    )


def _explained(owner, ids: list[int], today: dt.date) -> list[DueItem]:
    """The people shown, in the given order, each with the engine's priority and why."""
    people = Person.objects.filter(owner=owner, pk__in=ids)
    rows = {row["id"]: row for row in people.values(*_DUE_FIELDS)}
    types: dict[int, list[str]] = defaultdict(list)
    for person_id, code in (
        PersonType.objects.filter(owner=owner, person__in=people.values("pk"))
        .order_by("id")
        .values_list("person_id", "type")
    ):
        types[person_id].append(code)
    promises: dict[int, list[str]] = defaultdict(list)
    # Undated promises last on every database, as person_open_tasks lists them.
    for person_id, text in (
        _open_promises(owner)
        .filter(person__in=people.values("pk"))
        .order_by(F("due_on").asc(nulls_last=True), "id")
        .values_list("person_id", "description")
    ):
        promises[person_id].append(text)
    nudges: dict[int, list[Nudge]] = defaultdict(list)
    for nudge in Nudge.objects.filter(
        owner=owner, person__in=people.values("pk"), done_at__isnull=True
    ).order_by("due_on", "id"):
        nudges[nudge.person_id].append(nudge)
    touches = _dormant_touches(owner, rows.values(), today)
    overrides = type_intervals_for(owner=owner)
    items = []
    for pk in (i for i in ids if i in rows):
        state = _state(rows[pk], types[pk], promises[pk], overrides, nudges[pk], touches.get(pk, 0))
        prio = engine.priority(state, today)
        if prio is not None:
            items.append(_item(rows[pk], types[pk], prio, nudges[pk]))
    return items


def _dormant_touches(owner, rows, today: dt.date) -> dict[int, int]:
    """How many touches the dormant people among these had: the reconnect list needs it."""
    cutoff = ranking.dormant_before(today)
    dormant = [
        r["id"] for r in rows if r["last_interaction_at"] and r["last_interaction_at"] < cutoff
    ]
    if not dormant:
        return {}
    counts = (
        Participant.objects.filter(owner=owner, person_id__in=dormant)
        .values("person_id")
        .annotate(n=Count("pk"))
        .values_list("person_id", "n")
    )
    return dict(counts)


def _item(row: dict, types: list[str], prio: engine.Priority, nudges: list[Nudge]) -> DueItem:
    return DueItem(
        person_id=row["id"],
        name=row["display_name"],
        organization=row["organization__name"] or "",
        types=tuple(types),
        next_due_on=row["next_due_on"],
        last_interaction_on=_local(row["last_interaction_at"]),
        tie_strength=row["tie_strength"],
        priority=prio,
        reasons=tuple(DueReason(n.source, n.source_id, n.due_on, n.why) for n in nudges),
    )


@dataclass(frozen=True)
class TypeCount:
    type: taxonomy.ConnectionType
    people: int
    interval_days: int
    interval_changed: bool


@dataclass(frozen=True)
class CategoryCount:
    category: taxonomy.Category
    people: int  # distinct people holding any type of the category
    types: list[TypeCount]


@dataclass(frozen=True)
class TaxonomySummary:
    categories: list[CategoryCount]
    people: int
    untyped: int


def taxonomy_summary(*, owner) -> TaxonomySummary:
    """The twelve types under their three categories, with how many active people hold each."""
    counts = _taxonomy_counts(owner)
    overrides = type_intervals_for(owner=owner)
    categories = [
        CategoryCount(
            c,
            counts["categories"].get(c.value, 0),
            [
                TypeCount(
                    t,
                    counts["types"].get(t.code, 0),
                    engine.type_interval(t.code, overrides),
                    t.code in overrides,
                )
                for t in taxonomy.types_in(c)
            ],
        )
        for c in taxonomy.Category
    ]
    return TaxonomySummary(
        categories=categories, people=counts["people"], untyped=counts["people"] - counts["typed"]
    )


def _taxonomy_counts(owner) -> dict:
    """Counting 100,000 people's types takes a while, so the counts are kept until any person
    is added, changed, archived or deleted (every service that does so stamps updated_at)."""
    stamp = Person.objects.filter(owner=owner).aggregate(n=Count("pk"), latest=Max("updated_at"))
    latest = stamp["latest"].timestamp() if stamp["latest"] else 0
    key = f"tiebook:taxonomy:{owner.pk}:{stamp['n']}:{latest}"
    counts = cache.get(key)
    if counts is None:
        counts = _count_types(owner)
        cache.set(key, counts, timeout=24 * 3600)
    return counts


def _count_types(owner) -> dict:
    active = PersonType.objects.filter(owner=owner, person__archived_at__isnull=True)
    category = Case(
        *[
            When(type__in=[t.code for t in taxonomy.types_in(c)], then=Value(c.value))
            for c in taxonomy.Category
        ],
        output_field=CharField(),
    )
    return {
        "types": dict(
            active.values("type").annotate(n=Count("person_id")).values_list("type", "n")
        ),
        "categories": dict(
            active.annotate(category=category)
            .values("category")
            .annotate(n=Count("person_id", distinct=True))
            .values_list("category", "n")
        ),
        "typed": active.aggregate(n=Count("person_id", distinct=True))["n"],
        "people": Person.objects.filter(owner=owner, archived_at__isnull=True).count(),
    }


def due_item(*, owner, person_id: int, today: dt.date) -> DueItem | None:
    """One person as the due list shows them, due or not (None without a rhythm)."""
    items = _explained(owner, [person_id], today)
    return items[0] if items else None

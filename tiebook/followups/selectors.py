"""Reads for follow-ups: who is due and why, and the network counted by type and category."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection
from django.db.models import Case, CharField, Count, F, Q, QuerySet, Value, When

from tiebook import taxonomy
from tiebook.followups import engine, ranking
from tiebook.followups.models import Nudge
from tiebook.followups.services import reason_of, type_intervals_for
from tiebook.interactions.models import Task
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
    "interaction_count",
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

    The database ranks from the cached due date, interval and tie strength with the engine's
    urgency formula (ranking.py); only the people shown are loaded whole and explained by the
    engine itself.
    """
    until = today + dt.timedelta(days=within_days)
    counts = _counts(owner, today, until)
    ids = None
    if limit is not None and counts["overdue"] >= limit:
        ids = _first_overdue(owner, today, limit)
    if ids is None:
        ranked = _ranked(_due(owner, until), owner, today).order_by(*ranking.ORDER)
        ids = list((ranked if limit is None else ranked[:limit]).values_list("pk", flat=True))
    items = _explained(owner, ids, today)
    return DueList(
        items=items, total=counts["total"], overdue=counts["overdue"], today=today, until=until
    )


def _ranked(people: QuerySet, owner, today: dt.date) -> QuerySet:
    promised = _open_promises(owner).values("person_id")
    reconnect = ranking.reconnecting(owner, today)
    return ranking.annotated(people, today=today, promised=promised, reconnect=reconnect)


def _first_overdue(owner, today: dt.date, limit: int) -> list[int] | None:
    """The first `limit` of the ranking when at least that many are overdue, without scoring
    everyone due: the first of those a boost lifts, and the first of those strong enough to
    outscore what is already found.

    The strongest overdue ties and the boosted give a bar (the `limit`-th score among them);
    nobody without a boost can pass it unless their tie strength lets their score reach it,
    so only ties that strong are ranked, from the strength index.
    """
    active = Person.objects.filter(
        owner=owner, archived_at__isnull=True, followup_interval_days__isnull=False
    )
    ranked = _ranked(active.filter(next_due_on__lt=today), owner, today)
    columns = ("pk", "_overdue", "_urgency", "_late")
    boosted = Q(pk__in=_open_promises(owner).values("person_id"))
    boosted |= Q(pk__in=ranking.reconnecting(owner, today))
    lifted = list(ranked.filter(boosted).order_by(*ranking.ORDER).values_list(*columns)[:limit])
    strongest = ranked.order_by("-tie_strength").values_list(*columns)[:limit]
    known = _first(limit, lifted, strongest)
    if len(known) < limit:  # fewer overdue than counted: the whole ranking decides
        return None
    bar = known[-1][2]
    contenders = (
        ranked.filter(tie_strength__gte=ranking.weakest_reaching(bar))
        .order_by(*ranking.ORDER)
        .values_list(*columns)[:limit]
    )
    return [row[0] for row in _first(limit, lifted, contenders)]


def _first(limit: int, *ranked_rows) -> list[tuple]:
    """The first `limit` of several ranked lists of (pk, _overdue, _urgency, _late) rows."""
    rows = {row[0]: row for rows in ranked_rows for row in rows}
    return sorted(rows.values(), key=ranking.key)[:limit]


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
    return DueCounts(**_counts(owner, today, until), today=today, until=until)


def _due(owner, until: dt.date) -> QuerySet:
    return Person.objects.filter(
        owner=owner,
        archived_at__isnull=True,
        next_due_on__lte=until,
        followup_interval_days__isnull=False,
    )


def _counts(owner, today: dt.date, until: dt.date) -> dict[str, int]:
    """Who is due by `until` and who is overdue, from the people the database keeps counted
    per due date (people/migrations/0006_kept_counts.py): a sum over days, not people."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COALESCE(SUM(people), 0), "
            "COALESCE(SUM(CASE WHEN day < %s THEN people ELSE 0 END), 0) "
            "FROM people_due_day WHERE owner_id = %s AND day <= %s",
            [today, owner.pk, until],
        )
        total, overdue = cursor.fetchone()
    return {"total": int(total), "overdue": int(overdue)}


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
    overrides = type_intervals_for(owner=owner)
    items = []
    for pk in (i for i in ids if i in rows):
        row = rows[pk]
        state = _state(
            row, types[pk], promises[pk], overrides, nudges[pk], row["interaction_count"]
        )
        prio = engine.priority(state, today)
        if prio is not None:
            items.append(_item(rows[pk], types[pk], prio, nudges[pk]))
    return items


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
    """Counting 100,000 people's types takes a while, so the counts are kept until the number
    the database moves whenever a person is added, deleted, archived or restored, or a type
    given or taken (people/migrations/0006_kept_counts.py)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT version FROM people_tally WHERE owner_id = %s", [owner.pk])
        found = cursor.fetchone()
    key = f"tiebook:taxonomy:{owner.pk}:{found[0] if found else 0}"
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

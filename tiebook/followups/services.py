"""Writes that keep follow-ups current: the cached due date and tie strength, snoozes, intervals."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence

from django.db import transaction
from django.db.models import Count, Max, Min, Q
from django.utils import timezone

from tiebook import taxonomy
from tiebook.core import bulk
from tiebook.core.timeparse import start_of_day
from tiebook.core.timeparse import today as local_today
from tiebook.followups import engine
from tiebook.followups.models import Nudge, TypeInterval
from tiebook.insights.tie_strength import TieInputs, tie_strength

BATCH = 2000


def type_intervals_for(*, owner) -> dict[str, int]:
    """The owner's interval per type, where they changed the default."""
    return dict(TypeInterval.objects.filter(owner=owner).values_list("type", "days"))


def _local_date(moment: dt.datetime | None) -> dt.date | None:
    return timezone.localdate(moment) if moment else None


def followup_state(
    person,
    types: Sequence[str],
    overrides: dict[str, int],
    reasons: Sequence[engine.Reason] = (),
) -> engine.FollowupState:
    return engine.FollowupState(
        types=tuple(types),
        interval_override=person.interval_days,
        circle=person.circle,
        added_on=_local_date(person.created_at),
        last_interaction_on=_local_date(person.last_interaction_at),
        snoozed_until=person.snoozed_until,
        tie_strength=person.tie_strength,
        type_intervals=overrides,
        reasons=tuple(reasons),
    )


SCHEDULE = ["next_due_on", "followup_interval_days"]


def schedule(person, state: engine.FollowupState) -> None:
    """Cache the next due date and the interval in effect on the person (not saved here)."""
    person.next_due_on = engine.next_due(state)
    person.followup_interval_days = engine.interval_in_effect(state)


def _types_by_person(owner, ids: Sequence[int]) -> dict[int, list[str]]:
    from tiebook.people.models import PersonType

    found: dict[int, list[str]] = defaultdict(list)
    rows = PersonType.objects.filter(owner=owner, person_id__in=ids).values_list(
        "person_id", "type"
    )
    for person_id, code in rows:
        found[person_id].append(code)
    return found


def _tie_facts(owner, ids: Sequence[int], today: dt.date) -> dict[int, dict]:
    """Per person: interaction counts, first/last, who started them, shares, mutual ties."""
    from tiebook.interactions.models import KnowledgeShare, Participant
    from tiebook.people.models import Relationship

    year_ago = today - dt.timedelta(days=365)
    facts: dict[int, dict] = defaultdict(dict)
    rows = (
        Participant.objects.filter(owner=owner, person_id__in=ids)
        .values("person_id")
        .annotate(
            total=Count("id"),
            last_year=Count("id", filter=Q(occurred_at__gte=start_of_day(year_ago))),
            incoming=Count("id", filter=Q(interaction__direction="incoming")),
            first=Min("occurred_at"),
            last=Max("occurred_at"),
        )
    )
    for row in rows:
        facts[row["person_id"]].update(row)
    shares = (
        KnowledgeShare.objects.filter(owner=owner, person_id__in=ids)
        .values("person_id", "direction")
        .annotate(n=Count("id"))
    )
    for row in shares:
        facts[row["person_id"]][row["direction"]] = row["n"]
    for column in ("from_person_id", "to_person_id"):
        ties = (
            Relationship.objects.filter(owner=owner, **{f"{column}__in": ids})
            .values(column)
            .annotate(n=Count("id"))
        )
        for row in ties:
            bucket = facts[row[column]]
            bucket["mutual"] = bucket.get("mutual", 0) + row["n"]
    return facts


def _tie_inputs(person, types: Sequence[str], facts: dict, today: dt.date) -> TieInputs:
    return TieInputs(
        today=today,
        added_on=_local_date(person.created_at) or today,
        last_interaction_on=_local_date(facts.get("last")),
        first_interaction_on=_local_date(facts.get("first")),
        interactions_last_year=facts.get("last_year", 0),
        interactions_total=facts.get("total", 0),
        incoming_total=facts.get("incoming", 0),
        gave=facts.get("gave", 0),
        received=facts.get("received", 0),
        type_count=len(types),
        mutual_connections=facts.get("mutual", 0),
    )


def open_reasons(owner, ids: Sequence[int]) -> dict[int, list[engine.Reason]]:
    """The open nudges of these people as the engine's reasons, soonest first."""
    return _reasons(_open_nudges(owner, ids))


def _reasons(nudges: Iterable[Nudge]) -> dict[int, list[engine.Reason]]:
    found: dict[int, list[engine.Reason]] = defaultdict(list)
    for nudge in nudges:
        found[nudge.person_id].append(reason_of(nudge))
    return found


def reason_of(nudge: Nudge) -> engine.Reason:
    window = (nudge.due_on - _local_date(nudge.since)).days
    return engine.Reason(due_on=nudge.due_on, why=nudge.why, window_days=max(window, 1))


def _open_nudges(owner, ids: Sequence[int]) -> list[Nudge]:
    query = Nudge.objects.filter(owner=owner, person_id__in=ids, done_at__isnull=True)
    return list(query.order_by("due_on", "id"))


def _close_answered(nudges: list[Nudge], last: dict[int, dt.datetime]) -> list[Nudge]:
    """Close the nudges an interaction since answered (a follow-up after the event); return
    those still open."""
    answered = [
        n
        for n in nudges
        if n.closes_on_contact and last.get(n.person_id) and last[n.person_id] > n.since
    ]
    for nudge in answered:
        nudge.done_at = last[nudge.person_id]
    bulk.update(answered, ["done_at"])
    return [n for n in nudges if n.done_at is None]


def people_refresh_due(*, owner, people: Iterable, today: dt.date | None = None) -> int:
    """Recompute the cached last touch, next due date and tie strength of these people, and
    close the nudges their latest interaction answered."""
    from tiebook.people.models import Person

    today = today or local_today()
    ids = [p.pk if hasattr(p, "pk") else int(p) for p in people]
    overrides = type_intervals_for(owner=owner)
    changed = 0
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        rows = list(Person.objects.filter(owner=owner, pk__in=chunk))
        types = _types_by_person(owner, chunk)
        facts = _tie_facts(owner, chunk, today)
        last = {pk: f["last"] for pk, f in facts.items() if "last" in f}
        reasons = _reasons(_close_answered(_open_nudges(owner, chunk), last))
        cached = ["last_interaction_at", "interaction_count", "tie_strength", *SCHEDULE]
        moved = []
        for person in rows:
            before = [getattr(person, name) for name in cached]
            person.last_interaction_at = facts.get(person.pk, {}).get("last")
            person.interaction_count = facts.get(person.pk, {}).get("total", 0)
            inputs = _tie_inputs(person, types[person.pk], facts.get(person.pk, {}), today)
            person.tie_strength = tie_strength(inputs).score
            state = followup_state(person, types[person.pk], overrides, reasons[person.pk])
            schedule(person, state)
            if [getattr(person, name) for name in cached] != before:
                moved.append(person)
        bulk.update(moved, cached)  # only rows whose caches changed
        changed += len(moved)
    return changed


def people_count_interactions(*, owner) -> None:
    """Set every person's cached count of interactions from their participants, in one
    statement (a restore writes the history after the people)."""
    from django.db.models import OuterRef, Subquery
    from django.db.models.functions import Coalesce

    from tiebook.interactions.models import Participant
    from tiebook.people.models import Person

    # By person only: the people are the owner's, and without fresh statistics (right after a
    # bulk write) SQLite would read every participant of the owner for each person.
    counted = (
        Participant.objects.filter(person_id=OuterRef("pk"))
        .order_by()
        .values("person_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    Person.objects.filter(owner=owner).update(interaction_count=Coalesce(Subquery(counted), 0))


def person_snooze(*, owner, person, days: int, today: dt.date | None = None):
    """Not due before `days` from today; a later due date is left alone."""
    from tiebook.core.errors import ValidationError
    from tiebook.people.models import Person

    if days < 1:
        raise ValidationError("A snooze lasts at least one day.", field="period")
    today = today or local_today()
    # Work from the stored row: a copy loaded before a log would know an older last touch.
    person = Person.objects.get(owner=owner, pk=person.pk)
    overrides = type_intervals_for(owner=owner)
    types = _types_by_person(owner, [person.pk])[person.pk]
    reasons = open_reasons(owner, [person.pk])[person.pk]
    state = engine.snoozed(followup_state(person, types, overrides, reasons), today, days)
    person.snoozed_until = state.snoozed_until
    schedule(person, state)
    person.updated_at = timezone.now()
    person.save(update_fields=["snoozed_until", *SCHEDULE, "updated_at"])
    return person


def type_interval_set(*, owner, type_code: str, days: int | None) -> int:
    """Change (or, with None, restore) a type's interval; returns how many people it moved."""
    from tiebook.core.errors import ValidationError
    from tiebook.people.models import Person

    code = taxonomy.parse_type(type_code)
    if days is not None and days < 1:
        raise ValidationError("A type's interval must be at least one day.", field="every")
    with transaction.atomic():
        if days is None:
            TypeInterval.objects.filter(owner=owner, type=code).delete()
        else:
            TypeInterval.objects.update_or_create(owner=owner, type=code, defaults={"days": days})
        ids = list(
            Person.objects.filter(owner=owner, types__type=code).values_list("pk", flat=True)
        )
        return _refresh_due_only(owner, ids)


def people_refresh_schedule(*, owner, people: Iterable) -> int:
    """Due dates only, for these people: after a change of interval or of their nudges."""
    return _refresh_due_only(owner, [p.pk if hasattr(p, "pk") else int(p) for p in people])


def _refresh_due_only(owner, ids: Sequence[int]) -> int:
    """Due dates only: cheaper than a full refresh when only intervals or nudges changed."""
    from tiebook.people.models import Person

    overrides = type_intervals_for(owner=owner)
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        rows = list(Person.objects.filter(owner=owner, pk__in=chunk))
        types = _types_by_person(owner, chunk)
        reasons = open_reasons(owner, chunk)
        for person in rows:
            schedule(
                person, followup_state(person, types[person.pk], overrides, reasons[person.pk])
            )
        bulk.update(rows, SCHEDULE)
    return len(ids)

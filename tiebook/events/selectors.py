"""Reads of events: find one by what the user typed, the list, one event's page, a person's."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from tiebook.core.errors import Ambiguous, NotFound, ValidationError
from tiebook.core.params import MAX_ID, whole_number
from tiebook.events import rules
from tiebook.events.models import Event, EventOrganization, EventPerson
from tiebook.events.services import SOURCE, followup_days_default
from tiebook.people.models import Person, PersonTag
from tiebook.people.normalize import text_key

MAX_CANDIDATES = 10
RELEVANT_LIMIT = 20
RELEVANT_SCAN = 500  # candidates read from the database before ranking


def _events(owner) -> QuerySet[Event]:
    return Event.objects.filter(owner=owner)


def event_get(*, owner, event_id: int) -> Event:
    try:
        return _events(owner).get(pk=event_id)
    except Event.DoesNotExist:
        raise NotFound(
            f"No event with id {event_id}.", hint="Run 'tiebook events' to see them."
        ) from None


def event_resolve(*, owner, ref: str) -> Event:
    """An id, or an unambiguous part of the event's name (an exact name wins)."""
    text = (ref or "").strip()
    if not text:
        raise ValidationError("Name an event: its id, or part of its name.", field="event")
    if text.isascii() and text.isdigit():
        event_id = whole_number(text, maximum=MAX_ID)
        if event_id is None:
            raise NotFound(f"No event with id {text}.")
        return event_get(owner=owner, event_id=event_id)
    key = text_key(text)
    found = list(
        _events(owner)
        .filter(name_key__contains=key)
        .order_by("-starts_on", "pk")[: MAX_CANDIDATES + 1]
    )
    if not found:
        raise NotFound(f"No event matches '{text}'.", hint="Run 'tiebook events' to see them.")
    exact = [e for e in found if e.name_key == key]
    if len(found) == 1 or len(exact) == 1:
        return (exact or found)[0]
    count = f"more than {MAX_CANDIDATES}" if len(found) > MAX_CANDIDATES else str(len(found))
    raise Ambiguous(
        f"'{text}' matches {count} events; use an id or more of the name.",
        candidates=[
            f"{e.pk}  {e.name}, {rules.dates_label(e.starts_on, e.ends_on)}"
            for e in found[:MAX_CANDIDATES]
        ],
    )


@dataclass
class EventRow:
    event: Event
    met: int
    want: int

    @property
    def dates(self) -> str:
        return rules.dates_label(self.event.starts_on, self.event.ends_on)


@dataclass
class EventList:
    upcoming: list[EventRow]  # soonest first
    past: list[EventRow]  # latest first


def events_list(*, owner, today: dt.date, limit: int = 200) -> EventList:
    """Upcoming events (soonest first), then past ones (latest first), with their counts."""
    counted = _events(owner).annotate(
        met_count=Count("people", filter=Q(people__role=EventPerson.MET)),
        want_count=Count("people", filter=Q(people__role=EventPerson.WANT)),
    )
    upcoming = counted.filter(ends_on__gte=today).order_by("starts_on", "pk")[:limit]
    past = counted.filter(ends_on__lt=today).order_by("-ends_on", "-pk")[:limit]
    return EventList(
        upcoming=[EventRow(e, e.met_count, e.want_count) for e in upcoming],
        past=[EventRow(e, e.met_count, e.want_count) for e in past],
    )


@dataclass
class MetRow:
    link: EventPerson
    person: Person
    followed_up_on: dt.date | None  # the first touch after the meeting
    state: str  # "followed up on 9 Dec", "due 9 Dec", "done", "not attended"

    @property
    def done(self) -> bool:
        return self.followed_up_on is not None or self.state == "done"


@dataclass
class RelevantRow:
    person: Person
    reasons: list[str]


@dataclass
class EventRecord:
    event: Event
    hosts: list[str]
    sponsors: list[str]
    followup_days: int
    followup_days_own: bool  # set on this event rather than the owner's default
    due_on: dt.date | None  # when the people met are due (attended events)
    met: list[MetRow]
    want: list[EventPerson]
    programme: list[EventPerson]  # speakers and people attending
    relevant: list[RelevantRow] = field(default_factory=list)

    @property
    def dates(self) -> str:
        return rules.dates_label(self.event.starts_on, self.event.ends_on)


def _links(owner, event: Event) -> list[EventPerson]:
    return list(
        EventPerson.objects.filter(owner=owner, event=event)
        .select_related("person", "person__organization")
        .order_by("-met_at", "person__search_name", "pk")
    )


def _later_touches(owner, met: list[EventPerson]) -> dict[int, dt.date]:
    """Per person met: the first interaction after the meeting (the meeting itself aside)."""
    from tiebook.interactions.models import Participant

    if not met:
        return {}
    first: dict[int, dt.datetime] = {}
    rows = (
        Participant.objects.filter(
            owner=owner,
            person_id__in=[m.person_id for m in met],
            occurred_at__gt=min(m.met_at for m in met),
        )
        .exclude(interaction_id__in=[m.interaction_id for m in met if m.interaction_id])
        .values_list("person_id", "occurred_at")
    )
    met_at = {m.person_id: m.met_at for m in met}
    for person_id, when in rows:
        if when > met_at[person_id] and (person_id not in first or when < first[person_id]):
            first[person_id] = when
    return {p: timezone.localdate(w) for p, w in first.items()}


def _open_nudges(owner, event: Event) -> set[int]:
    from tiebook.followups import nudges

    return {
        n.person_id
        for n in nudges.nudges_open(owner=owner, source=SOURCE, source_id=event.pk)
        if n.person_id
    }


def _met_rows(owner, event: Event, met: list[EventPerson], due_on: dt.date | None) -> list[MetRow]:
    touches = _later_touches(owner, met)
    open_ = _open_nudges(owner, event) if due_on else set()
    rows = []
    for link in met:
        touched = touches.get(link.person_id)
        if touched:
            state = f"followed up on {rules.day_label(touched)}"
        elif due_on is None:
            state = "not attended"
        elif link.person_id in open_:
            state = f"due {rules.day_label(due_on)}"
        else:
            state = "done"
        rows.append(MetRow(link, link.person, touched, state))
    return rows


def event_record(*, owner, event: Event, relevant: bool = True) -> EventRecord:
    """Everything the event's page and `tiebook event show` say, in a fixed number of queries."""
    orgs = list(
        EventOrganization.objects.filter(owner=owner, event=event)
        .select_related("organization")
        .order_by("role", "organization__name_key")
    )
    own_days = event.followup_days
    days = own_days or followup_days_default(owner=owner)
    due_on = rules.followup_due(event.ends_on, days) if event.status == Event.ATTENDED else None
    links = _links(owner, event)
    met = [link for link in links if link.role == EventPerson.MET]
    return EventRecord(
        event=event,
        hosts=[o.organization.name for o in orgs if o.role == EventOrganization.HOST],
        sponsors=[o.organization.name for o in orgs if o.role == EventOrganization.SPONSOR],
        followup_days=days,
        followup_days_own=own_days is not None,
        due_on=due_on,
        met=_met_rows(owner, event, met, due_on),
        want=[link for link in links if link.role == EventPerson.WANT],
        programme=[
            link for link in links if link.role in (EventPerson.SPEAKER, EventPerson.ATTENDING)
        ],
        relevant=event_relevant_people(owner=owner, event=event, orgs=orgs) if relevant else [],
    )


def _candidate_ids(owner, event: Event, org_ids: list[int]) -> list[int]:
    """People the database finds tied to the event: at its organisations, or with a topic in
    their expertise, tags or headline. The ranking then weighs them."""
    condition = Q(organization_id__in=org_ids) if org_ids else Q()
    for topic in event.topics:
        tagged = PersonTag.objects.filter(owner=owner, tag__name_key=text_key(topic)).values(
            "person_id"
        )
        condition |= Q(expertise__icontains=topic) | Q(headline__icontains=topic) | Q(pk__in=tagged)
    if not condition:
        return []
    linked = EventPerson.objects.filter(owner=owner, event=event).values("person_id")
    return list(
        Person.objects.filter(owner=owner, archived_at__isnull=True)
        .filter(condition)
        .exclude(pk__in=linked)
        # In id order, the scan stops at the first RELEVANT_SCAN found; the ranking weighs them.
        .order_by("pk")
        .values_list("pk", flat=True)[:RELEVANT_SCAN]
    )


def event_relevant_people(
    *, owner, event: Event, orgs=None, limit: int = RELEVANT_LIMIT
) -> list[RelevantRow]:
    """Who in the network is likely there or worth meeting there, each with the reason."""
    if orgs is None:
        orgs = list(
            EventOrganization.objects.filter(owner=owner, event=event).select_related(
                "organization"
            )
        )
    facts = rules.EventFacts(
        hosts={o.organization_id: o.organization.name for o in orgs if o.role == "host"},
        sponsors={o.organization_id: o.organization.name for o in orgs if o.role == "sponsor"},
        topics=event.topics,
    )
    ids = _candidate_ids(owner, event, [o.organization_id for o in orgs])
    if not ids:
        return []
    people = {
        p.pk: p
        for p in Person.objects.filter(owner=owner, pk__in=ids).select_related("organization")
    }
    tags: dict[int, list[str]] = {}
    for person_id, name in PersonTag.objects.filter(owner=owner, person_id__in=ids).values_list(
        "person_id", "tag__name"
    ):
        tags.setdefault(person_id, []).append(name)
    candidates = [
        rules.Candidate(
            person=p.pk,
            organization=p.organization_id,
            headline=p.headline,
            expertise=tuple(str(e) for e in (p.expertise or [])),
            tags=tuple(tags.get(p.pk, ())),
            tie_strength=p.tie_strength,
        )
        for p in people.values()
    ]
    ranked = rules.rank_relevant(candidates, facts, limit=limit)
    return [RelevantRow(people[r.person], r.reasons) for r in ranked]


@dataclass
class PersonEvent:
    event: Event
    role: str
    met_at: dt.datetime | None

    @property
    def label(self) -> str:
        return EventPerson.LABELS[self.role]


def person_events(*, owner, person: Person) -> list[PersonEvent]:
    """The events a person is linked to, latest first (one query)."""
    links = (
        EventPerson.objects.filter(owner=owner, person=person)
        .select_related("event")
        .order_by("-event__starts_on", "-pk")
    )
    return [PersonEvent(link.event, link.role, link.met_at) for link in links]

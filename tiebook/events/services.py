"""Writes for events: add, change status and follow-up days, link people, record a meeting."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from tiebook.core.errors import NotFound, ValidationError
from tiebook.core.timeparse import now
from tiebook.core.timeparse import today as local_today
from tiebook.events import rules
from tiebook.events.models import (
    DEFAULT_FOLLOWUP_DAYS,
    Event,
    EventOrganization,
    EventPerson,
    EventSettings,
)
from tiebook.people.normalize import normalize_url, text_key
from tiebook.people.services import organization_get_or_create

SOURCE = "event"  # the nudges' source for follow-ups after an event


@dataclass
class EventInput:
    name: str
    starts_on: dt.date
    ends_on: dt.date | None = None
    kind: str = "meetup"
    where: str = ""
    url: str = ""
    topics: Sequence[str] = ()
    hosts: Sequence[str] = ()  # organisation names
    sponsors: Sequence[str] = ()
    status: str = Event.CONSIDERING
    followup_days: int | None = None
    notes: str = ""
    source: str = "manual"
    external_id: str = ""


def _url(raw: str) -> str:
    text = (raw or "").strip()
    if not text:
        return ""
    normalize_url(text)  # raises on what is not a web address
    if len(text) > 1000:
        raise ValidationError("The link is longer than 1,000 characters.", field="url")
    return text if "://" in text else f"https://{text}"


def _mine(owner, *rows) -> None:
    for row in rows:
        if row.owner_id != owner.pk:
            raise NotFound("That is not in your network.")


def event_build(*, owner, data: EventInput) -> Event:
    """A checked, unsaved event (imports create them in bulk)."""
    name = rules.clean_event_name(data.name)
    ends_on = rules.check_dates(data.starts_on, data.ends_on)
    if data.followup_days is not None:
        rules.check_followup_days(data.followup_days)
    return Event(
        owner=owner,
        name=name,
        name_key=text_key(name)[:200],
        kind=rules.parse_kind(data.kind),
        starts_on=data.starts_on,
        ends_on=ends_on,
        where=rules.clean_where(data.where),
        url=_url(data.url),
        topics=rules.clean_topics(data.topics),
        status=rules.parse_status(data.status),
        followup_days=data.followup_days,
        notes=(data.notes or "").strip(),
        source=data.source,
        external_id=data.external_id[:300],
        created_at=now(),
    )


def event_create(*, owner, data: EventInput) -> Event:
    event = event_build(owner=owner, data=data)
    with transaction.atomic():
        event.save()
        for role, names in (
            (EventOrganization.HOST, data.hosts),
            (EventOrganization.SPONSOR, data.sponsors),
        ):
            event_organization_add(owner=owner, event=event, names=names, role=role)
    return event


@dataclass
class EventChanges:
    """An edit: None leaves a field as it is; topics, hosts and sponsors given replace them."""

    name: str | None = None
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    kind: str | None = None
    where: str | None = None
    url: str | None = None
    topics: Sequence[str] | None = None
    hosts: Sequence[str] | None = None
    sponsors: Sequence[str] | None = None
    notes: str | None = None


def event_update(*, owner, event: Event, changes: EventChanges) -> Event:
    """Change an event; when its dates move, the people met there are due again from them."""
    _mine(owner, event)
    if changes.name is not None:
        event.name = rules.clean_event_name(changes.name)
        event.name_key = text_key(event.name)[:200]
    starts_on = changes.starts_on or event.starts_on
    if changes.starts_on and not changes.ends_on and event.ends_on == event.starts_on:
        event.ends_on = starts_on  # a one-day event moves as one
    event.ends_on = rules.check_dates(starts_on, changes.ends_on or event.ends_on)
    event.starts_on = starts_on
    if changes.kind is not None:
        event.kind = rules.parse_kind(changes.kind)
    if changes.where is not None:
        event.where = rules.clean_where(changes.where)
    if changes.url is not None:
        event.url = _url(changes.url)
    if changes.topics is not None:
        event.topics = rules.clean_topics(changes.topics)
    if changes.notes is not None:
        event.notes = changes.notes.strip()
    with transaction.atomic():
        event.save()
        for role, names in (
            (EventOrganization.HOST, changes.hosts),
            (EventOrganization.SPONSOR, changes.sponsors),
        ):
            if names is not None:
                EventOrganization.objects.filter(owner=owner, event=event, role=role).delete()
                event_organization_add(owner=owner, event=event, names=names, role=role)
        event_nudges_refresh(owner=owner, event=event)
    return event


def event_organization_add(*, owner, event: Event, names: Sequence[str], role: str) -> None:
    _mine(owner, event)
    for name in names:
        if name.strip():
            org = organization_get_or_create(owner=owner, name=name)
            EventOrganization.objects.get_or_create(
                owner=owner, event=event, organization=org, role=role
            )


def followup_days_default(*, owner) -> int:
    found = EventSettings.objects.filter(owner=owner).values_list("followup_days", flat=True)
    return next(iter(found), DEFAULT_FOLLOWUP_DAYS)


def followup_days_for(*, owner, event: Event) -> int:
    return event.followup_days or followup_days_default(owner=owner)


def event_settings_set(*, owner, followup_days: int) -> int:
    """Change the owner's default; every attended event without its own days is re-nudged."""
    days = rules.check_followup_days(followup_days)
    with transaction.atomic():
        EventSettings.objects.update_or_create(owner=owner, defaults={"followup_days": days})
        for event in Event.objects.filter(
            owner=owner, status=Event.ATTENDED, followup_days__isnull=True
        ):
            event_nudges_refresh(owner=owner, event=event)
    return days


def event_followup_days_set(*, owner, event: Event, days: int | None) -> Event:
    """Per event (None: the owner's default); the people met are due again from it."""
    _mine(owner, event)
    event.followup_days = None if days is None else rules.check_followup_days(days)
    with transaction.atomic():
        event.save(update_fields=["followup_days"])
        event_nudges_refresh(owner=owner, event=event)
    return event


def event_status_set(*, owner, event: Event, status: str) -> Event:
    """considering, going or attended; attending makes everyone met there due soon after."""
    _mine(owner, event)
    event.status = rules.parse_status(status)
    if event.status == Event.ATTENDED and event.starts_on > local_today():
        raise ValidationError(
            f"{event.name} has not started yet ({rules.day_label(event.starts_on, year=True)}); "
            "mark it going instead.",
            field="status",
        )
    with transaction.atomic():
        event.save(update_fields=["status"])
        event_nudges_refresh(owner=owner, event=event)
    return event


def event_nudges_refresh(*, owner, event: Event) -> int:
    """After an attended event everyone met there is due by its end plus the follow-up days;
    an event not (or no longer) attended nudges no one. Returns how many are nudged."""
    from tiebook.followups import nudges

    if event.status != Event.ATTENDED:
        nudges.nudges_clear(owner=owner, source=SOURCE, source_id=event.pk)
        return 0
    due_on = rules.followup_due(event.ends_on, followup_days_for(owner=owner, event=event))
    met = EventPerson.objects.filter(owner=owner, event=event, role=EventPerson.MET).select_related(
        "person"
    )
    for link in met:
        _nudge(owner, event, link, due_on)
    return len(met)


def _nudge(owner, event: Event, link: EventPerson, due_on: dt.date) -> None:
    from tiebook.followups import nudges

    nudges.nudge_set(
        owner=owner,
        source=SOURCE,
        source_id=event.pk,
        person=link.person,
        due_on=due_on,
        why=rules.met_why(
            event.name, timezone.localdate(link.met_at) if link.met_at else event.ends_on
        ),
        since=link.met_at,
    )


def event_person_link(*, owner, event: Event, person, role: str, note: str = "") -> EventPerson:
    """Link someone to an event as want to meet, attending or speaker; a meeting stays a meeting."""
    _mine(owner, event, person)
    if role not in (EventPerson.WANT, EventPerson.ATTENDING, EventPerson.SPEAKER):
        raise ValidationError(f"Unknown role '{role}'.", field="role")
    link, created = EventPerson.objects.get_or_create(
        owner=owner,
        event=event,
        person=person,
        defaults={"role": role, "note": note.strip(), "created_at": now()},
    )
    if not created and link.role != EventPerson.MET and link.role != role:
        link.role = role
        link.save(update_fields=["role"])
    return link


def event_person_unlink(*, owner, event: Event, person) -> bool:
    """Take someone off an event (their meeting's interaction stays on their timeline)."""
    _mine(owner, event, person)
    with transaction.atomic():
        deleted, _ = EventPerson.objects.filter(owner=owner, event=event, person=person).delete()
        from tiebook.followups import nudges

        nudges.nudges_clear(owner=owner, source=SOURCE, source_id=event.pk, person=person)
    return bool(deleted)


def event_met_record(
    *, owner, event: Event, person, note: str = "", today: dt.date | None = None
) -> EventPerson:
    """Someone met at the event: linked to it, an interaction recorded, "how we met" filled when
    empty, and, when the event is attended, due soon after it. Meeting them again there adds
    the note and nothing else."""
    from tiebook.interactions.services import InteractionInput, interaction_log

    _mine(owner, event, person)
    day = rules.met_day(event.starts_on, event.ends_on, today or local_today(), event.name)
    with transaction.atomic():
        link = EventPerson.objects.filter(owner=owner, event=event, person=person).first()
        if link and link.role == EventPerson.MET:
            if note.strip():
                link.note = "\n".join(n for n in (link.note, note.strip()) if n)
                link.save(update_fields=["note"])
            return link
        interaction = interaction_log(
            owner=owner,
            people=[person],
            data=InteractionInput(
                summary=f"Met at {event.name}", kind="event", on=day, notes=note.strip()
            ),
        )
        link = link or EventPerson(owner=owner, event=event, person=person, created_at=now())
        link.role, link.met_at, link.interaction = (
            EventPerson.MET,
            interaction.occurred_at,
            interaction,
        )
        link.note = "\n".join(n for n in (link.note, note.strip()) if n)
        link.save()
        _fill_how_met(person, event, day)
        if event.status == Event.ATTENDED:
            due_on = rules.followup_due(event.ends_on, followup_days_for(owner=owner, event=event))
            _nudge(owner, event, link, due_on)
    return link


def _fill_how_met(person, event: Event, day: dt.date) -> None:
    from tiebook.people.models import Person

    Person.objects.filter(pk=person.pk, how_met="").update(
        how_met=rules.how_met_text(event.name, day), updated_at=now()
    )


def event_delete(*, owner, event: Event) -> None:
    """Delete an event and its links; the meetings stay on each person's timeline."""
    from tiebook.followups import nudges

    _mine(owner, event)
    with transaction.atomic():
        nudges.nudges_clear(owner=owner, source=SOURCE, source_id=event.pk)
        event.delete()

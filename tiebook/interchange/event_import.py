"""A conference's calendar (.ics) as events: each VEVENT an Event you are considering, its
organiser and attendees matched to people (added only when asked), no interactions created.

One import run: it can run dry, reports what it did, and `tiebook undo-import` removes exactly
the events, links and people it added.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from tiebook.core.errors import ValidationError
from tiebook.core.timeparse import now
from tiebook.events import rules
from tiebook.events.models import Event, EventPerson
from tiebook.events.services import EventInput, event_build
from tiebook.interchange.formats.ics import (
    all_of,
    day_of,
    event_number,
    event_problem,
    first,
    participants,
    read_bytes,
    start_of,
    text_of,
)
from tiebook.interchange.formats.ics_lines import read_calendars
from tiebook.interchange.matching import match, record_keys
from tiebook.interchange.models import ImportChange, ImportRun
from tiebook.interchange.planning import load_existing
from tiebook.interchange.records import ImportFileError, Labeled, PersonRecord
from tiebook.people.limits import NOTES
from tiebook.people.models import ContactPoint
from tiebook.people.normalize import normalize_url
from tiebook.people.services import PersonInput, person_create

SOURCE = "ics-events"  # the run's source; the events keep "ics" with the calendar's UID


@dataclass
class EventImportReport:
    file_name: str
    dry_run: bool
    run_id: int | None = None
    counts: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(
            ("events", "already", "linked", "added_people", "not_in_network", "failed"), 0
        )
    )
    problems: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)  # per event: name, dates, people linked

    def as_dict(self) -> dict:
        return {
            "file": self.file_name,
            "dry_run": self.dry_run,
            "run": self.run_id,
            "counts": self.counts,
            "problems": self.problems,
            "notes": self.notes,
            "events": self.events,
        }


@dataclass
class _Parsed:
    ref: str
    data: EventInput
    people: list[tuple[str, str, str]]  # (name, email, role)


class _Dry(Exception):
    """Raised inside the transaction to roll a dry run back."""


def _end_day(component, start: dt.date) -> dt.date:
    end = first(component.get("DTEND"))
    if end is None:
        return start
    value = end.dt
    if isinstance(value, dt.datetime):
        return max(start, day_of(value))
    return max(start, value - dt.timedelta(days=1))  # an all-day DTEND is exclusive


def _url(raw: str) -> str:
    """The event's link, or none when it is not a web address (the event still imports)."""
    try:
        normalize_url(raw)
    except ValidationError:
        return ""
    return raw if len(raw) <= 1000 else ""


def _topics(component) -> list[str]:
    """CATEGORIES, however many lines and values: each value a topic."""
    found = []
    for value in all_of(component.get("CATEGORIES")):
        cats = getattr(value, "cats", None)
        found.extend(str(c) for c in (cats if cats is not None else [value]))
    return found[: rules.MAX_TOPICS]


def _parsed(component) -> _Parsed:
    start = day_of(start_of(component))
    uid = text_of(component.get("UID"))
    name = text_of(component.get("SUMMARY"))[: rules.NAME] or "Untitled event"
    external = uid or hashlib.sha256(f"{name}\n{start.isoformat()}".encode()).hexdigest()[:32]
    people = [
        (
            ref.name,
            ref.email,
            EventPerson.SPEAKER if ref.role == "organizer" else EventPerson.ATTENDING,
        )
        for ref in participants(component)
    ]
    return _Parsed(
        ref=f"event {event_number(component)}",
        data=EventInput(
            name=name,
            starts_on=start,
            ends_on=_end_day(component, start),
            kind="talk",
            where=text_of(component.get("LOCATION"))[:300],
            url=_url(text_of(component.get("URL"))),
            topics=[t[: rules.TOPIC] for t in _topics(component)],
            notes=text_of(component.get("DESCRIPTION"))[:NOTES],
            source="ics",
            external_id=external[:300],
        ),
        people=people,
    )


def _read(path: Path, report: EventImportReport) -> list[_Parsed]:
    try:
        calendars, problems, notes = read_calendars(read_bytes(path), path.name)
    except ImportFileError:
        raise
    except Exception as exc:
        raise ImportFileError(f"{path.name} could not be read as an iCalendar file.") from exc
    report.notes.extend(notes)
    report.problems.extend({"ref": p.ref, "message": p.message} for p in problems)
    found: list[_Parsed] = []
    seen: set[str] = set()
    for calendar in calendars:
        for component in calendar.walk("VEVENT"):
            problem = event_problem(component)
            if problem:
                report.problems.append(
                    {"ref": f"event {event_number(component)}", "message": f"It {problem}."}
                )
                continue
            if "RECURRENCE-ID" in component:
                continue  # one Event per talk: a moved occurrence is the same event
            item = _parsed(component)
            if item.data.external_id not in seen:
                seen.add(item.data.external_id)
                found.append(item)
    report.counts["failed"] = len(report.problems)
    return found


class _People:
    """The network's matching index, with the people this run adds as it adds them."""

    def __init__(self, owner, add_people: bool, log: list[tuple[str, list[int]]]):
        self.owner, self.add_people, self.log = owner, add_people, log
        self.index = load_existing(owner).index

    def find(self, name: str, email: str, how_met: str) -> tuple[int | None, bool]:
        record = PersonRecord(ref="", name=name, emails=[Labeled(email)] if email else [])
        keys = record_keys(record).keys
        if not keys.display:
            return None, False
        found = match(keys, self.index)
        if found.person is not None:
            return found.person, False
        if not self.add_people or found.kind == "conflict":
            return None, False
        person = person_create(
            owner=self.owner,
            data=PersonInput(name=keys.display, emails=list(keys.emails), how_met=how_met),
            allow_duplicate=True,
        )
        self.index.add(person.pk, keys)
        self.log.append(("people.Person", [person.pk]))
        points = ContactPoint.objects.filter(owner=self.owner, person=person)
        self.log.append(("people.ContactPoint", list(points.values_list("pk", flat=True))))
        return person.pk, True


def events_import(
    *, owner, path: Path, dry_run: bool = False, add_people: bool = False
) -> EventImportReport:
    """Import a calendar's events; with dry_run, say exactly what it would do and write nothing."""
    path = Path(path)
    report = EventImportReport(file_name=path.name, dry_run=dry_run)
    parsed = _read(path, report)
    digest = hashlib.sha256(read_bytes(path)).hexdigest()
    try:
        with transaction.atomic():
            _write(owner, path, digest, parsed, add_people, report)
            if dry_run:
                raise _Dry
    except _Dry:
        report.run_id = None
    return report


def _write(owner, path: Path, digest: str, parsed: list[_Parsed], add_people: bool, report) -> None:
    known = set(
        Event.objects.filter(
            owner=owner, source="ics", external_id__in=[p.data.external_id for p in parsed]
        ).values_list("external_id", flat=True)
    )
    log: list[tuple[str, list[int]]] = []
    people = _People(owner, add_people, log)
    for item in parsed:
        if item.data.external_id in known:
            report.counts["already"] += 1
            continue
        try:
            event = event_build(owner=owner, data=item.data)
        except ValidationError as error:
            report.problems.append({"ref": item.ref, "message": error.message})
            report.counts["failed"] += 1
            continue
        event.save()
        log.append(("events.Event", [event.pk]))
        report.counts["events"] += 1
        linked = _link(owner, event, item, people, report, log)
        report.events.append(
            {"name": event.name, "starts_on": event.starts_on.isoformat(), "people": linked}
        )
    run = ImportRun.objects.create(
        owner=owner,
        source=SOURCE,
        file_name=path.name[:500],
        file_hash=digest,
        created=report.counts["added_people"],
        skipped=report.counts["already"],
        failed=report.counts["failed"],
        problems=report.problems,
        notes=report.notes,
        created_at=now(),
    )
    ImportChange.objects.bulk_create(
        [
            ImportChange(owner=owner, run=run, action="created", model=label, object_ids=ids)
            for label, ids in log
            if ids
        ]
    )
    report.run_id = run.pk


def _link(owner, event: Event, item: _Parsed, people: _People, report, log) -> list[str]:
    how_met = f"{event.name}, {rules.day_label(event.starts_on, year=True)} (on the programme)"
    links, names = {}, []
    for name, email, role in item.people:
        person, added = people.find(name, email, how_met)
        if person is None:
            report.counts["not_in_network"] += 1
            continue
        report.counts["added_people" if added else "linked"] += 1
        if person not in links:
            links[person] = EventPerson(
                owner=owner, event=event, person_id=person, role=role, created_at=now()
            )
            names.append(name or email)
    made = EventPerson.objects.bulk_create(list(links.values()))
    log.append(("events.EventPerson", [link.pk for link in made]))
    return names

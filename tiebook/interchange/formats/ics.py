"""iCalendar (.ics) import: each meeting occurrence in a date window becomes an InteractionRecord.

Recurrences are expanded with recurring_ical_events, one series (one UID) at a time, so a broken
event is a problem of its own and the rest still import. ics_lines reads the file's text into
calendars first, repairing what would stop icalendar.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.utils import parseaddr
from functools import cached_property
from pathlib import Path

import icalendar
import recurring_ical_events

from tiebook.core import timeparse
from tiebook.interchange.formats.ics_lines import (
    CHECKED,
    NUMBER,
    UTF8_BOM,
    UTF16_BOMS,
    read_calendars,
    zone_key,
)
from tiebook.interchange.records import (
    ImportFileError,
    InteractionRecord,
    ParseResult,
    PersonRef,
    Problem,
)

SUFFIXES = {".ics", ".ical", ".ifb"}
SINGLE = {"UID", "DTSTART", "RECURRENCE-ID", "SUMMARY", "STATUS", "DTSTAMP", "ORGANIZER"}
EMAIL_RE = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
SUB_DAILY = {"SECONDLY", "MINUTELY", "HOURLY"}
TIMES_OF_DAY = ("BYHOUR", "BYMINUTE", "BYSECOND")  # more than one value: several times a day
MAX_RULES = 10  # repeat rules in one event; real calendars write one
NOT_PEOPLE = {"ROOM", "RESOURCE"}
MAX_OCCURRENCES = 2000  # per series and window: a runaway rule stops here
MAX_FILE_OCCURRENCES = 50_000  # per file, in the window and again outside it (counted only)
# Occurrences are asked for a span of days at a time, sized so that each answer holds about
# TARGET of them: a dense series never materialises a year at once, a sparse one takes few steps.
FIRST_SPAN, TARGET, GROWTH = 32, 256, 16
ONE_DAY = dt.timedelta(days=1)
LOOKAHEAD = dt.timedelta(days=366)  # how far future occurrences of a rule are counted
FIRST_DAY, LAST_DAY = dt.date(1, 1, 2), dt.date(9999, 1, 1)  # leave room for a day either side


# -- the window -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Window:
    """The days (both ends included) whose meetings become interactions."""

    since: dt.date
    until: dt.date


def as_date(value: dt.date | None) -> dt.date | None:
    return value.date() if isinstance(value, dt.datetime) else value


def two_years_before(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 2)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 2, day=28)


def make_window(since: dt.date | None = None, until: dt.date | None = None) -> Window:
    """The window asked for; by default the two years up to today."""
    until = min(as_date(until) or timeparse.today(), LAST_DAY - LOOKAHEAD)
    since = max(as_date(since) or two_years_before(until), FIRST_DAY)
    if since > until:
        raise ImportFileError(f"The import window starts ({since}) after it ends ({until}).")
    return Window(since, until)


# -- values ---------------------------------------------------------------------------------------


def first(value):
    return value[0] if isinstance(value, list) and value else value


def all_of(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def text_of(value) -> str:
    value = first(value)
    return " ".join(str(value).split()) if value is not None else ""


def to_utc(value: dt.date) -> dt.datetime:
    """A timezone-aware instant: dates at midnight UTC, floating times read as UTC."""
    if not isinstance(value, dt.datetime):
        return dt.datetime.combine(value, dt.time(), dt.UTC)
    if value.utcoffset() is None:
        return value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC)


def day_of(value: dt.date) -> dt.date:
    """The day on the event's own clock."""
    return value.date() if isinstance(value, dt.datetime) else value


def start_of(component: icalendar.Component) -> dt.date:
    return first(component["DTSTART"]).dt


def event_number(component: icalendar.Component) -> int:
    return int(text_of(component.get(NUMBER)) or 0)


def sequence_of(component: icalendar.Component) -> int:
    try:
        return int(text_of(component.get("SEQUENCE")) or 0)
    except ValueError:
        return 0


def stamp_of(component: icalendar.Component) -> dt.datetime:
    try:
        return to_utc(first(component["DTSTAMP"]).dt)
    except Exception:  # missing or unreadable: the oldest possible version
        return dt.datetime.min.replace(tzinfo=dt.UTC)


# -- people ---------------------------------------------------------------------------------------


def email_of(address) -> str:
    value = re.sub(r"(?i)^\s*mailto:", "", str(address)).strip()
    if "<" in value:
        value = parseaddr(value)[1]
    return value.lower() if EMAIL_RE.fullmatch(value) else ""


def person(address, role: str) -> PersonRef | None:
    params = getattr(address, "params", {})
    if text_of(params.get("CUTYPE")).upper() in NOT_PEOPLE:
        return None
    name, email = text_of(params.get("CN")).strip('"'), email_of(address)
    if not (name or email):
        return None
    status = text_of(params.get("PARTSTAT")).lower() if role == "attendee" else ""
    return PersonRef(name=name, email=email, role=role, status=status)


def participants(component: icalendar.Component) -> list[PersonRef]:
    """The organizer, then each attendee once; rooms and resources left out."""
    refs = [person(first(component["ORGANIZER"]), "organizer")] if "ORGANIZER" in component else []
    seen: set[str] = set()
    for address in all_of(component.get("ATTENDEE")):
        ref = person(address, "attendee")
        if ref and (ref.email or ref.name) not in seen:
            seen.add(ref.email or ref.name)
            refs.append(ref)
    return [ref for ref in refs if ref]


# -- events and series ----------------------------------------------------------------------------


def event_problem(event: icalendar.Event) -> str:
    """Why the event cannot be read, or ""."""
    broken = {str(name).upper() for name, _ in getattr(event, "errors", []) if name}
    for name in CHECKED:
        if name in broken:
            return f"has an unreadable {name}"
    if "DTSTART" not in event:
        return "has no start (DTSTART)"
    rules = all_of(event.get("RRULE"))
    if len(rules) + len(all_of(event.get("EXRULE"))) > MAX_RULES:
        return f"has more than {MAX_RULES} repeat rules"
    if any(more_than_daily(rule) for rule in rules):
        return "repeats more often than daily"
    if extra_dates(event) > MAX_OCCURRENCES:
        return f"has more than {MAX_OCCURRENCES} extra dates (RDATE)"
    if not isinstance(start_of(event), dt.date):  # a bare time, or a period
        return "has an unreadable DTSTART"
    return ""


def extra_dates(event: icalendar.Event) -> int:
    return sum(len(getattr(dates, "dts", [])) for dates in all_of(event.get("RDATE")))


def more_than_daily(rule) -> bool:
    """Whether the rule's frequency, or its hours, minutes or seconds, repeat it within a day."""
    if text_of(rule.get("FREQ")).upper() in SUB_DAILY:
        return True
    return any(len(all_of(rule.get(part))) > 1 for part in TIMES_OF_DAY)


def bare(event: icalendar.Event) -> icalendar.Event:
    """A copy with one value per single property, no alarms and no end (only starts count)."""
    copy = icalendar.Event()
    for name, value in event.items():
        if name not in ("DTEND", "DURATION"):
            copy[name] = first(value) if name in SINGLE else value
    copy["SEQUENCE"] = sequence_of(event)
    return copy


def is_recurring(events: list[icalendar.Event]) -> bool:
    names = ("RRULE", "RDATE", "RECURRENCE-ID")
    return len(events) > 1 or any(name in event for event in events for name in names)


@dataclass
class Series:
    """The events of one calendar that share a UID (a meeting and its moved or cancelled days)."""

    uid: str
    events: list[icalendar.Event]
    zone: str = ""  # the calendar's X-WR-TIMEZONE, for its floating times

    @property
    def number(self) -> int:
        return min(event_number(event) for event in self.events)

    @cached_property
    def query(self) -> recurring_ical_events.CalendarQuery:
        calendar = icalendar.Calendar()
        if self.zone:
            calendar.add("X-WR-TIMEZONE", self.zone)
        for event in self.events:
            calendar.add_component(event)
        return recurring_ical_events.of(calendar)

    def occurrences(self, since: dt.date, until: dt.date) -> Iterator[icalendar.Event]:
        """Occurrences starting on the days since..until, in order, a span of days at a time
        (see TARGET), so that a caller stopping early does not pay for the rest."""
        if not self.zone and not is_recurring(self.events):  # one meeting: no rule to expand
            [event] = self.events
            if since <= day_of(start_of(event)) <= until:
                yield event
            return
        day, days = since, FIRST_SPAN if is_recurring(self.events) else (until - since).days + 1
        while day <= until:
            stop = until + ONE_DAY if (until - day).days < days else day + dt.timedelta(days)
            found = self.query.between(day - ONE_DAY, stop + ONE_DAY)
            found = [c for c in found if day <= day_of(start_of(c)) < stop]
            yield from sorted(found, key=lambda c: to_utc(start_of(c)))
            days = next_span(days, len(found))
            day = stop


def next_span(days: int, found: int) -> int:
    """The days to ask for next, after `days` of them held `found` occurrences."""
    wanted = days * TARGET // found if found else days * GROWTH
    return max(1, min(wanted, days * GROWTH))


def series_of(calendar: icalendar.Calendar, problems: list[Problem]) -> list[Series]:
    """The calendar's readable events grouped by UID; unreadable ones become problems."""
    zone, groups = zone_key(text_of(calendar.get("X-WR-TIMEZONE"))), {}
    for event in (c for c in calendar.subcomponents if c.name == "VEVENT"):
        number = event_number(event)
        try:
            problem = event_problem(event)
        except Exception as exc:  # icalendar refuses a value: the event alone is lost
            problem = f"could not be read ({type(exc).__name__})"
        if problem:
            problems.append(Problem(f"event {number}", f"event {number} {problem}; skipped."))
            continue
        uid = text_of(event.get("UID"))
        groups.setdefault(uid or f"#{number}", Series(uid, [], zone)).events.append(bare(event))
    for series in groups.values():
        promote_orphan(series.events)
    return list(groups.values())


def promote_orphan(events: list[icalendar.Event]) -> None:
    """A lone moved occurrence that carries its own RDATE or RRULE (Lotus Notes writes these
    without the series they belong to) is read as the series, so its dates are not lost."""
    if len(events) == 1 and any(name in events[0] for name in ("RDATE", "RRULE")):
        events[0].pop("RECURRENCE-ID", None)


# -- reading --------------------------------------------------------------------------------------


@dataclass
class Reader:
    """What reading one file collects: records by external id, problems and skip counts."""

    window: Window
    records: dict[str, tuple[tuple, InteractionRecord]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    cancelled: int = 0
    nobody: int = 0
    future: int = 0
    future_capped: bool = False  # a series had more after the window than were counted
    taken: int = 0  # occurrences in the window read so far, up to MAX_FILE_OCCURRENCES
    counted: int = 0  # occurrences outside the window counted so far, up to the same
    full: bool = False  # MAX_FILE_OCCURRENCES were read: the rest of the file is not
    earlier: int = 0  # wanted occurrences before the window (see tally)
    earliest: dt.date | None = None
    earlier_capped: bool = False  # a series had more before the window than were counted

    def read_calendar(self, calendar: icalendar.Calendar) -> None:
        if text_of(calendar.get("METHOD")).upper() == "CANCEL":
            self.cancelled += sum(1 for c in calendar.subcomponents if c.name == "VEVENT")
            return
        for series in series_of(calendar, self.problems):
            if self.full:
                return
            try:
                self.read_series(series)
            except Exception as exc:  # one odd series never stops the others
                ref = f"event {series.number}"
                message = f"{ref} could not be read ({type(exc).__name__}); skipped."
                self.problems.append(Problem(ref, message))

    def read_series(self, series: Series) -> None:
        window, recurring = self.window, is_recurring(series.events)
        for count, occurrence in enumerate(series.occurrences(window.since, window.until)):
            if count == MAX_OCCURRENCES:
                self.too_many(series)
                break
            if self.taken == MAX_FILE_OCCURRENCES:
                self.full = True
                return
            self.taken += 1
            self.take(occurrence, series.uid, recurring)
        self.count_earlier(series)
        self.count_later(series, recurring)

    def count_later(self, series: Series, recurring: bool) -> None:
        """Counts the meetings after the window, so the report can say they were left out."""
        later = self.window.until + LOOKAHEAD if recurring else LAST_DAY
        kept, capped = self.tally(series.occurrences(self.window.until + ONE_DAY, later))
        self.future += len(kept)
        self.future_capped = self.future_capped or capped

    def count_earlier(self, series: Series) -> None:
        """Counts the meetings before the window, so the report can say how to reach them."""
        start = min(day_of(start_of(event)) for event in series.events)
        if start >= self.window.since:
            return
        kept, capped = self.tally(series.occurrences(start, self.window.since - ONE_DAY))
        self.earlier += len(kept)
        self.earlier_capped = self.earlier_capped or capped
        if kept:
            day = day_of(start_of(kept[0]))
            self.earliest = min(self.earliest or day, day)

    def tally(self, occurrences: Iterator[icalendar.Event]) -> tuple[list[icalendar.Event], bool]:
        """The wanted ones among the first MAX_OCCURRENCES occurrences (fewer once the file has
        counted MAX_FILE_OCCURRENCES), and whether any were left uncounted."""
        limit = min(MAX_OCCURRENCES, MAX_FILE_OCCURRENCES - self.counted)
        if limit <= 0:
            return [], True
        found = list(itertools.islice(occurrences, limit + 1))
        self.counted += min(len(found), limit)
        return [o for o in found[:limit] if wanted(o)], len(found) > limit

    def too_many(self, series: Series) -> None:
        ref, window = f"event {series.number}", self.window
        message = (
            f"{ref} repeats more than {MAX_OCCURRENCES} times between {window.since} and "
            f"{window.until}; only the first {MAX_OCCURRENCES} were read."
        )
        self.problems.append(Problem(ref, message))

    def take(self, occurrence: icalendar.Event, uid: str, recurring: bool) -> None:
        if cancelled(occurrence):
            self.cancelled += 1
            return
        people = participants(occurrence)
        if not people:
            self.nobody += 1
            return
        record = interaction(occurrence, uid, recurring, people)
        rank = (sequence_of(occurrence), stamp_of(occurrence))
        kept = self.records.get(record.external_id)
        if kept is None or rank > kept[0]:  # the same meeting sent twice: the newest wins
            self.records[record.external_id] = (rank, record)

    def later_text(self) -> str:
        if self.window.until < timeparse.today():
            return f"occurrence{{}} after {self.window.until} not imported"
        return "future occurrence{} not imported"

    def full_text(self) -> str:
        window = self.window
        return (
            f"The file has more than {MAX_FILE_OCCURRENCES:,} meetings between {window.since} "
            f"and {window.until}; only the first {MAX_FILE_OCCURRENCES:,} were read: import a "
            f"shorter window (--since and --until) to take the rest"
        )

    def result(self) -> ParseResult:
        records = [record for _, record in self.records.values()]
        records.sort(key=lambda r: (int(r.ref.split()[1]), r.occurred_at))
        self.problems.sort(key=lambda p: int(p.ref.split()[1]))
        counts = [
            (self.cancelled, "cancelled event{} skipped"),
            (self.nobody, "event{} with nobody invited skipped"),
            (self.future, self.later_text()),
        ]
        skipped = [f"{n} {text.format('' if n == 1 else 's')}" for n, text in counts if n]
        if self.future_capped and self.future:  # the future count is the last of them
            skipped[-1] = f"at least {skipped[-1]}"
        if self.full:
            skipped.insert(0, self.full_text())
        if self.earlier:
            meetings = "1 meeting" if self.earlier == 1 else f"{self.earlier} meetings"
            meetings = f"at least {meetings}" if self.earlier_capped else meetings
            skipped.append(
                f"{meetings} before {self.window.since} not imported, the earliest on "
                f"{self.earliest}: import again from that day (--since {self.earliest}, or "
                f"'Meetings from' on the Import page) to include them"
            )
        return ParseResult(interactions=records, problems=self.problems, skipped=skipped)


def cancelled(occurrence: icalendar.Event) -> bool:
    return text_of(occurrence.get("STATUS")).upper() == "CANCELLED"


def wanted(occurrence: icalendar.Event) -> bool:
    """Whether the occurrence would be imported once it has happened."""
    return not cancelled(occurrence) and bool(participants(occurrence))


def external_id(uid: str, summary: str, start: dt.datetime, recurrence: dt.datetime | None) -> str:
    """UID, plus the occurrence's original start in a series; a hash when there is no UID."""
    if not uid:
        return hashlib.sha256(f"{summary}\n{start.isoformat()}".encode()).hexdigest()[:32]
    return f"{uid}/{recurrence.isoformat()}" if recurrence else uid


def interaction(
    occurrence: icalendar.Event, uid: str, recurring: bool, people: list[PersonRef]
) -> InteractionRecord:
    start = start_of(occurrence)
    occurred_at = to_utc(start)
    summary = text_of(occurrence.get("SUMMARY")) or "Meeting"
    recurrence = None
    if recurring:
        original = first(occurrence.get("RECURRENCE-ID"))
        recurrence = to_utc(original.dt) if original is not None else occurred_at
    ref = f"event {event_number(occurrence)}"
    return InteractionRecord(
        ref=f"{ref} ({day_of(start)})" if recurring else ref,
        occurred_at=occurred_at,
        kind="meeting",
        summary=summary,
        external_id=external_id(uid, summary, occurred_at, recurrence),
        direction="mutual",
        participants=people,
    )


# -- the format -----------------------------------------------------------------------------------


def read_bytes(path: Path) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise ImportFileError(f"{Path(path).name} cannot be read: {exc.strerror or exc}.") from exc


def parse_bytes(data: bytes, filename: str, window: Window) -> ParseResult:
    """Every meeting occurrence in the window; raises ImportFileError for a file that is not
    iCalendar or cannot be read as a whole."""
    try:
        calendars, problems, notes = read_calendars(data, filename)
        reader = Reader(window, problems=problems)
        for calendar in calendars:
            reader.read_calendar(calendar)
        result = reader.result()
        result.skipped[:0] = notes
        return result
    except ImportFileError:
        raise
    except Exception as exc:  # the libraries must never leak an unexpected error
        raise ImportFileError(f"{filename} could not be read as an iCalendar file.") from exc


class IcsFormat:
    """The iCalendar format for the import registry."""

    name = "ics"

    def sniff(self, path: Path, head: bytes) -> bool:
        """True when the file starts with BEGIN:VCALENDAR, or an .ics file holds a calendar
        or starts with a bare BEGIN:VEVENT."""
        utf16 = head[:2] in UTF16_BOMS
        text = (
            head.decode("utf-16", "ignore")
            if utf16
            else head.removeprefix(UTF8_BOM).decode("latin-1")
        )
        text = text.lstrip().upper()
        if text.startswith("BEGIN:VCALENDAR"):
            return True
        if Path(path).suffix.lower() not in SUFFIXES:
            return False
        return "BEGIN:VCALENDAR" in text or text.startswith("BEGIN:VEVENT")

    def parse(
        self, path: Path, *, since: dt.date | None = None, until: dt.date | None = None
    ) -> ParseResult:
        """Meetings from `since` to `until` (both days included; default: the last two years)."""
        window = make_window(since, until)
        return parse_bytes(read_bytes(path), Path(path).name, window)


FORMAT = IcsFormat()

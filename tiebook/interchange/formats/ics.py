"""iCalendar (.ics) import: each meeting occurrence in a date window becomes an InteractionRecord.

Recurrences are expanded with recurring_ical_events, one series (one UID) at a time, so a broken
event is a problem of its own and the rest still import. Before icalendar reads the file, the
lines are unfolded, decoded line by line and their BEGIN/END nesting repaired: an event cut off
by a missing END:VEVENT is reported and skipped instead of swallowing the file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import zoneinfo
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.utils import parseaddr
from functools import cached_property
from pathlib import Path

import icalendar
import recurring_ical_events

from tiebook.core import timeparse
from tiebook.interchange.records import (
    ImportFileError,
    InteractionRecord,
    ParseResult,
    PersonRef,
    Problem,
)

UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
SUFFIXES = {".ics", ".ical", ".ifb"}
BARE = {"VEVENT", "VTODO", "VJOURNAL", "VFREEBUSY", "VTIMEZONE"}  # found without a VCALENDAR
PARENTS = {"VEVENT": "VCALENDAR", "VTIMEZONE": "VCALENDAR"}  # the components read, and where
PARENTS |= {"STANDARD": "VTIMEZONE", "DAYLIGHT": "VTIMEZONE"}
ZONE_PARTS = {"VTIMEZONE", "STANDARD", "DAYLIGHT"}
CALENDAR_PROPERTIES = {"METHOD", "X-WR-TIMEZONE"}
CHECKED = ("DTSTART", "RECURRENCE-ID", "RRULE", "RDATE", "EXDATE", "EXRULE")
WHEN = {*CHECKED, "DTEND", "DUE", "DURATION"}  # values without spaces: "DTEND: 2024", "MO, TU"
SINGLE = {"UID", "DTSTART", "RECURRENCE-ID", "SUMMARY", "STATUS", "DTSTAMP", "ORGANIZER"}
NUMBER = "X-TIEBOOK-EVENT-NUMBER"  # the event's place in the file, added while reading
NAME_RE = re.compile(r"[A-Z0-9-]+")
TZID_RE = re.compile(r';TZID=("[^"]*"|[^;]*)', re.IGNORECASE)
EMAIL_RE = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
SUB_DAILY = {"SECONDLY", "MINUTELY", "HOURLY"}
NOT_PEOPLE = {"ROOM", "RESOURCE"}
MAX_OCCURRENCES = 2000  # per series and window: a runaway rule stops here
CHUNK = dt.timedelta(days=366)
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


# -- text and structure ---------------------------------------------------------------------------


def decode_line(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def logical_lines(data: bytes) -> list[str]:
    """Unfolded lines, each decoded on its own (UTF-8, else Windows-1252)."""
    if data[:2] in UTF16_BOMS:
        data = data.decode("utf-16", errors="replace").encode("utf-8")
    raw_lines: list[bytes] = []
    for raw in re.split(rb"\r\n|\r|\n", data.removeprefix(UTF8_BOM)):
        if raw[:1] in (b" ", b"\t") and raw_lines:
            raw_lines[-1] += raw[1:]
        else:
            raw_lines.append(raw)
    return [decode_line(raw).lstrip() for raw in raw_lines]


def split_line(line: str) -> tuple[str, str, str | None]:
    """(NAME, name-and-parameters, value) of a content line; value None without a colon."""
    quoted = False
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            head = line[:index]
            return head.split(";", 1)[0].strip().upper(), head, line[index + 1 :]
    return line.split(";", 1)[0].strip().upper(), line, None


@dataclass
class Open:
    name: str
    mark: int  # where its BEGIN line is in the output
    keep: bool  # whether it is read at all
    number: int = 0  # events directly in a calendar: their place in the file


@dataclass
class Structure:
    """Rebuilds the BEGIN/END nesting: numbers the events, drops cut-off ones, adds a calendar
    around bare events, and keeps only what is read (icalendar is strict outside events)."""

    timezones: bool = True
    lines: list[str] = field(default_factory=list)
    stack: list[Open] = field(default_factory=list)
    events: int = 0
    problems: list[Problem] = field(default_factory=list)
    seen: bool = False  # a VCALENDAR or a bare iCalendar component was found

    def feed(self, line: str) -> None:
        name, head, value = split_line(line)
        if name in ("BEGIN", "END") and value is not None:
            kind = value.strip().upper()
            if NAME_RE.fullmatch(kind):
                (self.begin if name == "BEGIN" else self.end)(kind)
        elif self.stack and value is not None and self.wanted(name):
            self.lines.append(self.clean(head, value) if name in WHEN else line)

    def wanted(self, name: str) -> bool:
        return self.stack[-1].name != "VCALENDAR" or name in CALENDAR_PROPERTIES

    def clean(self, head: str, value: str) -> str:
        """A date or rule line without spaces in its value; without unknown zones if asked."""
        head = head if self.timezones else known_zones_only(head)
        return f"{head}:{''.join(value.split())}"

    def begin(self, kind: str) -> None:
        names = [item.name for item in self.stack]
        if kind == "VCALENDAR" or (kind == "VEVENT" and "VEVENT" in names):
            self.unwind(0 if kind == "VCALENDAR" else names.index("VEVENT"))
        if not self.stack and kind != "VCALENDAR":
            self.open("VCALENDAR", keep=True)
        self.seen = self.seen or kind == "VCALENDAR" or kind in BARE
        keep = self.keeps(kind)
        self.open(kind, keep, numbered=keep and kind == "VEVENT")

    def keeps(self, kind: str) -> bool:
        """Whether a component opened now is read: events and time zones, in their place."""
        if kind == "VCALENDAR":
            return True
        if kind in ZONE_PARTS and not self.timezones:
            return False
        parent = self.stack[-1]
        return parent.keep and PARENTS.get(kind) == parent.name

    def open(self, kind: str, keep: bool, numbered: bool = False) -> None:
        self.stack.append(Open(kind, len(self.lines), keep, self.events + 1 if numbered else 0))
        self.lines.append(f"BEGIN:{kind}")
        if numbered:
            self.events += 1
            self.lines.append(f"{NUMBER}:{self.events}")

    def end(self, kind: str) -> None:
        names = [item.name for item in self.stack]
        if kind in names:
            index = len(names) - 1 - names[::-1].index(kind)
            self.unwind(index + 1)
            item = self.stack.pop()
            if item.keep:
                self.lines.append(f"END:{kind}")
            else:  # to-dos, journals, alarms, free/busy: not read, so not kept
                del self.lines[item.mark :]

    def unwind(self, depth: int) -> None:
        """Close what is open above `depth`: calendars are ended, anything unfinished is cut."""
        while len(self.stack) > depth:
            item = self.stack.pop()
            if item.name == "VCALENDAR":
                self.lines.append("END:VCALENDAR")
                continue
            del self.lines[item.mark :]
            if item.number:
                message = f"event {item.number} has no END:VEVENT line; skipped."
                self.problems.append(Problem(f"event {item.number}", message))

    def text(self) -> str:
        self.unwind(0)
        return "\r\n".join(self.lines) + "\r\n"


def zone_key(name: str) -> str:
    """The name if it is a zone Python knows, else ""."""
    try:
        return zoneinfo.ZoneInfo(name).key
    except Exception:  # unknown, malformed, or a directory of zones ("Europe")
        return ""


def known_zones_only(head: str) -> str:
    """The name and parameters without a TZID Python does not know (the time becomes floating)."""
    match = TZID_RE.search(head)
    if match and not zone_key(match[1].strip('"')):
        return head[: match.start()] + head[match.end() :]
    return head


def structure_of(lines: list[str], *, timezones: bool = True) -> Structure:
    structure = Structure(timezones)
    for line in lines:
        structure.feed(line)
    return structure


def read_calendars(data: bytes, filename: str) -> tuple[list[icalendar.Calendar], list[Problem]]:
    """The calendars in the file, and the events cut off in it."""
    lines = logical_lines(data)
    structure = structure_of(lines)
    text = structure.text()
    if not structure.seen:
        raise ImportFileError(f"{filename} is not an iCalendar file: it has no BEGIN:VCALENDAR.")
    try:
        components = icalendar.Calendar.from_ical(text, multiple=True)
    except Exception:  # a broken VTIMEZONE or TZID stops icalendar: read times without them
        text = structure_of(lines, timezones=False).text()
        components = icalendar.Calendar.from_ical(text, multiple=True)
    calendars = [c for c in components if c.name == "VCALENDAR"]
    return calendars, structure.problems


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
    if any(text_of(rule.get("FREQ")).upper() in SUB_DAILY for rule in rules):
        return "repeats more often than daily"
    if not isinstance(start_of(event), dt.date):  # a bare time, or a period
        return "has an unreadable DTSTART"
    return ""


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

    def occurrences(
        self, since: dt.date, until: dt.date, *, chunked: bool = True
    ) -> Iterator[icalendar.Event]:
        """Occurrences starting on the days since..until, in order: a year at a time when
        `chunked`, so that a caller stopping early does not pay for the rest."""
        day = since
        while day <= until:
            stop = min(day + CHUNK, until + ONE_DAY) if chunked else until + ONE_DAY
            found = self.query.between(day - ONE_DAY, stop + ONE_DAY)
            found = [c for c in found if day <= day_of(start_of(c)) < stop]
            yield from sorted(found, key=lambda c: to_utc(start_of(c)))
            day = stop


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

    def read_calendar(self, calendar: icalendar.Calendar) -> None:
        if text_of(calendar.get("METHOD")).upper() == "CANCEL":
            self.cancelled += sum(1 for c in calendar.subcomponents if c.name == "VEVENT")
            return
        for series in series_of(calendar, self.problems):
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
            self.take(occurrence, series.uid, recurring)
        later = window.until + LOOKAHEAD if recurring else LAST_DAY
        for occurrence in series.occurrences(window.until + ONE_DAY, later, chunked=False):
            self.future += wanted(occurrence)

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

    def result(self) -> ParseResult:
        records = [record for _, record in self.records.values()]
        records.sort(key=lambda r: (int(r.ref.split()[1]), r.occurred_at))
        self.problems.sort(key=lambda p: int(p.ref.split()[1]))
        counts = [
            (self.cancelled, "cancelled event{} skipped"),
            (self.nobody, "event{} with nobody invited skipped"),
            (self.future, "future occurrence{} not imported"),
        ]
        skipped = [f"{n} {text.format('' if n == 1 else 's')}" for n, text in counts if n]
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
        calendars, problems = read_calendars(data, filename)
        reader = Reader(window, problems=problems)
        for calendar in calendars:
            reader.read_calendar(calendar)
        return reader.result()
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

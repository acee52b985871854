"""Text and structure of an iCalendar file: unfold and decode lines, repair BEGIN/END nesting.

Each line is decoded on its own, date and rule values lose stray spaces, and an event cut off by
a missing END:VEVENT is reported and skipped instead of swallowing the file; only then does
icalendar read the text.
"""

from __future__ import annotations

import re
import zoneinfo
from dataclasses import dataclass, field

import icalendar

from tiebook.interchange.formats.encoding import Guesses
from tiebook.interchange.records import ImportFileError, Problem

UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
BARE = {"VEVENT", "VTODO", "VJOURNAL", "VFREEBUSY", "VTIMEZONE"}  # found without a VCALENDAR
PARENTS = {"VEVENT": "VCALENDAR", "VTIMEZONE": "VCALENDAR"}  # the components read, and where
PARENTS |= {"STANDARD": "VTIMEZONE", "DAYLIGHT": "VTIMEZONE"}
ZONE_PARTS = {"VTIMEZONE", "STANDARD", "DAYLIGHT"}
CALENDAR_PROPERTIES = {"METHOD", "X-WR-TIMEZONE"}
# dates and rules: ics skips an event whose value for one of these icalendar could not read
CHECKED = ("DTSTART", "RECURRENCE-ID", "RRULE", "RDATE", "EXDATE", "EXRULE")
WHEN = {*CHECKED, "DTEND", "DUE", "DURATION"}  # values without spaces: "DTEND: 2024", "MO, TU"
MAX_EVENTS = 25_000  # events read from one file: 100,000 took minutes and gigabytes
NUMBER = "X-TIEBOOK-EVENT-NUMBER"  # the event's place in the file, added while reading
NAME_RE = re.compile(r"[A-Z0-9-]+")
TZID_RE = re.compile(r';TZID=("[^"]*"|[^;]*)', re.IGNORECASE)


def logical_lines(data: bytes, guesses: Guesses) -> list[str]:
    """Unfolded lines, each decoded on its own (UTF-8, else Windows-1252: see encoding)."""
    if data[:2] in UTF16_BOMS:
        data = data.decode("utf-16", errors="replace").encode("utf-8")
    folded: list[tuple[int, list[bytes]]] = []  # parts, joined once: no quadratic copies
    for number, raw in enumerate(re.split(rb"\r\n|\r|\n", data.removeprefix(UTF8_BOM)), 1):
        if raw[:1] in (b" ", b"\t") and folded:
            folded[-1][1].append(raw[1:])
        else:
            folded.append((number, [raw]))
    return [guesses.line(b"".join(parts), number).lstrip() for number, parts in folded]


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
    dropped: int = 0  # events after the first MAX_EVENTS, not read

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
        if keep and kind == "VEVENT" and self.events >= MAX_EVENTS:
            keep, self.dropped = False, self.dropped + 1
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


def read_calendars(
    data: bytes, filename: str
) -> tuple[list[icalendar.Calendar], list[Problem], list[str]]:
    """The calendars in the file, the events cut off in it, and the note on its encoding."""
    guesses = Guesses()
    lines = logical_lines(data, guesses)
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
    return calendars, structure.problems, guesses.note(filename) + dropped_note(structure, filename)


def dropped_note(structure: Structure, filename: str) -> list[str]:
    if not structure.dropped:
        return []
    return [
        f"{filename} has {MAX_EVENTS + structure.dropped:,} events; only the first "
        f"{MAX_EVENTS:,} were read: split the file to import the rest"
    ]

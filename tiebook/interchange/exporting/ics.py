"""iCalendar export: the coming follow-ups and promises as all-day events (RFC 5545)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import BinaryIO

import icalendar

import tiebook
from tiebook.interchange.exporting.agenda import CalendarItem, agenda_for_export
from tiebook.interchange.exporting.base import ExportRequest

PRODID = f"-//tiebook//tiebook {tiebook.__version__}//EN"
CALENDAR_NAME = "tiebook follow-ups"
_END = b"END:VCALENDAR\r\n"
LINE_OCTETS = 75


def calendar_head() -> bytes:
    """Everything before the events; the library writes a whole calendar, so its end is cut."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", CALENDAR_NAME)
    return calendar.to_ical().removesuffix(_END)


def escape(text: str) -> str:
    """A TEXT value escaped as RFC 5545 3.3.11 says (and as the icalendar library does)."""
    return (
        text.replace("\\N", "\n")
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str, limit: int = LINE_OCTETS) -> str:
    """The line folded as the icalendar library folds it: fewer than `limit` octets of UTF-8 a
    line, the space that starts a continuation aside; a character is never split, nor an escape
    (a backslash goes on with what it escapes)."""
    if line.isascii() and len(line) < limit:
        return line
    lines, current, octets = [], [], 0
    for char in line:
        size = len(char.encode("utf-8"))
        if current and octets + size >= limit:
            carried = current.pop() if len(current) > 1 and current[-1] in "\\^" else ""
            lines.append("".join(current))
            current, octets = ([carried], len(carried)) if carried else ([], 0)
        current.append(char)
        octets += size
    lines.append("".join(current))
    return "\r\n ".join(lines)


def _day(day: dt.date) -> str:
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def event_text(item: CalendarItem) -> bytes:
    """One event, its properties in the order calendar programs expect (the icalendar library's).

    Written by hand: the library builds and checks an object per property, which for a year of
    follow-ups of a large network took four fifths of an export."""
    at = item.stamp.astimezone(dt.UTC)
    stamp = f"{_day(at)}T{at.hour:02d}{at.minute:02d}{at.second:02d}Z"
    lines = (
        "BEGIN:VEVENT",
        fold(f"SUMMARY:{escape(item.summary)}"),
        f"DTSTART;VALUE=DATE:{_day(item.day)}",
        f"DTEND;VALUE=DATE:{_day(item.day + dt.timedelta(days=1))}",
        f"DTSTAMP:{stamp}",
        fold(f"UID:{escape(item.uid)}"),
        fold(f"DESCRIPTION:{escape(item.description)}"),
        "TRANSP:TRANSPARENT",  # a reminder, not a meeting: the day stays free
        "END:VEVENT",
    )
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


class IcsExporter:
    name = "ics"
    units = ("event", "events")

    def read(self, request: ExportRequest) -> Iterator[CalendarItem]:
        return agenda_for_export(
            owner=request.owner,
            filters=request.filters,
            today=request.today,
            days=request.days,
            now=request.now,
        )

    def write(self, out: BinaryIO, items: Iterable[CalendarItem]) -> int:
        # Event by event rather than one Calendar.to_ical(): a year of follow-ups for a large
        # network never sits in memory as one string.
        out.write(calendar_head())
        count = 0
        for item in items:
            out.write(event_text(item))
            count += 1
        out.write(_END)
        return count


EXPORTER = IcsExporter()

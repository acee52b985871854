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


def calendar_head() -> bytes:
    """Everything before the events; the library writes a whole calendar, so its end is cut."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", CALENDAR_NAME)
    return calendar.to_ical().removesuffix(_END)


def event(item: CalendarItem) -> icalendar.Event:
    found = icalendar.Event()
    found.add("uid", item.uid)
    found.add("dtstamp", item.stamp.astimezone(dt.UTC))
    found.add("dtstart", item.day)
    found.add("dtend", item.day + dt.timedelta(days=1))
    found.add("summary", item.summary)
    found.add("description", item.description)
    found.add("transp", "TRANSPARENT")  # a reminder, not a meeting: the day stays free
    return found


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
            out.write(event(item).to_ical())
            count += 1
        out.write(_END)
        return count


EXPORTER = IcsExporter()

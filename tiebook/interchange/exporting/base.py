"""The one small protocol every export format follows: read the owner's data, then write it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO, Protocol

from tiebook.interchange.exporting.people import ExportPerson, people_for_export
from tiebook.people.selectors import PeopleFilter


@dataclass(frozen=True)
class ExportRequest:
    owner: Any
    filters: PeopleFilter
    today: dt.date  # the calendar's first day
    days: int  # how far ahead the calendar looks
    now: dt.datetime  # when the export is made


class Exporter(Protocol):
    """`read` checks the request and returns the records lazily; `write` streams them out."""

    name: str
    units: tuple[str, str]  # what write counts: ("person", "people"), ("event", "events")

    def read(self, request: ExportRequest) -> Iterable[Any]: ...

    def write(self, out: BinaryIO, records: Iterable[Any]) -> int: ...


class PeopleExporter:
    """The formats that write one record per person."""

    units = ("person", "people")

    def read(self, request: ExportRequest) -> Iterator[ExportPerson]:
        return people_for_export(owner=request.owner, filters=request.filters)

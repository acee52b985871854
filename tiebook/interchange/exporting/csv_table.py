"""CSV export: one row per person under fixed columns, readable by tiebook's generic CSV import."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable
from typing import BinaryIO

from tiebook.interchange.exporting.base import PeopleExporter
from tiebook.interchange.exporting.people import ExportPerson

SEPARATOR = " ; "  # between the values of one cell: emails, phones, tags...
# A cell starting with one of these is a formula to a spreadsheet (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _joined(values: Iterable[str]) -> str:
    return SEPARATOR.join(v for v in values if v)


def _values(*kinds: str) -> Callable[[ExportPerson], str]:
    return lambda p: _joined(c.value for c in p.contacts_of(*kinds))


def _number(value: int | None) -> str:
    return "" if value is None else str(value)


def _day(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def birthday_cell(birthday: tuple[int | None, int | None, int | None] | None) -> str:
    """1985-04-12, or --04-12 without the year; a partial date as far as it is known."""
    if birthday is None:
        return ""
    year, month, day = birthday
    if month and day:
        return f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"
    if year:
        return f"{year:04d}-{month:02d}" if month else f"{year:04d}"
    return ""


# (header, cell, free text): free-text cells are guarded against being run as formulas. Phones
# (digits and + - ( ) . / only) and dates are never free text, and must stay as they are.
COLUMNS: tuple[tuple[str, Callable[[ExportPerson], str], bool], ...] = (
    ("Name", lambda p: p.name, True),
    ("Given name", lambda p: p.given_name, True),
    ("Family name", lambda p: p.family_name, True),
    ("Nickname", lambda p: p.nickname, True),
    ("Organization", lambda p: p.organization, True),
    ("Department", lambda p: p.department, True),
    ("Title", lambda p: p.title, True),
    ("Location", lambda p: p.location, True),
    ("Emails", _values("email"), True),
    ("Phones", _values("phone"), False),
    ("Profiles", _values("url", "social"), True),
    ("Addresses", _values("address"), True),
    ("Types", lambda p: _joined(p.type_labels), False),
    ("Type categories", lambda p: _joined(p.categories), False),
    ("Tags", lambda p: _joined(p.tags), True),
    ("Circle", lambda p: _number(p.circle), False),
    ("Interval days", lambda p: _number(p.interval_days), False),
    ("Last contact", lambda p: _day(p.last_contact_on), False),  # a time zone look-up: once
    ("Next due", lambda p: _day(p.next_due_on), False),
    ("Tie strength", lambda p: str(p.tie_strength), False),
    ("Birthday", lambda p: birthday_cell(p.birthday), False),
    ("Notes", lambda p: p.notes, True),
)
HEADERS = tuple(header for header, _, _ in COLUMNS)


def as_text(cell: str) -> str:
    """A cell a spreadsheet would run as a formula, made plain text by a leading apostrophe."""
    return f"'{cell}" if cell.startswith(FORMULA_STARTS) else cell


def row(person: ExportPerson) -> list[str]:
    return [as_text(cell(person)) if free else cell(person) for _, cell, free in COLUMNS]


class CsvExporter(PeopleExporter):
    name = "csv"

    def write(self, out: BinaryIO, people: Iterable[ExportPerson]) -> int:
        # UTF-8 without a BOM, CRLF between rows (RFC 4180); cells with newlines are quoted.
        text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
        try:
            writer = csv.writer(text)
            writer.writerow(HEADERS)
            count = 0
            for person in people:
                writer.writerow(row(person))
                count += 1
            text.flush()
        finally:
            text.detach()  # the caller owns `out`: leave it open
        return count


EXPORTER = CsvExporter()

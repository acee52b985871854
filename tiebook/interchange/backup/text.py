"""Backup records written straight from database rows to the text of the file.

A large network's backup holds a million records. Turning each row into model values, then into
a dict of JSON-ready values, then into text costs most of a backup's time; here each column's
value, as the database driver gives it, becomes its JSON text in one step, and a record is one
template filled in. The text is byte for byte what json.dumps(document, indent=1) writes.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.dateparse import parse_date, parse_datetime

from tiebook.interchange.backup.schema import Spec
from tiebook.interchange.jsontext import pretty

STEP = " "  # a backup is indented by one space a level
_string = json.encoder.encode_basestring  # what json.dumps(ensure_ascii=False) uses
_CONSTANTS = {None: "null", True: "true", False: "false"}

Cell = Callable[[Any], str]  # a value as the driver gives it -> its JSON text


def _text(value: str | None) -> str:
    return "null" if value is None else _string(value)


def _number(value: int | None) -> str:
    return "null" if value is None else int.__repr__(value)


def _boolean(value: bool | int | None) -> str:
    return _CONSTANTS[value]  # 1 and 0 find true and false


def _moment(value: dt.datetime | str | None) -> str:
    """In UTC with a Z, as the backup's schema writes it. SQLite's driver gives naive moments,
    which Django keeps in UTC; PostgreSQL's give aware ones."""
    if value is None:
        return "null"
    if isinstance(value, str):  # a driver that left the column as text
        value = parse_datetime(value)
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    return f'"{value.isoformat()}Z"'


def _day(value: dt.date | str | None) -> str:
    if value is None:
        return "null"
    if isinstance(value, str):
        value = parse_date(value)
    return f'"{value.isoformat()}"'


def _json_cell(newline: str) -> Cell:
    """A JSON column: text on both databases (Django reads it so), or a value already."""

    def cell(value: Any) -> str:
        if value is None:
            return "null"
        if isinstance(value, str | bytes | bytearray):
            value = json.loads(value)
        return pretty(value, newline, STEP)

    return cell


def _cell(model_field: models.Field, newline: str) -> Cell:
    if model_field.is_relation:
        return _number
    if isinstance(model_field, models.DateTimeField):
        return _moment
    if isinstance(model_field, models.DateField):
        return _day
    if isinstance(model_field, models.BooleanField):
        return _boolean
    if isinstance(model_field, models.IntegerField):
        return _number
    if isinstance(model_field, models.JSONField):
        return _json_cell(newline)
    if isinstance(model_field, models.CharField | models.TextField):
        return _text
    raise TypeError(f"The backup cannot carry {model_field!r} yet.")


def list_text(items: Sequence[str], newline: str) -> str:
    """A list of items already written, its brackets on lines at `newline`."""
    if not items:
        return "[]"
    inner = newline + STEP
    return "[" + inner + ("," + inner).join(items) + newline + "]"


@dataclass(frozen=True)
class Layout:
    """How one section's records are written at one depth: a template with a slot per key."""

    template: str
    cells: tuple[Cell, ...]
    newline: str  # the line break and indent of the record's braces
    keys_newline: str  # ... and of its keys, where its lists open

    @classmethod
    def of(cls, spec: Spec, *, newline: str, ref: bool = True, extra: Sequence[str] = ()):
        """Records of `spec` with their braces at `newline`: "ref" first when `ref` (rows then
        start with the id), the spec's fields, then the `extra` keys, filled in by the caller."""
        inner = newline + STEP
        keys = [*(["ref"] if ref else []), *spec.fields, *extra]
        template = "{" + inner + ("," + inner).join(f"{_string(k)}: %s" for k in keys)
        template += newline + "}"
        fields = [spec.model._meta.get_field(name) for name in spec.fields]
        cells = (*([_number] if ref else []), *(_cell(f, inner) for f in fields))
        return cls(template, cells, newline, inner)

    def text(self, row: Sequence[Any], *extra: str) -> str:
        """The record for a row of the columns in `cells`' order (any before them skipped)."""
        cells = self.cells
        skip = len(row) - len(cells)
        values = [cell(value) for cell, value in zip(cells, row[skip:], strict=True)]
        return self.template % (*values, *extra)

"""JSON export: a list of person objects with stable keys and ISO dates, written as a stream."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import Any, BinaryIO

from django.utils import timezone

from tiebook.interchange.exporting.base import PeopleExporter
from tiebook.interchange.exporting.csv_table import birthday_cell
from tiebook.interchange.exporting.people import ExportContact, ExportPerson

# The standard library writes indented JSON in pure Python, one small piece at a time;
# pretty() writes the same text in larger strides, in two thirds of the time.
_string = json.encoder.encode_basestring  # the C function json.dumps uses when ensure_ascii=False
_CONSTANTS = {None: "null", True: "true", False: "false"}


def pretty(value: Any, newline: str = "\n") -> str:
    """json.dumps(value, indent=2, ensure_ascii=False), byte for byte, every line break followed
    by `newline` (a line break and the indent of the level `value` sits at)."""
    kind = type(value)
    if kind is str:
        return _string(value)
    if value is None or kind is bool:
        return _CONSTANTS[value]
    if kind is int:
        return int.__repr__(value)
    inner = newline + "  "
    if kind is dict and value and all(type(key) is str for key in value):
        items = [f"{_string(key)}: {_item(item, inner)}" for key, item in value.items()]
        return "{" + inner + ("," + inner).join(items) + newline + "}"
    if (kind is list or kind is tuple) and value:
        items = [_item(item, inner) for item in value]
        return "[" + inner + ("," + inner).join(items) + newline + "]"
    # Anything else (floats, empty containers, subclasses, keys to convert) as json writes it.
    return json.dumps(value, indent=2, ensure_ascii=False).replace("\n", newline)


def _item(value: Any, newline: str) -> str:
    """pretty(value, newline), the commonest case without a call."""
    return _string(value) if type(value) is str else pretty(value, newline)


def _moment(value: dt.datetime | None, zone: dt.tzinfo) -> str | None:
    return timezone.localtime(value, zone).isoformat(timespec="seconds") if value else None


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _contacts(points: list[ExportContact]) -> list[dict[str, Any]]:
    return [
        {"value": c.value, "kind": c.kind, "label": c.label, "primary": c.primary} for c in points
    ]


def person_json(person: ExportPerson, *, zone: dt.tzinfo | None = None) -> dict[str, Any]:
    """One person, times in `zone` (the current time zone by default); keys shared with
    `tiebook show --json` mean the same there."""
    zone = zone or timezone.get_current_timezone()  # a slow look-up: once, not per moment
    return {
        "id": person.id,
        "uid": person.uid,
        "name": person.name,
        "given_name": person.given_name,
        "family_name": person.family_name,
        "nickname": person.nickname,
        "organization": person.organization or None,
        "department": person.department,
        "title": person.title,
        "location": person.location,
        "birthday": birthday_cell(person.birthday) or None,
        "types": list(person.types),
        "categories": person.categories,
        "tags": list(person.tags),
        "emails": _contacts(person.contacts_of("email")),
        "phones": _contacts(person.contacts_of("phone")),
        "urls": _contacts(person.contacts_of("url", "social")),
        "addresses": _contacts(person.contacts_of("address")),
        "circle": person.circle,
        "interval_days": person.interval_days,
        "added_at": _moment(person.created_at, zone),
        "updated_at": _moment(person.updated_at, zone),
        "last_interaction_at": _moment(person.last_interaction_at, zone),
        "next_due_on": _day(person.next_due_on),
        "snoozed_until": _day(person.snoozed_until),
        "tie_strength": person.tie_strength,
        "archived": person.archived_at is not None,
        "how_met": person.how_met,
        "expertise": person.expertise,
        "notes": person.notes,
        "relationships": sorted(
            (
                {"person_id": t.person_id, "name": t.name, "relation": t.relation}
                for t in person.ties
            ),
            key=lambda t: (t["name"], t["relation"], t["person_id"]),
        ),
    }


class JsonExporter(PeopleExporter):
    name = "json"

    def write(self, out: BinaryIO, people: Iterable[ExportPerson]) -> int:
        """Byte for byte json.dumps(list, indent=2, ensure_ascii=False) and a newline, written
        one person at a time."""
        count = 0
        zone = timezone.get_current_timezone()
        for person in people:
            # One level deeper, inside the list.
            text = pretty(person_json(person, zone=zone), "\n  ")
            out.write(((",\n  " if count else "[\n  ") + text).encode("utf-8"))
            count += 1
        out.write(b"\n]\n" if count else b"[]\n")
        return count


EXPORTER = JsonExporter()

"""JSON export: a list of person objects with stable keys and ISO dates, written as a stream."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, BinaryIO

from django.utils import timezone

from tiebook.interchange.exporting.base import PeopleExporter
from tiebook.interchange.exporting.csv_table import birthday_cell
from tiebook.interchange.exporting.people import ExportContact, ExportPerson, ExportTie
from tiebook.interchange.jsontext import pretty


def _moment(value: dt.datetime | None, zone: dt.tzinfo) -> str | None:
    # timezone.localtime(), without its checks: the database's moments are all aware.
    return value.astimezone(zone).isoformat(timespec="seconds") if value else None


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


# Each kind of contact point under the key that lists it, in the order they come.
_CONTACT_KEYS = {
    "email": "emails",
    "phone": "phones",
    "url": "urls",
    "social": "urls",
    "address": "addresses",
}


def _contacts(points: Iterable[ExportContact]) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {key: [] for key in _CONTACT_KEYS.values()}
    for c in points:
        found[_CONTACT_KEYS[c.kind]].append(
            {"value": c.value, "kind": c.kind, "label": c.label, "primary": c.primary}
        )
    return found


def _tie_order(tie: ExportTie) -> tuple[str, str, int]:
    return (tie.name, tie.relation, tie.person_id)


def person_json(person: ExportPerson, *, zone: dt.tzinfo | None = None) -> dict[str, Any]:
    """One person, times in `zone` (the current time zone by default); keys shared with
    `tiebook show --json` mean the same there."""
    zone = zone or timezone.get_current_timezone()  # a slow look-up: once, not per moment
    contacts = _contacts(person.contacts)
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
        "emails": contacts["emails"],
        "phones": contacts["phones"],
        "urls": contacts["urls"],
        "addresses": contacts["addresses"],
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
        "relationships": [
            {"person_id": t.person_id, "name": t.name, "relation": t.relation}
            for t in sorted(person.ties, key=_tie_order)
        ],
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

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


def _moment(value: dt.datetime | None) -> str | None:
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _contacts(points: list[ExportContact]) -> list[dict[str, Any]]:
    return [
        {"value": c.value, "kind": c.kind, "label": c.label, "primary": c.primary} for c in points
    ]


def person_json(person: ExportPerson) -> dict[str, Any]:
    """One person; keys shared with `tiebook show --json` mean the same there."""
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
        "added_at": _moment(person.created_at),
        "updated_at": _moment(person.updated_at),
        "last_interaction_at": _moment(person.last_interaction_at),
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
        for person in people:
            text = json.dumps(person_json(person), indent=2, ensure_ascii=False)
            # One level deeper inside the list; JSON strings never hold a raw newline.
            out.write((",\n  " if count else "[\n  ").encode("utf-8"))
            out.write(text.replace("\n", "\n  ").encode("utf-8"))
            count += 1
        out.write(b"\n]\n" if count else b"[]\n")
        return count


EXPORTER = JsonExporter()

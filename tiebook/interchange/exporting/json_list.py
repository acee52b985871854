"""JSON export: a list of person objects with stable keys and ISO dates, written as a stream."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import BinaryIO

from django.utils import timezone

from tiebook.interchange.exporting.base import PeopleExporter
from tiebook.interchange.exporting.csv_table import birthday_cell
from tiebook.interchange.exporting.people import ExportContact, ExportPerson, ExportTie
from tiebook.interchange.jsontext import pretty

_string = json.encoder.encode_basestring  # what json.dumps(ensure_ascii=False) uses
_CONSTANTS = {None: "null", True: "true", False: "false"}
# Each person sits inside the list: its keys one level deeper, their lists' items two...
PERSON, KEY, ITEM, FIELD = "\n  ", "\n    ", "\n      ", "\n        "


def _template(keys: Iterable[str], braces: str) -> str:
    """An object with a %s slot for each key's value, as json.dumps(indent=2) lays it out."""
    inner = braces + "  "
    return "{" + inner + ("," + inner).join(f"{_string(k)}: %s" for k in keys) + braces + "}"


# The keys of a person, in order; those shared with `tiebook show --json` mean the same there.
KEYS = (
    *("id", "uid", "name", "given_name", "family_name", "nickname", "organization"),
    *("department", "title", "location", "birthday", "types", "categories", "tags"),
    *("emails", "phones", "urls", "addresses", "circle", "interval_days", "added_at"),
    *("updated_at", "last_interaction_at", "next_due_on", "snoozed_until", "tie_strength"),
    *("archived", "how_met", "expertise", "notes", "relationships"),
)
_PERSON = _template(KEYS, PERSON)
_CONTACT = _template(("value", "kind", "label", "primary"), ITEM)
_TIE = _template(("person_id", "name", "relation"), ITEM)
# Each kind of contact point under the key that lists it, in the order they come.
_CONTACT_KEYS = {
    "email": "emails",
    "phone": "phones",
    "url": "urls",
    "social": "urls",
    "address": "addresses",
}


def _text(value: str | None) -> str:
    return "null" if value is None else _string(value)


def _number(value: int | None) -> str:
    return "null" if value is None else int.__repr__(value)


def _moment(value: dt.datetime | None, zone: dt.tzinfo) -> str:
    # timezone.localtime(), without its checks: the database's moments are all aware.
    return f'"{value.astimezone(zone).isoformat(timespec="seconds")}"' if value else "null"


def _day(value: dt.date | None) -> str:
    return f'"{value.isoformat()}"' if value else "null"


def _list(items: list[str]) -> str:
    """Items already written, as a value of the person."""
    return "[" + ITEM + ("," + ITEM).join(items) + KEY + "]" if items else "[]"


def _contacts(points: Iterable[ExportContact]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {key: [] for key in _CONTACT_KEYS.values()}
    for c in points:
        text = _CONTACT % (
            _string(c.value),
            _string(c.kind),
            _string(c.label),
            _CONSTANTS[c.primary],
        )
        found[_CONTACT_KEYS[c.kind]].append(text)
    return found


def _tie_order(tie: ExportTie) -> tuple[str, str, int]:
    return (tie.name, tie.relation, tie.person_id)


def _ties(ties: Iterable[ExportTie]) -> list[str]:
    return [
        _TIE % (int.__repr__(t.person_id), _string(t.name), _string(t.relation))
        for t in sorted(ties, key=_tie_order)
    ]


def person_text(person: ExportPerson, *, zone: dt.tzinfo | None = None) -> str:
    """One person as the JSON object the export lists, laid out as json.dumps(indent=2) lays out
    an object inside a list; times in `zone` (the current time zone by default)."""
    zone = zone or timezone.get_current_timezone()  # a slow look-up: once, not per moment
    contacts = _contacts(person.contacts)
    return _PERSON % (
        int.__repr__(person.id),
        _string(person.uid),
        _text(person.name),
        _text(person.given_name),
        _text(person.family_name),
        _text(person.nickname),
        _text(person.organization or None),
        _text(person.department),
        _text(person.title),
        _text(person.location),
        _text(birthday_cell(person.birthday) or None),
        _list(list(map(_string, person.types))),
        _list(list(map(_string, person.categories))),
        _list(list(map(_string, person.tags))),
        _list(contacts["emails"]),
        _list(contacts["phones"]),
        _list(contacts["urls"]),
        _list(contacts["addresses"]),
        _number(person.circle),
        _number(person.interval_days),
        _moment(person.created_at, zone),
        _moment(person.updated_at, zone),
        _moment(person.last_interaction_at, zone),
        _day(person.next_due_on),
        _day(person.snoozed_until),
        _number(person.tie_strength),
        _CONSTANTS[person.archived_at is not None],
        _text(person.how_met),
        pretty(person.expertise, KEY),
        _text(person.notes),
        _list(_ties(person.ties)),
    )


class JsonExporter(PeopleExporter):
    name = "json"

    def write(self, out: BinaryIO, people: Iterable[ExportPerson]) -> int:
        """Byte for byte json.dumps(list, indent=2, ensure_ascii=False) and a newline, written
        one person at a time."""
        count = 0
        zone = timezone.get_current_timezone()
        for person in people:
            text = person_text(person, zone=zone)
            out.write(((",\n  " if count else "[\n  ") + text).encode("utf-8"))
            count += 1
        out.write(b"\n]\n" if count else b"[]\n")
        return count


EXPORTER = JsonExporter()

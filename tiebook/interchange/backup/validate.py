"""Checking every record of a backup before restore writes any of it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from tiebook.core.errors import ValidationError
from tiebook.interchange.backup.schema import (
    IMPORT_RUNS,
    INTERACTIONS,
    NOUNS,
    PARTICIPANTS,
    PEOPLE,
    PERSON_PARTS,
    RELATIONSHIPS,
    BadValue,
    Spec,
    check_structure,
    sections_of,
    show,
)

Known = dict[str, set[int]]  # section -> the reference numbers it holds


def validate(document: Any) -> Known:
    """Raise ValidationError naming the first record that cannot be restored as it is; return
    the reference numbers of each section. The import runs' undo logs are the history module's."""
    check_structure(document, subject="The document")
    known = {spec.key: _numbers(spec, document[spec.key]) for spec in sections_of(document)}
    for spec in sections_of(document):
        seen: dict[tuple, int] = {}
        for record in document[spec.key]:
            label = f"Backup {spec.noun} {record['ref']}"
            _fill_added(spec, record, document["version"])
            check_keys(record, allowed=(*spec.fields, *_extra_keys(spec)), label=label)
            values = decode(spec, record, label=label)
            _check_refs(spec, values, known, label=label)
            _check_unique(spec, values, seen, label=label, number=record["ref"])
            _check_nested(spec, record, known, label=label)
    return known


def _fill_added(spec: Spec, record: dict, version: int) -> None:
    """A document older than version 3 lacks the fields added since: give it their values."""
    if version < 3 and isinstance(record, dict):
        for name, value in spec.added.items():
            record.setdefault(name, value)


def check_keys(record: dict, *, allowed: Iterable[str], label: str) -> None:
    unknown = set(record) - set(allowed)
    if unknown:
        raise ValidationError(f"{label} has an unknown field {show(min(unknown))}.")


def decode(spec: Spec, record: dict, *, label: str) -> dict:
    """The record's values by field name, as Python values; reference numbers stay numbers."""
    values = {}
    for column in spec.columns:
        if column.name not in record:
            raise ValidationError(f'{label} has no "{column.name}".')
        try:
            values[column.name] = column.decode(record[column.name])
        except BadValue as exc:
            raise ValidationError(f'{label} has a bad "{column.name}": {exc}.') from None
    return values


def _extra_keys(spec: Spec) -> tuple[str, ...]:
    if spec is PEOPLE:
        return ("ref", *(part.key for part in PERSON_PARTS))
    if spec is IMPORT_RUNS:
        return ("ref", "changes")
    return ("ref", PARTICIPANTS) if spec is INTERACTIONS else ("ref",)


def _numbers(spec: Spec, records: list) -> set[int]:
    numbers: set[int] = set()
    for position, record in enumerate(records, start=1):
        where = f'Record {position} of "{spec.key}"'
        if not isinstance(record, dict):
            raise ValidationError(f"{where} is not an object.")
        number = record.get("ref")
        if not isinstance(number, int) or isinstance(number, bool) or number < 1:
            raise ValidationError(f'{where} has no "ref" (a whole number from 1).')
        if number in numbers:
            raise ValidationError(f"Backup {spec.noun} {number} appears twice.")
        numbers.add(number)
    return numbers


def _check_refs(spec: Spec, values: dict, known: Known, *, label: str) -> None:
    for name, section in spec.refs.items():
        number = values[name]
        if number is not None and number not in known[section]:
            raise ValidationError(
                f"{label} names {NOUNS[section]} {number}, which is not in the backup."
            )
    if spec is RELATIONSHIPS and values["from_person"] == values["to_person"]:
        number = values["from_person"]
        raise ValidationError(f"{label} ties person {number} to person {number}.")


def _check_unique(spec: Spec, values: dict, seen: dict, *, label: str, number: int) -> None:
    if not spec.unique or (spec.unique_unless_blank and not values[spec.unique_unless_blank]):
        return
    key = tuple(values[name] for name in spec.unique)
    if key in seen:
        fields = " and ".join(f'"{name}"' for name in spec.unique)
        raise ValidationError(f"{label} repeats the {fields} of {spec.noun} {seen[key]}.")
    seen[key] = number


def _check_nested(spec: Spec, record: dict, known: Known, *, label: str) -> None:
    if spec is PEOPLE:
        for part in PERSON_PARTS:
            _check_parts(part, record.get(part.key), known, label=label)
    elif spec is INTERACTIONS:
        _check_participants(record.get(PARTICIPANTS), known, label=label)


def _check_parts(part: Spec, records: Any, known: Known, *, label: str) -> None:
    if not isinstance(records, list):
        raise ValidationError(f'{label} has no "{part.key}" list.')
    seen: dict[tuple, int] = {}
    for position, record in enumerate(records, start=1):
        where = f"{label}, {part.noun} {position},"
        if not isinstance(record, dict):
            raise ValidationError(f"{where} is not an object.")
        check_keys(record, allowed=part.fields, label=where)
        values = decode(part, record, label=where)
        _check_refs(part, values, known, label=where)
        _check_unique(part, values, seen, label=where, number=position)


def _check_participants(numbers: Any, known: Known, *, label: str) -> None:
    if not isinstance(numbers, list):
        raise ValidationError(f'{label} has no "{PARTICIPANTS}" list.')
    seen: set[int] = set()
    for number in numbers:
        if not isinstance(number, int) or isinstance(number, bool):
            raise ValidationError(f"{label} names {show(number)} among its participants.")
        if number not in known[PEOPLE.key]:
            raise ValidationError(f"{label} names person {number}, which is not in the backup.")
        if number in seen:
            raise ValidationError(f"{label} names person {number} twice.")
        seen.add(number)

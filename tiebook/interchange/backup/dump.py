"""Reading an owner's network out as backup records, streamed section by section."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from django.db import connection, transaction

import tiebook
from tiebook.interactions.models import KnowledgeShare, Participant
from tiebook.interchange.backup.schema import (
    BACKUP_FORMAT,
    BACKUP_VERSION,
    DISTINCT_PAIRS,
    INTERACTIONS,
    KNOWLEDGE_SHARES,
    ORGANIZATIONS,
    OWN_ADDRESSES,
    PARTICIPANTS,
    PEOPLE,
    PERSON_PARTS,
    RELATIONSHIPS,
    TAGS,
    TASKS,
    TYPE_INTERVALS,
    VOUCHES,
    Spec,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

CHUNK = 2000
ORDER = ("created_at", "id")  # the stable order that reference numbers count along

Row = dict[str, Any]
Refs = dict[str, dict[int, int]]  # section -> database id -> reference number
Sections = Iterator[tuple[str, Iterator[Row]]]
Grouped = dict[int, list[Row]]  # parent id -> its children's records


def header() -> dict[str, Any]:
    return {
        "format": BACKUP_FORMAT,
        "version": BACKUP_VERSION,
        "tiebook_version": tiebook.__version__,
    }


@contextmanager
def snapshot() -> Iterator[None]:
    """One consistent view of the network for all of a backup's queries.

    A SQLite transaction reads one snapshot already; PostgreSQL needs REPEATABLE READ, which only
    the outermost transaction can ask for (inside one, the caller's isolation stands)."""
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        yield


def sections(*, owner: AbstractBaseUser) -> Sections:
    """(key, records) per section, in document order; exhaust each before asking for the next,
    since later sections name records of earlier ones by the numbers those handed out."""
    refs: Refs = {}
    yield ORGANIZATIONS.key, _records(ORGANIZATIONS, owner=owner, refs=refs, remember=True)
    yield TAGS.key, _records(TAGS, owner=owner, refs=refs, remember=True)
    yield PEOPLE.key, _people(owner=owner, refs=refs)
    yield RELATIONSHIPS.key, _records(RELATIONSHIPS, owner=owner, refs=refs)
    yield DISTINCT_PAIRS.key, _records(DISTINCT_PAIRS, owner=owner, refs=refs)
    yield INTERACTIONS.key, _interactions(owner=owner, refs=refs)
    yield KNOWLEDGE_SHARES.key, _records(KNOWLEDGE_SHARES, owner=owner, refs=refs)
    yield TASKS.key, _records(TASKS, owner=owner, refs=refs)
    yield VOUCHES.key, _records(VOUCHES, owner=owner, refs=refs)
    yield TYPE_INTERVALS.key, _records(TYPE_INTERVALS, owner=owner, refs=refs)
    yield OWN_ADDRESSES.key, _records(OWN_ADDRESSES, owner=owner, refs=refs)


def _rows(spec: Spec, *, owner: AbstractBaseUser) -> Iterator[Row]:
    attnames = [column.attname for column in spec.columns]
    query = spec.model.objects.filter(owner=owner).order_by(*ORDER).values("id", *attnames)
    return query.iterator(chunk_size=CHUNK)


def _encode(spec: Spec, row: Row, refs: Refs) -> Row:
    record = {}
    for column in spec.columns:
        value = row[column.attname]
        if column.ref_to is None:
            record[column.name] = column.encode(value)
        else:
            record[column.name] = None if value is None else refs[column.ref_to][value]
    return record


def _records(
    spec: Spec, *, owner: AbstractBaseUser, refs: Refs, remember: bool = False
) -> Iterator[Row]:
    numbers = refs.setdefault(spec.key, {})
    for number, row in enumerate(_rows(spec, owner=owner), start=1):
        if remember:
            numbers[row["id"]] = number
        yield {"ref": number, **_encode(spec, row, refs)}


def _grouped(spec: Spec, *, owner: AbstractBaseUser, parent: str, refs: Refs) -> Grouped:
    """A child section's records by parent id, in (created_at, id) order within each parent.

    One query on one table: joining to the parent for its order lets a planner without fresh
    statistics (just after a restore or an import) choose a nested loop that never ends."""
    grouped: Grouped = defaultdict(list)
    attnames = [column.attname for column in spec.columns]
    query = spec.model.objects.filter(owner=owner).order_by(*ORDER).values(parent, *attnames)
    for row in query.iterator(chunk_size=CHUNK):
        grouped[row[parent]].append(_encode(spec, row, refs))
    return grouped


def _people(*, owner: AbstractBaseUser, refs: Refs) -> Iterator[Row]:
    # Numbered up front: a person may be introduced by someone who comes later in the order.
    ids = PEOPLE.model.objects.filter(owner=owner).order_by(*ORDER).values_list("id", flat=True)
    refs[PEOPLE.key] = {pk: number for number, pk in enumerate(ids.iterator(CHUNK), start=1)}
    parts = [
        (spec.key, _grouped(spec, owner=owner, parent="person_id", refs=refs))
        for spec in PERSON_PARTS
    ]
    for row in _rows(PEOPLE, owner=owner):
        record = {"ref": refs[PEOPLE.key][row["id"]], **_encode(PEOPLE, row, refs)}
        for key, grouped in parts:
            record[key] = grouped.pop(row["id"], [])
        yield record


def _participants(*, owner: AbstractBaseUser, refs: Refs) -> dict[int, list[int]]:
    """Each interaction's people as reference numbers, in the order they were added."""
    people = refs[PEOPLE.key]
    grouped: dict[int, list[int]] = defaultdict(list)
    query = Participant.objects.filter(owner=owner).order_by(*ORDER)
    for interaction_id, person_id in query.values_list("interaction_id", "person_id").iterator(
        CHUNK
    ):
        grouped[interaction_id].append(people[person_id])
    return grouped


def _interactions(*, owner: AbstractBaseUser, refs: Refs) -> Iterator[Row]:
    # Only the interactions a knowledge share names need their numbers kept.
    named = set(
        KnowledgeShare.objects.filter(owner=owner, interaction__isnull=False).values_list(
            "interaction_id", flat=True
        )
    )
    numbers = refs.setdefault(INTERACTIONS.key, {})
    participants = _participants(owner=owner, refs=refs)
    for number, row in enumerate(_rows(INTERACTIONS, owner=owner), start=1):
        if row["id"] in named:
            numbers[row["id"]] = number
        record = {"ref": number, **_encode(INTERACTIONS, row, refs)}
        record[PARTICIPANTS] = participants.pop(row["id"], [])
        yield record

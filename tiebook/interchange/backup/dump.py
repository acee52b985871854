"""Reading an owner's network out as backup records, streamed section by section."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from django.db import connection, transaction

import tiebook
from tiebook.interactions.models import Participant
from tiebook.interchange.backup.schema import (
    BACKUP_FORMAT,
    BACKUP_VERSION,
    DISTINCT_PAIRS,
    INTERACTIONS,
    KNOWLEDGE_SHARES,
    NETWORKING,
    NUDGES,
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
ORDER = ("created_at", "id")  # the stable order of every section

Row = dict[str, Any]
Sections = Iterator[tuple[str, Iterator[Row]]]
Grouped = dict[int, list[Row]]  # parent id -> its children's records


def header(*, owner: AbstractBaseUser) -> dict[str, Any]:
    return {
        "format": BACKUP_FORMAT,
        "version": BACKUP_VERSION,
        "tiebook_version": tiebook.__version__,
        "owner": {"name": owner.first_name, "email": owner.email},
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
    """(key, records) per section of the network, in document order (the import runs follow, from
    the history module). A record's "ref" is its database id, and
    records name each other by it, so that a restore into free ids keeps every link and page."""
    yield ORGANIZATIONS.key, _records(ORGANIZATIONS, owner=owner)
    yield TAGS.key, _records(TAGS, owner=owner)
    yield PEOPLE.key, _people(owner=owner)
    yield RELATIONSHIPS.key, _records(RELATIONSHIPS, owner=owner)
    yield DISTINCT_PAIRS.key, _records(DISTINCT_PAIRS, owner=owner)
    yield INTERACTIONS.key, _interactions(owner=owner)
    yield KNOWLEDGE_SHARES.key, _records(KNOWLEDGE_SHARES, owner=owner)
    yield TASKS.key, _records(TASKS, owner=owner)
    yield VOUCHES.key, _records(VOUCHES, owner=owner)
    yield TYPE_INTERVALS.key, _records(TYPE_INTERVALS, owner=owner)
    yield OWN_ADDRESSES.key, _records(OWN_ADDRESSES, owner=owner)
    for spec in NETWORKING:
        yield spec.key, _records(spec, owner=owner)
    yield NUDGES.key, _records(NUDGES, owner=owner)


def rows(spec: Spec, *, owner: AbstractBaseUser, order: tuple[str, ...] = ORDER) -> Iterator[Row]:
    attnames = [column.attname for column in spec.columns]
    query = spec.model.objects.filter(owner=owner).order_by(*order).values("id", *attnames)
    return query.iterator(chunk_size=CHUNK)


def encode(spec: Spec, row: Row) -> Row:
    return {
        column.name: row[column.attname] if column.ref_to else column.encode(row[column.attname])
        for column in spec.columns
    }


def _records(spec: Spec, *, owner: AbstractBaseUser) -> Iterator[Row]:
    for row in rows(spec, owner=owner):
        yield {"ref": row["id"], **encode(spec, row)}


def _grouped(spec: Spec, *, owner: AbstractBaseUser, parent: str) -> Grouped:
    """A child section's records by parent id, in (created_at, id) order within each parent.

    One query on one table: joining to the parent for its order lets a planner without fresh
    statistics (just after a restore or an import) choose a nested loop that never ends."""
    grouped: Grouped = defaultdict(list)
    attnames = [column.attname for column in spec.columns]
    query = spec.model.objects.filter(owner=owner).order_by(*ORDER).values(parent, *attnames)
    for row in query.iterator(chunk_size=CHUNK):
        grouped[row[parent]].append(encode(spec, row))
    return grouped


def _people(*, owner: AbstractBaseUser) -> Iterator[Row]:
    parts = [(spec.key, _grouped(spec, owner=owner, parent="person_id")) for spec in PERSON_PARTS]
    for row in rows(PEOPLE, owner=owner):
        record = {"ref": row["id"], **encode(PEOPLE, row)}
        for key, grouped in parts:
            record[key] = grouped.pop(row["id"], [])
        yield record


def _participants(*, owner: AbstractBaseUser) -> dict[int, list[int]]:
    """Each interaction's people by id, in the order they were added."""
    grouped: dict[int, list[int]] = defaultdict(list)
    query = Participant.objects.filter(owner=owner).order_by(*ORDER)
    for interaction_id, person_id in query.values_list("interaction_id", "person_id").iterator(
        CHUNK
    ):
        grouped[interaction_id].append(person_id)
    return grouped


def _interactions(*, owner: AbstractBaseUser) -> Iterator[Row]:
    participants = _participants(owner=owner)
    for row in rows(INTERACTIONS, owner=owner):
        record = {"ref": row["id"], **encode(INTERACTIONS, row)}
        record[PARTICIPANTS] = participants.pop(row["id"], [])
        yield record

"""Reading an owner's network out as backup records, streamed section by section."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from django.db import connection, transaction
from django.db.models import QuerySet

import tiebook
from tiebook.core.queries import among
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
from tiebook.interchange.backup.text import STEP, Layout, list_text

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

CHUNK = 2000  # rows per fetch, and parents per round of queries for their children
ORDER = ("created_at", "id")  # the stable order of every section
RECORD = "\n  "  # a record sits two levels deep in the document

Row = dict[str, Any]
Sections = Iterator[tuple[str, Iterator[str]]]  # each record already written as JSON text
Texts = dict[int, list[str]]  # parent id -> its children's records, as text


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
    the history module), each record the text of one JSON object. A record's "ref" is its
    database id, and records name each other by it, so that a restore into free ids keeps every
    link and page. Rows are read CHUNK at a time, with a fixed number of queries a chunk."""
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
    """The section's rows as model values, for the few records written as dicts."""
    attnames = [column.attname for column in spec.columns]
    query = spec.model.objects.filter(owner=owner).order_by(*order).values("id", *attnames)
    return query.iterator(chunk_size=CHUNK)


def encode(spec: Spec, row: Row) -> Row:
    return {
        column.name: row[column.attname] if column.ref_to else column.encode(row[column.attname])
        for column in spec.columns
    }


def _chunks(query: QuerySet) -> Iterator[list[tuple]]:
    """The rows of a values_list query as the driver gives them, CHUNK at a time: the ORM's
    conversion of each value is left to the text module, which writes it in one step. A
    server-side cursor on PostgreSQL, so that a million rows never sit in memory at once."""
    sql, params = query.query.sql_with_params()
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql, params)
        while found := cursor.fetchmany(CHUNK):
            yield found


def _select(spec: Spec, *, owner: AbstractBaseUser, first: str = "id", **where: Any) -> QuerySet:
    attnames = [column.attname for column in spec.columns]
    query = spec.model.objects.filter(owner=owner, **where).order_by(*ORDER)
    return query.values_list(first, *attnames)


def _records(spec: Spec, *, owner: AbstractBaseUser) -> Iterator[str]:
    layout = Layout.of(spec, newline=RECORD)
    for found in _chunks(_select(spec, owner=owner)):
        yield from map(layout.text, found)


def _children(spec: Spec, layout: Layout, *, owner: AbstractBaseUser, parent: str, ids) -> Texts:
    """A chunk's children records by parent id, in (created_at, id) order within each parent:
    one query on one table, through the parent column's index."""
    grouped: Texts = defaultdict(list)
    query = _select(spec, owner=owner, first=parent, **{f"{parent}__in": among(ids)})
    for found in _chunks(query):
        for row in found:
            grouped[row[0]].append(layout.text(row))
    return grouped


def _people(*, owner: AbstractBaseUser) -> Iterator[str]:
    layout = Layout.of(PEOPLE, newline=RECORD, extra=[spec.key for spec in PERSON_PARTS])
    inner = layout.keys_newline
    parts = [(spec, Layout.of(spec, newline=inner + STEP, ref=False)) for spec in PERSON_PARTS]
    for found in _chunks(_select(PEOPLE, owner=owner)):
        ids = [row[0] for row in found]
        children = [
            _children(spec, part, owner=owner, parent="person_id", ids=ids) for spec, part in parts
        ]
        for row in found:
            lists = (list_text(texts.get(row[0], ()), inner) for texts in children)
            yield layout.text(row, *lists)


def _interactions(*, owner: AbstractBaseUser) -> Iterator[str]:
    layout = Layout.of(INTERACTIONS, newline=RECORD, extra=[PARTICIPANTS])
    inner = layout.keys_newline
    for found in _chunks(_select(INTERACTIONS, owner=owner)):
        people: dict[int, list[str]] = defaultdict(list)
        query = (
            Participant.objects.filter(owner=owner, interaction_id__in=among(r[0] for r in found))
            .order_by(*ORDER)
            .values_list("interaction_id", "person_id")
        )
        for interaction_id, person_id in query:
            people[interaction_id].append(int.__repr__(person_id))
        for row in found:
            yield layout.text(row, list_text(people.get(row[0], ()), inner))

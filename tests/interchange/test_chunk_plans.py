"""Exports and backups read a chunk's rows through the index of the column that names the chunk:
checked on the plans SQLite picks for the very queries they send, once the network outgrows a
statistics sample."""

from __future__ import annotations

import itertools
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tiebook.core.database import statistics_refresh
from tiebook.interactions.models import Interaction, Participant
from tiebook.interchange.backup import backup_dump
from tiebook.interchange.exporting import export_people
from tiebook.people.models import ContactPoint, Person, PersonTag, PersonType, Relationship, Tag

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's own query plans"),
]

PEOPLE = 1200  # past a 1,000-row sample, and more than one chunk of an export
# `"people_contactpoint"."person_id" IN (SELECT value FROM json_each(...))`
CHUNKED = re.compile(r'"(\w+)"\."(\w+)" IN \(SELECT value FROM json_each')


def _network(owner) -> None:
    now = timezone.now()
    people = Person.objects.bulk_create(
        Person(owner=owner, display_name=f"P {n}", search_name=f"p {n}", updated_at=now)
        for n in range(PEOPLE)
    )
    ContactPoint.objects.bulk_create(
        ContactPoint(owner=owner, person=p, kind="email", value=f"{n}@x.example", normalized=f"{n}")
        for n, p in enumerate(people)
    )
    PersonType.objects.bulk_create(PersonType(owner=owner, person=p, type="friend") for p in people)
    tag = Tag.objects.create(owner=owner, name="VIP", name_key="vip")
    PersonTag.objects.bulk_create(PersonTag(owner=owner, person=p, tag=tag) for p in people)
    Relationship.objects.bulk_create(
        Relationship(owner=owner, from_person=a, to_person=b) for a, b in itertools.pairwise(people)
    )
    meetings = Interaction.objects.bulk_create(
        Interaction(owner=owner, kind="call", occurred_at=now, created_at=now) for _ in people
    )
    Participant.objects.bulk_create(
        Participant(owner=owner, interaction=i, person=p, occurred_at=now, created_at=now)
        for i, p in zip(meetings, people, strict=True)
    )


def _chunk_plans(action) -> list[tuple[str, str, str]]:
    """(table, column, plan) for each query `action` sends that reads a chunk of ids."""
    with CaptureQueriesContext(connection) as captured:
        action()
    found = []
    with connection.cursor() as cursor:
        for query in captured.captured_queries:
            for table, column in CHUNKED.findall(query["sql"]):
                cursor.execute("EXPLAIN QUERY PLAN " + query["sql"])
                found.append((table, column, " / ".join(str(row[-1]) for row in cursor)))
    return found


def _through_its_index(table: str, column: str, plan: str) -> bool:
    wanted = "rowid=?" if column == "id" else f"{column}=?"
    return any(step.startswith(f"SEARCH {table} ") and wanted in step for step in plan.split(" / "))


@pytest.mark.parametrize(
    "action",
    [
        pytest.param(lambda owner: backup_dump(owner=owner), id="backup"),
        pytest.param(
            lambda owner: export_people(owner=owner, format="json", out=_Sink()), id="export"
        ),
    ],
)
def test_each_chunk_is_read_through_the_index_of_its_ids(owner, action):
    _network(owner)
    statistics_refresh()
    plans = _chunk_plans(lambda: action(owner))
    assert plans
    for table, column, plan in plans:
        assert _through_its_index(table, column, plan), (table, column, plan)


class _Sink:
    """A binary stream that keeps nothing."""

    def write(self, data: bytes) -> int:
        return len(data)

    def flush(self) -> None:
        pass

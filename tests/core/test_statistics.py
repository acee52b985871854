"""The query planner's statistics say what the data is, so the hot queries pick the right index
once an owner's network outgrows a sample."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.utils import timezone

from tiebook.core.database import statistics_refresh
from tiebook.people.models import ContactPoint, Person

pytestmark = pytest.mark.django_db

PEOPLE = 3000  # three contact points each: well past a 1,000-row sample


def _network(owner) -> list[int]:
    now = timezone.now()
    people = Person.objects.bulk_create(
        Person(owner=owner, display_name=f"P {n}", search_name=f"p {n}", updated_at=now)
        for n in range(PEOPLE)
    )
    ContactPoint.objects.bulk_create(
        ContactPoint(
            owner=owner,
            person=p,
            kind="email",
            value=f"{n}.{k}@x.example",
            normalized=f"{n}.{k}@x.example",
        )
        for n, p in enumerate(people)
        for k in range(3)
    )
    return [p.pk for p in people]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's own planner statistics")
def test_a_chunk_of_people_reads_their_contact_points_through_the_person_index(owner):
    ids = _network(owner)
    statistics_refresh()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT stat FROM sqlite_stat1 WHERE idx = 'people_contactpoint_owner_id_7240f49e'"
        )
        assert cursor.fetchone()[0] == f"{3 * PEOPLE} {3 * PEOPLE}"  # every row, not a sample
    plan = ContactPoint.objects.filter(owner=owner, person_id__in=ids[:500]).explain()
    # By person: the person index, or the one-per-person constraint that starts with the owner.
    assert re.search(r"USING INDEX \w+ \((owner_id=\? AND )?person_id=\?", plan), plan

"""Circle suggestions read from the database: the same answer in batches as over everyone,
in a few queries, and only the owner's people."""

from __future__ import annotations

import random

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from tests.factories import TODAY, frozen, log, make_person
from tiebook.insights import circle_selectors
from tiebook.insights.circles import suggest_circles
from tiebook.people.services import people_circle_set

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with frozen():
        yield


@pytest.fixture
def network(owner, outsider):
    """Thirty people touched from never to weekly, two of them in circles; and an outsider's."""
    rng = random.Random(11)
    people = [
        make_person(owner, f"Person {n:02d}", types=["colleague"], added_days_ago=500)
        for n in range(30)
    ]
    people_circle_set(owner=owner, circles={people[3].pk: 5, people[4].pk: 150})
    for n, person in enumerate(people):
        for day in rng.sample(range(1, 360), k=n % 16):
            log(owner, person, days_ago=day)
    theirs = make_person(outsider, "Zed Other", types=["mentor"], circle=5)
    for day in range(1, 30, 2):
        log(outsider, theirs, days_ago=day)
    return people


def everyone(owner):
    inputs, _ = circle_selectors._inputs(owner, TODAY, Q())
    return suggest_circles(inputs, today=TODAY)


def test_suggestions_read_in_batches_match_those_over_everyone(owner, network, monkeypatch):
    monkeypatch.setattr(circle_selectors, "FIRST_BATCH", 1)  # batches of 1, 4, 16, 64

    overview = circle_selectors.circles_overview(owner=owner, today=TODAY)

    expected = {pk: s for pk, s in everyone(owner).items() if s.differs}
    assert {row.person_id: row.suggestion for row in overview.changes} == expected
    for person in network:
        assert (
            circle_selectors.person_circle_suggestion(owner=owner, person=person, today=TODAY)
            == everyone(owner)[person.pk]
        )


def test_the_overview_takes_a_few_queries_whatever_the_size(owner, network):
    with CaptureQueriesContext(connection) as queries:
        overview = circle_selectors.circles_overview(owner=owner, today=TODAY)

    assert len(queries) <= 3
    assert "Zed Other" not in {row.name for row in overview.changes}
    assert overview.sizes == {5: 1, 15: 1, 50: 1, 150: 2}  # the outsider's circle is not mine

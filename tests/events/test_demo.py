"""The demo's events: plausible numbers, people met at attended ones, in a few queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tiebook.demo.events import demo_events
from tiebook.demo.generator import demo_generate
from tiebook.events.models import Event, EventPerson

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 6, 1)


def test_the_demo_has_events_with_people_met_and_wanted(owner):
    demo_generate(owner=owner, people=1200, seed=7, today=TODAY)
    events = Event.objects.filter(owner=owner)
    assert events.count() == 3
    for event in events.filter(status="attended"):
        assert event.ends_on < TODAY
        assert EventPerson.objects.filter(event=event, role="met").exists()
    assert not EventPerson.objects.filter(event__starts_on__gt=TODAY, role="met").exists()


def test_the_demo_events_are_written_in_a_few_queries(owner, django_user_model):
    from tests.factories import make_person

    ids = [make_person(owner, f"P{i}").pk for i in range(50)]
    with CaptureQueriesContext(connection) as queries:
        made = demo_events(owner=owner, seed=1, today=TODAY, people=ids, orgs=[])
    assert made == 3
    assert len(queries) <= 6

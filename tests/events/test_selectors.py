"""Reads of events: lookups by name, the list's order, and queries that do not grow per row."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import NOW, TODAY, frozen, log, make_person
from tiebook.core.errors import Ambiguous, NotFound
from tiebook.events.models import EventPerson
from tiebook.events.selectors import event_record, event_resolve, events_list, person_events
from tiebook.events.services import EventInput, event_create, event_person_link, event_status_set
from tiebook.interchange.meeting import event_person_met

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clock():
    with frozen(NOW):
        yield


def _event(owner, name, days, **fields):
    return event_create(
        owner=owner,
        data=EventInput(name=name, starts_on=TODAY + dt.timedelta(days=days), **fields),
    )


def test_an_exact_name_wins_and_a_fragment_of_several_is_ambiguous(owner):
    pycon = _event(owner, "PyCon", -3)
    _event(owner, "PyCon Lisbon", -1)
    assert event_resolve(owner=owner, ref="pycon").pk == pycon.pk
    with pytest.raises(Ambiguous):
        event_resolve(owner=owner, ref="py")
    with pytest.raises(NotFound):
        event_resolve(owner=owner, ref="nothing")


def test_another_owners_event_is_not_found_by_id_or_name(owner, outsider):
    theirs = _event(outsider, "Their Meetup", 1)
    with pytest.raises(NotFound):
        event_resolve(owner=owner, ref=str(theirs.pk))
    with pytest.raises(NotFound):
        event_resolve(owner=owner, ref="their")


def test_upcoming_soonest_first_then_past_latest_first(owner):
    for name, days in (("Later", 10), ("Soon", 2), ("Today", 0), ("Old", -30), ("Recent", -3)):
        _event(owner, name, days)
    found = events_list(owner=owner, today=TODAY)
    assert [r.event.name for r in found.upcoming] == ["Today", "Soon", "Later"]
    assert [r.event.name for r in found.past] == ["Recent", "Old"]


def test_the_event_record_reads_a_fixed_number_of_queries(owner):
    pycon = _event(owner, "PyCon", -2, topics=["Python"], hosts=["Acme"])
    event_status_set(owner=owner, event=pycon, status="attended")

    def grow(n):
        for i in range(n):
            event_person_met(owner=owner, event=pycon, name=f"Met {n} {i}", org="Acme")
            want = make_person(owner, f"Want {n} {i}", tags=["python"])
            event_person_link(owner=owner, event=pycon, person=want, role=EventPerson.WANT)
            make_person(owner, f"Relevant {n} {i}", organization="Acme", headline="Python dev")

    grow(1)
    with CaptureQueriesContext(connection) as few:
        event_record(owner=owner, event=pycon)
    grow(5)
    with CaptureQueriesContext(connection) as more:
        record = event_record(owner=owner, event=pycon)
    assert len(more) == len(few)
    assert len(record.met) == 6
    assert len(record.want) == 6
    assert len(record.relevant) == 6


def test_a_follow_up_after_the_meeting_counts_as_done(owner):
    pycon = _event(owner, "PyCon", -2)
    event_status_set(owner=owner, event=pycon, status="attended")
    ada = event_person_met(owner=owner, event=pycon, name="Ada Byron").person
    event_person_met(owner=owner, event=pycon, name="Alan Turing")
    log(owner, ada, "Sent the slides")
    rows = {row.person.display_name: row for row in event_record(owner=owner, event=pycon).met}
    assert rows["Ada Byron"].done
    assert rows["Ada Byron"].state == "followed up on 30 Nov"
    assert not rows["Alan Turing"].done


def test_a_person_lists_their_events_latest_first(owner):
    old, new = _event(owner, "Old", -30), _event(owner, "New", -1)
    ada = event_person_met(owner=owner, event=old, name="Ada Byron").person
    event_person_link(owner=owner, event=new, person=ada, role=EventPerson.SPEAKER)
    assert [(e.event.name, e.label) for e in person_events(owner=owner, person=ada)] == [
        ("New", "speaker"),
        ("Old", "met"),
    ]

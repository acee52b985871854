"""Merging two records of one person keeps the events they were met at."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import NOW, TODAY, frozen, make_person
from tiebook.events.models import EventPerson
from tiebook.events.services import EventInput, event_create, event_person_link
from tiebook.interchange.meeting import event_person_met
from tiebook.people.merging import person_merge

pytestmark = pytest.mark.django_db


def test_merging_two_people_keeps_their_event_links(owner):
    with frozen(NOW):
        start = TODAY - dt.timedelta(days=1)
        pycon = event_create(owner=owner, data=EventInput(name="PyCon", starts_on=start))
        meetup = event_create(owner=owner, data=EventInput(name="Meetup", starts_on=start))
        keep = make_person(owner, "Grace Hopper")
        other = event_person_met(owner=owner, event=pycon, name="G. Hopper").person
        event_person_link(owner=owner, event=meetup, person=keep, role=EventPerson.WANT)
        event_person_link(owner=owner, event=meetup, person=other, role=EventPerson.SPEAKER)
        person_merge(owner=owner, keep=keep, other=other)
    links = {
        (link.event.name, link.role)
        for link in EventPerson.objects.filter(owner=owner, person=keep).select_related("event")
    }
    assert ("PyCon", "met") in links
    assert {name for name, _ in links} == {"PyCon", "Meetup"}
    assert EventPerson.objects.filter(owner=owner).count() == 2

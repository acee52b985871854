"""Writes for events: attending nudges everyone met, days re-set them, leaving attended clears."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import NOW, TODAY, frozen, log
from tiebook.core.errors import NotFound, ValidationError
from tiebook.events.services import (
    EventChanges,
    EventInput,
    event_create,
    event_delete,
    event_followup_days_set,
    event_settings_set,
    event_status_set,
    event_update,
)
from tiebook.followups.nudges import nudges_open
from tiebook.interchange.meeting import event_person_met
from tiebook.people.models import Person

pytestmark = pytest.mark.django_db

END = TODAY - dt.timedelta(days=1)


@pytest.fixture(autouse=True)
def clock():
    with frozen(NOW):
        yield


@pytest.fixture
def pycon(owner):
    return event_create(
        owner=owner,
        data=EventInput(name="PyCon Lisbon", starts_on=END - dt.timedelta(days=2), ends_on=END),
    )


def _due(owner) -> dict[str, tuple[dt.date, str]]:
    return {
        n.person.display_name: (n.due_on, n.why) for n in nudges_open(owner=owner, source="event")
    }


def test_attending_later_nudges_everyone_met(owner, pycon):
    event_person_met(owner=owner, event=pycon, name="Ada Byron")
    event_person_met(owner=owner, event=pycon, name="Alan Turing")
    assert _due(owner) == {}
    event_status_set(owner=owner, event=pycon, status="attended")
    due_on = END + dt.timedelta(days=2)
    assert _due(owner) == {
        "Ada Byron": (due_on, "met at PyCon Lisbon on 29 Nov"),
        "Alan Turing": (due_on, "met at PyCon Lisbon on 29 Nov"),
    }
    assert Person.objects.get(display_name="Ada Byron").next_due_on <= due_on


def test_someone_met_at_an_attended_event_is_nudged_at_once(owner, pycon):
    event_status_set(owner=owner, event=pycon, status="attended")
    event_person_met(owner=owner, event=pycon, name="Ada Byron")
    assert list(_due(owner)) == ["Ada Byron"]


def test_changing_the_days_re_sets_the_nudges(owner, pycon):
    event_status_set(owner=owner, event=pycon, status="attended")
    event_person_met(owner=owner, event=pycon, name="Ada Byron")
    event_followup_days_set(owner=owner, event=pycon, days=5)
    assert _due(owner)["Ada Byron"][0] == END + dt.timedelta(days=5)
    event_followup_days_set(owner=owner, event=pycon, days=None)
    event_settings_set(owner=owner, followup_days=3)
    assert _due(owner)["Ada Byron"][0] == END + dt.timedelta(days=3)


def test_moving_the_event_moves_the_nudges(owner, pycon):
    event_status_set(owner=owner, event=pycon, status="attended")
    event_person_met(owner=owner, event=pycon, name="Ada Byron")
    event_update(owner=owner, event=pycon, changes=EventChanges(ends_on=TODAY))
    assert _due(owner)["Ada Byron"][0] == TODAY + dt.timedelta(days=2)


def test_leaving_attended_or_deleting_clears_the_nudges(owner, pycon):
    event_status_set(owner=owner, event=pycon, status="attended")
    event_person_met(owner=owner, event=pycon, name="Ada Byron")
    event_status_set(owner=owner, event=pycon, status="going")
    assert _due(owner) == {}
    event_status_set(owner=owner, event=pycon, status="attended")
    event_delete(owner=owner, event=pycon)
    assert _due(owner) == {}


def test_a_touch_after_the_meeting_closes_the_nudge(owner, pycon):
    event_status_set(owner=owner, event=pycon, status="attended")
    ada = event_person_met(owner=owner, event=pycon, name="Ada Byron").person
    log(owner, ada, "Sent the slides")
    assert _due(owner) == {}


def test_it_checks_what_it_is_given(owner, outsider, pycon):
    with pytest.raises(ValidationError, match="between 1 and 365"):
        event_followup_days_set(owner=owner, event=pycon, days=0)
    with pytest.raises(NotFound):
        event_status_set(owner=outsider, event=pycon, status="going")
    with pytest.raises(ValidationError, match="Give the event a name"):
        event_create(owner=owner, data=EventInput(name=" ", starts_on=TODAY))

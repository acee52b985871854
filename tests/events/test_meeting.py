"""Meeting someone at an event: matched as imports match, or added; linked, logged, how we met."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import NOW, TODAY, frozen, make_person
from tiebook.core.errors import Conflict, NotFound, ValidationError
from tiebook.events.models import Event, EventPerson
from tiebook.events.services import EventInput, event_create
from tiebook.interactions.models import Interaction
from tiebook.interchange.meeting import event_person_met
from tiebook.people.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clock():
    with frozen(NOW):
        yield


@pytest.fixture
def event(owner):
    return event_create(
        owner=owner,
        data=EventInput(name="PyCon Lisbon", starts_on=TODAY - dt.timedelta(days=1), ends_on=TODAY),
    )


def test_it_adds_someone_new_with_how_we_met_and_an_event_interaction(owner, event):
    met = event_person_met(
        owner=owner,
        event=event,
        name="Ada Byron",
        email="ada@example.org",
        org="Analytical",
        note="Likes engines",
    )
    assert met.added
    assert met.person.how_met == "PyCon Lisbon, 30 Nov 2026"
    assert met.person.organization.name == "Analytical"
    assert met.link.role == EventPerson.MET
    interaction = met.link.interaction
    assert (interaction.kind, interaction.summary, interaction.notes) == (
        "event",
        "Met at PyCon Lisbon",
        "Likes engines",
    )
    assert list(interaction.people.all()) == [met.person]


def test_it_matches_someone_already_there_by_email(owner, event):
    grace = make_person(owner, "Grace Hopper", emails=["grace@navy.example"], how_met="At work")
    met = event_person_met(
        owner=owner, event=event, name="Grace Hopper", email="GRACE@navy.example"
    )
    assert (met.added, met.person.pk) == (False, grace.pk)
    assert met.person.how_met == "At work"  # filled only when empty
    assert Person.objects.filter(owner=owner).count() == 1


def test_it_matches_the_same_name_at_the_same_organisation_and_fills_the_email(owner, event):
    grace = make_person(owner, "Grace Hopper", organization="Navy")
    met = event_person_met(
        owner=owner, event=event, name="grace hopper", email="g@navy.example", org="NAVY"
    )
    assert met.person.pk == grace.pk
    assert [c.normalized for c in met.person.contact_points.all()] == ["g@navy.example"]


def test_a_shared_email_with_another_name_stays_apart(owner, event):
    make_person(owner, "Front Desk", emails=["info@acme.example"])
    met = event_person_met(owner=owner, event=event, name="Bob Stone", email="info@acme.example")
    assert met.added
    assert "kept apart" in met.why


def test_meeting_the_same_person_twice_adds_one_link_and_one_interaction(owner, event):
    event_person_met(owner=owner, event=event, name="Ada Byron")
    again = event_person_met(owner=owner, event=event, name="Ada Byron", note="Second chat")
    assert Person.objects.filter(owner=owner).count() == 1
    assert EventPerson.objects.filter(event=event).count() == 1
    assert Interaction.objects.filter(owner=owner).count() == 1
    assert again.link.note == "Second chat"


def test_want_to_meet_becomes_met(owner, event):
    from tiebook.events.services import event_person_link

    ada = make_person(owner, "Ada Byron")
    event_person_link(owner=owner, event=event, person=ada, role=EventPerson.WANT)
    met = event_person_met(owner=owner, event=event, name="Ada Byron")
    assert met.person.pk == ada.pk
    assert EventPerson.objects.get(event=event).role == EventPerson.MET


def test_nobody_is_met_at_an_event_that_has_not_started(owner):
    later = event_create(
        owner=owner, data=EventInput(name="Later", starts_on=TODAY + dt.timedelta(days=3))
    )
    with pytest.raises(ValidationError, match="cannot have met anyone"):
        event_person_met(owner=owner, event=later, name="Ada Byron")
    assert not Person.objects.exists()


def test_a_bad_email_is_refused_and_nothing_written(owner, event):
    with pytest.raises(ValidationError):
        event_person_met(owner=owner, event=event, name="Ada", email="not an email")
    assert not Person.objects.exists()


def test_another_owners_event_is_not_found(owner, outsider, event):
    with pytest.raises(NotFound):
        event_person_met(owner=outsider, event=event, name="Ada")
    assert not Event.objects.filter(owner=outsider).exists()


def test_a_name_alone_is_the_one_person_who_has_it(owner, event):
    grace = make_person(owner, "Grace Hopper", organization="US Navy")
    met = event_person_met(owner=owner, event=event, name="grace  hopper")
    assert (met.person.pk, met.added, met.why) == (grace.pk, False, "the only one of that name")
    assert Person.objects.filter(owner=owner).count() == 1


def test_a_name_alone_with_another_organisation_is_someone_new(owner, event):
    grace = make_person(owner, "Grace Hopper", organization="US Navy")
    met = event_person_met(owner=owner, event=event, name="Grace Hopper", org="Yale")
    assert met.added
    assert met.person.pk != grace.pk


def test_a_name_several_people_have_must_be_told_apart(owner, event):
    first = make_person(owner, "Ann Lee")
    second = make_person(owner, "Ann Lee", organization="Acme")
    with pytest.raises(Conflict) as refused:
        event_person_met(owner=owner, event=event, name="Ann Lee")
    assert str(refused.value) == (
        f"2 people are named Ann Lee (ids {first.pk}, {second.pk}): give the email or "
        "organisation of the one you met."
    )
    assert event_person_met(owner=owner, event=event, name="Ann Lee", org="Acme").person == second
    assert Interaction.objects.filter(owner=owner).count() == 1

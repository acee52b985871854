"""Events on the web: the list, adding one, the event page, "met someone", and privacy."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import HTMX, TODAY, frozen, make_person
from tiebook.events.models import Event, EventPerson
from tiebook.events.services import EventInput, event_create
from tiebook.interchange.meeting import event_person_met
from tiebook.people.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with frozen():
        yield


@pytest.fixture
def pycon(owner):
    return event_create(
        owner=owner,
        data=EventInput(
            name="PyCon Lisbon",
            kind="conference",
            starts_on=TODAY - dt.timedelta(days=2),
            ends_on=TODAY - dt.timedelta(days=1),
            topics=["Python"],
            hosts=["Acme"],
        ),
    )


def test_the_list_shows_upcoming_then_past(me, owner, pycon):
    event_create(
        owner=owner, data=EventInput(name="Django Meetup", starts_on=TODAY + dt.timedelta(days=3))
    )
    page = me.get("/events/").content.decode()
    assert page.index("Django Meetup") < page.index("Past") < page.index("PyCon Lisbon")
    assert 'aria-current="page">Events' in page


def test_the_list_has_a_json_twin(me, pycon):
    data = me.get("/events/?format=json").json()
    assert [e["name"] for e in data["past"]] == ["PyCon Lisbon"]


def test_it_adds_an_event(me, owner):
    response = me.post(
        "/events/new",
        {
            "name": "Django Meetup",
            "kind": "meetup",
            "starts_on": "2026-12-03",
            "topics": "Django, Python",
            "hosts": "Acme",
            "status": "going",
        },
    )
    event = Event.objects.get(owner=owner)
    assert response.status_code == 302
    assert response["Location"] == f"/events/{event.pk}/"
    assert (event.topics, event.status) == (["Django", "Python"], "going")


def test_a_bad_event_shows_the_error_beside_the_field(me, owner):
    response = me.post(
        "/events/new",
        {
            "name": "X",
            "kind": "meetup",
            "starts_on": "2026-12-03",
            "ends_on": "2026-12-01",
            "status": "considering",
        },
    )
    assert response.status_code == 422
    assert "The event ends (2026-12-01) before it starts (2026-12-03)." in response.content.decode()
    assert 'id="id_ends_on-error"' in response.content.decode()
    assert not Event.objects.exists()


def test_the_event_page_puts_met_someone_first_and_shows_who_is_relevant(me, owner, pycon):
    make_person(owner, "Linus Torvalds", organization="Acme")
    page = me.get(f"/events/{pycon.pk}/").content.decode()
    assert page.index("Met someone") < page.index("Your status")
    assert f'hx-get="/events/{pycon.pk}/relevant"' in page  # loaded after the page
    part = me.get(f"/events/{pycon.pk}/relevant", **HTMX).content.decode()
    assert part.startswith('<h2 id="relevant-heading">')
    assert "Linus Torvalds" in part
    assert "works at Acme, the host" in part
    whole = me.get(f"/events/{pycon.pk}/relevant").content.decode()
    assert "<html" in whole
    assert "Linus Torvalds" in whole


def test_met_someone_through_htmx_adds_the_row_and_clears_the_form(me, owner, pycon):
    response = me.post(
        f"/events/{pycon.pk}/met",
        {"name": "Ada Byron", "email": "ada@example.org", "org": "Analytical", "note": "Engines"},
        **HTMX,
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert page.startswith('<section id="event-met"')
    assert "Added Ada Byron." in page
    assert 'id="met-' in page
    assert "Ada Byron" in page
    assert 'value="Ada Byron"' not in page  # the form is empty again
    assert EventPerson.objects.get(event=pycon).role == EventPerson.MET


def test_met_someone_without_a_name_says_so_beside_it(me, owner, pycon):
    response = me.post(f"/events/{pycon.pk}/met", {"name": " "}, **HTMX)
    page = response.content.decode()
    assert "Say who you met (the name is empty)." in page
    assert 'id="id_name-error"' in page
    assert not Person.objects.exists()


def test_met_someone_without_htmx_redirects_back(me, owner, pycon):
    response = me.post(f"/events/{pycon.pk}/met", {"name": "Ada Byron"})
    assert response.status_code == 302
    assert response["Location"] == f"/events/{pycon.pk}/"


def test_attend_want_and_days(me, owner, pycon):
    grace = make_person(owner, "Grace Hopper")
    me.post(f"/events/{pycon.pk}/status", {"status": "attended"})
    me.post(f"/events/{pycon.pk}/want", {"person": grace.pk})
    me.post(f"/events/{pycon.pk}/followup-days", {"days": "4"})
    pycon.refresh_from_db()
    assert (pycon.status, pycon.followup_days) == ("attended", 4)
    assert EventPerson.objects.get(event=pycon, person=grace).role == EventPerson.WANT
    page = me.get(f"/events/{pycon.pk}/").content.decode()
    assert "due within 4 days of the end, by 3 Dec 2026" in page


def test_the_person_page_lists_the_events_they_were_met_at(me, owner, pycon):
    met = event_person_met(owner=owner, event=pycon, name="Ada Byron")
    page = me.get(f"/people/{met.person.pk}/").content.decode()
    assert f'href="/events/{pycon.pk}/">PyCon Lisbon</a>' in page
    assert "met on 29 Nov 2026" in page


def test_the_settings_page_sets_the_default_days(me, owner):
    assert (
        "Follow up with the people you met within (days)" in me.get("/settings/").content.decode()
    )
    response = me.post("/events/settings", {"days": "3"})
    assert response.status_code == 302
    from tiebook.events.services import followup_days_default

    assert followup_days_default(owner=owner) == 3


def test_delete(me, owner, pycon):
    response = me.post(f"/events/{pycon.pk}/delete")
    assert response["Location"] == "/events/"
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/events/{id}/"),
        ("get", "/events/{id}/?format=json"),
        ("post", "/events/{id}/met"),
        ("get", "/events/{id}/relevant"),
        ("post", "/events/{id}/status"),
        ("post", "/events/{id}/want"),
        ("post", "/events/{id}/followup-days"),
        ("post", "/events/{id}/delete"),
    ],
)
def test_an_outsider_gets_404_on_every_event_url(client, outsider, pycon, method, path):
    client.force_login(outsider)
    response = getattr(client, method)(
        path.format(id=pycon.pk), {"name": "X", "status": "going", "days": "3"}
    )
    assert response.status_code == 404
    pycon.refresh_from_db()
    assert pycon.status == "considering"
    assert not EventPerson.objects.exists()


def test_an_outsider_sees_none_of_my_events(client, outsider, pycon):
    client.force_login(outsider)
    assert "PyCon Lisbon" not in client.get("/events/").content.decode()
    assert client.get("/events/?format=json").json() == {"upcoming": [], "past": []}


def test_want_of_another_owners_person_is_404(me, outsider, pycon):
    theirs = make_person(outsider, "Zelda")
    assert me.post(f"/events/{pycon.pk}/want", {"person": theirs.pk}).status_code == 404


def test_a_conference_calendar_imports_from_the_events_page(me, owner):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.events.test_import import SCHEDULE
    from tiebook.interchange.models import ImportRun

    make_person(owner, "Grace Hopper", emails=["grace@navy.example"])
    upload = SimpleUploadedFile("pycon.ics", SCHEDULE.encode(), content_type="text/calendar")
    response = me.post("/events/import", {"file": upload})
    run = ImportRun.objects.get(owner=owner)
    assert response["Location"] == f"/import/runs/{run.pk}/"
    assert Event.objects.filter(owner=owner).count() == 2
    page = me.get(response["Location"]).content.decode()
    assert "Imported 2 events from pycon.ics: 1 linked to your people" in page


def test_importing_without_a_file_says_so(me):
    response = me.post("/events/import", {}, follow=True)
    assert "Choose a calendar file (.ics) to import." in response.content.decode()

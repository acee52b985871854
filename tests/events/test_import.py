"""A conference's calendar as events: dry run, linking, adding people when asked, and undo."""

from __future__ import annotations

import pytest

from tests.factories import NOW, frozen, make_person, network_dump
from tiebook.events.models import Event, EventPerson
from tiebook.interactions.models import Interaction
from tiebook.interchange.event_import import events_import
from tiebook.interchange.undo import import_undo
from tiebook.people.models import Person

pytestmark = pytest.mark.django_db

SCHEDULE = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//PyCon//Schedule//EN
BEGIN:VEVENT
UID:talk-1@pycon.example
DTSTART:20261203T100000Z
DTEND:20261203T110000Z
SUMMARY:Typing Python at scale
LOCATION:Room A
CATEGORIES:Python,Typing
ORGANIZER;CN=Grace Hopper:mailto:grace@navy.example
ATTENDEE;CN=Ada Byron;ROLE=CHAIR:mailto:ada@example.org
END:VEVENT
BEGIN:VEVENT
UID:conf@pycon.example
DTSTART;VALUE=DATE:20261203
DTEND;VALUE=DATE:20261206
SUMMARY:PyCon Lisbon
LOCATION:Lisbon
END:VEVENT
BEGIN:VEVENT
UID:broken@pycon.example
SUMMARY:No start
END:VEVENT
END:VCALENDAR
"""


@pytest.fixture(autouse=True)
def clock():
    with frozen(NOW):
        yield


@pytest.fixture
def schedule(tmp_path):
    path = tmp_path / "pycon.ics"
    path.write_text(SCHEDULE.replace("\n", "\r\n"))
    return path


def test_a_dry_run_says_what_it_would_do_and_writes_nothing(owner, schedule):
    make_person(owner, "Grace Hopper", emails=["grace@navy.example"])
    before = network_dump(owner=owner)
    report = events_import(owner=owner, path=schedule, dry_run=True)
    assert report.counts == {
        "events": 2,
        "already": 0,
        "linked": 1,
        "added_people": 0,
        "not_in_network": 1,
        "failed": 1,
    }
    assert report.run_id is None
    assert report.problems == [{"ref": "event 3", "message": "It has no start (DTSTART)."}]
    assert network_dump(owner=owner) == before
    assert not Event.objects.exists()


def test_it_imports_events_as_considering_with_speakers_linked_and_no_interactions(owner, schedule):
    grace = make_person(owner, "Grace Hopper", emails=["grace@navy.example"])
    report = events_import(owner=owner, path=schedule)
    talk = Event.objects.get(external_id="talk-1@pycon.example")
    conf = Event.objects.get(external_id="conf@pycon.example")
    assert (talk.status, talk.kind, talk.where, talk.topics) == (
        "considering",
        "talk",
        "Room A",
        ["Python", "Typing"],
    )
    assert (conf.starts_on.isoformat(), conf.ends_on.isoformat()) == ("2026-12-03", "2026-12-05")
    link = EventPerson.objects.get(event=talk)
    assert (link.person_id, link.role) == (grace.pk, "speaker")
    assert not Interaction.objects.exists()
    assert report.run_id is not None


def test_it_adds_people_only_when_asked_and_undo_removes_exactly_what_it_added(owner, schedule):
    make_person(owner, "Grace Hopper", emails=["grace@navy.example"])
    before = network_dump(owner=owner)
    report = events_import(owner=owner, path=schedule, add_people=True)
    assert report.counts["added_people"] == 1
    ada = Person.objects.get(display_name="Ada Byron")
    assert ada.how_met == "Typing Python at scale, 3 Dec 2026 (on the programme)"
    assert EventPerson.objects.count() == 2
    import_undo(owner=owner, run_id=report.run_id)
    assert not Event.objects.exists()
    assert not EventPerson.objects.exists()
    assert network_dump(owner=owner) == before


def test_importing_again_adds_nothing(owner, schedule):
    events_import(owner=owner, path=schedule)
    again = events_import(owner=owner, path=schedule)
    assert (again.counts["events"], again.counts["already"]) == (0, 2)
    assert Event.objects.count() == 2


def test_undo_refuses_when_someone_was_added_to_an_imported_event_since(owner, schedule):
    from tiebook.core.errors import Conflict
    from tiebook.events.services import event_person_link

    report = events_import(owner=owner, path=schedule)
    conf = Event.objects.get(external_id="conf@pycon.example")
    ada = make_person(owner, "Ada Byron")
    event_person_link(owner=owner, event=conf, person=ada, role=EventPerson.WANT)
    with pytest.raises(Conflict, match="PyCon Lisbon, added by import"):
        import_undo(owner=owner, run_id=report.run_id)
    assert Event.objects.count() == 2

"""Events in the backup: backup -> restore -> backup is identical, events and their people too."""

from __future__ import annotations

import copy
import datetime as dt

import pytest

from tests.events.test_import import SCHEDULE
from tests.factories import NOW, TODAY, frozen, make_person
from tiebook.events.models import Event, EventOrganization, EventPerson, EventSettings
from tiebook.events.services import (
    EventInput,
    event_create,
    event_person_link,
    event_settings_set,
    event_status_set,
)
from tiebook.interchange.backup import backup_dump, backup_read, backup_restore, backup_write
from tiebook.interchange.event_import import events_import
from tiebook.interchange.meeting import event_person_met

pytestmark = pytest.mark.django_db


def _network(owner, tmp_path):
    with frozen(NOW):
        pycon = event_create(
            owner=owner,
            data=EventInput(
                name="PyCon Lisbon",
                kind="conference",
                starts_on=TODAY - dt.timedelta(days=3),
                ends_on=TODAY - dt.timedelta(days=1),
                where="Lisbon",
                url="https://pycon.example",
                topics=["Python", "Typing"],
                hosts=["Acme"],
                sponsors=["Globex"],
                followup_days=3,
                notes="Bring cards",
            ),
        )
        event_person_met(owner=owner, event=pycon, name="Ada Byron", email="ada@example.org")
        grace = make_person(owner, "Grace Hopper")
        event_person_link(owner=owner, event=pycon, person=grace, role=EventPerson.WANT)
        event_status_set(owner=owner, event=pycon, status="attended")
        event_settings_set(owner=owner, followup_days=4)
        path = tmp_path / "pycon.ics"
        path.write_text(SCHEDULE)
        events_import(owner=owner, path=path, add_people=True)


def test_backup_restore_backup_is_identical_with_events(owner, outsider, tmp_path):
    _network(owner, tmp_path)
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    backup_write(owner=owner, path=first)
    document = backup_read(path=first)
    assert len(document["events"]) == 3
    assert len(document["event_people"]) == 4
    assert len(document["event_organizations"]) == 2
    assert document["event_settings"][0]["followup_days"] == 4
    owner.delete()  # as a fresh database would, it leaves every id free
    backup_restore(owner=outsider, document=copy.deepcopy(document))
    backup_write(owner=outsider, path=second)
    assert first.read_bytes() == second.read_bytes()
    assert Event.objects.filter(owner=outsider).count() == 3
    assert EventOrganization.objects.filter(owner=outsider).count() == 2
    assert EventSettings.objects.get(owner=outsider).followup_days == 4
    met = EventPerson.objects.get(owner=outsider, role="met")
    assert met.interaction.summary == "Met at PyCon Lisbon"


def test_an_import_run_of_events_undoes_after_a_restore(owner, outsider, tmp_path):
    from tiebook.interchange.models import ImportRun
    from tiebook.interchange.undo import import_undo

    _network(owner, tmp_path)
    document = backup_dump(owner=owner)
    owner.delete()
    backup_restore(owner=outsider, document=document)
    run = ImportRun.objects.get(owner=outsider)
    import_undo(owner=outsider, run_id=run.pk)
    assert list(Event.objects.filter(owner=outsider).values_list("name", flat=True)) == [
        "PyCon Lisbon"
    ]

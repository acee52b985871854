"""The event commands: exact output, JSON, and one-sentence errors."""

from __future__ import annotations

import pytest

from tests.events.test_import import SCHEDULE
from tiebook.events.models import Event, EventPerson
from tiebook.interchange.models import ImportRun
from tiebook.people.models import Person


def ids() -> dict[str, int]:
    """Every person's and event's id by a short name (first word, lower case): PostgreSQL does
    not restart its sequences between tests, so the output names whatever ids were given."""
    found = {n.split()[0].lower(): pk for n, pk in Person.objects.values_list("display_name", "pk")}
    found.update(
        (n.split()[0].lower() + "_event", pk) for n, pk in Event.objects.values_list("name", "pk")
    )
    found.update(("run", pk) for pk in ImportRun.objects.values_list("pk", flat=True))
    return found


@pytest.fixture
def pycon(tb):
    result = tb(
        "event", "add", "PyCon Lisbon", "--on", "2026-11-27", "--until", "2026-11-29",
        "--where", "Lisbon", "--topic", "Python", "--kind", "conference", "--host", "Acme",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return Event.objects.get()


def test_event_add_says_what_it_added(tb):
    result = tb("event", "add", "Django Meetup", "--on", "2026-12-03", "--where", "Porto")
    assert result.exit_code == 0
    assert result.stdout == (
        "Added event {django_event}: Django Meetup, 3 Dec 2026, Porto (meetup), considering.\n"
    ).format(**ids())


def test_event_add_refuses_an_end_before_the_start(tb):
    result = tb("event", "add", "X", "--on", "2026-12-03", "--until", "2026-12-01")
    assert result.exit_code == 1
    assert result.stderr == "Error: The event ends (2026-12-01) before it starts (2026-12-03).\n"
    assert not Event.objects.exists()


def test_events_lists_upcoming_then_past(tb, pycon):
    tb("event", "add", "Django Meetup", "--on", "2026-12-03")
    result = tb("events")
    assert result.stdout == (
        "Upcoming:\n"
        "  {django_event}  Django Meetup, 3 Dec 2026 (meetup), considering; met 0, "
        "want to meet 0\n"
        "Past:\n"
        "  {pycon_event}  PyCon Lisbon, 27-29 Nov 2026, Lisbon (conference), considering; met 0, "
        "want to meet 0\n"
    ).format(**ids())
    data = tb.json("events")
    assert [e["name"] for e in data["upcoming"]] == ["Django Meetup"]
    assert [e["name"] for e in data["past"]] == ["PyCon Lisbon"]


def test_events_without_any_says_how_to_add_one(tb):
    assert tb("events").stdout == (
        'No events yet. Add one: tiebook event add "PyCon Lisbon" --on 2026-12-03\n'
    )


def test_event_met_adds_then_matches(tb, pycon):
    tb("add", "Grace Hopper", "--email", "grace@navy.example")
    added = tb("event", "met", "pycon", "Ada Byron", "--org", "Analytical", "--note", "Engines")
    assert added.stdout == (
        "Added Ada Byron (id {ada}), met at PyCon Lisbon.\n"
        "Once you mark it attended (tiebook event attend {pycon_event}), follow-ups come due.\n"
    ).format(**ids())
    matched = tb("event", "met", "pycon", "Grace Hopper", "--email", "GRACE@navy.example")
    assert matched.stdout.splitlines()[0] == (
        "Met Grace Hopper (id {grace}) at PyCon Lisbon: same email grace@navy.example."
    ).format(**ids())
    assert Person.objects.count() == 2
    assert Person.objects.get(display_name="Ada Byron").how_met == "PyCon Lisbon, 29 Nov 2026"


def test_event_met_json(tb, pycon):
    data = tb.json("event", "met", str(pycon.pk), "Ada Byron")
    link = EventPerson.objects.get()
    assert data == {
        "event": pycon.pk,
        "person": link.person_id,
        "name": "Ada Byron",
        "added": True,
        "why": "no one with the same email, phone, profile, or name and org",
        "interaction": link.interaction_id,
        "followup_due_on": None,
    }


def test_event_attend_says_who_is_due(tb, pycon):
    tb("event", "met", "pycon", "Ada Byron")
    result = tb("event", "attend", "pycon")
    assert result.stdout == "PyCon Lisbon: attended. 1 person met there due by 1 Dec.\n"


def test_event_status_going(tb, pycon):
    assert tb("event", "status", "pycon", "going").stdout == "PyCon Lisbon: going.\n"
    result = tb("event", "status", "pycon", "maybe")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: Unknown status 'maybe'; use one of considering, going, attended.\n"
    )


def test_a_future_event_cannot_be_attended_yet(tb):
    tb("event", "add", "Later", "--on", "2026-12-20")
    result = tb("event", "attend", "later")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: Later has not started yet (20 Dec 2026); mark it going instead.\n"
    )


def test_event_show(tb, pycon):
    tb("add", "Linus Torvalds", "--org", "Acme")
    tb("add", "Grace Hopper")
    tb("event", "met", "pycon", "Ada Byron", "--org", "Analytical")
    tb("event", "want", "pycon", "grace")
    result = tb("event", "show", "pycon")
    assert result.stdout == (
        "PyCon Lisbon (id {pycon_event})\n"
        "conference, 27-29 Nov 2026, Lisbon, considering\n"
        "Topics: Python\n"
        "Hosts: Acme\n"
        "Follow-up: within 2 days of the end, once you mark it attended.\n"
        "Met:\n"
        "  {ada}  Ada Byron, Analytical: not attended\n"
        "Want to meet:\n"
        "  {grace}  Grace Hopper\n"
        "Likely there or relevant:\n"
        "  {linus}  Linus Torvalds, Acme: works at Acme, the host\n"
    ).format(**ids())
    data = tb.json("event", "show", str(pycon.pk))
    assert data["relevant"] == [
        {
            "id": ids()["linus"],
            "name": "Linus Torvalds",
            "organization": "Acme",
            "why": ["works at Acme, the host"],
        }
    ]
    assert [m["name"] for m in data["met"]] == ["Ada Byron"]
    assert [w["name"] for w in data["want_to_meet"]] == ["Grace Hopper"]


def test_an_ambiguous_or_unknown_event_is_one_sentence(tb, pycon):
    tb("event", "add", "PyCon Porto", "--on", "2026-12-10")
    ambiguous = tb("event", "show", "pycon")
    assert ambiguous.exit_code == 2
    assert ambiguous.stderr == (
        "Error: 'pycon' matches 2 events; use an id or more of the name.\n"
        "  {porto}  PyCon Porto, 10 Dec 2026\n"
        "  {pycon}  PyCon Lisbon, 27-29 Nov 2026\n"
    ).format(porto=Event.objects.get(name="PyCon Porto").pk, pycon=pycon.pk)
    unknown = tb("event", "show", "nothing")
    assert unknown.exit_code == 1
    assert (
        unknown.stderr == "Error: No event matches 'nothing'. Run 'tiebook events' to see them.\n"
    )


def test_followup_days_per_event_and_by_default(tb, pycon):
    assert tb("event", "followup-days", "pycon", "5").stdout == (
        "PyCon Lisbon: people met there are due within 5 days of its end.\n"
    )
    assert tb("event", "settings", "--followup-days", "3").stdout == (
        "People met at an event are due within 3 days of its end.\n"
    )
    assert tb("event", "followup-days", "pycon", "default").stdout == (
        "PyCon Lisbon: people met there are due within 3 days of its end.\n"
    )
    assert tb.json("event", "settings") == {"followup_days": 3}
    bad = tb("event", "followup-days", "pycon", "soon")
    assert bad.stderr == "Error: 'soon' is not a number of days (or 'default').\n"


def test_event_delete(tb, pycon):
    tb("event", "met", "pycon", "Ada Byron")
    expected = f"Deleted PyCon Lisbon (id {pycon.pk}).\n"
    assert tb("event", "delete", "pycon", "--yes").stdout == expected
    assert not Event.objects.exists()
    assert not EventPerson.objects.exists()
    assert Person.objects.count() == 1


@pytest.fixture
def schedule(tmp_path):
    path = tmp_path / "pycon.ics"
    path.write_text(SCHEDULE.replace("\n", "\r\n"))
    return path


def test_event_import_runs_dry_then_imports_and_undoes(tb, schedule):
    tb("add", "Grace Hopper", "--email", "grace@navy.example")
    dry = tb("event", "import", str(schedule), "--dry-run")
    assert dry.stdout == (
        "Would import 2 events from pycon.ics: 1 linked to people in your network, 0 people "
        "added, 1 not in your network, 0 already imported.\n"
        "  event 3: It has no start (DTSTART).\n"
        "Add the people not in your network with --add-people.\n"
    )
    done = tb("event", "import", str(schedule), "--add-people")
    run = ImportRun.objects.get().pk
    assert done.stdout.splitlines()[0] == (
        f"Imported 2 events from pycon.ics as import {run}: 1 linked to people in your "
        "network, 1 people added, 0 not in your network, 0 already imported."
    )
    assert done.stdout.splitlines()[-1] == f"Undo it with: tiebook undo-import {run}"
    undone = tb("undo-import", str(run))
    assert undone.exit_code == 0, undone.output
    assert not Event.objects.exists()
    assert Person.objects.count() == 1


def test_event_edit_moves_the_dates_and_replaces_the_hosts(tb, pycon):
    result = tb("event", "edit", "pycon", "--until", "2026-11-28", "--host", "Globex")
    assert result.stdout == (
        f"Updated event {pycon.pk}: PyCon Lisbon, 27-28 Nov 2026, Lisbon (conference), "
        "considering.\n"
    )
    assert tb.json("event", "show", "pycon")["hosts"] == ["Globex"]
    bad = tb("event", "edit", "pycon", "--on", "2026-11-29")
    assert bad.stderr == "Error: The event ends (2026-11-28) before it starts (2026-11-29).\n"

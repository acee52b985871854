"""Issue 10's acceptance: attending an event and adding three people met there (one already in
the network, matched rather than duplicated) makes all three due within two days, with the
event in their why, on Today and in `tiebook due --json`."""

from __future__ import annotations

import datetime as dt

from tiebook.events.models import Event
from tiebook.people.models import Person

WHY = "met at PyCon Lisbon on 29 Nov"


def test_three_people_met_at_an_attended_event_are_due_within_two_days(tb, owner, client):
    assert tb("add", "Grace Hopper", "--email", "grace@navy.example").exit_code == 0
    tb("event", "add", "PyCon Lisbon", "--on", "2026-11-27", "--until", "2026-11-29")
    tb("event", "attend", "pycon")
    for args in (
        ("Ada Byron", "--email", "ada@example.org"),
        ("Grace Hopper", "--email", "GRACE@navy.example"),
        ("Alan Turing", "--org", "Bletchley"),
    ):
        result = tb("event", "met", "pycon", *args)
        assert result.exit_code == 0, result.output
    assert Person.objects.count() == 3  # Grace matched, not added again
    end = dt.date(2026, 11, 29)

    due = tb.json("due", "--within", "2d")
    people = {p["name"]: p for p in due["people"]}
    assert set(people) == {"Ada Byron", "Grace Hopper", "Alan Turing"}
    for person in people.values():
        assert dt.date.fromisoformat(person["next_due_on"]) <= end + dt.timedelta(days=2)
        assert person["why"].startswith(WHY)
        assert {
            "source": "event",
            "source_id": Event.objects.get().pk,
            "due_on": "2026-12-01",
            "why": WHY,
        } in person["reasons"]

    client.force_login(owner)
    today = client.get("/").content.decode()
    for name in ("Ada Byron", "Grace Hopper", "Alan Turing"):
        assert name in today
    assert today.count(WHY) == 3

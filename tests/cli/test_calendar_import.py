"""Importing a calendar through the command line: what falls outside the window is said, and a
meeting linked by name teaches tiebook the address."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db


def calendar(tmp_path: Path, *starts: str) -> str:
    events = "".join(
        f"BEGIN:VEVENT\r\nUID:m{n}\r\nDTSTART:{start}\r\nSUMMARY:Coffee\r\n"
        "ORGANIZER;CN=Me:mailto:me@example.com\r\n"
        "ATTENDEE;CN=Grace Hopper:mailto:grace@navy.example\r\nEND:VEVENT\r\n"
        for n, start in enumerate(starts)
    )
    path = tmp_path / "old.ics"
    path.write_text(
        f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n{events}END:VCALENDAR\r\n"
    )
    return str(path)


def test_a_calendar_older_than_the_window_says_how_many_and_how_to_reach_them(tb, tmp_path):
    assert tb("add", "Grace Hopper").exit_code == 0
    path = calendar(tmp_path, "20210310T090000Z", "20220412T090000Z")
    first = tb("import", path)
    assert first.exit_code == 0, first.output
    assert [line.split(":", 1)[1] for line in first.stdout.splitlines()[:1]] == [
        " old.ics (ics): 0 new, 0 updated, 0 merged, 0 unchanged, 0 with problems, 0 interactions."
    ]
    assert first.stdout.splitlines()[1] == (
        "  note: 2 meetings before 2024-11-30 not imported, the earliest on 2021-03-10: import "
        "again from that day (--since 2021-03-10, or 'Meetings from' on the Import page) to "
        "include them"
    )
    again = tb("import", path, "--since", "2021-03-10")
    assert again.exit_code == 0, again.output
    assert "(ics): 0 new, 1 updated, 0 merged, 0 unchanged, 0 with problems, 2 interactions." in (
        again.stdout
    )
    assert "before" not in again.stdout


def test_a_meeting_linked_by_name_adds_the_address_until_undone(tb, tmp_path):
    assert tb("add", "Grace Hopper").exit_code == 0
    result = tb("import", calendar(tmp_path, "20261110T090000Z"))
    assert "(ics): 0 new, 1 updated, 0 merged, 0 unchanged, 0 with problems, 1 interaction" in (
        result.stdout
    )
    assert [e["value"] for e in tb.json("show", "grace")["emails"]] == ["grace@navy.example"]
    run = result.stdout.split(":")[0].removeprefix("Import ")  # ids go on across tests
    assert tb("undo-import", run).exit_code == 0
    assert tb.json("show", "grace")["emails"] == []

"""A backup restored into a fresh tiebook is the same network: the same ids, the same you, the
same import history, which can still be undone; and the files it writes are the same."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management.color import no_style
from django.db import connection

pytestmark = pytest.mark.django_db

CONNECTIONS = (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
    "Grace,Hopper,https://www.linkedin.com/in/gracehopper,,US Navy,Rear Admiral,15 Mar 2024\r\n"
    "Ada,Lovelace,,ada@engines.example,Analytical Engines,Mathematician,02 Jan 2023\r\n"
)
VCARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Grace Hopper\r\nN:Hopper;Grace;;;\r\n"
    "EMAIL:grace@navy.example\r\nTEL;TYPE=CELL:+1 415 555 0100\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Alan Turing\r\nEMAIL:alan@bletchley.example\r\n"
    "END:VCARD\r\n"
)
CALENDAR = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n"
    "BEGIN:VEVENT\r\nUID:m1\r\nDTSTART:20261110T090000Z\r\nSUMMARY:Design review\r\n"
    "ORGANIZER;CN=Me:mailto:ada@work.example\r\n"
    "ATTENDEE;CN=Grace Hopper:mailto:grace@navy.example\r\n"
    "ATTENDEE;CN=Alan Turing:mailto:alan@bletchley.example\r\nEND:VEVENT\r\n"
    "END:VCALENDAR\r\n"
)


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    return str(path)


def ok(tb, *args: str) -> str:
    result = tb(*args)
    assert result.exit_code == 0, result.output
    return result.stdout


def network(tb) -> dict:
    """What a user sees: everyone with their id, each one's page (with interaction numbers),
    the promises, you, and the imports."""
    people = tb.json("list", "--archived")["people"]
    return {
        "people": people,
        "pages": {p["id"]: tb.json("show", str(p["id"])) for p in people},
        "shown": {p["id"]: ok(tb, "show", str(p["id"])) for p in people},
        "promises": ok(tb, "promises"),
        "me": ok(tb, "me"),
        "imports": ok(tb, "imports"),
    }


@pytest.fixture
def built(tb, tmp_path):
    """A network with a gap in its ids, three imports (the second fills Grace and adds Alan, the
    third a meeting with both), a logged talk and a promise; and how it looked before the
    second import."""
    ok(tb, "me", "--name", "Ada Byron", "--email", "ada@work.example", "--email", "a@home.example")
    ok(tb, "add", "Gone Soon")
    ok(tb, "delete", "gone", "--yes")
    ok(tb, "import", "linkedin", write(tmp_path, "Connections.csv", CONNECTIONS))
    ok(tb, "log", "grace", "ada", "Lunch after the talk", "--kind", "meal")
    ok(tb, "promise", "grace", "Send the paper")
    before_second = network(tb)
    ok(tb, "import", write(tmp_path, "phone.vcf", VCARD))
    ok(tb, "import", write(tmp_path, "work.ics", CALENDAR))
    return before_second


def fresh_tiebook() -> None:
    """As a new TIEBOOK_HOME or database would be: nobody holds any id, and every table's
    sequence starts again from 1."""
    get_user_model().objects.all().delete()
    sequences = connection.introspection.sequence_list()
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_by_name_sql(no_style(), sequences):
            cursor.execute(statement)


def test_a_restore_into_a_fresh_tiebook_keeps_ids_you_and_the_imports(tb, built, tmp_path):
    before = network(tb)
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    ok(tb, "backup", str(first))
    fresh_tiebook()
    restored = ok(tb, "restore", str(first))
    assert restored.splitlines() == [  # and not a word of new ids
        f"Restored 4 people, 2 interactions and 2 organisations from {first}."
    ]
    assert network(tb) == before
    assert "Addresses: ada@work.example, a@home.example" in before["me"]
    ok(tb, "backup", str(second))
    assert first.read_bytes() == second.read_bytes()
    # New rows get ids of their own, above the restored ones.
    ok(tb, "add", "Someone New")
    ok(tb, "log", "someone new", "Coffee")
    newest = max(tb.json("list")["people"], key=lambda p: p["id"])
    assert newest["name"] == "Someone New"


def test_an_import_can_be_undone_after_a_restore(tb, built, tmp_path):
    path = tmp_path / "backup.json"
    ok(tb, "backup", str(path))
    fresh_tiebook()
    ok(tb, "restore", str(path))
    runs = tb.json("imports")
    assert [run["source"] for run in runs] == ["ics", "vcard", "linkedin"]
    assert ok(tb, "undo-import", str(runs[0]["id"])).startswith("Undid import")
    assert ok(tb, "undo-import", str(runs[1]["id"])).startswith("Undid import")
    after = network(tb)
    imports = after.pop("imports")
    assert after == {key: value for key, value in built.items() if key != "imports"}
    assert [line.endswith("(undone)") for line in imports.splitlines()] == [True, True, False]


def test_a_restore_where_the_ids_are_taken_gives_new_ones_and_says_so(tb, built, tmp_path):
    path = tmp_path / "backup.json"
    ok(tb, "backup", str(path))
    before = network(tb)
    get_user_model().objects.filter(username="me").update(username="someone-else")
    restored = ok(tb, "restore", str(path))
    assert restored.splitlines()[1] == (
        "Their ids were taken in this database, so these have new ones: organizations, people, "
        "interactions, tasks, own addresses, import runs."
    )
    after = network(tb)
    assert [p["name"] for p in after["people"]] == [p["name"] for p in before["people"]]
    assert [p["id"] for p in after["people"]] != [p["id"] for p in before["people"]]
    assert after["me"] == before["me"]
    runs = tb.json("imports")
    ok(tb, "undo-import", str(runs[0]["id"]))
    ok(tb, "undo-import", str(runs[1]["id"]))
    assert [p["name"] for p in tb.json("list")["people"]] == [p["name"] for p in built["people"]]
    grace = next(p["id"] for p in tb.json("list")["people"] if p["name"] == "Grace Hopper")
    assert tb.json("show", str(grace))["emails"] == []

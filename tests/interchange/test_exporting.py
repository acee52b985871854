"""Exports: vCard 4.0, CSV, JSON and iCalendar; exact output, round trips, filters, owners, bulk."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import json
import uuid

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import NOW, TODAY, frozen, log, make_person
from tiebook import __version__
from tiebook.core.errors import ValidationError
from tiebook.followups.selectors import people_due
from tiebook.interactions.models import Task
from tiebook.interchange.exporting import FORMATS, agenda, export_format, export_people, ics
from tiebook.interchange.exporting import people as export_rows
from tiebook.interchange.exporting.agenda import CalendarItem
from tiebook.interchange.exporting.csv_table import HEADERS, as_text
from tiebook.interchange.exporting.people import NAMESPACE, person_uid, stable_uid
from tiebook.interchange.exporting.vcard import birthday_value, escape, fold, label_types
from tiebook.interchange.importing import import_file
from tiebook.interchange.jsontext import pretty
from tiebook.people.models import ContactPoint, Person, Relationship
from tiebook.people.selectors import PeopleFilter
from tiebook.people.services import PersonChanges, person_archive, person_update

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with frozen():
        yield


def grace(owner) -> Person:
    """Every field an export writes, filled."""
    person = make_person(
        owner,
        "Grace Hopper",
        types=["mentor", "educator"],
        organization="US Navy",
        headline="Rear Admiral",
        emails=["grace@navy.example", "grace@home.example"],
        phones=["+1 415 555 0100"],
        urls=["https://www.linkedin.com/in/gracehopper", "https://grace.example/blog"],
        tags=["navy", "COBOL, early"],
        notes="Invented the compiler.\nSay hi; bring coffee.",
        circle=15,
        extra={
            "nickname": "Amazing Grace",
            "department": "Computing",
            "location": "Arlington",
            "birthday_year": 1906,
            "birthday_month": 12,
            "birthday_day": 9,
            "how_met": "A conference",
            "expertise": ["compilers"],
        },
    )
    points = ContactPoint.objects.filter(person=person)
    points.filter(value="grace@navy.example").update(label="work")
    points.filter(value="grace@home.example").update(label="Personal inbox")
    points.filter(kind="phone").update(label="mobile")
    ContactPoint.objects.create(
        owner=owner,
        person=person,
        kind="address",
        value="1 Navy Way, Arlington, VA",
        normalized="1 navy way arlington va",
        label="work",
        is_primary=True,
    )
    return person


def export(owner, fmt: str, **kwargs) -> bytes:
    out = io.BytesIO()
    export_people(owner=owner, format=fmt, out=out, **kwargs)
    return out.getvalue()


def export_text(owner, fmt: str, **kwargs) -> str:
    return export(owner, fmt, **kwargs).decode("utf-8")


def names(owner) -> list[str]:
    return sorted(Person.objects.filter(owner=owner).values_list("display_name", flat=True))


# -- vCard ---------------------------------------------------------------------------------------


def test_it_writes_a_full_card_line_by_line(owner):
    person = grace(owner)
    ada = make_person(owner, "Ada Lovelace")
    gone = make_person(owner, "Old Friend")
    Relationship.objects.create(owner=owner, from_person=person, to_person=ada, kind="mentor_of")
    Relationship.objects.create(owner=owner, from_person=gone, to_person=person, kind="knows")
    person_archive(owner=owner, person=gone, archived=True)
    text = export_text(owner, "vcard")
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")
    cards = text.split("\r\nEND:VCARD\r\n")
    assert [c.split("FN:")[1].split("\r\n")[0] for c in cards[:-1]] == [
        "Ada Lovelace",
        "Grace Hopper",
    ]
    uid = person_uid(owner.pk, person.pk)
    assert (cards[1] + "\r\nEND:VCARD").split("\r\n") == [
        "BEGIN:VCARD",
        "VERSION:4.0",
        f"PRODID:-//tiebook//tiebook {__version__}//EN",
        f"UID:urn:uuid:{uid}",
        "REV:20261130T090000Z",
        "FN:Grace Hopper",
        "N:Hopper;Grace;;;",
        "NICKNAME:Amazing Grace",
        "ORG:US Navy;Computing",
        "TITLE:Rear Admiral",
        "EMAIL;TYPE=work;PREF=1:grace@navy.example",
        "item1.EMAIL:grace@home.example",
        "item1.X-ABLABEL:Personal inbox",
        "TEL;TYPE=cell;PREF=1:+1 415 555 0100",
        "URL;PREF=1:https://www.linkedin.com/in/gracehopper",
        "URL;PREF=1:https://grace.example/blog",
        "ADR;TYPE=work;PREF=1:;;1 Navy Way\\, Arlington\\, VA;;;;",
        "BDAY:19061209",
        "CATEGORIES:mentor,educator,COBOL\\, early,navy",
        f"RELATED;TYPE=colleague:urn:uuid:{person_uid(owner.pk, ada.pk)}",
        "RELATED;VALUE=text;TYPE=acquaintance:Old Friend",
        "NOTE:Invented the compiler.\\nSay hi\\; bring coffee.",
        "END:VCARD",
    ]


def test_the_uid_is_the_rfc_4122_name_based_uuid_of_the_owner_and_the_record():
    assert person_uid(7, 42) == str(uuid.uuid5(NAMESPACE, "7/person/42"))
    assert stable_uid(7, "task", "ü") == str(uuid.uuid5(NAMESPACE, "7/task/ü"))


def test_the_uid_stays_the_same_from_export_to_export_and_differs_per_owner(owner, outsider):
    first = make_person(owner, "Ada Lovelace")
    second = make_person(outsider, "Ada Lovelace")
    assert person_uid(owner.pk, first.pk) == person_uid(owner.pk, first.pk)
    assert person_uid(owner.pk, first.pk) != person_uid(outsider.pk, second.pk)
    assert export(owner, "vcard") == export(owner, "vcard")


def test_it_folds_long_lines_at_75_octets_without_splitting_a_character(owner):
    # "NOTE:" is 5 octets, "é" 2, "€" 3, "😀" 4; a continuation line's space counts too.
    make_person(owner, "Grace Hopper", notes="é" * 40 + "€" * 30 + "😀" * 10)
    lines = export_text(owner, "vcard").split("\r\n")
    start = lines.index("NOTE:" + "é" * 35)
    assert lines[start : start + 4] == [
        "NOTE:" + "é" * 35,  # 75 octets
        " " + "é" * 5 + "€" * 21,  # 74: one more "€" would make 77
        " " + "€" * 9 + "😀" * 10,  # 68
        "END:VCARD",
    ]
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)


@pytest.mark.parametrize("limit", [75, 10, 5])  # room for "😀" after the space
def test_folding_keeps_every_character_whole(limit):
    line = "NOTE:" + "a€😀ü" * 40
    folded = fold(line, limit)
    pieces = folded.split("\r\n")
    assert all(len(p.encode("utf-8")) <= limit for p in pieces)
    assert all(p.startswith(" ") for p in pieces[1:])
    assert "".join([pieces[0], *(p[1:] for p in pieces[1:])]) == line
    assert fold("short", limit=75) == "short"


def test_it_folds_plain_ascii_lines_at_75_octets_too():
    lines = fold("NOTE:" + "x" * 200).split("\r\n")
    assert lines == ["NOTE:" + "x" * 70, " " + "x" * 74, " " + "x" * 56]


def test_folding_needs_room_for_the_longest_character_after_the_space():
    with pytest.raises(ValueError, match="less than 5 octets; got 4"):
        fold("NOTE:😀😀", 4)


def test_it_escapes_backslash_comma_semicolon_and_newlines(owner):
    assert escape("a\\b, c; d\ne\r\nf\rg") == "a\\\\b\\, c\\; d\\ne\\nf\\ng"
    make_person(owner, "Smith, Jr; Bob \\o/", organization="A; B, C", headline="x\ny")
    lines = export_text(owner, "vcard").split("\r\n")
    assert "FN:Smith\\, Jr\\; Bob \\\\o/" in lines
    assert "ORG:A\\; B\\, C" in lines
    assert "TITLE:x\\ny" in lines


@pytest.mark.parametrize(
    ("parts", "value"),
    [
        ((1985, 4, 12), "19850412"),
        ((None, 4, 12), "--0412"),
        ((1985, 4, None), "1985-04"),
        ((1985, None, None), "1985"),
        ((None, 4, None), "--04"),
        ((None, None, 7), "---07"),
        (None, ""),
    ],
)
def test_it_writes_birthdays_in_the_rfc_6350_basic_format(parts, value):
    assert birthday_value(parts) == value


@pytest.mark.parametrize(
    ("label", "types"),
    [
        ("", []),
        ("work", ["work"]),
        ("Mobile", ["cell"]),
        ("home fax", ["home", "fax"]),
        ("other", None),
        ("Personal inbox", None),
    ],
)
def test_labels_become_type_values_where_vcard_has_words_for_them(label, types):
    assert label_types(label) == types


def test_a_vcard_export_imports_back_into_an_empty_network(owner, outsider, tmp_path):
    grace(owner)
    make_person(
        owner,
        "Ada Lovelace",
        organization="Analytical Engines",
        emails=["ada@engines.example"],
        phones=["+44 20 7946 0018"],
        extra={"birthday_month": 12, "birthday_day": 10},
    )
    make_person(owner, "Alan Turing", types=["colleague"], extra={"birthday_month": 6})
    path = tmp_path / "network.vcf"
    assert export_people(owner=owner, format="vcard", out=path) == 3
    report = import_file(owner=outsider, path=path)
    assert report.source == "vcard"
    assert report.counts["created"] == 3
    assert report.problems == []
    assert names(outsider) == names(owner)
    for theirs in Person.objects.filter(owner=outsider):
        mine = Person.objects.get(owner=owner, display_name=theirs.display_name)
        assert _person_facts(theirs) == _person_facts(mine)
        assert _contacts(theirs) == _contacts(mine)
        # The importer splits CATEGORIES on every comma, escaped or not.
        assert _tags(theirs) >= {part for tag in _tags(mine) for part in tag.split(", ")}


def _person_facts(person: Person) -> tuple:
    org = person.organization.name if person.organization_id else ""
    return (
        person.given_name,
        person.family_name,
        person.nickname,
        org,
        person.department,
        person.headline,
        person.notes,
        # Only whole days and months round-trip through the importer.
        (person.birthday_year, person.birthday_month, person.birthday_day)
        if person.birthday_day
        else None,
    )


def _contacts(person: Person) -> set[tuple]:
    # Addresses are written but tiebook's importers do not read addresses (yet).
    return set(person.contact_points.exclude(kind="address").values_list("kind", "value", "label"))


def _tags(person: Person) -> set[str]:
    return {pt.tag.name for pt in person.person_tags.select_related("tag")}


def test_types_come_back_from_categories(owner, outsider, tmp_path):
    grace(owner)
    path = tmp_path / "network.vcf"
    export_people(owner=owner, format="vcard", out=path)
    import_file(owner=outsider, path=path)
    theirs = Person.objects.get(owner=outsider)
    assert sorted(theirs.types.values_list("type", flat=True)) == ["educator", "mentor"]


def test_it_names_related_people_by_uid_in_the_export_and_by_name_outside_it(owner):
    ada = make_person(owner, "Ada Lovelace", types=["mentor"])
    bob = make_person(owner, "Bob Builder", types=["friend"])
    Relationship.objects.create(owner=owner, from_person=ada, to_person=bob, kind="reports_to")
    every = export_text(owner, "vcard")
    only_ada = export_text(owner, "vcard", filters=PeopleFilter(type="mentor"))
    assert f"RELATED;TYPE=co-worker:urn:uuid:{person_uid(owner.pk, bob.pk)}" in every
    assert f"RELATED;TYPE=co-worker:urn:uuid:{person_uid(owner.pk, ada.pk)}" in every
    assert "RELATED;VALUE=text;TYPE=co-worker:Bob Builder" in only_ada
    assert "FN:Bob Builder" not in only_ada


# -- CSV -----------------------------------------------------------------------------------------


def test_the_csv_columns_are_fixed(owner):
    assert HEADERS == (
        "Name",
        "Given name",
        "Family name",
        "Nickname",
        "Organization",
        "Department",
        "Title",
        "Location",
        "Emails",
        "Phones",
        "Profiles",
        "Addresses",
        "Types",
        "Type categories",
        "Tags",
        "Circle",
        "Interval days",
        "Last contact",
        "Next due",
        "Tie strength",
        "Birthday",
        "Notes",
    )
    text = export_text(owner, "csv")
    assert text == ",".join(HEADERS) + "\r\n"


def test_it_writes_one_csv_row_per_person(owner):
    person = grace(owner)
    log(owner, person, days_ago=3)
    person.refresh_from_db()
    rows = list(csv.reader(io.StringIO(export_text(owner, "csv"), newline="")))
    assert len(rows) == 2
    assert dict(zip(rows[0], rows[1], strict=True)) == {
        "Name": "Grace Hopper",
        "Given name": "Grace",
        "Family name": "Hopper",
        "Nickname": "Amazing Grace",
        "Organization": "US Navy",
        "Department": "Computing",
        "Title": "Rear Admiral",
        "Location": "Arlington",
        "Emails": "grace@navy.example ; grace@home.example",
        "Phones": "+1 415 555 0100",
        "Profiles": "https://www.linkedin.com/in/gracehopper ; https://grace.example/blog",
        "Addresses": "1 Navy Way, Arlington, VA",
        "Types": "mentor ; educator",
        "Type categories": "personal",
        "Tags": "COBOL, early ; navy",
        "Circle": "15",
        "Interval days": "30",
        "Last contact": "2026-11-27",
        "Next due": person.next_due_on.isoformat(),
        "Tie strength": str(person.tie_strength),
        "Birthday": "1906-12-09",
        "Notes": "Invented the compiler.\nSay hi; bring coffee.",
    }


def test_a_csv_export_imports_back_through_the_generic_csv_importer(owner, outsider, tmp_path):
    grace(owner)
    make_person(owner, "Ada Lovelace", phones=["+44 20 7946 0018", "+44 20 7946 0019"])
    make_person(owner, "Alan Turing", emails=["alan@bletchley.example"])
    path = tmp_path / "people.csv"
    export_people(owner=owner, format="csv", out=path)
    report = import_file(owner=outsider, path=path, format_name="csv")
    assert report.counts["created"] == 3
    assert report.problems == []
    assert names(outsider) == names(owner)
    for theirs in Person.objects.filter(owner=outsider):
        mine = Person.objects.get(owner=owner, display_name=theirs.display_name)
        assert (theirs.given_name, theirs.family_name) == (mine.given_name, mine.family_name)
        for kind in ("email", "phone"):
            assert _values(theirs, kind) == _values(mine, kind)


def _values(person: Person, kind: str) -> list[str]:
    return sorted(person.contact_points.filter(kind=kind).values_list("value", flat=True))


def test_it_keeps_spreadsheets_from_running_cells_as_formulas(owner):
    assert as_text('=HYPERLINK("http://evil")') == '\'=HYPERLINK("http://evil")'
    assert [as_text(x) for x in ("+1", "-1", "@x", "\tx", "plain")] == [
        "'+1",
        "'-1",
        "'@x",
        "'\tx",
        "plain",
    ]
    make_person(owner, "=cmd|' /C calc'!A0", phones=["+1 415 555 0100"], notes="@SUM(1)")
    row = list(csv.reader(io.StringIO(export_text(owner, "csv"), newline="")))[1]
    record = dict(zip(HEADERS, row, strict=True))
    assert record["Name"] == "'=cmd|' /C calc'!A0"
    assert record["Notes"] == "'@SUM(1)"
    assert record["Phones"] == "+1 415 555 0100"  # phone numbers are never formulas


# -- JSON ----------------------------------------------------------------------------------------


def test_it_writes_json_with_stable_keys_and_iso_dates(owner):
    person = grace(owner)
    ada = make_person(owner, "Ada Lovelace")
    Relationship.objects.create(owner=owner, from_person=ada, to_person=person, kind="mentor_of")
    people = json.loads(export_text(owner, "json"))
    assert [p["name"] for p in people] == ["Ada Lovelace", "Grace Hopper"]
    record = people[1]
    assert list(record) == [
        "id",
        "uid",
        "name",
        "given_name",
        "family_name",
        "nickname",
        "organization",
        "department",
        "title",
        "location",
        "birthday",
        "types",
        "categories",
        "tags",
        "emails",
        "phones",
        "urls",
        "addresses",
        "circle",
        "interval_days",
        "added_at",
        "updated_at",
        "last_interaction_at",
        "next_due_on",
        "snoozed_until",
        "tie_strength",
        "archived",
        "how_met",
        "expertise",
        "notes",
        "relationships",
    ]
    assert record["id"] == person.pk
    assert record["uid"] == person_uid(owner.pk, person.pk)
    assert record["birthday"] == "1906-12-09"
    assert record["types"] == ["mentor", "educator"]
    assert record["categories"] == ["personal"]
    assert record["emails"][0] == {
        "value": "grace@navy.example",
        "kind": "email",
        "label": "work",
        "primary": True,
    }
    assert [u["kind"] for u in record["urls"]] == ["social", "url"]
    assert record["added_at"] == "2026-11-30T09:00:00+00:00"
    assert record["next_due_on"] == person.next_due_on.isoformat()
    assert record["relationships"] == [
        {"person_id": ada.pk, "name": "Ada Lovelace", "relation": "mentee of"}
    ]


class Name(str):
    pass


@pytest.mark.parametrize(
    "value",
    [
        {"a": [1, -2, 10**30, None, True, False], "b": {}, "c": [], "d": {"e": [[], [{}]]}},
        {"text": 'Zoë "the" \\ \n\t\x00 \u2028 😀', "float": [2.5, -0.0, 1e100, float("nan")]},
        {3: "keys", None: "that", True: "json", 2.5: "converts"},
        [("a tuple", 1), Name("a str subclass"), {Name("key"): Name("value")}],
        "",
        [],
        {},
    ],
)
def test_pretty_writes_byte_for_byte_what_json_dumps_writes(value):
    expected = json.dumps(value, indent=2, ensure_ascii=False)
    assert pretty(value) == expected
    assert pretty(value, "\n    ") == expected.replace("\n", "\n    ")
    one_space = json.dumps(value, indent=1, ensure_ascii=False)  # as a backup is indented
    assert pretty(value, "\n  ", " ") == one_space.replace("\n", "\n  ")


def test_the_json_stream_is_exactly_what_json_dumps_writes(owner):
    assert export(owner, "json") == b"[]\n"
    person = grace(owner)
    zoe = make_person(owner, 'Zoë "Z" Ünal', extra={"expertise": [{"odd": [1.5, None]}]})
    Relationship.objects.create(owner=owner, from_person=zoe, to_person=person, kind="mentor_of")
    Relationship.objects.create(owner=owner, from_person=person, to_person=zoe)
    text = export_text(owner, "json")
    assert text == json.dumps(json.loads(text), indent=2, ensure_ascii=False) + "\n"


# -- iCalendar -----------------------------------------------------------------------------------


def events(owner, **kwargs) -> list[icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(export(owner, "ics", **kwargs))
    return list(calendar.walk("VEVENT"))


def describe(event: icalendar.Event) -> tuple[dt.date, str]:
    return event.decoded("dtstart"), str(event["summary"])


def library_event(item: CalendarItem) -> bytes:
    """The event as the icalendar library writes it: what the export wrote before writing events
    by hand."""
    found = icalendar.Event()
    found.add("uid", item.uid)
    found.add("dtstamp", item.stamp.astimezone(dt.UTC))
    found.add("dtstart", item.day)
    found.add("dtend", item.day + dt.timedelta(days=1))
    found.add("summary", item.summary)
    found.add("description", item.description)
    found.add("transp", "TRANSPARENT")
    return found.to_ical()


@pytest.mark.parametrize(
    ("summary", "description"),
    [
        ("Follow up with Ann", "mentor - last talk 40 days ago, every 30 days"),
        (
            "Follow up with Zoë Ünal; “Z”",
            "friend - never contacted\nDue 2021-01-15, 3 days overdue.",
        ),
        ("Promise to Bob: send the deck, the notes; and the \\ path", "x" * 200),
        ("A \\N not a line break, \r\n and \r", "é" * 60 + "😀" * 30 + "; end"),
        ("Long " + "word, " * 30, "a" * 64 + ";" * 20),
    ],
)
def test_events_are_byte_for_byte_what_the_icalendar_library_writes(summary, description):
    item = CalendarItem(
        uid="a1b2@tiebook",
        day=dt.date(2026, 12, 8),
        order=0,
        summary=summary,
        description=description,
        stamp=dt.datetime(2026, 12, 8, 1, 2, 3, 456, tzinfo=dt.UTC),
    )
    assert ics.event_text(item) == library_event(item)


def test_it_writes_due_follow_ups_and_promises_within_the_window(owner):
    late = make_person(owner, "Late Larry", types=["mentor"], added_days_ago=40)
    soon = make_person(owner, "Soon Sara", types=["mentor"], added_days_ago=20)
    make_person(owner, "Far Fred", types=["government_body"])  # due in 365 days
    make_person(owner, "No Rhythm Nora")
    Task.objects.create(owner=owner, person=soon, description="send the paper", due_on=TODAY)
    Task.objects.create(
        owner=owner,
        person=late,
        direction=Task.THEY_OWE,
        description="an intro to Bo",
        due_on=TODAY + dt.timedelta(days=5),
    )
    Task.objects.create(
        owner=owner, person=soon, description="later", due_on=TODAY.replace(2027, 6)
    )
    Task.objects.create(owner=owner, person=soon, description="undated")
    Task.objects.create(owner=owner, person=soon, description="done", due_on=TODAY, done_at=NOW)
    found = events(owner)
    assert [describe(e) for e in found] == [
        (TODAY, "Follow up with Late Larry"),
        (TODAY, "Promise to Soon Sara: send the paper"),
        (dt.date(2026, 12, 5), "Promise from Late Larry: an intro to Bo"),
        (dt.date(2026, 12, 10), "Follow up with Soon Sara"),
    ]
    larry, promise, _, sara = found
    assert larry.decoded("dtend") == TODAY + dt.timedelta(days=1)
    assert str(larry["description"]) == (
        "mentor - never contacted, added 40 days ago, every 30 days\n"
        "Due 2026-11-20, 10 days overdue."
    )
    assert str(promise["description"]) == "You promised Soon Sara; due 2026-11-30."
    due = {
        item.name: item.priority.why
        for item in people_due(owner=owner, today=TODAY, within_days=90).items
    }
    assert str(sara["description"]) == due["Soon Sara"]
    assert "you promised: send the paper" in due["Soon Sara"]
    assert larry.decoded("dtstamp") == NOW


def test_the_window_is_set_in_days_and_uids_stay_put(owner):
    make_person(owner, "Far Fred", types=["government_body"])
    make_person(owner, "Soon Sara", types=["mentor"])
    assert [describe(e)[1] for e in events(owner, days=30)] == ["Follow up with Soon Sara"]
    assert [describe(e)[1] for e in events(owner, days=29)] == []
    assert len(events(owner, days=365)) == 2
    assert [str(e["uid"]) for e in events(owner)] == [str(e["uid"]) for e in events(owner)]
    with pytest.raises(ValidationError, match="from 0 to 3660; got -1"):
        export(owner, "ics", days=-1)


def test_archived_people_have_no_follow_ups_in_the_calendar(owner):
    person = make_person(owner, "Soon Sara", types=["mentor"])
    Task.objects.create(owner=owner, person=person, description="paper", due_on=TODAY)
    person_archive(owner=owner, person=person, archived=True)
    assert events(owner, filters=PeopleFilter(include_archived=True)) == []


# -- filters, owners, failures, bulk -------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_it_exports_only_the_people_the_filters_match(owner, fmt):
    make_person(owner, "Mia Mentor", types=["mentor"])
    make_person(owner, "Fred Friend", types=["friend"])
    text = export_text(owner, fmt, filters=PeopleFilter(type="mentor"))
    assert "Mia Mentor" in text
    assert "Fred Friend" not in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_another_owners_people_never_appear(owner, outsider, fmt):
    theirs = make_person(outsider, "Oscar Outsider", types=["mentor"], emails=["o@out.example"])
    Task.objects.create(owner=outsider, person=theirs, description="secret", due_on=TODAY)
    make_person(owner, "Mia Mentor", types=["mentor"])
    text = export_text(owner, fmt)
    assert "Mia Mentor" in text
    assert "Oscar" not in text
    assert "o@out.example" not in text
    assert "secret" not in text


def test_archived_people_are_left_out_unless_asked_for(owner):
    person = make_person(owner, "Archie Archived")
    person_archive(owner=owner, person=person, archived=True)
    assert "Archie" not in export_text(owner, "csv")
    assert "Archie" in export_text(owner, "csv", filters=PeopleFilter(include_archived=True))


def test_an_unknown_format_or_filter_is_refused_before_anything_is_written(owner, tmp_path):
    with pytest.raises(ValidationError) as caught:
        export_format("pdf")
    assert str(caught.value) == (
        "Unknown export format 'pdf'; tiebook exports vcard, csv, json and ics."
    )
    assert export_format("VCF").name == "vcard"
    assert export_format("iCal").name == "ics"
    out = tmp_path / "people.csv"
    with pytest.raises(ValidationError, match="Unknown connection type 'mentr'"):
        export_people(owner=owner, format="csv", out=out, filters=PeopleFilter(type="mentr"))
    assert list(tmp_path.iterdir()) == []


def test_a_failure_part_way_leaves_the_old_file_and_no_temporary_file(owner, tmp_path, monkeypatch):
    make_person(owner, "Ada Lovelace")
    make_person(owner, "Bob Builder")
    path = tmp_path / "people.vcf"
    path.write_text("the old export", encoding="utf-8")

    def broken(person):
        if person.name.startswith("Bob"):
            raise RuntimeError("disk gremlins")
        return "BEGIN:VCARD\r\n"

    monkeypatch.setattr("tiebook.interchange.exporting.vcard.card_text", broken)
    with pytest.raises(RuntimeError):
        export_people(owner=owner, format="vcard", out=path)
    assert [p.name for p in tmp_path.iterdir()] == ["people.vcf"]
    assert path.read_text(encoding="utf-8") == "the old export"


def test_it_replaces_a_file_and_says_when_it_cannot_be_written(owner, tmp_path):
    make_person(owner, "Ada Lovelace")
    path = tmp_path / "people.json"
    path.write_text("old", encoding="utf-8")
    assert export_people(owner=owner, format="json", out=path) == 1
    assert json.loads(path.read_text(encoding="utf-8"))[0]["name"] == "Ada Lovelace"
    assert [p.name for p in tmp_path.iterdir()] == ["people.json"]
    missing = tmp_path / "missing" / "people.json"
    with pytest.raises(ValidationError) as caught:
        export_people(owner=owner, format="json", out=missing)
    assert str(caught.value) == f"{missing} cannot be written: No such file or directory."


def test_it_reads_in_chunks_and_keeps_the_order(owner, monkeypatch):
    monkeypatch.setattr(export_rows, "CHUNK", 2)
    for name in ("Eve", "Ann", "Dan", "Cat", "Bea"):
        make_person(owner, f"{name} Example")
    people = json.loads(export_text(owner, "json"))
    assert [p["name"].split()[0] for p in people] == ["Ann", "Bea", "Cat", "Dan", "Eve"]


def test_the_calendar_reads_in_chunks_and_keeps_the_order(owner, monkeypatch):
    monkeypatch.setattr(agenda, "CHUNK", 2)
    for days, name in ((5, "Eve"), (40, "Ann"), (20, "Dan"), (40, "Cat"), (35, "Bea")):
        make_person(owner, f"{name} Example", types=["mentor"], added_days_ago=days)
    assert [describe(e) for e in events(owner)] == [
        (TODAY, "Follow up with Ann Example"),
        (TODAY, "Follow up with Cat Example"),
        (TODAY, "Follow up with Bea Example"),
        (dt.date(2026, 12, 10), "Follow up with Dan Example"),
        (dt.date(2026, 12, 25), "Follow up with Eve Example"),
    ]


def _network(owner, size: int) -> None:
    people = [
        make_person(
            owner,
            f"Person {n}",
            types=["mentor", "friend"],
            organization=f"Org {n % 3}",
            emails=[f"p{n}@example.com"],
            phones=[f"+1 415 555 {1000 + n}"],
            urls=[f"https://www.linkedin.com/in/p{n}"],
            tags=["alpha", "beta"],
            added_days_ago=40,
        )
        for n in range(size)
    ]
    for first, second in itertools.pairwise(people):
        Relationship.objects.create(owner=owner, from_person=first, to_person=second)
        Task.objects.create(owner=owner, person=first, description="call", due_on=TODAY)
    person_update(owner=owner, person=people[0], changes=PersonChanges(notes="hello"))


def queries(owner, fmt: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        export(owner, fmt)
    return len(captured.captured_queries)


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_number_of_queries_does_not_grow_with_the_people(owner, outsider, fmt):
    _network(owner, 3)
    _network(outsider, 30)
    count = queries(owner, fmt)
    assert count == queries(outsider, fmt)
    assert count <= 9  # the ids, the people, five kinds of detail, and the transaction
    assert export(outsider, fmt).count(b"Person 29") >= 1


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_queries_grow_with_the_chunks_of_people_not_with_the_people(
    owner, outsider, fmt, monkeypatch
):
    monkeypatch.setattr(export_rows, "CHUNK", 2)
    monkeypatch.setattr(agenda, "CHUNK", 2)
    _network(owner, 3)
    _network(outsider, 30)
    # a chunk of people: the people, their types, tags, contact points and ties both ways; for
    # the calendar, the people due, their types and the promises owed them
    per_chunk = 3 if fmt == "ics" else 6
    assert queries(outsider, fmt) - queries(owner, fmt) == per_chunk * (15 - 2)

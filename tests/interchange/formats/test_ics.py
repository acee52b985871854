"""The iCalendar importer on real calendars from other projects' test suites, on small calendars
written here, and on mutations of them."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

import pytest
import time_machine
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.realdata import ICS, realdata_folder
from tiebook.interchange.formats import ics, ics_lines
from tiebook.interchange.formats.ics import FORMAT, Window, parse_bytes
from tiebook.interchange.records import ImportFileError, ParseResult, PersonRef

INVALID = {"ical4j_invalid_groupwise.ics"}
WIDE = {"since": dt.date(1990, 1, 1), "until": dt.date(2100, 12, 31)}
UTC = dt.UTC
real = pytest.mark.usefixtures("realdata")


def at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=UTC)


def parse(name: str, **window) -> ParseResult:
    """A real sample by name; the test reading it is marked @real, so it skips without them."""
    return FORMAT.parse(realdata_folder() / "ics" / name, **(window or WIDE))


def write(tmp_path: Path, text: str | bytes, name: str = "calendar.ics") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


def calendar(*events: str, head: str = "") -> str:
    """A VCALENDAR around the events, with CRLF line ends as the RFC asks."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//tiebook tests//EN", head]
    for event in events:
        lines += ["BEGIN:VEVENT", event.strip(), "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "\r\n".join(line for line in lines if line).replace("\n", "\r\n") + "\r\n"


def emails(participants: list[PersonRef]) -> list[tuple[str, str, str]]:
    return [(p.email, p.role, p.status) for p in participants]


ANN = "ORGANIZER;CN=Ann Lee:mailto:Ann@Example.com"
BOB = "ATTENDEE;CN=Bob Stone;PARTSTAT=ACCEPTED:mailto:bob@example.com"


# -- every real file ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ICS)
def test_every_real_file_parses(realdata: Path, name: str):
    path = realdata / "ics" / name
    assert FORMAT.sniff(path, path.read_bytes()[:1024])
    try:
        result = FORMAT.parse(path, **WIDE)
    except ImportFileError:
        assert path.name in INVALID
        return
    assert result.interactions or result.problems or result.skipped
    for record in result.interactions:
        assert record.ref.startswith("event ")
        assert record.occurred_at.utcoffset() == dt.timedelta(0)
        assert (record.kind, record.direction) == ("meeting", "mutual")
        assert record.external_id
        assert record.summary
        assert record.participants


# -- exact checks on real files -------------------------------------------------------------------


@real
def test_itip_messages_in_one_file_keep_the_newest_version_of_a_meeting():
    result = parse("ical4j_valid_incoming.ics")
    [meeting] = result.interactions
    assert (meeting.ref, meeting.summary, meeting.occurred_at) == (
        "event 2",
        "Pool party",
        at(1997, 7, 1, 19),
    )
    assert meeting.external_id == "calsrv.example.com-873970198738777@example.com"
    assert meeting.participants == [
        PersonRef(email="b@example.com", role="organizer"),
        PersonRef(name="BIG A", email="a@example.com", role="attendee", status="accepted"),
        PersonRef(name="B", email="b@example.com", role="attendee"),
        PersonRef(name="C", email="c@example.com", role="attendee"),
        PersonRef(name="Hal", email="d@example.com", role="attendee"),
        PersonRef(email="e@example.com", role="attendee"),
    ]  # the CUTYPE=ROOM attendee is left out
    assert [p.message for p in result.problems] == [
        f"event {n} has no start (DTSTART); skipped." for n in (4, 5, 6, 7)
    ]  # METHOD:REPLY messages carry no start
    assert result.skipped == ["1 cancelled event skipped"]  # the METHOD:CANCEL message


@real
def test_weekday_standup_in_a_custom_time_zone_across_its_summer_time_change():
    result = parse(
        "ical4j_valid_Standup.ics", since=dt.date(2009, 3, 1), until=dt.date(2009, 4, 30)
    )
    meetings = result.interactions
    assert len(meetings) == 16 + 22  # weekdays from Tuesday 10 March, then all of April
    assert [(m.ref, m.occurred_at) for m in meetings[:2]] == [
        ("event 1 (2009-03-10)", at(2009, 3, 9, 22, 30)),  # 09:30 at +11:00
        ("event 1 (2009-03-11)", at(2009, 3, 10, 22, 30)),
    ]
    assert [(m.ref, m.occurred_at) for m in meetings[18:20]] == [
        ("event 1 (2009-04-03)", at(2009, 4, 2, 22, 30)),
        ("event 1 (2009-04-06)", at(2009, 4, 5, 23, 30)),  # standard time (+10:00) from 5 April
    ]
    uid = "040000008200E00074C5B7101A82E008000000002079F2E4D4A3C9010000000000000000100000006C"
    assert (
        meetings[0].external_id == f"{uid}4B4F5EBD28AD43BB7F772276780C54/2009-03-09T22:30:00+00:00"
    )
    assert {m.summary for m in meetings} == {"Standup"}
    assert emails(meetings[0].participants) == [("ben.fortuna@example.com", "organizer", "")]
    assert result.problems == []
    assert result.skipped == [  # a year of weekdays after the window's end
        "261 occurrences after 2009-04-30 not imported"
    ]


@real
def test_lotus_notes_moved_occurrence_with_quoted_names_and_reply_states():
    [meeting] = parse("ical4j_valid_calconnect7.ics").interactions
    assert meeting.summary == "More complicated stream (5 day recurring)"
    assert (meeting.ref, meeting.occurred_at) == ("event 1 (2005-04-28)", at(2005, 4, 28, 15))
    assert meeting.external_id.endswith("-Lotus_Notes_Generated/2005-04-28T15:00:00+00:00")
    assert meeting.participants == [
        PersonRef(name="iCal Chair/CoffeeBean", email="icalchair@coffeebean.com", role="organizer"),
        PersonRef(
            name="iCal Chair/CoffeeBean",
            email="icalchair@coffeebean.com",
            role="attendee",
            status="accepted",
        ),
        PersonRef(
            name="iCal Participant/CoffeeBean",
            email="icalparticipant@coffeebean.com",
            role="attendee",
            status="needs-action",
        ),
    ]


@real
def test_rdate_periods_in_a_named_time_zone():
    meetings = parse("icalendar_issue_156_RDATE_with_PERIOD_TZID_khal_2.ics").interactions
    assert [(m.ref, m.occurred_at) for m in meetings] == [
        ("event 1 (2021-11-01)", at(2021, 11, 1, 15)),
        ("event 1 (2021-12-06)", at(2021, 12, 6, 15)),
        ("event 1 (2022-01-03)", at(2022, 1, 3, 15)),
        ("event 1 (2022-02-07)", at(2022, 2, 7, 15)),
    ]
    assert len({m.external_id for m in meetings}) == 4
    assert emails(meetings[0].participants) == [("omitted@example.com", "attendee", "accepted")]


@real
def test_groupwise_folded_organizer_and_a_resource_left_out():
    [meeting] = parse("ical4j_invalid_groupwise.ics").interactions
    assert (meeting.summary, meeting.occurred_at) == ("LT Team Meeting", at(2008, 12, 17, 7, 30))
    assert meeting.external_id == "20080125T113004Z_A6600010@university.edu"
    assert meeting.participants == [
        PersonRef(name="Jane Doe", email="jane.doe@university.edu", role="organizer")
    ]


@real
def test_salesforce_end_with_a_space_after_the_colon():
    result = parse("vobject_vobject_0050.ics")
    [meeting] = result.interactions
    assert (meeting.summary, meeting.occurred_at) == (
        "Personal: Open a new account",
        at(2024, 8, 12, 21, 30),
    )
    assert meeting.participants == [
        PersonRef(
            name="Wells Fargo and Company", email="appointments@wellsfargo.com", role="organizer"
        )
    ]
    assert result.problems == []


@real
def test_weekly_series_with_exdates_and_cancelled_occurrences():
    result = parse(
        "vobject_radicale-0827.ics", since=dt.date(2018, 3, 1), until=dt.date(2018, 4, 30)
    )
    # Mondays 5, 12, 19 March and 23 April; 26 March and 30 April are cancelled, 2, 9 and 16
    # April are EXDATEs; the series has nobody invited.
    assert result.skipped == ["2 cancelled events skipped", "4 events with nobody invited skipped"]
    assert (result.interactions, result.problems) == ([], [])


@pytest.mark.parametrize(
    ("name", "occurrences"),
    [
        ("ical4j_valid_EXDATE.ics", 5),  # daily COUNT=7 less two EXDATEs
        ("icalendar_issue_112_missing_tzinfo_on_exdate.ics", 11),  # a bare VEVENT, no VCALENDAR
        ("icalendar_issue_165_missing_event.ics", 14),  # BYDAY=MO, TU, WE (spaces), folded
        ("vobject_radicale-0827.ics", 26),
        ("icalendar_issue_350.ics", 1),  # TAB folding, garbage after END:VCALENDAR
        ("vobject_tzid_8bit.ics", 1),  # a Cyrillic TZID
    ],
)
@real
def test_occurrence_counts_of_events_without_people(name, occurrences):
    result = parse(name)
    noun = "event" if occurrences == 1 else "events"
    assert f"{occurrences} {noun} with nobody invited skipped" in result.skipped
    assert (result.interactions, result.problems) == ([], [])


# -- calendars written here -----------------------------------------------------------------------

WEEKLY = """
UID:weekly-1
SUMMARY:Weekly sync
DTSTART;TZID=Europe/Berlin:20260105T100000
DTEND;TZID=Europe/Berlin:20260105T103000
RRULE:FREQ=WEEKLY;COUNT=6
EXDATE;TZID=Europe/Berlin:20260119T100000
ORGANIZER;CN=Ann Lee:mailto:Ann@Example.com
ATTENDEE;CN=Bob Stone;PARTSTAT=ACCEPTED:mailto:bob@example.com
ATTENDEE;CN=Cy Park;PARTSTAT=DECLINED:MAILTO:cy@example.com
ATTENDEE;CN=Room 4;CUTYPE=ROOM;PARTSTAT=ACCEPTED:mailto:room4@example.com
ATTENDEE;CUTYPE=RESOURCE:mailto:projector@example.com
"""
MOVED = """
UID:weekly-1
RECURRENCE-ID;TZID=Europe/Berlin:20260126T100000
SUMMARY:Weekly sync (moved)
DTSTART;TZID=Europe/Berlin:20260127T150000
ORGANIZER;CN=Ann Lee:mailto:ann@example.com
ATTENDEE;CN=Bob Stone;PARTSTAT=TENTATIVE:mailto:bob@example.com
"""


def test_weekly_meeting_with_an_exdate_and_a_moved_occurrence(tmp_path):
    path = write(tmp_path, calendar(WEEKLY, MOVED))
    result = FORMAT.parse(path, since=dt.date(2026, 1, 6), until=dt.date(2026, 1, 31))
    assert [(m.ref, m.summary, m.occurred_at, m.external_id) for m in result.interactions] == [
        (
            "event 1 (2026-01-12)",
            "Weekly sync",
            at(2026, 1, 12, 9),
            "weekly-1/2026-01-12T09:00:00+00:00",
        ),
        (
            "event 2 (2026-01-27)",
            "Weekly sync (moved)",
            at(2026, 1, 27, 14),
            "weekly-1/2026-01-26T09:00:00+00:00",
        ),
    ]  # 5 January is before the window, 19 January an EXDATE, 2 and 9 February after it
    assert result.skipped == [
        "2 occurrences after 2026-01-31 not imported",
        "1 meeting before 2026-01-06 not imported, the earliest on 2026-01-05: import again from "
        "that day (--since 2026-01-05, or 'Meetings from' on the Import page) to include them",
    ]
    assert emails(result.interactions[0].participants) == [
        ("ann@example.com", "organizer", ""),
        ("bob@example.com", "attendee", "accepted"),
        ("cy@example.com", "attendee", "declined"),
    ]  # the room and the projector are not people
    assert emails(result.interactions[1].participants)[1] == (
        "bob@example.com",
        "attendee",
        "tentative",
    )


def test_reimporting_gives_the_same_external_ids(tmp_path):
    path = write(tmp_path, calendar(WEEKLY, MOVED))
    first, second = (FORMAT.parse(path, **WIDE).interactions for _ in range(2))
    assert [m.external_id for m in first] == [m.external_id for m in second]
    assert len({m.external_id for m in first}) == len(first) == 5


def test_cancelled_events_and_cancel_messages_are_skipped(tmp_path):
    text = calendar(
        f"UID:c1\nSTATUS:CANCELLED\nSUMMARY:Off\nDTSTART:20260301T100000Z\n{ANN}",
        f"UID:c2\nSUMMARY:On\nDTSTART:20260302T100000Z\n{ANN}",
    ) + calendar(f"UID:c3\nDTSTART:20260303T100000Z\n{ANN}", head="METHOD:CANCEL")
    result = FORMAT.parse(write(tmp_path, text), **WIDE)
    assert [(m.ref, m.summary) for m in result.interactions] == [("event 2", "On")]
    assert result.skipped == ["2 cancelled events skipped"]


def test_events_with_nobody_invited_are_skipped(tmp_path):
    text = calendar(
        "UID:n1\nSUMMARY:Dentist\nDTSTART:20260301T100000Z",
        "UID:n2\nSUMMARY:Focus time\nDTSTART:20260302T100000Z\nATTENDEE;CUTYPE=ROOM:mailto:r@x.org",
        f"UID:n3\nDTSTART:20260303T100000Z\n{BOB}",
    )
    result = FORMAT.parse(write(tmp_path, text), **WIDE)
    assert [(m.ref, m.summary) for m in result.interactions] == [("event 3", "Meeting")]
    assert result.skipped == ["2 events with nobody invited skipped"]


def test_all_day_and_floating_times(tmp_path):
    text = calendar(
        f"UID:d1\nSUMMARY:Offsite\nDTSTART;VALUE=DATE:20260310\nDTEND;VALUE=DATE:20260312\n{ANN}",
        f"UID:d2\nSUMMARY:Lunch\nDTSTART:20260311T123000\n{ANN}",
        f"UID:d3\nSUMMARY:Call\nDTSTART;TZID=Nowhere/Special:20260312T080000\n{ANN}",
        f"UID:d4\nSUMMARY:Yearly\nDTSTART;VALUE=DATE:20240229\nRRULE:FREQ=YEARLY\n{ANN}",
    )
    result = FORMAT.parse(
        write(tmp_path, text), since=dt.date(2026, 3, 1), until=dt.date(2028, 3, 1)
    )
    assert [(m.summary, m.occurred_at) for m in result.interactions] == [
        ("Offsite", at(2026, 3, 10)),
        ("Lunch", at(2026, 3, 11, 12, 30)),
        ("Call", at(2026, 3, 12, 8)),  # an unknown zone is read as floating, so UTC
        ("Yearly", at(2028, 2, 29)),
    ]
    assert result.interactions[3].external_id == "d4/2028-02-29T00:00:00+00:00"


def test_floating_times_follow_the_calendars_x_wr_timezone(tmp_path):
    text = calendar(f"UID:g1\nDTSTART:20260701T100000\n{ANN}", head="X-WR-TIMEZONE:Europe/Berlin")
    [meeting] = FORMAT.parse(write(tmp_path, text), **WIDE).interactions
    assert meeting.occurred_at == at(2026, 7, 1, 8)  # 10:00 in Berlin in summer
    text = calendar(f"UID:g2\nDTSTART:20260701T100000\n{ANN}", head="X-WR-TIMEZONE:Mars/Base")
    [meeting] = FORMAT.parse(write(tmp_path, text), **WIDE).interactions
    assert meeting.occurred_at == at(2026, 7, 1, 10)  # an unknown zone is ignored


BROKEN_ZONE = """
BEGIN:VTIMEZONE
TZID:Custom Zone
BEGIN:STANDARD
DTSTART:19701025T030000
TZOFFSETFROM:+02x0
TZOFFSETTO:+0100
END:STANDARD
END:VTIMEZONE
"""


def test_broken_time_zones_do_not_stop_the_file(tmp_path):
    text = calendar(
        f'UID:z1\nDTSTART;TZID="Custom Zone":20260301T100000\n{ANN}',
        f"UID:z2\nDTSTART;TZID=Europe:20260301T100000\n{ANN}",  # a directory of zones
        f"UID:z3\nDTSTART;TZID=Europe/Berlin:20260301T100000\n{ANN}",
        head=BROKEN_ZONE.strip(),
    )
    result = FORMAT.parse(write(tmp_path, text), **WIDE)
    assert [(m.external_id, m.occurred_at) for m in result.interactions] == [
        ("z1", at(2026, 3, 1, 10)),  # read as floating, so UTC
        ("z2", at(2026, 3, 1, 10)),
        ("z3", at(2026, 3, 1, 9)),
    ]


def test_events_without_uid_get_a_stable_hash(tmp_path):
    text = calendar(
        f"SUMMARY:Coffee\nDTSTART:20260301T100000Z\n{ANN}",
        f"SUMMARY:Tea\nDTSTART:20260301T100000Z\n{ANN}",
    )
    path = write(tmp_path, text)
    ids = [m.external_id for m in FORMAT.parse(path, **WIDE).interactions]
    assert ids == [m.external_id for m in FORMAT.parse(path, **WIDE).interactions]
    assert len(set(ids)) == 2
    assert all(len(i) == 32 for i in ids)


def test_default_window_is_the_two_years_up_to_today(tmp_path):
    def event(uid: str, start: str) -> str:
        return f"UID:{uid}\nSUMMARY:{uid}\nDTSTART:{start}\n{ANN}"

    text = calendar(
        event("too-old", "20241129T230000Z"),
        event("first-day", "20241130T000000Z"),
        event("later-today", "20261130T180000Z"),
        event("tomorrow", "20261201T080000Z"),
        event("next-year", "20271201T080000Z"),
    )
    with time_machine.travel(dt.datetime(2026, 11, 30, 9, tzinfo=dt.UTC), tick=False):
        result = FORMAT.parse(write(tmp_path, text))
    assert [m.summary for m in result.interactions] == ["first-day", "later-today"]
    assert result.skipped == [
        "2 future occurrences not imported",
        "1 meeting before 2024-11-30 not imported, the earliest on 2024-11-29: import again from "
        "that day (--since 2024-11-29, or 'Meetings from' on the Import page) to include them",
    ]


def test_a_rule_without_end_is_bounded_by_the_window(tmp_path):
    text = calendar(f"UID:r1\nDTSTART:20000101T090000Z\nRRULE:FREQ=DAILY\n{ANN}")
    result = FORMAT.parse(
        write(tmp_path, text), since=dt.date(2026, 1, 1), until=dt.date(2026, 1, 31)
    )
    assert len(result.interactions) == 31
    assert result.skipped == [
        "366 occurrences after 2026-01-31 not imported",  # counted a year ahead
        "at least 2000 meetings before 2026-01-01 not imported, the earliest on 2000-01-01: import "
        "again from that day (--since 2000-01-01, or 'Meetings from' on the Import page) to "
        "include them",  # counted up to 2000 a series
    ]


def test_runaway_rules_stop(tmp_path):
    text = calendar(
        f"UID:h1\nDTSTART:20260101T090000Z\nRRULE:FREQ=MINUTELY\n{ANN}",
        f"UID:h2\nDTSTART:19900101T090000Z\nRRULE:FREQ=DAILY\n{ANN}",
    )
    result = FORMAT.parse(write(tmp_path, text), **WIDE)
    assert [p.message for p in result.problems] == [
        "event 1 repeats more often than daily; skipped.",
        "event 2 repeats more than 2000 times between 1990-01-01 and 2100-12-31; "
        "only the first 2000 were read.",
    ]
    assert len(result.interactions) == 2000


def test_hours_minutes_or_seconds_listed_in_a_daily_rule_make_it_more_often_than_daily(tmp_path):
    text = calendar(
        f"UID:d1\nDTSTART:20260101T090000Z\nRRULE:FREQ=DAILY;BYHOUR=9,17\n{ANN}",
        f"UID:d2\nDTSTART:20260101T090000Z\nRRULE:FREQ=WEEKLY;BYMINUTE=0,30\n{ANN}",
        f"UID:d3\nDTSTART:20260101T093000Z\nRRULE:FREQ=DAILY;BYHOUR=9;BYMINUTE=30\n{ANN}",
    )
    result = FORMAT.parse(
        write(tmp_path, text), since=dt.date(2026, 1, 1), until=dt.date(2026, 1, 3)
    )
    assert [p.message for p in result.problems] == [
        "event 1 repeats more often than daily; skipped.",
        "event 2 repeats more often than daily; skipped.",
    ]
    assert [m.occurred_at for m in result.interactions] == [
        at(2026, 1, d, 9, 30) for d in (1, 2, 3)
    ]


def test_a_file_stops_after_its_cap_of_meetings_and_says_how_to_take_the_rest(
    tmp_path, monkeypatch
):
    monkeypatch.setattr(ics, "MAX_FILE_OCCURRENCES", 50)
    daily = [f"UID:f{n}\nDTSTART:20260101T090000Z\nRRULE:FREQ=DAILY\n{ANN}" for n in range(3)]
    window = {"since": dt.date(2026, 1, 1), "until": dt.date(2026, 1, 30)}
    result = FORMAT.parse(write(tmp_path, calendar(*daily)), **window)
    assert len(result.interactions) == 50
    assert {m.external_id.split("/")[0] for m in result.interactions} == {"f0", "f1"}
    assert result.skipped[0] == (
        "The file has more than 50 meetings between 2026-01-01 and 2026-01-30; only the first "
        "50 were read: import a shorter window (--since and --until) to take the rest"
    )


def test_a_file_with_too_many_events_reads_the_first_and_says_so(tmp_path, monkeypatch):
    monkeypatch.setattr(ics_lines, "MAX_EVENTS", 2)
    meetings = [f"UID:e{n}\nDTSTART:2026010{n}T090000Z\n{ANN}" for n in range(1, 5)]
    result = FORMAT.parse(write(tmp_path, calendar(*meetings)), **WIDE)
    assert [m.external_id for m in result.interactions] == ["e1", "e2"]
    assert result.skipped == [
        "calendar.ics has 4 events; only the first 2 were read: split the file to import the rest"
    ]


def test_a_broken_event_does_not_stop_the_others(tmp_path):
    text = calendar(
        f"UID:b1\nSUMMARY:Fine\nDTSTART:20260301T100000Z\n{ANN}",
        f"UID:b2\nSUMMARY:Bad start\nDTSTART:2026-03-02 at ten\n{ANN}",
        f"UID:b3\nSUMMARY:Bad rule\nDTSTART:20260303T100000Z\nRRULE:FREQ=SOMETIMES\n{ANN}",
        f"UID:b4\nSUMMARY:No start\n{ANN}",
        f"UID:b5\nSUMMARY:Also fine\nDTSTART:20260305T100000Z\n{ANN}\nthis line is noise",
    )
    result = FORMAT.parse(write(tmp_path, text), **WIDE)
    assert [m.summary for m in result.interactions] == ["Fine", "Also fine"]
    assert [p.message for p in result.problems] == [
        "event 2 has an unreadable DTSTART; skipped.",
        "event 3 has an unreadable RRULE; skipped.",
        "event 4 has no start (DTSTART); skipped.",
    ]


def test_a_cut_off_event_is_a_problem_and_the_next_ones_import(tmp_path):
    text = (
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x1\r\nSUMMARY:Cut\r\nDTSTART:20260301T100000Z\r\n"
        f"{ANN}\r\n"
        f"BEGIN:VEVENT\r\nUID:x2\r\nSUMMARY:Whole\r\nDTSTART:20260302T100000Z\r\n{ANN}\r\n"
        "END:VEVENT\r\n"
        f"BEGIN:VEVENT\r\nUID:x3\r\nSUMMARY:Truncated\r\nDTSTART:20260303T10"
    )
    result = FORMAT.parse(write(tmp_path, text), **WIDE)
    assert [(m.ref, m.summary) for m in result.interactions] == [("event 2", "Whole")]
    assert [p.message for p in result.problems] == [
        "event 1 has no END:VEVENT line; skipped.",
        "event 3 has no END:VEVENT line; skipped.",
    ]


def test_encodings(tmp_path):
    event = ["UID:e1", "SUMMARY:Café with Renée", "DTSTART:20260301T100000Z", ANN]
    cp1252 = "\r\n".join(["BEGIN:VCALENDAR", "BEGIN:VEVENT", *event, "END:VEVENT", "END:VCALENDAR"])
    result = FORMAT.parse(write(tmp_path, cp1252.encode("cp1252"), "a.ics"), **WIDE)
    assert result.interactions[0].summary == "Café with Renée"
    assert result.skipped[0] == (
        "a.ics is not valid UTF-8 on line 4; read as Windows-1252: check accented names"
    )
    utf16 = calendar(f"UID:e2\nSUMMARY:Café\nDTSTART:20260301T100000Z\n{ANN}").encode("utf-16")
    path = write(tmp_path, utf16, "b.ics")
    assert FORMAT.parse(path, **WIDE).interactions[0].summary == "Café"
    assert FORMAT.sniff(path, utf16[:200])


def test_files_that_are_not_calendars(tmp_path):
    path = write(tmp_path, "Name,Email\nAda,ada@example.com\n", "people.ics")
    with pytest.raises(ImportFileError, match=r"^people\.ics is not an iCalendar file"):
        FORMAT.parse(path)
    vcard = write(tmp_path, "BEGIN:VCARD\r\nFN:Ada\r\nEND:VCARD\r\n", "ada.ics")
    with pytest.raises(ImportFileError, match=r"ada\.ics"):
        FORMAT.parse(vcard)
    with pytest.raises(ImportFileError, match=r"missing\.ics"):
        FORMAT.parse(tmp_path / "missing.ics")
    with pytest.raises(ImportFileError):
        FORMAT.parse(tmp_path)


def test_windows_at_the_edges(tmp_path):
    path = write(tmp_path, calendar(WEEKLY))
    with pytest.raises(ImportFileError, match="starts"):
        FORMAT.parse(path, since=dt.date(2026, 2, 1), until=dt.date(2026, 1, 1))
    result = FORMAT.parse(path, since=dt.date.min, until=dt.date.max)
    assert (len(result.interactions), result.problems) == (5, [])
    since = dt.datetime(2026, 1, 12, 23, tzinfo=UTC)  # a datetime counts as its day
    assert len(FORMAT.parse(path, since=since, until=dt.date(2026, 1, 12)).interactions) == 1


def test_sniff(tmp_path):
    ics, txt = tmp_path / "x.ics", tmp_path / "x.txt"
    assert FORMAT.sniff(txt, b"\xef\xbb\xbf\r\n  begin:vcalendar\r\nVERSION:2.0\r\n")
    assert FORMAT.sniff(ics, b"X-JUNK\r\nBEGIN:VCALENDAR\r\n")
    assert FORMAT.sniff(ics, b"BEGIN:VEVENT\r\nUID:1\r\n")
    assert not FORMAT.sniff(txt, b"X-JUNK\r\nBEGIN:VCALENDAR\r\n")
    assert not FORMAT.sniff(ics, b"BEGIN:VCARD\r\nFN:Ada\r\n")
    assert not FORMAT.sniff(ics, b"")


# -- mutations never raise anything but ImportFileError -------------------------------------------

SEED = calendar(WEEKLY, MOVED, f"UID:s\nSUMMARY:Single\nDTSTART;VALUE=DATE:20260110\n{BOB}")


@functools.cache
def seed_files(folder: Path) -> list[bytes]:
    """The calendar written here and the real ones small enough to mutate quickly."""
    small = [folder / "ics" / name for name in ICS if (folder / "ics" / name).stat().st_size < 5000]
    return [SEED.encode(), *(path.read_bytes() for path in small)]


SEED_WINDOW = Window(dt.date(2000, 1, 1), dt.date(2030, 12, 31))


def mutate(data: bytes, ops: list[tuple[str, int, int]]) -> bytes:
    for op, where, byte in ops:
        index = where % (len(data) + 1)
        if op == "truncate":
            data = data[:index]
        elif op == "delete":
            data = data[:index] + data[index + 1 + byte % 40 :]
        elif op == "insert":
            data = data[:index] + bytes([byte % 256]) * (1 + byte % 3) + data[index:]
        elif op == "flip" and data:
            index %= len(data)
            data = data[:index] + bytes([data[index] ^ (1 << byte % 8)]) + data[index + 1 :]
    return data


OPS = st.tuples(
    st.sampled_from(["truncate", "delete", "insert", "flip"]),
    st.integers(min_value=0, max_value=20_000),
    st.integers(min_value=0, max_value=255),
)


def parse_or_error(data: bytes, filename: str) -> ParseResult | ImportFileError:
    """The result, or the ImportFileError: anything else fails the test."""
    try:
        return parse_bytes(data, filename, SEED_WINDOW)
    except ImportFileError as error:
        return error


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.data(), ops=st.lists(OPS, min_size=1, max_size=6))
def test_mutated_calendars_raise_only_import_errors(realdata, seed, ops):
    data = seed.draw(st.sampled_from(seed_files(realdata)), label="seed")
    outcome = parse_or_error(mutate(data, ops), "mutated.ics")
    if isinstance(outcome, ImportFileError):
        assert str(outcome).startswith("mutated.ics ")
        return
    for item in outcome.interactions + outcome.problems:
        assert item.ref.startswith("event ")
    for record in outcome.interactions:
        assert record.occurred_at.utcoffset() == dt.timedelta(0)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes_raise_only_import_errors(data):
    outcome = parse_or_error(b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n" + data, "random.ics")
    if isinstance(outcome, ImportFileError):
        assert str(outcome).startswith("random.ics ")

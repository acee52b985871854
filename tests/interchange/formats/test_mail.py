"""The mail importer on real mailboxes from another project's test suite, team fixtures of
mbox, .eml and Maildir, and mutations of them."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.realdata import MBOX, realdata_folder
from tiebook.interchange.formats.mail import (
    FORMAT,
    is_automated,
    mbox_messages,
    parse_bytes,
    parse_headers,
)
from tiebook.interchange.records import ImportFileError, ParseResult, PersonRef, Problem

UTC = dt.UTC
PDT = dt.timezone(dt.timedelta(hours=-7))
EDT = dt.timezone(dt.timedelta(hours=-4))
real = pytest.mark.usefixtures("realdata")


def parse(name: str) -> ParseResult:
    """A real sample by name; the test reading it is marked @real, so it skips without them."""
    return FORMAT.parse(realdata_folder() / "mbox" / name)


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


def message(
    subject: str = "Lunch",
    sender: str = "Ada Lovelace <ada@example.com>",
    to: str = "Owner <me@example.org>",
    date: str = "Tue, 05 Mar 2024 12:30:00 +0000",
    extra: str = "",
    message_id: str | None = "<m1@example.com>",
) -> str:
    lines = [f"From: {sender}", f"To: {to}", f"Subject: {subject}"]
    lines += [f"Date: {date}"] if date else []
    lines += [f"Message-ID: {message_id}"] if message_id else []
    return "\n".join(lines) + "\n" + extra + "\nBody text.\n"


def mbox(*messages: str, from_line: str = "From - Tue Mar  5 12:30:00 2024") -> str:
    return "".join(f"{from_line}\n{m}\n" for m in messages)


def emails(refs: list[PersonRef]) -> list[tuple[str, str]]:
    return [(ref.role, ref.email) for ref in refs]


# -- every real file ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", MBOX)
def test_every_real_file_parses_and_is_recognised(realdata: Path, name: str):
    path = realdata / "mbox" / name
    result = FORMAT.parse(path)
    assert result.interactions or result.problems
    assert FORMAT.sniff(path, path.read_bytes()[: 64 * 1024])
    for record in result.interactions:
        assert record.ref.startswith("message ")
        assert record.kind == "email"
        assert record.occurred_at.tzinfo is not None
        assert record.participants
        assert record.acquainted


# -- exact checks on each real file ---------------------------------------------------------------


@real
def test_gmail_takeout_style_mbox_with_an_attachment():
    result = parse("mimekit_issue1189.mbox")
    assert (result.problems, result.skipped) == ([], [])
    records = result.interactions
    assert [r.ref for r in records] == [f"message {n}" for n in range(1, 5)]
    assert [r.summary for r in records] == [f"Message {n}" for n in range(1, 5)]
    assert [r.occurred_at for r in records] == [
        dt.datetime(2025, 9, 26, 10, 18, 40, tzinfo=PDT),
        dt.datetime(2025, 9, 26, 10, 19, 25, tzinfo=PDT),
        dt.datetime(2025, 9, 26, 10, 19, 39, tzinfo=PDT),
        dt.datetime(2025, 9, 26, 10, 19, 54, tzinfo=PDT),
    ]
    assert records[0].external_id == "f092d8d2-8781-469e-a1a6-c938087dc1f4@example.com"
    assert records[3].external_id == "7fbaba61-56f5-4e06-9453-5fbf941593a0@example.com"
    for record in records:
        assert record.participants == [
            PersonRef(name="Sender", email="sender@example.com", role="from"),
            PersonRef(name="Recipient", email="recipient@example.com", role="to"),
        ]
        assert record.direction == "incoming"


@real
def test_japanese_iso_2022_jp_subject():
    result = parse("mimekit_japanese.eml")
    assert result.problems == []
    [record] = result.interactions
    assert record.ref == "message 1"
    assert record.summary == "日本語メールテスト (testing Japanese emails)"
    assert record.occurred_at == dt.datetime(
        2015, 7, 22, 1, 2, 29, tzinfo=dt.timezone(dt.timedelta(hours=9))
    )
    assert record.external_id == "55AE6D15.4010805@veritas-vos-liberabit.com"
    # From and To share x@x.com: the address counts once, as the sender
    assert record.participants == [PersonRef(name="Atsushi Eno", email="x@x.com", role="from")]


@real
def test_from_lines_without_a_blank_line_before_them_and_without_message_ids():
    result = parse("mimekit_simple.mbox")
    assert result.problems == []
    records = result.interactions
    assert [r.summary for r in records] == [
        "this'll probably break a lot of mime parsers",
        "this'll probably break even more mime parsers",
        "if a mime parser can correctly handle this, I'm impressed",
    ]
    assert {r.occurred_at for r in records} == {dt.datetime(2002, 8, 23, 2, 32, 53, tzinfo=EDT)}
    assert [emails(r.participants) for r in records] == [[("from", "fejj@gnome.org")]] * 3
    ids = [r.external_id for r in records]
    assert len(set(ids)) == 3
    assert all(len(i) == 64 and int(i, 16) >= 0 for i in ids)
    assert [r.external_id for r in parse("mimekit_simple.mbox").interactions] == ids


def test_unmunged_from_lines_in_bodies_do_not_start_messages(realdata: Path):
    path = realdata / "mbox" / "mimekit_unmunged.mbox"
    with path.open("rb") as stream:
        raws = list(mbox_messages(stream))
    assert [parse_headers(raw.header)["subject"] for raw in raws] == [
        ["This is a test message with an unmunged From line"],
        ["Another test message with an unmunged From line"],
    ]
    assert [raw.from_date for raw in raws] == [None, None]
    # no Date header and "From -" lines without a date: both are problems
    result = FORMAT.parse(path)
    assert result.interactions == []
    assert result.problems == [
        Problem("message 1", "message 1 has no readable Date header; skipped."),
        Problem("message 2", "message 2 has no readable Date header; skipped."),
    ]


def test_unmunged_file_with_dated_from_lines_uses_those_dates(realdata: Path):
    data = (realdata / "mbox" / "mimekit_unmunged.mbox").read_bytes()
    data = data.replace(b"From -\n", b"From - Mon Jan 13 16:13:02 2003\n")
    result = parse_bytes(data, "unmunged.mbox")
    assert result.problems == []
    assert [(r.summary, r.occurred_at) for r in result.interactions] == [
        (
            "This is a test message with an unmunged From line",
            dt.datetime(2003, 1, 13, 16, 13, 2, tzinfo=UTC),
        ),
        (
            "Another test message with an unmunged From line",
            dt.datetime(2003, 1, 13, 16, 13, 2, tzinfo=UTC),
        ),
    ]
    assert result.interactions[0].participants == [
        PersonRef(name="Jeffrey Stedfast", email="jeff@xamarin.com", role="from")
    ]


# -- team fixtures: folders -----------------------------------------------------------------------


def test_maildir_cur_and_new_in_file_name_order(tmp_path):
    box = tmp_path / "Mail"
    write(box / "cur" / "1700000002.M2.host:2,S", message("Second", message_id="<b@x>"))
    write(box / "new" / "1700000003.M3.host", message("Third", message_id="<c@x>"))
    write(box / "cur" / "1700000001.M1.host:2,RS", message("First", message_id="<a@x>"))
    write(box / "tmp" / "1700000004.M4.host", message("Being delivered"))
    write(box / "cur" / ".hidden", "not a message")
    assert FORMAT.sniff(box, b"")
    result = FORMAT.parse(box)
    assert result.problems == []
    assert [(r.ref, r.summary, r.external_id) for r in result.interactions] == [
        ("message 1", "First", "a@x"),
        ("message 2", "Second", "b@x"),
        ("message 3", "Third", "c@x"),
    ]


def test_folder_of_eml_files(tmp_path):
    write(tmp_path / "b.eml", message("Bee", message_id="<b@x>"))
    write(tmp_path / "a.EML", message("Ay", message_id="<a@x>"))
    write(tmp_path / "notes.txt", "not mail")
    assert FORMAT.sniff(tmp_path, b"")
    result = FORMAT.parse(tmp_path)
    assert [(r.ref, r.summary) for r in result.interactions] == [
        ("message 1", "Ay"),
        ("message 2", "Bee"),
    ]


def test_one_unreadable_file_in_a_folder_is_a_problem(tmp_path):
    write(tmp_path / "cur" / "1", message("Fine"))
    write(tmp_path / "cur" / "2", b"\x00\x01 binary junk \xff\n\nmore")
    write(tmp_path / "cur" / "3", "From - Tue Mar  5 12:30:00 2024\n" + message("Dated", date=""))
    result = FORMAT.parse(tmp_path)
    assert [(r.ref, r.summary) for r in result.interactions] == [
        ("message 1", "Fine"),
        ("message 3", "Dated"),
    ]
    assert result.interactions[1].occurred_at == dt.datetime(2024, 3, 5, 12, 30, tzinfo=UTC)
    assert result.problems == [Problem("message 2", "message 2 (2) has no mail headers; skipped.")]


def test_folders_that_are_not_mail(tmp_path):
    write(tmp_path / "people.csv", "Name,Email\n")
    assert not FORMAT.sniff(tmp_path, b"")
    with pytest.raises(ImportFileError, match=rf"^{tmp_path.name} is not a Maildir"):
        FORMAT.parse(tmp_path)
    assert not FORMAT.sniff(tmp_path / "missing", b"")


def test_empty_maildir_gives_nothing(tmp_path):
    (tmp_path / "new").mkdir()
    assert FORMAT.parse(tmp_path) == ParseResult()


# -- team fixtures: headers -----------------------------------------------------------------------


def test_roles_names_and_addresses(tmp_path):
    text = (
        "From: =?iso-8859-1?q?Ren=E9e_M=FCller?= <Renee@Example.COM>\n"
        'To: "Lovelace, Ada" <ada@example.com>, bob@example.com (Bob B), undisclosed\n'
        "Cc: Team: carol@example.com, 'ada@example.com' <ada@example.com>;\n"
        "Bcc: dave@example.com\n"
        "Sender: secretary@example.com\n"
        "Reply-To: replies@example.com\n"
        "Subject:  Plans \n   for\tMarch\n"
        "Date: Tue, 05 Mar 2024 12:30:00 +0100\n"
        "\n"
        "From: someone-in-the-body@example.com\n"
    )
    [record] = FORMAT.parse(write(tmp_path / "m.eml", text)).interactions
    assert record.summary == "Plans for March"
    assert record.participants == [
        PersonRef(name="Renée Müller", email="renee@example.com", role="from"),
        PersonRef(name="Lovelace, Ada", email="ada@example.com", role="to"),
        PersonRef(name="Bob B", email="bob@example.com", role="to"),
        PersonRef(name="", email="carol@example.com", role="cc"),
        PersonRef(name="", email="dave@example.com", role="bcc"),
    ]
    assert (record.kind, record.direction, record.acquainted) == ("email", "incoming", True)


def test_raw_8bit_headers_in_utf8_and_latin1(tmp_path):
    data = (
        b"From: Jos\xc3\xa9 Garc\xc3\xada <jose@example.com>\n"
        b"To: Ren\xe9e <renee@example.com>\n"
        b"Subject: caf\xe9 \x80 menu\n"
        b"Date: Tue, 05 Mar 2024 12:30:00 +0000\n\nbody\n"
    )
    result = FORMAT.parse(write(tmp_path / "m.eml", data))
    [record] = result.interactions
    assert [ref.name for ref in record.participants] == ["José García", "Renée"]
    assert record.summary == "café € menu"
    assert result.skipped == [
        "message 1 has headers that are not valid UTF-8; read as Windows-1252: check accented names"
    ]


def test_mailing_list_bulk_and_automated_senders_are_skipped(tmp_path):
    text = mbox(
        message("Kept"),
        message("List", extra="List-Id: <dev.lists.example.com>\n"),
        message("Unsubscribe", extra="List-Unsubscribe: <mailto:u@example.com>\n"),
        message("Bulk", extra="Precedence: bulk\n"),
        message("Auto", extra="Auto-Submitted: auto-replied\n"),
        message("Not auto", extra="Auto-Submitted: no\n"),
        message("Receipt", sender="Shop <no-reply@shop.example>"),
        message("Bounce", sender="MAILER-DAEMON@mx.example.org"),
        message("Cc bot", to="me@example.org, notifications@github.example"),
        message("Only bots", sender="bounces+42@lists.example", to="newsletter@news.example"),
    )
    result = parse_bytes(text.encode(), "inbox.mbox")
    assert [r.summary for r in result.interactions] == ["Kept", "Not auto", "Cc bot"]
    assert emails(result.interactions[2].participants) == [
        ("from", "ada@example.com"),
        ("to", "me@example.org"),
    ]
    assert result.skipped == [
        "4 mailing-list or bulk messages skipped",
        "3 messages from automated addresses skipped",
        "5 automated addresses ignored",
    ]
    assert result.problems == []


def test_message_left_without_participants(tmp_path):
    text = mbox(message(sender="undisclosed", to="undisclosed-recipients:;"))
    result = parse_bytes(text.encode(), "inbox.mbox")
    assert result.interactions == []
    assert result.skipped == ["1 message without participants skipped"]


@pytest.mark.parametrize(
    ("email", "automated"),
    [
        ("noreply@example.com", True),
        ("no-reply@example.com", True),
        ("no_reply@example.com", True),
        ("donotreply@example.com", True),
        ("do-not-reply@example.com", True),
        ("noreply-dmarc@example.com", True),
        ("mailer-daemon@example.com", True),
        ("postmaster@example.com", True),
        ("notifications@github.com", True),
        ("notification@example.com", True),
        ("bounce@example.com", True),
        ("bounces+123-abc@example.com", True),
        ("newsletter@example.com", True),
        ("info@example.com", False),
        ("support@example.com", False),
        ("noreen@example.com", False),
        ("bounceman@example.com", False),
        ("ada@noreply.example.com", False),
    ],
)
def test_is_automated(email, automated):
    assert is_automated(email) is automated


# -- team fixtures: dates and ids -----------------------------------------------------------------


def test_missing_or_broken_date_uses_the_from_line_date():
    text = mbox(
        message("No date", date="", message_id="<a@x>"),
        message("Broken date", date="sometime soon", message_id="<b@x>"),
        from_line="From ada@example.com Fri Sep 26 17:18:40 +0000 2025",
    )
    result = parse_bytes(text.encode(), "inbox.mbox")
    assert result.problems == []
    when = dt.datetime(2025, 9, 26, 17, 18, 40, tzinfo=UTC)
    assert [(r.summary, r.occurred_at) for r in result.interactions] == [
        ("No date", when),
        ("Broken date", when),
    ]


def test_missing_date_without_a_from_line_date_is_a_problem():
    text = mbox(message("Kept"), message("Undated", date=""), from_line="From -")
    result = parse_bytes(text.encode(), "inbox.mbox")
    assert [r.summary for r in result.interactions] == ["Kept"]
    assert result.problems == [
        Problem("message 2", "message 2 has no readable Date header; skipped.")
    ]


def test_naive_date_is_utc():
    text = mbox(message(date="Tue, 05 Mar 2024 12:30:00 -0000"))
    [record] = parse_bytes(text.encode(), "inbox.mbox").interactions
    assert record.occurred_at == dt.datetime(2024, 3, 5, 12, 30, tzinfo=UTC)
    assert record.occurred_at.tzinfo is not None


def test_missing_message_id_gives_a_stable_id(tmp_path):
    first = write(tmp_path / "one.eml", message("Hello", message_id=None))
    again = write(tmp_path / "two.eml", message("Hello", message_id=None))
    other = write(tmp_path / "three.eml", message("Hello again", message_id=None))
    ids = [FORMAT.parse(p).interactions[0].external_id for p in (first, again, first, other)]
    assert ids[0] == ids[1] == ids[2] != ids[3]
    assert len(ids[0]) == 64


def test_message_id_is_stripped_of_brackets_and_comments():
    text = mbox(message(message_id=" <abc.123@mail.example.com> (added by relay)"))
    [record] = parse_bytes(text.encode(), "inbox.mbox").interactions
    assert record.external_id == "abc.123@mail.example.com"


def test_empty_subject():
    text = mbox(message(subject=""), message(subject="=?utf-8?q??="))
    assert [r.summary for r in parse_bytes(text.encode(), "x").interactions] == [
        "(no subject)",
        "(no subject)",
    ]


# -- bad input ------------------------------------------------------------------------------------


def test_a_file_that_is_not_mail(tmp_path):
    path = write(tmp_path / "people.csv", "Name,Email\nAda,ada@example.com\n")
    assert not FORMAT.sniff(path, path.read_bytes())
    with pytest.raises(ImportFileError, match=r"^people\.csv is not a mailbox or a mail message"):
        FORMAT.parse(path)
    with pytest.raises(ImportFileError, match=r"^empty\.mbox is not a mailbox"):
        FORMAT.parse(write(tmp_path / "empty.mbox", b""))
    with pytest.raises(ImportFileError, match=r"missing\.mbox cannot be read"):
        FORMAT.parse(tmp_path / "missing.mbox")


def test_an_mbox_message_without_headers_is_a_problem():
    text = mbox(message("One"), "X-Spam-Score: 9\n\nFrom: a@example.com\n", message("Three"))
    result = parse_bytes(text.encode(), "inbox.mbox")
    assert [r.ref for r in result.interactions] == ["message 1", "message 3"]
    assert result.problems == [Problem("message 2", "message 2 has no mail headers; skipped.")]


def test_sniff(tmp_path):
    path = tmp_path / "x"
    assert FORMAT.sniff(path, b"From - \nFrom: a@example.com\n")
    assert FORMAT.sniff(path, b"\xef\xbb\xbfFrom -\r\nSubject: hi\r\n")
    assert FORMAT.sniff(path, b"Return-Path: <a@x>\nReceived: by x\n\tfor y\nFrom: a@x\n")
    assert FORMAT.sniff(path, message().encode())
    assert not FORMAT.sniff(path, b"From the desk of Ada\nDear Bob,\n")
    assert not FORMAT.sniff(path, b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada\r\n")
    assert not FORMAT.sniff(path, b"title: notes\ndate: 2024-01-01\n")
    assert not FORMAT.sniff(path, b"First Name,Last Name\r\n")
    assert not FORMAT.sniff(path, b"")


# -- mutations never raise anything but ImportFileError -------------------------------------------


def mutate(data: bytes, ops: list[tuple[str, int, int]]) -> bytes:
    lines = data.split(b"\n")
    for op, where, byte in ops:
        index = where % max(len(lines), 1)
        if op == "delete" and lines:
            del lines[index]
        elif op == "duplicate" and lines:
            lines.insert(index, lines[index])
        elif op == "flip" and lines and lines[index]:
            line = bytearray(lines[index])
            line[byte % len(line)] ^= 1 << (byte % 8)
            lines[index] = bytes(line)
        elif op == "insert":
            lines.insert(index, bytes([byte % 256]) * (1 + byte % 3))
    return b"\n".join(lines)


OPS = st.tuples(
    st.sampled_from(["delete", "duplicate", "flip", "insert"]),
    st.integers(min_value=0, max_value=10_000),
    st.integers(min_value=0, max_value=10_000),
)
TEAM_MBOX = mbox(
    message("Ünïcode =?utf-8?q?caf=C3=A9?=", to="=?utf-8?b?QmHDn2U=?= <b@example.com>"),
    message(extra="List-Id: <x>\n"),
    message(date="", message_id=None),
).encode()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.sampled_from([*MBOX, None]),
    ops=st.lists(OPS, min_size=1, max_size=8),
)
def test_mutated_mailboxes_raise_only_import_errors(realdata, name, ops):
    data = TEAM_MBOX if name is None else (realdata / "mbox" / name).read_bytes()
    try:
        result = parse_bytes(mutate(data, ops), "mutated.mbox")
    except ImportFileError:
        return
    for item in result.interactions + result.problems:
        assert item.ref.startswith("message ")
    for record in result.interactions:
        assert record.occurred_at.tzinfo is not None


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes_raise_only_import_errors(data):
    for prefix in (b"From - \n", b"From: a@example.com\nDate: ", b""):
        with contextlib.suppress(ImportFileError):
            parse_bytes(prefix + data, "random.mbox")


def test_streams_are_read_a_line_at_a_time():
    stream = io.BytesIO(TEAM_MBOX)
    raws = list(mbox_messages(stream))
    assert [raw.number for raw in raws] == [1, 2, 3]
    assert all(b"Body text." not in raw.header for raw in raws)

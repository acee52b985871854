"""Mail import (mbox, .eml, Maildir, a folder of .eml): headers only, one interaction a message."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from email.message import Message
from email.parser import HeaderParser
from email.policy import default
from email.utils import getaddresses, parsedate_to_datetime
from itertools import chain, pairwise
from pathlib import Path
from typing import BinaryIO

from tiebook.interchange.formats.encoding import Guesses
from tiebook.interchange.records import (
    ImportFileError,
    InteractionRecord,
    ParseResult,
    PersonRef,
    Problem,
)

UTF8_BOM = b"\xef\xbb\xbf"
HEADER_RE = re.compile(rb"[!-9;-~]+[ \t]*:")  # a field name: printable ASCII but ':'
TIME_RE = re.compile(r"\d{1,2}:\d{2}")
MESSAGE_ID_RE = re.compile(r"<([^<>]*)>")
MAIL_HEADERS = {"from", "to", "cc", "date", "subject", "message-id", "received", "return-path"}
MAIL_HEADERS |= {"mime-version", "delivered-to", "in-reply-to", "references", "sender"}
ROLES = (("from", "from"), ("to", "to"), ("cc", "cc"), ("bcc", "bcc"))
LIST_HEADERS = ("list-id", "list-unsubscribe", "list-post")
BULK_PRECEDENCE = {"bulk", "list", "junk"}
AUTOMATED_RE = re.compile(
    r"(?:no[-_.]?reply|do[-_.]?not[-_.]?reply|mailer[-_.]?daemon|postmaster"
    r"|notifications?|bounces?|newsletters?)(?:[-_.+].*)?"
)
MAX_HEADER_BYTES = 512 * 1024  # a header block past this is cut: it is garbage, not mail
SUMMARY_MAX = 500  # the length of Interaction.summary
EXTERNAL_ID_MAX = 300  # the length of Interaction.external_id


@dataclass
class RawMessage:
    """One message as read from the source: its header bytes and where it came from."""

    number: int
    header: bytes
    from_date: dt.datetime | None = None  # the date of the mbox "From " line, if any
    filename: str = ""  # the file it came from, in a folder
    error: str = ""  # why it could not be read at all


@dataclass
class Tally:
    """The result being built, and the counts behind its `skipped` lines."""

    result: ParseResult = field(default_factory=ParseResult)
    bulk: int = 0
    from_automated: int = 0
    without_people: int = 0
    automated: set[str] = field(default_factory=set)
    guessed: list[int] = field(default_factory=list)  # messages with headers not in UTF-8

    def problem(self, raw: RawMessage, text: str) -> None:
        ref = f"message {raw.number}"
        where = f"{ref} ({raw.filename})" if raw.filename else ref
        self.result.problems.append(Problem(ref, f"{where} {text}"))


# -- reading header blocks ------------------------------------------------------------------------


def is_blank(line: bytes) -> bool:
    return not line.rstrip(b"\r\n")


def header_block(lines: Iterable[bytes]) -> bytes:
    """The header lines up to the first blank line (at most MAX_HEADER_BYTES of them)."""
    kept, size = [], 0
    for line in lines:
        if is_blank(line) or size > MAX_HEADER_BYTES:
            break
        kept.append(line)
        size += len(line)
    return b"".join(kept)


def from_line_date(line: bytes) -> dt.datetime | None:
    """The date of an mbox "From sender date" line, or None when it has none."""
    parts = line[5:].decode("latin-1").split(None, 1)
    text = parts[1].strip() if len(parts) > 1 else ""
    return to_datetime(text) if text else None


def is_from_line(line: bytes, following: bytes) -> bool:
    """True for an mbox separator: `From sender [date]` followed by a header line.

    A body line like "From Russia with love" is not one: after the sender it has no time of day.
    """
    if not line.startswith(b"From "):
        return False
    parts = line[5:].decode("latin-1").split(None, 1)
    rest = parts[1] if len(parts) > 1 else ""
    return (not rest.strip() or bool(TIME_RE.search(rest))) and bool(HEADER_RE.match(following))


def mbox_messages(lines: Iterable[bytes]) -> Iterator[RawMessage]:
    """Each message of an mbox whose first line is a "From " line, header only, streamed."""
    number, kept, size, in_header, from_date = 0, [], 0, False, None
    for line, following in pairwise(chain(lines, [b""])):
        if number == 0 or is_from_line(line, following):
            if number:
                yield RawMessage(number, b"".join(kept), from_date)
            number, kept, size, in_header = number + 1, [], 0, True
            from_date = from_line_date(line)
        elif in_header and (is_blank(line) or size > MAX_HEADER_BYTES):
            in_header = False
        elif in_header:
            kept.append(line)
            size += len(line)
    if number:
        yield RawMessage(number, b"".join(kept), from_date)


def skip_blank_lines(stream: BinaryIO) -> bytes:
    """The first non-blank line of the stream, without a UTF-8 BOM ("" when there is none)."""
    line = stream.readline().removeprefix(UTF8_BOM)
    while line and is_blank(line):
        line = stream.readline()
    return line


def header_names(block: bytes) -> set[str]:
    """The field names of the header lines a block starts with (lower case)."""
    names: set[str] = set()
    for line in block.splitlines():
        if not line.strip():
            break
        if line[:1] in (b" ", b"\t") and names:
            continue
        match = HEADER_RE.match(line)
        if not match:
            break
        names.add(match[0].rstrip(b": \t").decode("ascii").lower())
    return names


def looks_like_mail(block: bytes) -> bool:
    """True when a block starts with header lines, two of them mail headers (From, Date...)."""
    return len(header_names(block) & MAIL_HEADERS) >= 2


# -- one message ----------------------------------------------------------------------------------


def parse_headers(header: bytes, guesses: Guesses | None = None) -> dict[str, list[str]]:
    """The raw (undecoded, folded) values of each header, by lower-case name; each line UTF-8,
    else Windows-1252 (see encoding), which `guesses` hears of."""
    guesses = guesses or Guesses()
    lines = enumerate(header.splitlines(keepends=True), 1)
    text = "".join(guesses.line(line, number) for number, line in lines)
    message: Message = HeaderParser(policy=default).parsestr(text + "\n", headersonly=True)
    values: dict[str, list[str]] = {}
    for name, value in message.raw_items():
        values.setdefault(name.strip().lower(), []).append(str(value))
    return values


def unfold(value: str) -> str:
    return "".join(value.splitlines())


def decode_words(value: str) -> str:
    """Text with RFC 2047 encoded words decoded and whitespace collapsed."""
    try:
        text = str(default.header_factory("subject", unfold(value)))
    except Exception:  # a broken encoded word: keep the text as it is
        text = value
    return " ".join(text.split())


def first(headers: dict[str, list[str]], name: str) -> str:
    return headers.get(name, [""])[0]


def is_bulk(headers: dict[str, list[str]]) -> bool:
    """True for mailing-list traffic and messages sent by machines."""
    if any(name in headers for name in LIST_HEADERS):
        return True
    if first(headers, "precedence").strip().lower() in BULK_PRECEDENCE:
        return True
    auto = first(headers, "auto-submitted").split(";")[0].strip().lower()
    return "auto-submitted" in headers and auto != "no"


def is_automated(email: str) -> bool:
    """True for addresses no person reads: noreply, mailer-daemon, notifications..."""
    return bool(AUTOMATED_RE.fullmatch(email.rpartition("@")[0]))


def clean_email(address: str) -> str:
    """The address in lower case, or "" when it is not one (no '@', nothing on one side)."""
    email = address.strip().strip("'\"<> ").lower()
    local, _, domain = email.rpartition("@")
    return email if local and domain and not any(ch.isspace() for ch in email) else ""


def clean_name(name: str, email: str) -> str:
    name = decode_words(name).strip("'\" ")
    return "" if name.lower() == email else name


def participants(headers: dict[str, list[str]]) -> list[PersonRef]:
    """From, To, Cc and Bcc as people with their roles, each address once."""
    refs: list[PersonRef] = []
    seen: set[str] = set()
    for name, role in ROLES:
        for display, address in getaddresses([unfold(v) for v in headers.get(name, [])]):
            email = clean_email(address)
            if email and email not in seen:
                seen.add(email)
                refs.append(PersonRef(name=clean_name(display, email), email=email, role=role))
    return refs


def to_datetime(text: str) -> dt.datetime | None:
    """A mail date as a timezone-aware datetime (UTC when it gives no zone), or None."""
    try:
        when = parsedate_to_datetime(unfold(text).strip())
        if when.tzinfo is None:
            when = when.replace(tzinfo=dt.UTC)
        when.astimezone(dt.UTC)  # out of range once moved to UTC: not a usable date
    except Exception:  # the date parser raises several kinds of error on nonsense
        return None
    return when


def message_id(headers: dict[str, list[str]]) -> str:
    """The Message-ID without <>, else a digest of From, Date and Subject; at most 300 long."""
    raw = unfold(first(headers, "message-id")).strip()
    match = MESSAGE_ID_RE.search(raw)
    value = (match[1] if match else raw).strip()
    if not value:
        parts = [unfold(first(headers, n)).strip() for n in ("from", "date", "subject")]
        return hashlib.sha256("\n".join(parts).encode("utf-8", "replace")).hexdigest()
    if len(value) > EXTERNAL_ID_MAX:
        return hashlib.sha256(value.encode("utf-8", "replace")).hexdigest()
    return value


def summary(headers: dict[str, list[str]]) -> str:
    return (decode_words(first(headers, "subject")) or "(no subject)")[:SUMMARY_MAX]


def people_to_keep(refs: list[PersonRef], tally: Tally) -> list[PersonRef] | None:
    """The participants that are people, or None when a machine sent the message."""
    automated = [ref for ref in refs if is_automated(ref.email)]
    tally.automated.update(ref.email for ref in automated)
    if any(ref.role == "from" for ref in automated):
        tally.from_automated += 1
        return None
    return [ref for ref in refs if not is_automated(ref.email)]


def read_message(raw: RawMessage, tally: Tally) -> None:
    """Add the message's interaction to the tally, or count or report why it is left out."""
    guesses = Guesses()
    headers = parse_headers(raw.header, guesses)
    if guesses.lines:
        tally.guessed.append(raw.number)
    if not headers.keys() & {"from", "to", "cc", "date", "subject", "message-id"}:
        tally.problem(raw, "has no mail headers; skipped.")
        return
    if is_bulk(headers):
        tally.bulk += 1
        return
    people = people_to_keep(participants(headers), tally)
    if people is None:
        return
    if not people:
        tally.without_people += 1
        return
    when = to_datetime(first(headers, "date")) or raw.from_date
    if when is None:
        tally.problem(raw, "has no readable Date header; skipped.")
        return
    record = InteractionRecord(
        ref=f"message {raw.number}",
        occurred_at=when,
        kind="email",
        summary=summary(headers),
        external_id=message_id(headers),
        direction="incoming",
        participants=people,
        acquainted=True,
    )
    tally.result.interactions.append(record)


SKIPPED = (
    ("bulk", "1 mailing-list or bulk message skipped", "{} mailing-list or bulk messages skipped"),
    (
        "from_automated",
        "1 message from an automated address skipped",
        "{} messages from automated addresses skipped",
    ),
    ("automated", "1 automated address ignored", "{} automated addresses ignored"),
    (
        "without_people",
        "1 message without participants skipped",
        "{} messages without participants skipped",
    ),
)


def skipped_lines(tally: Tally) -> list[str]:
    """One line per kind of message or address left out, e.g. "4 mailing-list ... skipped"."""
    lines = []
    for attribute, one, many in SKIPPED:
        count = getattr(tally, attribute)
        count = len(count) if isinstance(count, set) else count
        if count:
            lines.append(one if count == 1 else many.format(count))
    return guessed_line(tally.guessed) + lines


def guessed_line(numbers: list[int]) -> list[str]:
    """The note naming the messages whose headers were not UTF-8, or nothing."""
    if not numbers:
        return []
    which = (
        f"message {numbers[0]} has headers"
        if len(numbers) == 1
        else f"{len(numbers)} messages (the first: message {numbers[0]}) have headers"
    )
    return [f"{which} that are not valid UTF-8; read as Windows-1252: check accented names"]


def collect(messages: Iterable[RawMessage]) -> ParseResult:
    """Read every message; a message that breaks the reader is a problem, never an error."""
    tally = Tally()
    for raw in messages:
        if raw.error:
            tally.problem(raw, raw.error)
            continue
        try:
            read_message(raw, tally)
        except Exception as exc:  # one odd message never stops the others
            tally.problem(raw, f"could not be read ({type(exc).__name__}); skipped.")
    tally.result.skipped.extend(skipped_lines(tally))
    return tally.result


# -- files and folders ----------------------------------------------------------------------------


def parse_stream(stream: BinaryIO, filename: str) -> ParseResult:
    """Every message of an mbox, or the one message of an .eml file."""
    line = skip_blank_lines(stream)
    if line.startswith(b"From "):
        return collect(mbox_messages(chain([line], stream)))
    header = header_block(chain([line], stream))
    if not looks_like_mail(header):
        raise ImportFileError(
            f"{filename} is not a mailbox or a mail message: it has no From line or mail headers."
        )
    return collect([RawMessage(1, header)])


def parse_bytes(data: bytes, filename: str) -> ParseResult:
    """parse_stream over bytes in memory; raises only ImportFileError."""
    try:
        return parse_stream(io.BytesIO(data), filename)
    except ImportFileError:
        raise
    except Exception as exc:  # the reader must never leak an unexpected error
        raise ImportFileError(f"{filename} could not be read as mail.") from exc


def is_maildir(path: Path) -> bool:
    return (path / "cur").is_dir() or (path / "new").is_dir()


def eml_files(path: Path) -> list[Path]:
    return sorted(p for p in path.iterdir() if p.suffix.lower() == ".eml" and p.is_file())


def folder_files(path: Path) -> list[Path]:
    """The message files of a Maildir (cur and new, by name) or of a folder of .eml files."""
    if is_maildir(path):
        files = [
            p
            for sub in ("cur", "new")
            if (path / sub).is_dir()
            for p in (path / sub).iterdir()
            if p.is_file() and not p.name.startswith(".")
        ]
        return sorted(files, key=lambda p: (p.name, p.parent.name))
    files = eml_files(path)
    if not files:
        raise ImportFileError(
            f"{path.name} is not a Maildir (it has no cur or new folder) and holds no .eml files."
        )
    return files


def file_message(number: int, path: Path) -> RawMessage:
    """The header of one message file; a leading mbox "From " line gives a fallback date."""
    try:
        with path.open("rb") as stream:
            line = skip_blank_lines(stream)
            from_date = from_line_date(line) if line.startswith(b"From ") else None
            lines = stream if line.startswith(b"From ") else chain([line], stream)
            return RawMessage(number, header_block(lines), from_date, path.name)
    except OSError as exc:
        error = f"cannot be read: {exc.strerror or exc}; skipped."
        return RawMessage(number, b"", filename=path.name, error=error)


def parse_folder(path: Path) -> ParseResult:
    try:
        files = folder_files(path)
    except OSError as exc:
        raise ImportFileError(f"{path.name} cannot be read: {exc.strerror or exc}.") from exc
    return collect(file_message(n, p) for n, p in enumerate(files, start=1))


def parse_file(path: Path) -> ParseResult:
    try:
        with path.open("rb") as stream:
            return parse_stream(stream, path.name)
    except OSError as exc:
        raise ImportFileError(f"{path.name} cannot be read: {exc.strerror or exc}.") from exc


class MailFormat:
    """Mail (mbox, .eml, Maildir) for the import registry."""

    name = "mail"

    def sniff(self, path: Path, head: bytes) -> bool:
        """True for an mbox or mail message head, a Maildir, or a folder of .eml files."""
        path = Path(path)
        if not head:
            try:
                return path.is_dir() and (is_maildir(path) or bool(eml_files(path)))
            except OSError:
                return False
        lines = head.removeprefix(UTF8_BOM).lstrip(b"\r\n").splitlines()
        if lines and lines[0].startswith(b"From "):
            return len(lines) > 1 and bool(HEADER_RE.match(lines[1]))
        return looks_like_mail(b"\n".join(lines))

    def parse(self, path: Path, **options) -> ParseResult:
        path = Path(path)
        try:
            return parse_folder(path) if path.is_dir() else parse_file(path)
        except ImportFileError:
            raise
        except Exception as exc:  # the reader must never leak an unexpected error
            raise ImportFileError(f"{path.name} could not be read as mail.") from exc


FORMAT = MailFormat()

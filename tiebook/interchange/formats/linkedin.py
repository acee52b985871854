"""LinkedIn data export: the whole zip (connections, messages, the rest listed) or Connections."""

from __future__ import annotations

import datetime as dt
import io
import re
import struct
import zipfile
import zlib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from tiebook.interchange.formats import csv_common as cc
from tiebook.interchange.records import (
    ImportFileError,
    InteractionRecord,
    ParseResult,
    PersonRecord,
    PersonRef,
    Problem,
)

CONNECTIONS = "connections.csv"
MESSAGES = "messages.csv"
LATER = {  # files kept for later issues: (noun, header test keys)
    "invitations.csv": ("invitations", {"from", "to", "sentat"}),
    "endorsement_received_info.csv": ("endorsements", {"skillname", "endorserfirstname"}),
    "recommendations_received.csv": ("recommendations", {"firstname", "lastname", "text"}),
}
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    struct.error,
    OSError,
    EOFError,
    ValueError,
    NotImplementedError,
    RuntimeError,
    LookupError,
)


def _has(keys: set[str]) -> cc.HeaderTest:
    return lambda cells: keys <= cc.header_keys(cells)


_is_connections_header = _has({"firstname", "lastname", "connectedon"})
_is_messages_header = _has({"conversationid", "from", "date"})


def profile_url(url: str) -> str:
    """A profile URL with a scheme (endorsement files give `www.linkedin.com/in/...`)."""
    url = url.strip()
    if url and not re.match(r"[a-z][a-z0-9+.-]*://", url, re.I):
        url = "https://" + url
    return url


def url_key(url: str) -> str:
    """Scheme, `www.`, case, query and trailing slash removed: for telling people apart."""
    url = re.sub(r"^[a-z][a-z0-9+.-]*://", "", url.strip().casefold())
    url = url.removeprefix("www.").split("?")[0].split("#")[0]
    return url.rstrip("/")


# ---- Connections.csv ------------------------------------------------------------------------


def _connected_on(person: PersonRecord, raw: str, problems: list[Problem]) -> None:
    try:
        person.connected_on = cc.parse_full_date(raw)
    except (ValueError, OverflowError):
        problems.append(
            Problem(
                person.ref, f"Connected On {raw!r} is not a date; the rest of the row was kept."
            )
        )


def _connection(row: cc.Row, problems: list[Problem]) -> PersonRecord:
    person = PersonRecord(
        ref=row.ref,
        given_name=row.get("firstname"),
        family_name=row.get("lastname"),
        organization=row.get("company"),
        title=row.get("position"),
    )
    cc.add_labeled(person.emails, row.get("emailaddress", "email"))
    url = row.get("url", "profileurl")
    if url:
        cc.add_labeled(person.urls, profile_url(url), "linkedin")
    _connected_on(person, row.get("connectedon"), problems)
    return person


def parse_connections(text: str, name: str) -> ParseResult:
    table = cc.read_table(text, _is_connections_header, name, "a LinkedIn Connections.csv")
    result = ParseResult()
    for row in table.rows:
        cc.finish(_connection(row, result.problems), result.people, result.problems)
    return result


# ---- messages.csv ---------------------------------------------------------------------------


@dataclass
class _Message:
    ref: str
    conversation: str
    date: str
    sender: PersonRef
    recipients: list[PersonRef]
    when: dt.datetime
    summary: str
    everyone: list[PersonRef] = field(default_factory=list)


def _key(person: PersonRef) -> str:
    return url_key(person.profile_url) if person.profile_url else "name:" + person.name.casefold()


def _recipients(row: cc.Row) -> list[PersonRef]:
    names = [n.strip() for n in row.get("to").split(",") if n.strip()]
    urls = [profile_url(u) for u in re.split(r"[,\s]+", row.get("recipientprofileurls")) if u]
    if urls and len(urls) == len(names):
        return [PersonRef(name=n, profile_url=u) for n, u in zip(names, urls, strict=True)]
    if urls:
        return [PersonRef(profile_url=u) for u in urls]
    return [PersonRef(name=n) for n in names]


def _when(text: str) -> dt.datetime:
    text = re.sub(r"\s*(UTC|GMT|Z)$", "", text.strip(), flags=re.I).replace("/", "-")
    value = dt.datetime.fromisoformat(text)
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _summary(row: cc.Row) -> str:
    text = " ".join((row.get("subject") or row.get("content")).split())
    if len(text) > 120:
        text = text[:119] + "…"
    return text or row.get("conversationtitle") or "LinkedIn message"


def _message(row: cc.Row, problems: list[Problem]) -> _Message | None:
    ref = f"{MESSAGES} {row.ref}"
    if row.get("folder").casefold() in {"draft", "drafts"}:
        return None
    try:
        when = _when(row.get("date"))
    except (ValueError, OverflowError):
        problems.append(Problem(ref, f"The message date {row.get('date')!r} is not a date."))
        return None
    sender = PersonRef(name=row.get("from"), profile_url=profile_url(row.get("senderprofileurl")))
    return _Message(
        ref,
        row.get("conversationid"),
        row.get("date"),
        sender,
        _recipients(row),
        when,
        _summary(row),
    )


def _owner(messages: list[_Message]) -> tuple[str, str]:
    """(key, name) of the person taking part in the most conversations (then sending the most)."""
    conversations: dict[str, set[str]] = defaultdict(set)
    sent: dict[str, int] = defaultdict(int)
    names: dict[str, str] = {}
    for message in messages:
        sender_key = _key(message.sender)
        sent[sender_key] += 1
        names.setdefault(sender_key, message.sender.name)
        for person in [message.sender, *message.recipients]:
            if person.profile_url or person.name:
                conversations[_key(person)].add(message.conversation)
    if not sent:
        return "", ""
    owner = max(sent, key=lambda k: (len(conversations[k]), sent[k]))
    return owner, names.get(owner, "")


def _is_owner(person: PersonRef, owner: tuple[str, str]) -> bool:
    key, name = owner
    if person.profile_url:
        return _key(person) == key
    return bool(name) and person.name.casefold() == name.casefold()


def _interaction(message: _Message, owner: tuple[str, str]) -> InteractionRecord:
    participants: list[PersonRef] = []
    seen: set[str] = set()
    for person in [message.sender, *message.recipients]:
        named = person.name or person.profile_url
        if named and not _is_owner(person, owner) and _key(person) not in seen:
            seen.add(_key(person))
            participants.append(person)
    return InteractionRecord(
        ref=message.ref,
        occurred_at=message.when,
        kind="message",
        summary=message.summary,
        external_id=f"linkedin:{message.conversation}:{message.date}:{message.sender.name}",
        direction="outgoing" if _is_owner(message.sender, owner) else "incoming",
        participants=participants,
    )


def parse_messages(text: str, result: ParseResult) -> None:
    try:
        table = cc.read_table(text, _is_messages_header, MESSAGES, "a LinkedIn messages file")
    except ImportFileError as exc:
        result.problems.append(Problem(MESSAGES, f"{exc.message} No messages were imported."))
        return
    messages = [m for row in table.rows if (m := _message(row, result.problems))]
    owner = _owner(messages)
    result.interactions.extend(_interaction(m, owner) for m in messages)


# ---- the zip --------------------------------------------------------------------------------


def _later(text: str, member: str, noun: str, keys: set[str]) -> str:
    try:
        count = len(cc.read_table(text, _has(keys), member, f"a LinkedIn {noun} file").rows)
    except ImportFileError:
        return f"{member}: not a file it recognises, so nothing from it was kept"
    noun = noun.removesuffix("s") if count == 1 else noun
    return f"{member}: {count} {noun} kept for later (not imported yet)"


def _members(archive: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    return {
        PurePosixPath(info.filename).name.casefold(): info
        for info in archive.infolist()
        if info.filename and not info.is_dir()
    }


def _read_archive(archive: zipfile.ZipFile, name: str) -> ParseResult:
    members = _members(archive)
    if CONNECTIONS not in members:
        raise ImportFileError(f"{name} is not a LinkedIn export: it has no Connections.csv.")
    result = parse_connections(cc.decode(archive.read(members[CONNECTIONS])), name)
    for base, info in sorted(members.items(), key=lambda item: item[1].filename):
        member = PurePosixPath(info.filename).name
        if base == CONNECTIONS:
            continue
        if base == MESSAGES:
            parse_messages(cc.decode(archive.read(info)), result)
        elif base in LATER:
            noun, keys = LATER[base]
            result.skipped.append(_later(cc.decode(archive.read(info)), member, noun, keys))
        else:
            result.skipped.append(f"{info.filename}: not used")
    return result


def parse_zip(data: bytes, name: str) -> ParseResult:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return _read_archive(archive, name)
    except ZIP_ERRORS as exc:
        raise ImportFileError(f"{name} is not a readable LinkedIn export zip ({exc}).") from exc


class LinkedInFormat:
    """LinkedIn: the export zip, or Connections.csv on its own."""

    name = "linkedin"

    def sniff(self, path: Path, head: bytes) -> bool:
        try:
            if head.startswith(b"PK\x03\x04"):
                with zipfile.ZipFile(path) as archive:
                    return CONNECTIONS in _members(archive)
            return cc.sniff_header(head, _is_connections_header)
        except Exception:  # sniffing never breaks detection of the other formats
            return False

    def parse(self, path: Path) -> ParseResult:
        path = Path(path)
        data = cc.read_bytes(path)
        if data.startswith(b"PK") or path.suffix.casefold() == ".zip":
            return parse_zip(data, path.name)
        return parse_connections(cc.decode(data), path.name)


FORMAT = LinkedInFormat()

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
    VouchRecord,
)

CONNECTIONS = "connections.csv"
MESSAGES = "messages.csv"
INVITATIONS = "invitations.csv"
ENDORSEMENTS = "endorsement_received_info.csv"
RECOMMENDATIONS = "recommendations_received.csv"
_US_MOMENT = ("%m/%d/%y, %I:%M %p", "%m/%d/%Y, %I:%M %p", "%m/%d/%y %I:%M %p", "%m/%d/%y")
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
    """'2023-01-05 10:00:00 UTC', '2023/06/05 15:47:58 UTC', or the US '3/2/24, 9:14 AM'."""
    text = re.sub(r"\s*(UTC|GMT|Z)$", "", text.strip(), flags=re.I)
    for layout in _US_MOMENT:
        try:
            return dt.datetime.strptime(text, layout).replace(tzinfo=dt.UTC)
        except ValueError:
            pass
    value = dt.datetime.fromisoformat(text.replace("/", "-"))
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


def _table(text: str, member: str, keys: set[str], what: str, result: ParseResult):
    try:
        return cc.read_table(text, _has(keys), member, f"a LinkedIn {what} file")
    except ImportFileError as exc:
        result.problems.append(Problem(member, f"{exc.message} Nothing from it was imported."))
        return None


def _moment(row: cc.Row, column: str, ref: str, result: ParseResult) -> dt.datetime | None:
    raw = row.get(column)
    try:
        return _when(raw)
    except (ValueError, OverflowError):
        result.problems.append(Problem(ref, f"{raw!r} is not a date; the row was skipped."))
        return None


def parse_invitations(text: str, member: str, result: ParseResult) -> None:
    """Invitations to connect, sent and received, with their note: interactions."""
    table = _table(text, member, {"from", "to", "sentat"}, "invitations", result)
    for row in table.rows if table else ():
        ref = f"{member} {row.ref}"
        when = _moment(row, "sentat", ref, result)
        if when is None:
            continue
        outgoing = row.get("direction").casefold() == "outgoing"
        other = PersonRef(
            name=row.get("to") if outgoing else row.get("from"),
            profile_url=profile_url(
                row.get("inviteeprofileurl") if outgoing else row.get("inviterprofileurl")
            ),
        )
        note = " ".join(row.get("message").split())
        result.interactions.append(
            InteractionRecord(
                ref=ref,
                occurred_at=when,
                kind="message",
                summary=f"Invitation to connect: {note}" if note else "Invitation to connect",
                external_id=f"linkedin-invitation:{row.get('sentat')}:{_key(other)}",
                direction="outgoing" if outgoing else "incoming",
                participants=[other],
            )
        )


def parse_endorsements(text: str, member: str, result: ParseResult) -> None:
    """Skills others endorsed the owner for: vouches."""
    table = _table(text, member, {"skillname", "endorserfirstname"}, "endorsements", result)
    for row in table.rows if table else ():
        ref = f"{member} {row.ref}"
        when = _moment(row, "endorsementdate", ref, result) if row.get("endorsementdate") else None
        person = PersonRef(
            name=cc.join_parts(row.get("endorserfirstname"), row.get("endorserlastname")),
            profile_url=profile_url(row.get("endorserpublicurl")),
        )
        skill = row.get("skillname").strip()
        if skill and (person.name or person.profile_url):
            result.vouches.append(
                VouchRecord(
                    ref=ref,
                    kind="endorsement",
                    person=person,
                    skill=skill,
                    given_on=when.date() if when else None,
                    external_id=f"linkedin-endorsement:{_key(person)}:{skill.casefold()}",
                )
            )


def parse_recommendations(text: str, member: str, result: ParseResult) -> None:
    """Recommendations others wrote for the owner: vouches (matched by name)."""
    table = _table(text, member, {"firstname", "lastname", "text"}, "recommendations", result)
    for row in table.rows if table else ():
        ref = f"{member} {row.ref}"
        raw = row.get("creationdate")
        when = _moment(row, "creationdate", ref, result) if raw else None
        person = PersonRef(name=cc.join_parts(row.get("firstname"), row.get("lastname")))
        body = row.get("text").strip()
        if person.name and body:
            result.vouches.append(
                VouchRecord(
                    ref=ref,
                    kind="recommendation",
                    person=person,
                    text=body,
                    given_on=when.date() if when else None,
                    external_id=f"linkedin-recommendation:{_key(person)}:{raw}",
                )
            )


READERS = {
    MESSAGES: lambda text, member, result: parse_messages(text, result),
    INVITATIONS: parse_invitations,
    ENDORSEMENTS: parse_endorsements,
    RECOMMENDATIONS: parse_recommendations,
}


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
    connections, notes = members[CONNECTIONS], []
    text = cc.decode(archive.read(connections), PurePosixPath(connections.filename).name, notes)
    result = parse_connections(text, name)
    result.skipped[:0] = notes
    for base, info in sorted(members.items(), key=lambda item: item[1].filename):
        member = PurePosixPath(info.filename).name
        if base == CONNECTIONS:
            continue
        if base in READERS:
            READERS[base](cc.decode(archive.read(info), member, result.skipped), member, result)
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
        notes: list[str] = []
        result = parse_connections(cc.decode(data, path.name, notes), path.name)
        result.skipped[:0] = notes
        return result


FORMAT = LinkedInFormat()

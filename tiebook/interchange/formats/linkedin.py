"""LinkedIn data export: the whole zip (connections, messages, the rest listed) or Connections."""

from __future__ import annotations

import datetime as dt
import re
import struct
import zipfile
import zlib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from tiebook.interchange import limits
from tiebook.interchange.formats import archive as archive_checks
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


_SCHEME = re.compile(r"[a-z][a-z0-9+.-]*://", re.I)


def profile_url(url: str) -> str:
    """A profile URL with a scheme (endorsement files give `www.linkedin.com/in/...`)."""
    url = url.strip()
    if url and not _SCHEME.match(url):
        url = "https://" + url
    return url


def url_key(url: str) -> str:
    """Scheme, `www.`, case, query and trailing slash removed: for telling people apart."""
    url = re.sub(r"^[a-z][a-z0-9+.-]*://", "", url.strip().casefold())
    url = url.removeprefix("www.").split("?")[0].split("#")[0]
    return url.rstrip("/")


# ---- Connections.csv ------------------------------------------------------------------------


def _connected_on(
    person: PersonRecord, raw: str, problems: list[Problem], days: dict[str, dt.date | None]
) -> None:
    """The day the connection began; `days` remembers the days read (thousands share one)."""
    if raw in days:
        person.connected_on = days[raw]
        return
    try:
        person.connected_on = days[raw] = cc.parse_full_date(raw)
    except (ValueError, OverflowError):
        problems.append(
            Problem(
                person.ref, f"Connected On {raw!r} is not a date; the rest of the row was kept."
            )
        )


def _connection(row: cc.Row, problems: list[Problem], days: dict) -> PersonRecord:
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
    _connected_on(person, row.get("connectedon"), problems, days)
    return person


def parse_connections(source: cc.Source) -> ParseResult:
    table = cc.read_table(source, _is_connections_header, "a LinkedIn Connections.csv")
    result, days = ParseResult(), {}
    for row in table.rows:
        cc.finish(_connection(row, result.problems, days), result.people, result.problems)
    result.skipped[:0] = table.note(source.name)
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


def parse_messages(source: cc.Source, result: ParseResult) -> None:
    try:
        table = cc.read_table(source, _is_messages_header, "a LinkedIn messages file")
    except cc.NotATable as exc:
        result.problems.append(Problem(MESSAGES, f"{exc.message} No messages were imported."))
        return
    messages = [m for row in table.rows if (m := _message(row, result.problems))]
    result.skipped.extend(table.note(source.name))
    owner = _owner(messages)
    result.interactions.extend(_interaction(m, owner) for m in messages)


# ---- the zip --------------------------------------------------------------------------------


def _table(source: cc.Source, keys: set[str], what: str, result: ParseResult):
    try:
        return cc.read_table(source, _has(keys), f"a LinkedIn {what} file")
    except cc.NotATable as exc:
        result.problems.append(Problem(source.name, f"{exc.message} Nothing from it was imported."))
        return None


def _moment(row: cc.Row, column: str, ref: str, result: ParseResult) -> dt.datetime | None:
    raw = row.get(column)
    try:
        return _when(raw)
    except (ValueError, OverflowError):
        result.problems.append(Problem(ref, f"{raw!r} is not a date; the row was skipped."))
        return None


def parse_invitations(source: cc.Source, result: ParseResult) -> None:
    """Invitations to connect, sent and received, with their note: interactions."""
    table = _table(source, {"from", "to", "sentat"}, "invitations", result)
    for row in table.rows if table else ():
        ref = f"{source.name} {row.ref}"
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
    if table:
        result.skipped.extend(table.note(source.name))


def parse_endorsements(source: cc.Source, result: ParseResult) -> None:
    """Skills others endorsed the owner for: vouches."""
    table = _table(source, {"skillname", "endorserfirstname"}, "endorsements", result)
    for row in table.rows if table else ():
        ref = f"{source.name} {row.ref}"
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
    if table:
        result.skipped.extend(table.note(source.name))


def parse_recommendations(source: cc.Source, result: ParseResult) -> None:
    """Recommendations others wrote for the owner: vouches (matched by name)."""
    table = _table(source, {"firstname", "lastname", "text"}, "recommendations", result)
    for row in table.rows if table else ():
        ref = f"{source.name} {row.ref}"
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
    if table:
        result.skipped.extend(table.note(source.name))


READERS = {
    MESSAGES: parse_messages,
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


def _read_archive(archive: zipfile.ZipFile, name: str, budget: limits.Budget) -> ParseResult:
    members = _members(archive)
    if CONNECTIONS not in members:
        raise ImportFileError(f"{name} is not a LinkedIn export: it has no Connections.csv.")
    used = {base: info for base, info in members.items() if base == CONNECTIONS or base in READERS}
    archive_checks.check_sizes(name, list(used.values()))

    def source(info: zipfile.ZipInfo) -> cc.Source:
        member = PurePosixPath(info.filename).name
        return cc.Source(member, archive_checks.member_opener(archive, info, name), budget)

    result = parse_connections(source(members[CONNECTIONS]))
    for base, info in sorted(members.items(), key=lambda item: item[1].filename):
        if base in used and base != CONNECTIONS:
            READERS[base](source(info), result)
        elif base not in used:
            result.skipped.append(f"{info.filename}: not used")
    return result


def parse_zip(path: Path, budget: limits.Budget) -> ParseResult:
    try:
        with archive_checks.open_zip(path) as archive:
            return _read_archive(archive, path.name, budget)
    except ZIP_ERRORS as exc:
        raise ImportFileError(
            f"{path.name} is not a readable LinkedIn export zip ({exc})."
        ) from exc


class LinkedInFormat:
    """LinkedIn: the export zip, or Connections.csv on its own."""

    name = "linkedin"

    def sniff(self, path: Path, head: bytes) -> bool:
        try:
            if head.startswith(b"PK\x03\x04"):
                with archive_checks.open_zip(path) as archive:
                    return CONNECTIONS in _members(archive)
            return cc.sniff_header(head, _is_connections_header)
        except ImportFileError:  # a zip too big to look into: parse says so
            return True
        except Exception:  # sniffing never breaks detection of the other formats
            return False

    def parse(self, path: Path, budget: limits.Budget | None = None) -> ParseResult:
        path = Path(path)
        budget = budget or limits.Budget(limits.CLI, path.name)
        try:
            with path.open("rb") as handle:
                zipped = handle.read(2) == b"PK"
        except OSError as exc:
            raise ImportFileError(f"{path.name} cannot be read ({exc.strerror or exc}).") from exc
        if zipped or path.suffix.casefold() == ".zip":
            return parse_zip(path, budget)
        return parse_connections(cc.Source.file(path, budget))


FORMAT = LinkedInFormat()

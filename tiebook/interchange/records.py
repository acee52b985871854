"""What every importer produces and every exporter consumes: plain records, no ORM.

A format module turns a file into a ParseResult (people and interactions, each with the line or
card it came from, plus per-record problems); the matching engine decides what each record means
for the owner's network. Adding a format is one module and one registry line.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from tiebook.core.errors import ValidationError


class ImportFileError(ValidationError):
    """The file is not what it claims to be, or cannot be read at all (nothing is imported)."""


@dataclass(frozen=True)
class Labeled:
    value: str
    label: str = ""  # "work", "home", "mobile", an X-ABLabel...


@dataclass
class PersonRecord:
    ref: str  # where it came from, for messages: "line 12", "card 3"
    name: str = ""  # display name as the source gives it
    given_name: str = ""
    family_name: str = ""
    nickname: str = ""
    organization: str = ""
    title: str = ""
    department: str = ""
    emails: list[Labeled] = field(default_factory=list)
    phones: list[Labeled] = field(default_factory=list)
    urls: list[Labeled] = field(default_factory=list)  # web sites and social profiles
    addresses: list[Labeled] = field(default_factory=list)
    birthday: tuple[int | None, int | None, int | None] | None = None  # (year, month, day)
    notes: str = ""
    tags: list[str] = field(default_factory=list)  # groups, labels, categories
    types: list[str] = field(default_factory=list)  # connection type codes, if the source says
    connected_on: dt.date | None = None  # when the connection began (LinkedIn "Connected On")
    photo: bytes | None = None
    external_id: str = ""  # the source's own id (vCard UID), when it has one

    def display_name(self) -> str:
        """The best name the record offers: the name, else given + family, else an email."""
        if self.name.strip():
            return " ".join(self.name.split())
        # Given then family name, single-spaced (read for every record: kept quick).
        joined = self.given_name.split() + self.family_name.split()
        if joined:
            return " ".join(joined)
        if self.nickname.strip():
            return self.nickname.strip()
        return self.emails[0].value if self.emails else ""


SENDER_ROLES = ("from", "organizer")


@dataclass(frozen=True)
class PersonRef:
    """Someone taking part in an interaction, as the source names them.

    The owner may be among them (their own addresses, set with `tiebook me --email`): the
    import engine drops them from the people, and reads the direction from them: a message
    from, or a meeting organised by, the owner is outgoing; from anyone else, incoming.
    """

    name: str = ""
    email: str = ""
    profile_url: str = ""
    role: str = ""  # from, to, cc (mail); organizer, attendee (meetings); "" when unknown
    status: str = ""  # meetings: accepted, declined, tentative, needs-action; "" when unknown


@dataclass
class InteractionRecord:
    ref: str
    occurred_at: dt.datetime  # timezone-aware
    kind: str  # meeting, call, message, email, meal, event, note
    summary: str
    external_id: str  # stable id in the source, so a re-import changes nothing
    direction: str = "outgoing"  # outgoing, incoming, mutual; when no participant is a sender
    participants: list[PersonRef] = field(default_factory=list)
    # The participants know one another (people on the same mail): the engine records a
    # "knows" tie between each pair of them, for small groups only.
    acquainted: bool = False


@dataclass
class VouchRecord:
    """Someone vouching for the owner: an endorsement of a skill, or a recommendation."""

    ref: str
    kind: str  # endorsement, recommendation
    person: PersonRef
    external_id: str
    given_on: dt.date | None = None
    skill: str = ""
    text: str = ""


@dataclass(frozen=True)
class Problem:
    ref: str  # "card 4", "line 17"
    message: str  # one sentence


@dataclass
class ParseResult:
    people: list[PersonRecord] = field(default_factory=list)
    interactions: list[InteractionRecord] = field(default_factory=list)
    vouches: list[VouchRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # e.g. files in a zip that are not used


class Format(Protocol):
    """One import format: `name` for the CLI, `sniff` to auto-detect, `parse` to read."""

    name: str

    def sniff(self, path: Path, head: bytes) -> bool: ...

    def parse(self, path: Path, **options) -> ParseResult: ...

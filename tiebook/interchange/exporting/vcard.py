"""vCard 4.0 (RFC 6350) export: one card per person, CRLF, folded at 75 octets, UTF-8."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable
from typing import BinaryIO

import tiebook
from tiebook.interchange.exporting.base import PeopleExporter
from tiebook.interchange.exporting.people import ExportContact, ExportPerson, ExportTie

PRODID = f"-//tiebook//tiebook {tiebook.__version__}//EN"
LINE_OCTETS = 75
# Label words that are vCard TYPE values (RFC 6350 6.4.1, 6.4.3); "mobile" is spelled "cell".
TYPE_WORDS = {
    "work": "work",
    "home": "home",
    "mobile": "cell",
    "cell": "cell",
    "fax": "fax",
    "pager": "pager",
    "voice": "voice",
    "text": "text",
    "video": "video",
    "textphone": "textphone",
}
# Relationship kinds as RFC 6350 RELATED types (6.6.6); tiebook's finer kinds share the nearest.
RELATED_TYPES = {
    "knows": "acquaintance",
    "colleague_of": "co-worker",
    "reports_to": "co-worker",
    "introduced": "contact",
    "family": "kin",
    "mentor_of": "colleague",
}
PROPERTIES = (("EMAIL", ("email",)), ("TEL", ("phone",)), ("URL", ("social", "url")))
_NEWLINES = re.compile(r"\r\n|\r|\n")


def escape(text: str) -> str:
    """A text value with backslash, comma, semicolon and newlines escaped (RFC 6350 3.4)."""
    text = text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    if "\n" in text or "\r" in text:  # rare, and the pattern costs more than the test
        text = _NEWLINES.sub(r"\\n", text)
    return text


def components(*parts: str) -> str:
    """A structured value (N, ORG, ADR): each part escaped, joined by semicolons."""
    return ";".join(escape(part) for part in parts)


def fold(line: str, limit: int = LINE_OCTETS) -> str:
    """The line folded so that no physical line passes `limit` octets of UTF-8, CRLF aside.

    Continuation lines start with a space, which counts; a character is never split, so the
    limit leaves room for the longest (4 octets) after the space."""
    if limit < 5:
        raise ValueError(f"A line cannot be folded to less than 5 octets; got {limit}.")
    if line.isascii():  # one octet a character: cut by slicing
        if len(line) <= limit:
            return line
        rest = range(limit, len(line), limit - 1)
        return "\r\n ".join([line[:limit], *(line[i : i + limit - 1] for i in rest)])
    data = line.encode("utf-8")
    return line if len(data) <= limit else _fold_octets(data, limit).decode("utf-8")


def _fold_octets(data: bytes, limit: int) -> bytes:
    pieces, start, room = [], 0, limit
    while len(data) - start > room:
        end = start + room
        while data[end] & 0xC0 == 0x80:  # inside a character: cut before it
            end -= 1
        pieces.append(data[start:end])
        start, room = end, limit - 1
    pieces.append(data[start:])
    return b"\r\n ".join(pieces)


def birthday_value(birthday: tuple[int | None, int | None, int | None] | None) -> str:
    """RFC 6350 4.3.1, basic format: 19850412, --0412 (no year), 1985-04, 1985, --04, ---12."""
    if birthday is None:
        return ""
    year, month, day = birthday
    if year and month and day:
        return f"{year:04d}{month:02d}{day:02d}"
    if month and day:
        return f"--{month:02d}{day:02d}"
    if year and month:
        return f"{year:04d}-{month:02d}"
    if year:
        return f"{year:04d}"
    if month:
        return f"--{month:02d}"
    return f"---{day:02d}" if day else ""


def timestamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def label_types(label: str) -> list[str] | None:
    """TYPE values saying the label, [] for no label, None when TYPE cannot say it."""
    types = _label_types(label)
    return None if types is None else list(types)


@functools.lru_cache(maxsize=1024)  # a network has few labels, used over and over
def _label_types(label: str) -> tuple[str, ...] | None:
    words = label.casefold().split()
    if not all(word in TYPE_WORDS for word in words):
        return None
    return tuple(dict.fromkeys(TYPE_WORDS[word] for word in words))


class _Card:
    """The content lines of one card, unfolded; custom labels go in Apple-style item groups."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.groups = 0

    def add(self, name: str, value: str, *params: str) -> None:
        if params:
            name = ";".join((name, *params))
        self.lines.append(f"{name}:{value}")

    def contact(self, name: str, value: str, point: ExportContact) -> None:
        params = []
        types = _label_types(point.label)
        if types:
            params.append("TYPE=" + ",".join(types))
        if point.primary:
            params.append("PREF=1")
        if types is None:  # a label of the user's own: Apple's X-ABLabel, which importers read
            self.groups += 1
            group = f"item{self.groups}"
            self.add(f"{group}.{name}", value, *params)
            self.add(f"{group}.X-ABLABEL", escape(point.label))
        else:
            self.add(name, value, *params)


def _contacts(card: _Card, person: ExportPerson) -> None:
    for name, kinds in PROPERTIES:
        for point in person.contacts_of(*kinds):
            # URL values are URIs, never escaped; EMAIL and TEL are text.
            value = point.value if name == "URL" else escape(point.value)
            card.contact(name, value, point)
    for point in person.contacts_of("address"):
        # The address is one free text: the street component holds it all.
        card.contact("ADR", components("", "", point.value, "", "", "", ""), point)


def related_line(tie: ExportTie) -> tuple[str, str, tuple[str, ...]]:
    """A person in the same export by their UID; anyone else by name, as text."""
    kind = f"TYPE={RELATED_TYPES[tie.kind]}"
    if tie.exported:
        return "RELATED", f"urn:uuid:{tie.uid}", (kind,)
    return "RELATED", escape(tie.name), ("VALUE=text", kind)


def card_lines(person: ExportPerson) -> list[str]:
    """The card's content lines, in order, unfolded and without line ends."""
    card = _Card()
    card.add("BEGIN", "VCARD")
    card.add("VERSION", "4.0")
    card.add("PRODID", PRODID)
    card.add("UID", f"urn:uuid:{person.uid}")
    card.add("REV", timestamp(person.updated_at))
    card.add("FN", escape(person.name))
    card.add("N", components(person.family_name, person.given_name, "", "", ""))
    if person.nickname:
        card.add("NICKNAME", escape(person.nickname))
    if person.organization or person.department:
        parts = [person.organization] + ([person.department] if person.department else [])
        card.add("ORG", components(*parts))
    if person.title:
        card.add("TITLE", escape(person.title))
    _contacts(card, person)
    if bday := birthday_value(person.birthday):
        card.add("BDAY", bday)
    categories = list(dict.fromkeys([*person.type_labels, *person.tags]))
    if categories:
        card.add("CATEGORIES", ",".join(escape(c) for c in categories))
    for name, value, params in dict.fromkeys(related_line(tie) for tie in person.ties):
        card.add(name, value, *params)
    if person.notes:
        card.add("NOTE", escape(person.notes))
    card.add("END", "VCARD")
    return card.lines


def card_text(person: ExportPerson) -> str:
    """One whole card: every line folded and ended by CRLF."""
    return "\r\n".join(map(fold, card_lines(person))) + "\r\n"


class VCardExporter(PeopleExporter):
    name = "vcard"

    def write(self, out: BinaryIO, people: Iterable[ExportPerson]) -> int:
        count = 0
        for person in people:
            out.write(card_text(person).encode("utf-8"))
            count += 1
        return count


EXPORTER = VCardExporter()

"""vCard 2.1, 3.0 and 4.0 import: each card of a file becomes a PersonRecord."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parseaddr
from pathlib import Path

from tiebook.interchange.formats.encoding import Guesses
from tiebook.interchange.formats.vcard_lines import (
    UTF8_BOM,
    UTF16_BOMS,
    Card,
    Prop,
    decode_value,
    guess_charset,
    physical_lines,
    resolve,
    split_cards,
    to_text,
)
from tiebook.interchange.records import (
    ImportFileError,
    Labeled,
    ParseResult,
    PersonRecord,
    Problem,
)

APPLE_LABEL_RE = re.compile(r"_\$!<(.*)>!\$_")
WORD_RE = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
BDAY_RE = re.compile(r"^(\d{4}|--)-?(\d{1,2})-?(\d{1,2})")
NO_YEAR = {0, 1604}  # Apple writes 1604 for a birthday without a year
IGNORED_TYPES = {"pref", "internet", "voice", "x400", "msg", "text", "postal", "parcel", "dom"}
IGNORED_TYPES |= {"intl", "jpeg", "jpg", "png", "gif", "x509", "pgp"}
TYPE_ALIASES = {"cell": "mobile", "iphone": "mobile", "x-mobile": "mobile", "homepage": "home"}


@dataclass
class CardContext:
    """What every property handler of one card needs beyond the property itself."""

    charset: str
    guesses: Guesses
    labels: dict[str, str] = field(default_factory=dict)  # group -> X-ABLabel
    notes: list[str] = field(default_factory=list)

    def text(self, prop: Prop) -> str:
        return decode_value(prop, self.charset, self.guesses)


def unescape(value: str) -> str:
    """Undo vCard backslash escapes: \\n, \\, \\; \\\\ and the stray \\: of Google exports."""
    if "\\" not in value:
        return value
    return re.sub(r"\\(.)", lambda m: "\n" if m[1] in "nN" else m[1], value, flags=re.S)


def split_escaped(value: str, sep: str) -> list[str]:
    """Split on `sep` where it is not escaped, then unescape each part."""
    if "\\" not in value:
        return [part.strip() for part in value.split(sep)]
    parts, buf, index = [], [], 0
    while index < len(value):
        char = value[index]
        if char == "\\" and index + 1 < len(value):
            buf.append(value[index : index + 2])
            index += 2
            continue
        if char == sep:
            parts.append("".join(buf))
            buf = []
        else:
            buf.append(char)
        index += 1
    parts.append("".join(buf))
    return [unescape(part).strip() for part in parts]


def clean_label(label: str) -> str:
    """An X-ABLabel as a plain label: `_$!<HomePage>!$_` -> "home page"; custom ones kept."""
    label = label.strip()
    match = APPLE_LABEL_RE.fullmatch(label)
    if not match:
        return label
    return " ".join(WORD_RE.findall(match[1])).lower() or match[1].strip().lower()


def type_label(types: list[str]) -> str:
    """The label the TYPE parameters give: "mobile", "work", "home fax"..."""
    kinds = [TYPE_ALIASES.get(t, t) for t in types if t not in IGNORED_TYPES]
    if "fax" in kinds:
        others = [k for k in kinds if k != "fax"]
        return f"{others[0]} fax" if others else "fax"
    if "mobile" in kinds:
        return "mobile"
    return kinds[0] if kinds else ""


def _label(prop: Prop, ctx: CardContext) -> str:
    return (ctx.labels.get(prop.group, "") if prop.group else "") or type_label(prop.types())


def _add(items: list[Labeled], value: str, label: str) -> None:
    if value and all(item.value != value for item in items):
        items.append(Labeled(value, label))


def on_fn(rec: PersonRecord, prop: Prop, ctx: CardContext) -> None:
    rec.name = rec.name or " ".join(unescape(ctx.text(prop)).split())


def on_n(rec: PersonRecord, prop: Prop, ctx: CardContext) -> None:
    if rec.family_name or rec.given_name:
        return
    parts = [*split_escaped(ctx.text(prop), ";"), "", ""]
    rec.family_name, rec.given_name = parts[0], parts[1]


def on_nickname(rec: PersonRecord, prop: Prop, ctx: CardContext) -> None:
    names = [n for n in split_escaped(ctx.text(prop), ",") if n]
    rec.nickname = rec.nickname or (names[0] if names else "")


def on_org(rec: PersonRecord, prop: Prop, ctx: CardContext) -> None:
    if rec.organization:
        return
    parts = [*split_escaped(ctx.text(prop), ";"), ""]
    rec.organization, rec.department = parts[0], parts[1]


def on_title(rec: PersonRecord, prop: Prop, ctx: CardContext) -> None:
    rec.title = rec.title or unescape(ctx.text(prop)).strip()


def on_email(rec: PersonRecord, prop: Prop, ctx: CardContext) -> None:
    value = unescape(ctx.text(prop)).strip()
    if "<" in value:
        value = parseaddr(value)[1]
    value = re.sub(r"(?i)^mailto:", "", value).strip()
    if "@" in value:
        _add(rec.emails, value, _label(prop, ctx))


def on_tel(rec: PersonRecord, prop: Prop, ctx: CardContext) -> None:
    value = re.sub(r"(?i)^tel:", "", unescape(ctx.text(prop)).strip())
    value = re.sub(r"(?i);ext=", " ext. ", value).strip()
    if any(ch.isalnum() for ch in value):
        _add(rec.phones, value, _label(prop, ctx))


def on_url(rec: PersonRecord, prop: Prop, ctx: CardContext) -> None:
    _add(rec.urls, unescape(ctx.text(prop)).strip(), _label(prop, ctx))


def on_social(rec: PersonRecord, prop: Prop, ctx: CardContext) -> None:
    value = unescape(ctx.text(prop)).strip() or prop.param("X-USER").strip()
    _add(rec.urls, value, _label(prop, ctx) or "social")


def on_adr(rec: PersonRecord, prop: Prop, ctx: CardContext) -> None:
    parts = split_escaped(ctx.text(prop), ";")
    lines = [", ".join(p.strip() for p in part.splitlines() if p.strip()) for part in parts]
    _add(rec.addresses, ", ".join(line for line in lines if line), _label(prop, ctx))


def parse_birthday(value: str) -> tuple[int | None, int, int] | None:
    """(year, month, day) from 1980-03-22, 19800322, --0315, --03-15 or 0000-03-15."""
    match = BDAY_RE.match(value.strip())
    if not match:
        return None
    year = None if match[1] == "--" or int(match[1]) in NO_YEAR else int(match[1])
    month, day = int(match[2]), int(match[3])
    try:
        dt.date(year or 2000, month, day)  # 2000 is a leap year, so 29 February passes
    except ValueError:
        return None
    return year, month, day


def on_bday(rec: PersonRecord, prop: Prop, ctx: CardContext) -> None:
    rec.birthday = rec.birthday or parse_birthday(unescape(ctx.text(prop)))


def on_note(rec: PersonRecord, prop: Prop, ctx: CardContext) -> None:
    note = unescape(ctx.text(prop)).replace("\r\n", "\n").strip()
    if note:
        ctx.notes.append(note)


def on_categories(rec: PersonRecord, prop: Prop, ctx: CardContext) -> None:
    for tag in unescape(ctx.text(prop)).split(","):
        if tag.strip() and tag.strip() not in rec.tags:
            rec.tags.append(tag.strip())


def on_uid(rec: PersonRecord, prop: Prop, ctx: CardContext) -> None:
    rec.external_id = rec.external_id or unescape(ctx.text(prop)).strip()


def photo_bytes(prop: Prop) -> bytes | None:
    """The decoded picture, or None when it is a link or not valid base64."""
    value = prop.raw.strip()
    if value.lower().startswith("data:"):
        header, _, value = value.partition(",")
        if ";base64" not in header.lower():
            return None
    elif prop.encoding not in ("B", "BASE64") and prop.param("VALUE").lower() != "binary":
        return None
    try:
        data = base64.b64decode(re.sub(r"\s+", "", value), validate=True)
    except (binascii.Error, ValueError):
        return None
    return data or None


def on_photo(rec: PersonRecord, prop: Prop, ctx: CardContext) -> None:
    rec.photo = rec.photo or photo_bytes(prop)


Handler = Callable[[PersonRecord, Prop, CardContext], None]
HANDLERS: dict[str, Handler] = {
    "FN": on_fn,
    "N": on_n,
    "NICKNAME": on_nickname,
    "ORG": on_org,
    "TITLE": on_title,
    "EMAIL": on_email,
    "TEL": on_tel,
    "URL": on_url,
    "X-SOCIALPROFILE": on_social,
    "ADR": on_adr,
    "BDAY": on_bday,
    "NOTE": on_note,
    "CATEGORIES": on_categories,
    "UID": on_uid,
    "PHOTO": on_photo,
}


def card_record(card: Card, charset: str, guesses: Guesses) -> PersonRecord:
    """The PersonRecord one readable card describes."""
    ctx = CardContext(charset, guesses)
    for prop in card.props:
        if prop.name == "X-ABLABEL" and prop.group:
            ctx.labels[prop.group] = clean_label(unescape(ctx.text(prop)))
    record = PersonRecord(ref=f"card {card.number}")
    for prop in card.props:
        handler = HANDLERS.get(prop.name)
        if handler is not None:
            handler(record, prop, ctx)
    record.notes = "\n\n".join(ctx.notes)
    return record


def has_identity(record: PersonRecord) -> bool:
    names = (record.name, record.given_name, record.family_name, record.nickname)
    return any(n.strip() for n in names) or bool(record.emails) or bool(record.phones)


def read_card(card: Card, charset: str, guesses: Guesses, result: ParseResult) -> None:
    """Add the card's person to `result`, or the problem that keeps it out."""
    ref = f"card {card.number}"
    if card.garbage:
        line = card.garbage[0]
        message = f"{ref} has a line that is not a vCard property (line {line}); skipped."
        result.problems.append(Problem(ref, message))
        return
    record = card_record(card, charset, guesses)
    if has_identity(record):
        result.people.append(record)
    else:
        result.problems.append(Problem(ref, f"{ref} has no name, email or phone; skipped."))


def read_bytes(path: Path) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise ImportFileError(f"{Path(path).name} cannot be read: {exc.strerror or exc}.") from exc


def parse_bytes(data: bytes, filename: str) -> ParseResult:
    """Every card of a vCard file's bytes; raises ImportFileError when it holds no card."""
    try:
        cards = split_cards(to_text(data))
        charset = guess_charset(data)
    except Exception as exc:  # the line reader must never leak an unexpected error
        raise ImportFileError(f"{filename} could not be read as a vCard file.") from exc
    if not cards:
        raise ImportFileError(f"{filename} is not a vCard file: it has no BEGIN:VCARD line.")
    result, guesses = ParseResult(), Guesses()
    for card, problem in resolve(cards):
        if problem:
            result.problems.append(Problem(f"card {card.number}", problem))
            continue
        try:
            read_card(card, charset, guesses, result)
        except Exception as exc:  # one odd card never stops the others
            message = f"card {card.number} could not be read ({type(exc).__name__}); skipped."
            result.problems.append(Problem(f"card {card.number}", message))
    result.people.sort(key=lambda r: int(r.ref.split()[1]))
    result.problems.sort(key=lambda p: int(p.ref.split()[1]))
    result.skipped[:0] = guesses.note(filename)
    return result


class VCardFormat:
    """The vCard format for the import registry."""

    name = "vcard"

    def sniff(self, path: Path, head: bytes) -> bool:
        """True when the first non-blank line is BEGIN:VCARD (any case, BOM allowed)."""
        if head[:2] in UTF16_BOMS:
            head = head.decode("utf-16", errors="ignore").encode("utf-8")
        text = head.removeprefix(UTF8_BOM).decode("latin-1")
        for line in physical_lines(text):
            if line.strip():
                return line.strip().upper() == "BEGIN:VCARD"
        return False

    def parse(self, path: Path) -> ParseResult:
        return parse_bytes(read_bytes(path), Path(path).name)


FORMAT = VCardFormat()

"""Line-level vCard reading: unfold, split properties and cards, decode quoted-printable."""

from __future__ import annotations

import codecs
import quopri
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from tiebook.interchange.formats.encoding import Guesses, decode_line

PROP_RE = re.compile(r"^(?:([A-Za-z0-9_-]+)\.)?([A-Za-z0-9_-]+)[ \t]*([;:])")
B64_LINE_RE = re.compile(r"^[A-Za-z0-9+/=]+$")
B64_HEAD_RE = re.compile(r"ENCODING=(?:BASE64|B)\b|;BASE64\b")
CHARSET_RE = re.compile(rb"CHARSET=([A-Za-z0-9_.:-]+)", re.IGNORECASE)
BARE_ENCODINGS = {"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"}
CODEC_ALIASES = {"shift_jis": "cp932", "shift-jis": "cp932", "sjis": "cp932", "x-sjis": "cp932"}
UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


@dataclass
class Prop:
    """One property: `item1.EMAIL;TYPE=work:value`, the value still as raw bytes (latin-1 text)."""

    name: str
    raw: str
    line: int
    group: str = ""
    params: dict[str, list[str]] = field(default_factory=dict)

    def param(self, key: str) -> str:
        values = self.params.get(key.upper())
        return values[0] if values else ""

    @property
    def encoding(self) -> str:
        return self.param("ENCODING").upper()

    def types(self) -> list[str]:
        """Every TYPE value, lower-case, quoted lists and comma lists split."""
        out: list[str] = []
        for value in self.params.get("TYPE", []):
            out.extend(t.strip().lower() for t in value.replace('"', "").split(",") if t.strip())
        return out


@dataclass
class Card:
    """The lines between one BEGIN:VCARD and its END:VCARD (nested cards kept apart)."""

    number: int
    line: int
    props: list[Prop] = field(default_factory=list)
    garbage: list[int] = field(default_factory=list)
    children: list[Card] = field(default_factory=list)
    ended: bool = False


def to_text(data: bytes) -> str:
    """Bytes as latin-1 text (one char per byte), a BOM removed and UTF-16 turned into UTF-8."""
    if data[:2] in UTF16_BOMS:
        data = data.decode("utf-16", errors="replace").encode("utf-8")
    return data.removeprefix(UTF8_BOM).decode("latin-1")


def guess_charset(data: bytes) -> str:
    """The charset for values that name none: UTF-8 if the whole file is, else a declared one."""
    candidates = ["utf-8"]
    candidates += [codec_name(m.decode("ascii")) for m in CHARSET_RE.findall(data)]
    candidates.append("cp1252")
    for name in dict.fromkeys(c for c in candidates if c):
        try:
            data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
        return name
    return "latin-1"


def codec_name(charset: str) -> str:
    """A Python codec for a vCard CHARSET value, or "" when Python knows none."""
    name = CODEC_ALIASES.get(charset.strip().lower(), charset.strip().lower())
    try:
        return codecs.lookup(name).name if name else ""
    except LookupError:
        return ""


def decode_value(prop: Prop, fallback: str, guesses: Guesses) -> str:
    """The value as text: quoted-printable undone, then its CHARSET (or UTF-8, or the fallback,
    or Windows-1252); `guesses` hears of a value read as Windows-1252 without a CHARSET."""
    data = prop.raw.encode("latin-1", errors="replace")
    if prop.encoding == "QUOTED-PRINTABLE":
        data = quopri.decodestring(data)
    declared = codec_name(prop.param("CHARSET"))
    for name in dict.fromkeys((declared, "utf-8", fallback)):
        if not name:
            continue
        try:
            text = data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
        if name != declared:
            guesses.add(prop.line, name)
        return text.replace("\x00", "")
    text, codec = decode_line(data)
    guesses.add(prop.line, codec)
    return text


def physical_lines(text: str) -> list[str]:
    """Split on CRLF, LF, CR and the CR CR LF some iPhone exports write."""
    return re.split(r"\r*\n|\r", text)


@dataclass
class Logical:
    """One logical line being assembled from physical ones (kept as parts: no quadratic joins)."""

    number: int
    parts: list[str]
    head: str

    @classmethod
    def start(cls, number: int, line: str) -> Logical:
        colon = line.find(":")
        return cls(number, [line], (line if colon < 0 else line[:colon]).upper())

    def ends_with(self, char: str) -> bool:
        last = next((part for part in reversed(self.parts) if part), "")
        return last.endswith(char)

    def drop_last_char(self) -> None:
        while self.parts and not self.parts[-1]:
            self.parts.pop()
        if self.parts:
            self.parts[-1] = self.parts[-1][:-1]

    def text(self) -> str:
        return "".join(self.parts)


def _join_kind(prev: Logical, line: str) -> str:
    """How `line` continues the logical line `prev`, or "" when it starts a new one."""
    if "QUOTED-PRINTABLE" in prev.head and prev.ends_with("=") and not PROP_RE.match(line):
        return "qp"
    if line[:1] in (" ", "\t"):
        return "fold"
    if B64_HEAD_RE.search(prev.head) and B64_LINE_RE.match(line.strip()):
        return "b64"
    if prev.ends_with("\\") and line.strip() and not PROP_RE.match(line):
        return "backslash"
    return ""


def _join(prev: Logical, line: str, kind: str) -> None:
    if kind in ("qp", "backslash"):
        prev.drop_last_char()
    if kind == "backslash":
        prev.parts.append("\\n")
    prev.parts.append(line[1:] if kind == "fold" else line.strip() if kind == "b64" else line)


def logical_lines(text: str) -> list[tuple[int, str]]:
    """Unfolded lines with their first physical line number; blanks and # comments dropped."""
    out: list[Logical] = []
    for number, line in enumerate(physical_lines(text), 1):
        kind = _join_kind(out[-1], line) if out else ""
        if kind:
            _join(out[-1], line, kind)
        elif line.strip() and not line.lstrip().startswith("#"):
            out.append(Logical.start(number, line))
    return [(logical.number, logical.text()) for logical in out]


def _split_outside_quotes(text: str, sep: str) -> list[str]:
    parts, buf, quoted = [], [], False
    for char in text:
        if char == '"':
            quoted = not quoted
        if char == sep and not quoted:
            parts.append("".join(buf))
            buf = []
        else:
            buf.append(char)
    parts.append("".join(buf))
    return parts


def _colon_index(text: str, start: int) -> int:
    if '"' not in text:
        return text.find(":", start)
    quoted = False
    for index in range(start, len(text)):
        if text[index] == '"':
            quoted = not quoted
        elif text[index] == ":" and not quoted:
            return index
    return text.find(":", start)


def _parse_params(text: str) -> dict[str, list[str]]:
    params: dict[str, list[str]] = {}
    pieces = _split_outside_quotes(text, ";") if '"' in text else text.split(";")
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        key, eq, value = piece.partition("=")
        if not eq:
            key, value = ("ENCODING" if piece.upper() in BARE_ENCODINGS else "TYPE"), piece
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] == '"':
            value = value[1:-1]
        params.setdefault(key.strip().upper(), []).append(value)
    return params


def parse_prop(number: int, text: str) -> Prop | None:
    """One logical line as a Prop, or None when it is not a property at all."""
    match = PROP_RE.match(text)
    if not match:
        return None
    colon = _colon_index(text, match.end(2))
    if colon < 0:
        return None
    return Prop(
        name=match[2].upper(),
        raw=text[colon + 1 :],
        line=number,
        group=(match[1] or "").lower(),
        params=_parse_params(text[match.end(2) : colon]),
    )


def _is_marker(prop: Prop | None, word: str) -> bool:
    return prop is not None and prop.name == word and prop.raw.strip().upper() == "VCARD"


def split_cards(text: str) -> list[Card]:
    """The top-level cards of a file, each with its nested cards as children."""
    top: list[Card] = []
    stack: list[Card] = []
    count = 0
    for number, line in logical_lines(text):
        prop = parse_prop(number, line)
        if _is_marker(prop, "BEGIN"):
            count += 1
            card = Card(count, number)
            (stack[-1].children if stack else top).append(card)
            stack.append(card)
        elif _is_marker(prop, "END"):
            if stack:
                stack.pop().ended = True
        elif stack and prop is None:
            stack[-1].garbage.append(number)
        elif stack and prop is not None:
            stack[-1].props.append(prop)
    return top


def _descendants(card: Card) -> Iterator[tuple[Card, Card]]:
    """Every card nested in `card`, with its parent, in file order; a loop, not recursion, so
    a file nesting cards a thousand deep is read like any other."""
    stack = [(child, card) for child in reversed(card.children)]
    while stack:
        child, parent = stack.pop()
        yield child, parent
        stack.extend((grandchild, child) for grandchild in reversed(child.children))


def resolve(cards: list[Card]) -> Iterator[tuple[Card, str]]:
    """Each card with "" when it can be read, or the sentence saying why it is skipped.

    A card closed by END:VCARD keeps its own lines; cards nested inside it are skipped. A card
    never closed is skipped and the cards that seemed nested in it are read as top-level ones.
    """
    stack = list(reversed(cards))
    while stack:
        card = stack.pop()
        if card.ended:
            yield card, ""
            for child, parent in _descendants(card):
                yield child, f"card {child.number} is nested inside card {parent.number}; skipped."
        else:
            yield card, f"card {card.number} has no END:VCARD line; skipped."
            stack.extend(reversed(card.children))

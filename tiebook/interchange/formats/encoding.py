"""Bytes to text for the text formats: UTF-8 line by line, else Windows-1252 (else Latin-1), and
the note that tells the user which lines were guessed, instead of silent mojibake. NUL bytes are
dropped everywhere: they are never text, and PostgreSQL refuses them."""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field

SHOWN_LINES = 5
NAMES = {"cp1252": "Windows-1252", "latin-1": "Latin-1"}


def decode_line(raw: bytes) -> tuple[str, str]:
    """(text, codec): UTF-8 when the line is, else Windows-1252, else Latin-1 (never fails)."""
    raw = raw.replace(b"\x00", b"")
    for name in ("utf-8", "cp1252"):
        try:
            return raw.decode(name), name
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1"), "latin-1"


@dataclass
class Guesses:
    """The lines of one file that were not UTF-8, and what they were read as."""

    lines: list[int] = field(default_factory=list)
    codecs: set[str] = field(default_factory=set)

    def add(self, line: int, codec: str) -> None:
        if codec in NAMES:
            self.lines.append(line)
            self.codecs.add(codec)

    def line(self, raw: bytes, number: int) -> str:
        """The line decoded, remembered when it was not UTF-8."""
        text, codec = decode_line(raw)
        self.add(number, codec)
        return text

    def note(self, filename: str) -> list[str]:
        """The sentence for the report, or nothing when every line was UTF-8."""
        if not self.lines:
            return []
        lines = sorted(set(self.lines))
        if len(lines) == 1:
            where = f"on line {lines[0]}"
        elif len(lines) <= SHOWN_LINES:
            where = f"on lines {', '.join(map(str, lines[:-1]))} and {lines[-1]}"
        else:
            where = f"on {len(lines)} lines from line {lines[0]}"
        codec = NAMES["latin-1" if "latin-1" in self.codecs else "cp1252"]
        return [f"{filename} is not valid UTF-8 {where}; read as {codec}: check accented names"]


def utf16_without_bom(data: bytes) -> str:
    """ "utf-16-le" or "utf-16-be" when NULs fill every other byte of the start, else ""."""
    head = data[:4096]
    for name, nuls in (("utf-16-le", head[1::2]), ("utf-16-be", head[0::2])):
        if len(nuls) >= 8 and nuls.count(0) > len(nuls) * 0.6:
            return name
    return ""


def decode_text(data: bytes, guesses: Guesses) -> str:
    """A whole text file without NULs: UTF-16 or UTF-8 by its BOM (or UTF-16's NULs), else each
    line as decode_line reads it."""
    utf16 = "utf-16" if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else ""
    for name in filter(None, (utf16 or utf16_without_bom(data), "utf-8-sig")):
        try:
            return data.decode(name).replace("\x00", "")
        except UnicodeDecodeError:
            continue
    raw_lines = data.removeprefix(codecs.BOM_UTF8).splitlines(keepends=True)
    return "".join(guesses.line(raw, number) for number, raw in enumerate(raw_lines, 1))

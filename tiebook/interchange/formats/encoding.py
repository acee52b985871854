"""Bytes to text for the text formats: UTF-8 line by line, else Windows-1252 (else Latin-1), and
the note that tells the user which lines were guessed, instead of silent mojibake."""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field

SHOWN_LINES = 5
NAMES = {"cp1252": "Windows-1252", "latin-1": "Latin-1"}


def decode_line(raw: bytes) -> tuple[str, str]:
    """(text, codec): UTF-8 when the line is, else Windows-1252, else Latin-1 (never fails)."""
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


def decode_text(data: bytes, guesses: Guesses) -> str:
    """A whole text file: UTF-16 or UTF-8 by its BOM, else each line as decode_line reads it."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    raw_lines = data.splitlines(keepends=True)
    return "".join(guesses.line(raw, number) for number, raw in enumerate(raw_lines, 1))

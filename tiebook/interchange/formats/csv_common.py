"""Shared CSV reading for the import formats: decoding, delimiter, header row, numbered rows."""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from tiebook.interchange import limits
from tiebook.interchange.formats.encoding import Guesses, decode_text, utf16_without_bom
from tiebook.interchange.records import ImportFileError, Labeled, PersonRecord, Problem

DELIMITERS = ",;\t"
HEADER_SCAN_ROWS = 40
MULTI_SEP = ":::"
NO_IDENTITY = "The row has no name, email or phone, so it was skipped."

HeaderTest = Callable[[list[str]], bool]


class NotATable(ImportFileError):
    """The file has no header row this reader knows, or is no CSV at all."""


def norm(header: str) -> str:
    """A header name without case, spacing or punctuation: "E-mail 1 - Value" -> "email1value"."""
    return re.sub(r"[\W_]+", "", header.casefold())


def header_keys(cells: list[str]) -> set[str]:
    return {norm(c) for c in cells}


def raw_cells(cells: list[str]) -> set[str]:
    """Header cells as written (case-folded, trimmed), for checks where punctuation matters."""
    return {" ".join(c.split()).casefold() for c in cells}


# ---- reading and decoding -------------------------------------------------------------------

HEAD_BYTES = 64 * 1024  # where the header row and the encoding are looked for


def decode(data: bytes, name: str = "", notes: list[str] | None = None) -> str:
    """UTF-8 (with or without BOM), UTF-16 with a BOM, else each line UTF-8 or Windows-1252;
    the note naming the lines that were not UTF-8 goes to `notes`."""
    guesses = Guesses()
    text = decode_text(data, guesses).replace("\x00", "")
    if notes is not None:
        notes.extend(guesses.note(name))
    return text


def encoding_of(head: bytes) -> str:
    """The UTF-16 codec of a file in UTF-16 (by its BOM, or the NULs filling every other byte),
    judged from its first bytes; "" for any other file, read line by line (see encoding.py)."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return utf16_without_bom(head)


Opener = Callable[[], BinaryIO]


@dataclass
class Source:
    """A CSV to read: a file or a member of a zip, opened afresh for each pass over it (one
    counts its records, the next reads them), with the budget of records it may use."""

    name: str
    open: Opener
    budget: limits.Budget

    @classmethod
    def file(cls, path: Path, budget: limits.Budget | None = None) -> Source:
        path = Path(path)
        return cls(
            path.name, lambda: path.open("rb"), budget or limits.Budget(limits.CLI, path.name)
        )

    def head(self) -> bytes:
        try:
            with self.open() as stream:
                return stream.read(HEAD_BYTES)
        except OSError as exc:
            raise ImportFileError(f"{self.name} cannot be read ({exc.strerror or exc}).") from exc


def _too_long(source: Source, number: int) -> ImportFileError:
    return ImportFileError(
        f"{source.name} has a line longer than {limits.LINE_CHARS // limits.MB} million "
        f"characters (line {number}); it is not a CSV tiebook can read."
    )


def _raw_lines(raw: BinaryIO, source: Source) -> Iterator[bytes]:
    """The file's lines as bytes, each with its ending (\\n, \\r\\n or \\r); one longer than
    LINE_CHARS is refused rather than read whole."""
    pending, number = b"", 0
    for chunk in iter(lambda: raw.read(HEAD_BYTES), b""):
        pieces = (pending + chunk).splitlines(keepends=True)
        pending = pieces.pop()  # perhaps unfinished, or a \\r before the next chunk's \\n
        number += len(pieces)
        yield from pieces
        if len(pending) > limits.LINE_CHARS:
            raise _too_long(source, number + 1)
    if pending:
        yield pending


def _lines(source: Source, encoding: str, guesses: Guesses) -> Iterator[str]:
    """The file's lines, decoded, without NUL characters: UTF-16 as such, any other file line
    by line as UTF-8, else Windows-1252 (the lines that were not UTF-8 noted in `guesses`)."""
    with source.open() as raw:
        if not encoding:
            for number, line in enumerate(_raw_lines(raw, source), 1):
                yield guesses.line(
                    line.removeprefix(codecs.BOM_UTF8) if number == 1 else line, number
                )
            return
        text = io.TextIOWrapper(raw, encoding=encoding, errors="replace", newline="")
        number = 0
        while line := text.readline(limits.LINE_CHARS):
            number += 1
            if len(line) == limits.LINE_CHARS and not line.endswith(("\n", "\r")):
                raise _too_long(source, number)
            yield line.replace("\x00", "")


def _head_text(head: bytes, encoding: str) -> str:
    """The first bytes as text, cut after their last whole line when the file goes on."""
    text = head.decode(encoding, errors="replace") if encoding else decode_text(head, Guesses())
    text = text.replace("\x00", "")
    if len(head) < HEAD_BYTES:
        return text
    cut = max(text.rfind("\n"), text.rfind("\r"))
    return text[: cut + 1] if cut >= 0 else text


# ---- rows and the header ----------------------------------------------------------------------


@dataclass
class Row:
    line: int  # physical line number where the row starts
    cells: dict[str, str]  # normalised header -> trimmed value

    @property
    def ref(self) -> str:
        return f"line {self.line}"

    def get(self, *keys: str) -> str:
        """The first non-empty value among the given (normalised) headers."""
        for key in keys:
            value = self.cells.get(key, "")
            if value:
                return value
        return ""


@dataclass
class Table:
    headers: list[str]  # as written in the file
    keys: list[str]  # normalised
    rows: Iterable[Row]  # read as they are asked for: once
    header_line: int
    delimiter: str
    guesses: Guesses  # the lines that were not UTF-8, known once the rows are read

    def note(self, name: str) -> list[str]:
        """The report's note on the lines that were not UTF-8 (after reading the rows)."""
        return self.guesses.note(name)


def _numbered(lines: Iterable[str], delimiter: str) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(lines, delimiter=delimiter)
    start = 1
    for cells in reader:
        yield start, cells
        start = reader.line_num + 1


def _delimiters(text: str) -> list[str]:
    order: list[str] = []
    with contextlib.suppress(csv.Error):
        order.append(csv.Sniffer().sniff(text[:8192], delimiters=DELIMITERS).delimiter)
    return order + [d for d in DELIMITERS if d not in order]


def _first_header(text: str, delimiter: str, is_header: HeaderTest) -> tuple[int, list[str]] | None:
    try:
        lines = io.StringIO(text, newline="")
        for index, (line, cells) in enumerate(_numbered(lines, delimiter)):
            if index >= HEADER_SCAN_ROWS:
                break
            if cells and is_header(cells):
                return line, cells
    except csv.Error:
        pass
    return None


def locate_header(text: str, is_header: HeaderTest) -> tuple[str, int, list[str]] | None:
    """(delimiter, line, header cells) of the header row among the first few rows.

    Every candidate delimiter is tried; the one splitting the header into the most cells wins
    (a whole "a;b;c" line read as one comma-separated cell could pass a loose header test).
    """
    best: tuple[str, int, list[str]] | None = None
    for delimiter in _delimiters(text):
        found = _first_header(text, delimiter, is_header)
        if found and (best is None or len(found[1]) > len(best[2])):
            best = (delimiter, *found)
    return best


def _to_row(line: int, keys: list[str], cells: list[str]) -> Row | None:
    values: dict[str, str] = {}
    for key, cell in zip(keys, cells, strict=False):
        if key and not values.get(key):
            values[key] = cell.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not any(values.values()):
        return None
    return Row(line, values)


def unique_keys(headers: list[str]) -> list[str]:
    """Normalised headers; a repeated one gets a suffix ("email", "email~2") so no value is lost."""
    keys: list[str] = []
    for header in headers:
        key, n = norm(header), 1
        while key and (key if n == 1 else f"{key}~{n}") in keys:
            n += 1
        keys.append(key if n == 1 else f"{key}~{n}")
    return keys


@dataclass(frozen=True)
class _Layout:
    encoding: str
    delimiter: str
    header_line: int
    keys: list[str]


def _records(source: Source, layout: _Layout, guesses: Guesses) -> Iterator[tuple[int, list[str]]]:
    """(line, cells) of each row after the header with something in it."""
    line = layout.header_line
    lines = _lines(source, layout.encoding, guesses)
    try:
        for line, cells in _numbered(lines, layout.delimiter):
            if line > layout.header_line and any(c.strip() for c in cells[: len(layout.keys)]):
                yield line, cells
    except csv.Error as exc:
        raise NotATable(f"{source.name} cannot be read as CSV near line {line} ({exc}).") from exc
    except OSError as exc:
        raise ImportFileError(f"{source.name} cannot be read ({exc.strerror or exc}).") from exc


def _count(source: Source, layout: _Layout) -> None:
    """Count the rows against the import's budget, stopping as soon as they are too many."""
    left, count = source.budget.left, 0
    for _ in _records(source, layout, Guesses()):
        count += 1
        if count > left:
            raise source.budget.refusal()
    source.budget.take(count)


def _rows(source: Source, layout: _Layout, guesses: Guesses) -> Iterator[Row]:
    for line, cells in _records(source, layout, guesses):
        row = _to_row(line, layout.keys, cells)
        if row is not None:
            yield row


def read_table(source: Source, is_header: HeaderTest, what: str) -> Table:
    """Find the header row among the first rows (refusing the file, unread, without one), count
    the rows against the budget (refusing it, half read, with too many), then read each
    following non-empty row keyed by normalised header as it is asked for."""
    head = source.head()
    encoding = encoding_of(head)
    found = locate_header(_head_text(head, encoding), is_header)
    if found is None:
        raise NotATable(f"{source.name} is not {what}: no recognisable header row was found.")
    delimiter, header_line, headers = found
    layout = _Layout(encoding, delimiter, header_line, unique_keys(headers))
    _count(source, layout)
    guesses = Guesses()
    rows = _rows(source, layout, guesses)
    return Table([h.strip() for h in headers], layout.keys, rows, header_line, delimiter, guesses)


def sniff_header(head: bytes, is_header: HeaderTest) -> bool:
    """Whether the first bytes of a file hold a header row that passes the test (never raises)."""
    try:
        return locate_header(decode(head), is_header) is not None
    except Exception:  # sniffing must never break detection of the other formats
        return False


# ---- values -----------------------------------------------------------------------------------


def split_multi(value: str) -> list[str]:
    """Google's " ::: " multi-values, trimmed, empties dropped."""
    return [part.strip() for part in value.split(MULTI_SEP) if part.strip()]


def clean_label(label: str) -> str:
    """Google's "* Home" (the star marks the primary value) -> "home"."""
    return label.strip().lstrip("*").strip().casefold()


def add_labeled(target: list[Labeled], value: str, label: str = "") -> None:
    value = value.strip()
    if value and all(v.value.casefold() != value.casefold() for v in target):
        target.append(Labeled(value, label))


def add_tags(target: list[str], tags: list[str]) -> None:
    for tag in tags:
        tag = " ".join(tag.split())
        if tag and tag.casefold() not in {t.casefold() for t in target}:
            target.append(tag)


def join_parts(*parts: str, sep: str = " ") -> str:
    return sep.join(p.strip() for p in parts if p and p.strip())


def has_identity(person: PersonRecord) -> bool:
    return bool(
        person.name.strip()
        or person.given_name.strip()
        or person.family_name.strip()
        or person.nickname.strip()
        or person.emails
        or person.phones
    )


# ---- dates ------------------------------------------------------------------------------------

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}

DateParts = tuple[int | None, int | None, int | None]


def _year(text: str | None) -> int | None:
    if not text:
        return None
    year = int(text)
    if len(text) <= 2:
        pivot = dt.date.today().year % 100
        year += 2000 if year <= pivot else 1900
    return year


def _month(text: str) -> int:
    if text.casefold() not in _MONTHS:
        raise ValueError(text)
    return _MONTHS[text.casefold()]


def _match_date(text: str) -> tuple[int | None, int, int]:
    if m := re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T].*)?", text):
        return int(m[1]), int(m[2]), int(m[3])
    if m := re.fullmatch(r"(\d{4})(\d{2})(\d{2})", text):
        return int(m[1]), int(m[2]), int(m[3])
    if m := re.fullmatch(r"--(\d{1,2})-?(\d{1,2})", text):
        return None, int(m[1]), int(m[2])
    if m := re.fullmatch(r"(\d{1,2})[ -]([A-Za-z]{3,9})\.?(?:[ ,-]+(\d{2}|\d{4}))?", text):
        return _year(m[3]), _month(m[2]), int(m[1])
    if m := re.fullmatch(r"([A-Za-z]{3,9})\.? (\d{1,2})(?:,? (\d{4}))?", text):
        return _year(m[3]), _month(m[1]), int(m[2])
    if m := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})(?: .*)?", text):
        month, day = int(m[1]), int(m[2])
        if month > 12 >= day:  # 15/3/2024: a day-first date
            month, day = day, month
        return _year(m[3]), month, day
    if m := re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})", text):
        return _year(m[3]), int(m[2]), int(m[1])
    raise ValueError(text)


def parse_date(text: str) -> DateParts | None:
    """(year, month, day), year possibly None; None when empty (or Outlook's "0/0/00").

    Raises ValueError when the text is not a date this reader understands.
    """
    text = " ".join(text.split())
    if not text or re.fullmatch(r"0{1,2}/0{1,2}/0{2,4}", text):
        return None
    year, month, day = _match_date(text)
    if year is not None and year < 1:
        raise ValueError(text)
    dt.date(2000 if year is None else year, month, day)  # validates the day in its month
    return year, month, day


def parse_full_date(text: str) -> dt.date | None:
    parts = parse_date(text)
    if parts is None:
        return None
    year, month, day = parts
    if year is None or month is None or day is None:
        raise ValueError(text)
    return dt.date(year, month, day)


def set_birthday(person: PersonRecord, raw: str, problems: list[Problem]) -> None:
    try:
        person.birthday = parse_date(raw)
    except (ValueError, OverflowError):
        problems.append(
            Problem(person.ref, f"Birthday {raw!r} is not a date; the rest of the row was kept.")
        )


def finish(person: PersonRecord, people: list[PersonRecord], problems: list[Problem]) -> None:
    """Keep the person, or report a row that names nobody."""
    if has_identity(person):
        people.append(person)
    else:
        problems.append(Problem(person.ref, NO_IDENTITY))

"""Shared CSV reading for the import formats: decoding, delimiter, header row, numbered rows."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tiebook.interchange.formats.encoding import Guesses, decode_text
from tiebook.interchange.records import (
    ImportFileError,
    Labeled,
    ParseResult,
    PersonRecord,
    Problem,
)

DELIMITERS = ",;\t"
HEADER_SCAN_ROWS = 40
MULTI_SEP = ":::"
NO_IDENTITY = "The row has no name, email or phone, so it was skipped."

HeaderTest = Callable[[list[str]], bool]


def norm(header: str) -> str:
    """A header name without case, spacing or punctuation: "E-mail 1 - Value" -> "email1value"."""
    return re.sub(r"[\W_]+", "", header.casefold())


def header_keys(cells: list[str]) -> set[str]:
    return {norm(c) for c in cells}


def raw_cells(cells: list[str]) -> set[str]:
    """Header cells as written (case-folded, trimmed), for checks where punctuation matters."""
    return {" ".join(c.split()).casefold() for c in cells}


# ---- reading and decoding -------------------------------------------------------------------


def read_bytes(path: Path) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise ImportFileError(f"{Path(path).name} cannot be read ({exc.strerror or exc}).") from exc


def decode(data: bytes, name: str = "", notes: list[str] | None = None) -> str:
    """UTF-8 (with or without BOM), UTF-16 with a BOM, else each line UTF-8 or Windows-1252;
    the note naming the lines that were not UTF-8 goes to `notes`."""
    guesses = Guesses()
    text = decode_text(data, guesses).replace("\x00", "")
    if notes is not None:
        notes.extend(guesses.note(name))
    return text


def parse_path(path: Path, parse: Callable[[str, str], ParseResult]) -> ParseResult:
    """`parse(text, filename)` on the file's text, the note on its encoding first in the report."""
    path, notes = Path(path), []
    result = parse(decode(read_bytes(path), path.name, notes), path.name)
    result.skipped[:0] = notes
    return result


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
    rows: list[Row]
    header_line: int
    delimiter: str


def _numbered(text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
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
        for index, (line, cells) in enumerate(_numbered(text, delimiter)):
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


def read_table(text: str, is_header: HeaderTest, name: str, what: str) -> Table:
    """Find the header row, then read every following non-empty row keyed by normalised header."""
    found = locate_header(text, is_header)
    if found is None:
        raise ImportFileError(f"{name} is not {what}: no recognisable header row was found.")
    delimiter, header_line, headers = found
    keys = unique_keys(headers)
    rows: list[Row] = []
    line = header_line
    try:
        for line, cells in _numbered(text, delimiter):
            if line <= header_line:
                continue
            row = _to_row(line, keys, cells)
            if row is not None:
                rows.append(row)
    except csv.Error as exc:
        raise ImportFileError(f"{name} cannot be read as CSV near line {line} ({exc}).") from exc
    return Table([h.strip() for h in headers], keys, rows, header_line, delimiter)


def read_path(path: Path, is_header: HeaderTest, what: str) -> Table:
    return read_table(decode(read_bytes(path)), is_header, Path(path).name, what)


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

"""Any CSV of contacts: headers recognised from common names, or named by a column mapping."""

from __future__ import annotations

import re
from pathlib import Path

from tiebook.interchange import limits
from tiebook.interchange.formats import csv_common as cc
from tiebook.interchange.records import ImportFileError, ParseResult, PersonRecord, Problem

FIELDS = (
    "name",
    "given",
    "family",
    "nickname",
    "email",
    "phone",
    "org",
    "title",
    "department",
    "url",
    "notes",
    "tags",
    "birthday",
    "ignore",
)
MAX_HEADER = 40
IDENTITY = {"name", "given", "family", "nickname", "email", "phone"}
EXACT = {  # normalised header -> field
    **dict.fromkeys(["name", "fullname", "displayname", "contactname", "contact"], "name"),
    **dict.fromkeys(["first", "firstname", "givenname", "forename", "given"], "given"),
    **dict.fromkeys(["last", "lastname", "familyname", "surname", "family"], "family"),
    **dict.fromkeys(["nickname", "nick", "knownas"], "nickname"),
    **dict.fromkeys(["company", "organization", "organisation", "employer", "org"], "org"),
    **dict.fromkeys(["title", "jobtitle", "position", "role", "occupation"], "title"),
    **dict.fromkeys(["department", "dept"], "department"),
    **dict.fromkeys(["website", "url", "linkedin", "homepage", "web", "profileurl"], "url"),
    **dict.fromkeys(["notes", "note", "comments", "comment", "description"], "notes"),
    **dict.fromkeys(["tags", "tag", "groups", "group", "categories", "category", "labels"], "tags"),
    **dict.fromkeys(["birthday", "birthdate", "dateofbirth", "dob", "born"], "birthday"),
}
PATTERNS = [  # (regex on the normalised header, field), tried when no exact name matches
    (r"fax|pager", "ignore"),
    (r"e?mail", "email"),
    (r"phone|mobile|cell|^tel|tel$|telephone", "phone"),
    (r"webpage|website|url$|linkedin", "url"),
    (r"^birth(year|month|day)$", "ignore"),
]
LABELS = [("work", "work"), ("business", "work"), ("home", "home"), ("mobile", "mobile")]
LABELS += [("cell", "mobile"), ("personal", "home"), ("other", "other")]


def field_of(header: str) -> str | None:
    key = cc.norm(header)
    if len(key) > MAX_HEADER:  # a sentence (a notes preamble) is not a column name
        return None
    if key in EXACT:
        return EXACT[key]
    for pattern, name in PATTERNS:
        if re.search(pattern, key):
            return name
    return None


def _label(header: str) -> str:
    key = cc.norm(header)
    return next((label for word, label in LABELS if word in key), "")


def check_mapping(mapping: dict[str, str] | None) -> dict[str, str]:
    """The mapping keyed by normalised header; an unknown field is the user's mistake."""
    checked: dict[str, str] = {}
    for header, name in (mapping or {}).items():
        target = name.strip().casefold()
        if target not in FIELDS:
            raise ImportFileError(
                f"The column mapping names an unknown field {name!r} (for {header!r}); "
                f"use one of: {', '.join(FIELDS)}."
            )
        checked[cc.norm(header)] = target
    return checked


class _Columns:
    """Which field each column holds, given the header row and the mapping."""

    def __init__(self, headers: list[str], mapping: dict[str, str]):
        self.fields = [mapping.get(cc.norm(h)) or field_of(h) or "ignore" for h in headers]
        self.labels = [_label(h) for h in headers]
        self.keys = cc.unique_keys(headers)
        self.split_birthday = {"birthyear", "birthmonth"} <= set(self.keys)


def _header_test(mapping: dict[str, str]) -> cc.HeaderTest:
    def is_header(cells: list[str]) -> bool:
        filled = [c for c in cells if c.strip()]
        fields = [mapping.get(cc.norm(c)) or field_of(c) for c in filled]
        known = [f for f in fields if f]
        return bool(IDENTITY & set(known)) and len(known) >= min(2, len(filled))

    return is_header


def _add(person: PersonRecord, name: str, value: str, label: str) -> None:
    if name == "email":
        for part in re.split(r"[;,\s]+|:::", value):
            cc.add_labeled(person.emails, part, label)
    elif name == "phone":
        for part in re.split(r";|:::", value):
            cc.add_labeled(person.phones, part, label)
    elif name == "url":
        cc.add_labeled(person.urls, value, label)
    elif name == "tags":
        cc.add_tags(person.tags, re.split(r"[;,|]|:::", value))
    else:
        attribute = {
            "name": "name",
            "given": "given_name",
            "family": "family_name",
            "nickname": "nickname",
            "org": "organization",
            "title": "title",
            "department": "department",
            "notes": "notes",
        }.get(name)
        if attribute and not getattr(person, attribute):
            setattr(person, attribute, value)


def _birthday(row: cc.Row, columns: _Columns, table: cc.Table) -> str:
    if columns.split_birthday:  # Thunderbird: Birth Year, Birth Month, Birth Day
        year, month, day = row.get("birthyear"), row.get("birthmonth"), row.get("birthday")
        if month and day:
            return f"{year}-{month}-{day}" if year else f"--{month}-{day}"
        return ""
    return next(
        (
            row.cells.get(k, "")
            for k, f in zip(table.keys, columns.fields, strict=True)
            if f == "birthday"
        ),
        "",
    )


def _person(
    row: cc.Row, columns: _Columns, table: cc.Table, problems: list[Problem]
) -> PersonRecord:
    person = PersonRecord(ref=row.ref)
    for key, name, label in zip(columns.keys, columns.fields, columns.labels, strict=True):
        value = row.cells.get(key, "")
        if value and name not in ("birthday", "ignore"):
            _add(person, name, value, label)
    cc.set_birthday(person, _birthday(row, columns, table), problems)
    return person


def parse_source(source: cc.Source, mapping: dict[str, str] | None = None) -> ParseResult:
    checked = check_mapping(mapping)
    table = cc.read_table(source, _header_test(checked), "a contacts CSV")
    missing = [h for h in (mapping or {}) if cc.norm(h) not in table.keys]
    if missing:
        raise ImportFileError(
            f"{source.name} has no column {missing[0]!r}, named in the column mapping."
        )
    columns = _Columns(table.headers, checked)
    result = ParseResult()
    for row in table.rows:
        cc.finish(_person(row, columns, table, result.problems), result.people, result.problems)
    result.skipped[:0] = table.note(source.name)
    return result


class GenericCsvFormat:
    """Any CSV with a header row; lowest priority in the registry."""

    name = "csv"

    def sniff(self, path: Path, head: bytes) -> bool:
        return Path(path).suffix.casefold() in {".csv", ".tsv"}

    def parse(
        self,
        path: Path,
        mapping: dict[str, str] | None = None,
        budget: limits.Budget | None = None,
    ) -> ParseResult:
        check_mapping(mapping)  # a bad mapping is reported before the file is read
        return parse_source(cc.Source.file(path, budget), mapping)


FORMAT = GenericCsvFormat()

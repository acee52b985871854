"""Google Contacts CSV: the current layout (`First Name,...,Labels`) and the legacy one."""

from __future__ import annotations

import re
from pathlib import Path

from tiebook.interchange import limits
from tiebook.interchange.formats import csv_common as cc
from tiebook.interchange.records import Labeled, ParseResult, PersonRecord, Problem

SYSTEM_GROUPS = {"mycontacts", "starred"}
NUMBERED = re.compile(r"^(email|phone|website|address|organization)(\d+)(value|formatted)$")


def _is_header(cells: list[str]) -> bool:
    keys = cc.header_keys(cells)
    named = bool(keys & {"firstname", "givenname"})
    return named and bool(keys & {"email1value", "phone1value", "labels", "groupmembership"})


def _sniff_header(cells: list[str]) -> bool:
    raw = cc.raw_cells(cells)
    return "e-mail 1 - value" in raw and bool(raw & {"first name", "given name"})


def _numbered(row: cc.Row, kind: str) -> list[int]:
    numbers = {int(m[2]) for key in row.cells if (m := NUMBERED.match(key)) and m[1] == kind}
    return sorted(numbers)


def _labeled(row: cc.Row, kind: str, value_suffix: str = "value") -> list[Labeled]:
    """Every `Kind N - Value` cell, split on ` ::: `, each with its `Label`/`Type`."""
    found: list[Labeled] = []
    for n in _numbered(row, kind):
        values = cc.split_multi(row.get(f"{kind}{n}{value_suffix}"))
        labels = [
            cc.clean_label(x) for x in row.get(f"{kind}{n}label", f"{kind}{n}type").split(":::")
        ]
        for index, value in enumerate(values):
            label = labels[index] if len(labels) == len(values) else labels[0]
            cc.add_labeled(found, value, label)
    return found


def _addresses(row: cc.Row) -> list[Labeled]:
    found: list[Labeled] = []
    for n in _numbered(row, "address"):
        prefix = f"address{n}"
        text = row.get(f"{prefix}formatted") or cc.join_parts(
            *(row.get(prefix + part) for part in ("street", "city", "region", "postalcode")),
            row.get(prefix + "country"),
            sep=", ",
        )
        label = cc.clean_label(row.get(f"{prefix}label", f"{prefix}type"))
        cc.add_labeled(found, ", ".join(p.strip() for p in text.splitlines() if p.strip()), label)
    return found


def _tags(row: cc.Row) -> list[str]:
    tags: list[str] = []
    for group in cc.split_multi(row.get("labels", "groupmembership")):
        name = group.lstrip("*").strip()
        if cc.norm(name) not in SYSTEM_GROUPS:
            cc.add_tags(tags, [name])
    return tags


def _organization(row: cc.Row, person: PersonRecord) -> None:
    first = cc.split_multi
    person.organization = next(iter(first(row.get("organizationname", "organization1name"))), "")
    person.title = next(iter(first(row.get("organizationtitle", "organization1title"))), "")
    person.department = next(
        iter(first(row.get("organizationdepartment", "organization1department"))), ""
    )


def _person(row: cc.Row, problems: list[Problem]) -> PersonRecord:
    given = row.get("firstname", "givenname")
    middle = row.get("middlename", "additionalname")
    family = row.get("lastname", "familyname")
    person = PersonRecord(
        ref=row.ref,
        name=row.get("name") or cc.join_parts(given, middle, family),
        given_name=given,
        family_name=family,
        nickname=row.get("nickname"),
        notes=row.get("notes"),
        emails=_labeled(row, "email"),
        phones=_labeled(row, "phone"),
        urls=_labeled(row, "website"),
        addresses=_addresses(row),
        tags=_tags(row),
    )
    _organization(row, person)
    cc.set_birthday(person, row.get("birthday"), problems)
    return person


def parse_source(source: cc.Source) -> ParseResult:
    table = cc.read_table(source, _is_header, "a Google Contacts CSV")
    result = ParseResult()
    for row in table.rows:
        cc.finish(_person(row, result.problems), result.people, result.problems)
    result.skipped[:0] = table.note(source.name)
    return result


class GoogleCsvFormat:
    """Google Contacts CSV (both layouts)."""

    name = "google"

    def sniff(self, path: Path, head: bytes) -> bool:
        return cc.sniff_header(head, _sniff_header)

    def parse(self, path: Path, budget: limits.Budget | None = None) -> ParseResult:
        return parse_source(cc.Source.file(path, budget))


FORMAT = GoogleCsvFormat()

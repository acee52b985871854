"""Outlook CSV: the Outlook.com layout (about 60 columns) and the desktop one (about 90)."""

from __future__ import annotations

from pathlib import Path

from tiebook.interchange import limits
from tiebook.interchange.formats import csv_common as cc
from tiebook.interchange.records import Labeled, ParseResult, PersonRecord, Problem

PHONES = [  # (normalised header, label); faxes and pagers are numbers too
    ("mobilephone", "mobile"),
    ("primaryphone", ""),
    ("homephone", "home"),
    ("homephone2", "home"),
    ("businessphone", "work"),
    ("businessphone2", "work"),
    ("companymainphone", "work"),
    ("otherphone", "other"),
    ("carphone", "car"),
    ("callback", "other"),
    ("radiophone", "other"),
    ("isdn", "other"),
    ("ttytddphone", "tty"),
    ("pager", "pager"),
    ("businessfax", "work fax"),
    ("homefax", "home fax"),
    ("otherfax", "fax"),
]
ADDRESSES = [("business", "work"), ("home", "home"), ("other", "other")]
WEB = [("webpage", ""), ("personalwebpage", "personal")]
GOOGLE_KEYS = {"email1value", "email1label", "email1type", "labels", "groupmembership"}


def _is_header(cells: list[str]) -> bool:
    keys = cc.header_keys(cells)
    if keys & GOOGLE_KEYS or not {"firstname", "lastname", "emailaddress"} <= keys:
        return False
    return bool(keys & {"categories", "jobtitle", "mobilephone", "businessphone"})


def _sniff_header(cells: list[str]) -> bool:
    raw = cc.raw_cells(cells)
    return {"e-mail address", "first name"} <= raw and "e-mail 1 - value" not in raw


def _emails(row: cc.Row) -> list[Labeled]:
    """E-mail, E-mail 2, E-mail 3; desktop Exchange entries (type EX, no @) are not addresses."""
    found: list[Labeled] = []
    for prefix in ("email", "email2", "email3"):
        value = row.get(prefix + "address")
        if "@" in value and row.get(prefix + "type").casefold() != "ex":
            cc.add_labeled(found, value)
    return found


def _phones(row: cc.Row) -> list[Labeled]:
    found: list[Labeled] = []
    for key, label in PHONES:
        cc.add_labeled(found, row.get(key), label)
    return found


def _addresses(row: cc.Row) -> list[Labeled]:
    found: list[Labeled] = []
    for prefix, label in ADDRESSES:
        parts = [row.get(prefix + "street" + n) for n in ("", "2", "3")]
        parts += [row.get(prefix + p) for p in ("city", "state", "postalcode", "countryregion")]
        text = cc.join_parts(*parts, sep=", ")
        cc.add_labeled(found, ", ".join(p.strip() for p in text.splitlines() if p.strip()), label)
    return found


def _tags(row: cc.Row) -> list[str]:
    tags: list[str] = []
    cc.add_tags(tags, row.get("categories").split(";"))
    return tags


def _person(row: cc.Row, problems: list[Problem]) -> PersonRecord:
    given, middle, family = row.get("firstname"), row.get("middlename"), row.get("lastname")
    person = PersonRecord(
        ref=row.ref,
        name=cc.join_parts(given, middle, family, row.get("suffix")),
        given_name=given,
        family_name=family,
        nickname=row.get("nickname"),
        organization=row.get("company"),
        title=row.get("jobtitle"),
        department=row.get("department"),
        notes=row.get("notes"),
        emails=_emails(row),
        phones=_phones(row),
        addresses=_addresses(row),
        tags=_tags(row),
    )
    for key, label in WEB:
        cc.add_labeled(person.urls, row.get(key), label)
    cc.set_birthday(person, row.get("birthday"), problems)
    return person


def parse_source(source: cc.Source) -> ParseResult:
    table = cc.read_table(source, _is_header, "an Outlook contacts CSV")
    result = ParseResult()
    for row in table.rows:
        cc.finish(_person(row, result.problems), result.people, result.problems)
    result.skipped[:0] = table.note(source.name)
    return result


class OutlookCsvFormat:
    """Outlook contacts CSV (Outlook.com and desktop)."""

    name = "outlook"

    def sniff(self, path: Path, head: bytes) -> bool:
        return cc.sniff_header(head, _sniff_header)

    def parse(self, path: Path, budget: limits.Budget | None = None) -> ParseResult:
        return parse_source(cc.Source.file(path, budget))


FORMAT = OutlookCsvFormat()

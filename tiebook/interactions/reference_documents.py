"""A reference list as a document to paste into an application (Markdown) or a sheet (CSV)."""

from __future__ import annotations

import csv
import io

from tiebook.interactions.references import ReferenceList, ReferenceRow

CSV_COLUMNS = (
    "status",
    "name",
    "headline",
    "organization",
    "email",
    "phone",
    "skill",
    "how_they_know_you",
    "agreed",
    "asked_on",
    "confirmed_on",
    "why",
)
# Cells a spreadsheet would run as formulas (CSV injection) get a leading apostrophe; the phone
# is left alone, since E.164 numbers start with "+".
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FREE_TEXT = frozenset({"name", "headline", "organization", "skill", "how_they_know_you", "why"})


def _plain(column: str, value: str) -> str:
    return f"'{value}" if column in FREE_TEXT and value.startswith(FORMULA_STARTS) else value


def _role(row: ReferenceRow) -> str:
    if row.headline and row.organization:
        return f"{row.headline}, {row.organization}"
    return row.headline or row.organization


def _entry(row: ReferenceRow) -> list[str]:
    lines = [f"**{row.name}**" + (f", {_role(row)}" if _role(row) else "") + "  "]
    contact = " · ".join(v for v in (row.email, row.phone) if v)
    if contact:
        lines.append(f"{contact}  ")
    if row.how_they_know_you:
        lines.append(f"How they know me: {row.how_they_know_you}  ")
    lines.append(f"Last confirmed {row.confirmed_on.isoformat()}")
    return [*lines, ""]


def references_markdown(result: ReferenceList, *, owner_name: str = "") -> str:
    """References grouped by skill, each with their role, contact and how they know the owner;
    then, apart, those to ask again (not for the application, for the owner)."""
    title = f"References for {owner_name}" if owner_name else "References"
    out = [f"# {title}", ""]
    if not result.references:
        out += ["No one has agreed and confirmed within the last 12 months.", ""]
    skill = None
    for row in result.references:
        if row.skill != skill:
            skill = row.skill
            out += [f"## {skill}", ""]
        out += _entry(row)
    if result.ask_again:
        out += ["## Ask again", ""]
        out += [f"- {r.name} ({r.skill}): {r.why}" for r in result.ask_again]
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _csv_row(row: ReferenceRow) -> list[str]:
    agreed = {True: "yes", False: "no", None: "unknown"}[row.agreed]
    values = {
        **row.__dict__,
        "agreed": agreed,
        "asked_on": row.asked_on.isoformat() if row.asked_on else "",
        "confirmed_on": row.confirmed_on.isoformat() if row.confirmed_on else "",
    }
    return [_plain(c, str(values[c])) for c in CSV_COLUMNS]


def references_csv(result: ReferenceList) -> str:
    """One row per reference: the list first (status "reference"), then those to ask again
    (status "ask again"), so one sheet holds both and a filter on status gives the list."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in [*result.references, *result.ask_again]:
        writer.writerow(_csv_row(row))
    return buffer.getvalue()

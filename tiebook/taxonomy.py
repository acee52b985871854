"""The twelve kinds of professional connection, their three categories and default intervals."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from enum import StrEnum

from tiebook.core.errors import ValidationError


class Category(StrEnum):
    OPERATIONAL = "operational"
    STRATEGIC = "strategic"
    PERSONAL = "personal"


CATEGORY_BLURBS = {
    Category.OPERATIONAL: "inside your workplace, the day-to-day",
    Category.STRATEGIC: "outside your organisation, shaping your success",
    Category.PERSONAL: "personal rapport with professional value",
}


@dataclass(frozen=True)
class ConnectionType:
    code: str
    label: str
    category: Category
    default_interval_days: int
    blurb: str


TYPES: tuple[ConnectionType, ...] = (
    ConnectionType(
        "direct_supervisor",
        "direct supervisor",
        Category.OPERATIONAL,
        30,
        "managers and team leads you report to; they can vouch for your work",
    ),
    ConnectionType(
        "colleague", "colleague", Category.OPERATIONAL, 60, "teammates you build things with"
    ),
    ConnectionType(
        "interdepartmental",
        "interdepartmental",
        Category.OPERATIONAL,
        90,
        "people in other departments you work with regularly",
    ),
    ConnectionType(
        "consultant",
        "consultant",
        Category.OPERATIONAL,
        90,
        "internal or external specialists who give expert input",
    ),
    ConnectionType(
        "contractor",
        "contractor",
        Category.STRATEGIC,
        90,
        "freelancers and third-party professionals on your projects",
    ),
    ConnectionType(
        "financial_expert",
        "financial expert",
        Category.STRATEGIC,
        180,
        "accountants, auditors, tax specialists",
    ),
    ConnectionType(
        "government_body",
        "government body",
        Category.STRATEGIC,
        365,
        "regulators and officials you deal with",
    ),
    ConnectionType(
        "licensing_authority",
        "licensing authority",
        Category.STRATEGIC,
        365,
        "certification and licensing boards you must stay in good standing with",
    ),
    ConnectionType("mentor", "mentor", Category.PERSONAL, 30, "experienced advisors who guide you"),
    ConnectionType(
        "educator",
        "educator",
        Category.PERSONAL,
        180,
        "professors and teachers who shaped your learning",
    ),
    ConnectionType(
        "family",
        "family",
        Category.PERSONAL,
        90,
        "relatives who can speak for your skills; lean on them sparingly as advocates",
    ),
    ConnectionType(
        "friend",
        "friend",
        Category.PERSONAL,
        45,
        "trusted friends in your field who know your strengths",
    ),
)

BY_CODE: dict[str, ConnectionType] = {t.code: t for t in TYPES}
CODES: tuple[str, ...] = tuple(BY_CODE)
CHOICES: list[tuple[str, str]] = [(t.code, t.label) for t in TYPES]

# Dunbar layers: how often the inner circles deserve a touch.
CIRCLE_INTERVALS: dict[int, int] = {5: 7, 15: 30, 50: 182, 150: 365}

# Words people type for a type, beyond its code and label.
_ALIASES = {
    "supervisor": "direct_supervisor",
    "manager": "direct_supervisor",
    "boss": "direct_supervisor",
    "interdept": "interdepartmental",
    "financial": "financial_expert",
    "accountant": "financial_expert",
    "government": "government_body",
    "regulator": "government_body",
    "licensing": "licensing_authority",
    "teacher": "educator",
    "professor": "educator",
}


def types_in(category: Category | str) -> tuple[ConnectionType, ...]:
    return tuple(t for t in TYPES if t.category == category)


def parse_type(raw: str) -> str:
    """Turn what a person typed ('Mentor', 'financial-expert', 'boss') into a type code."""
    key = raw.strip().lower().replace("-", "_").replace(" ", "_")
    if key in BY_CODE:
        return key
    if key in _ALIASES:
        return _ALIASES[key]
    suggestion = difflib.get_close_matches(key, [*CODES, *_ALIASES], n=1, cutoff=0.6)
    hint = None
    if suggestion:
        hint = f"Did you mean '{_ALIASES.get(suggestion[0], suggestion[0])}'?"
    else:
        hint = "Run 'tiebook types' to see the twelve types."
    raise ValidationError(f"Unknown connection type '{raw}'.", field="type", hint=hint)


def type_named(raw: str) -> str | None:
    """The type whose code or label this is exactly (case and a plural aside), as a contact
    group, label or category names it ('Mentors', 'Financial expert'); None for other words."""
    key = " ".join(raw.replace("_", " ").split()).casefold()
    for t in TYPES:
        names = {t.code.replace("_", " "), t.label.casefold()}
        if key in names or key in {f"{n}s" for n in names}:  # a group: 'Mentors', 'Friends'
            return t.code
    return None


def parse_category(raw: str) -> Category:
    key = raw.strip().lower()
    try:
        return Category(key)
    except ValueError:
        names = ", ".join(c.value for c in Category)
        raise ValidationError(
            f"Unknown category '{raw}'; the categories are {names}.", field="category"
        ) from None


def parse_circle(raw: int | str) -> int:
    try:
        circle = int(raw)
    except (TypeError, ValueError):
        circle = -1
    if circle not in CIRCLE_INTERVALS:
        raise ValidationError(
            f"Circle must be one of 5, 15, 50 or 150; got '{raw}'.", field="circle"
        )
    return circle

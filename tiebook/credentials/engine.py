"""The rules of credentials and filings, over plain values: status, CE progress, reminders."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from tiebook.core.errors import ValidationError

ACTIVE, RENEW, RENEWED, LAPSED = "active", "renewal due", "renewed", "lapsed"
MAX_HOURS = 10_000  # more CE hours than anyone needs in a cycle: a typo
_HOURS = re.compile(r"^\s*([0-9]+(?:[.,][0-9]+)?)\s*h?\s*$", re.IGNORECASE | re.ASCII)


def parse_hours(raw: object, *, field: str = "hours", allow_zero: bool = False) -> int:
    """'12', '1.5', '0,75' or '2h' as whole minutes (0 to 10,000 hours)."""
    text = "" if raw is None else str(raw)
    match = _HOURS.match(text)
    try:
        hours = Decimal(match.group(1).replace(",", ".")) if match else None
    except InvalidOperation:
        hours = None
    if hours is None:
        raise ValidationError(
            f"'{text.strip()}' is not a number of hours; write it like 2 or 1.5.", field=field
        )
    if hours > MAX_HOURS:
        raise ValidationError(f"{text.strip()} hours is more than {MAX_HOURS:,}.", field=field)
    minutes = int((hours * 60).to_integral_value())
    if minutes == 0 and not allow_zero:
        raise ValidationError("Give a number of hours above zero.", field=field)
    return minutes


def hours_text(minutes: int) -> str:
    """Minutes as hours the way people write them: '12', '1.5', '0.25'."""
    hours = Decimal(minutes) / 60
    text = f"{hours:.2f}".rstrip("0").rstrip(".")
    return text or "0"


def ce_progress(earned: int, required: int) -> str:
    """'12 of 30 h' (minutes in, hours out); '' when the credential asks for none."""
    if not required:
        return ""
    return f"{hours_text(earned)} of {hours_text(required)} h"


def ce_percent(earned: int, required: int) -> int:
    if not required:
        return 100
    return min(100, earned * 100 // required)


def renewal_due_on(
    expires_on: dt.date, lead_days: int, not_before: dt.date | None = None
) -> dt.date:
    """`lead_days` before expiry, but never before `not_before` (the day it was added): a
    licence added 60 days before it expires is due from that day, not 30 days overdue."""
    day = expires_on - dt.timedelta(days=lead_days)
    return max(day, not_before) if not_before else day


def status(*, expires_on: dt.date, lead_days: int, renewed: bool, today: dt.date) -> str:
    """lapsed after expiry; renewal due from `lead_days` before it; else renewed or active."""
    if today > expires_on:
        return LAPSED
    if today >= renewal_due_on(expires_on, lead_days):
        return RENEW
    return RENEWED if renewed else ACTIVE


def days_left(expires_on: dt.date, today: dt.date) -> int:
    return (expires_on - today).days


def left_phrase(days: int) -> str:
    """'60 days', '1 day', 'today', '3 days ago'."""
    if days == 0:
        return "today"
    count = abs(days)
    unit = "day" if count == 1 else "days"
    return f"{count} {unit}" if days > 0 else f"{count} {unit} ago"


@dataclass(frozen=True)
class Renewal:
    """What a credential's reminder says and when it comes due."""

    due_on: dt.date
    why: str


def renewal(
    *,
    name: str,
    issuer: str,
    expires_on: dt.date,
    lead_days: int,
    earned: int,
    required: int,
    today: dt.date,
    not_before: dt.date | None = None,
) -> Renewal:
    # No "(in 60 days)": the line is kept with the person until the credential changes, and a
    # count of days would go stale; Today shows how near the day is beside it.
    verb = "expired" if today > expires_on else "expires"
    why = f"{name} {verb} on {expires_on.isoformat()}"
    if issuer:
        why += f": renew with {issuer}"
    missing = max(0, required - earned)
    if missing:
        why += f"; {hours_text(missing)} CE hours still to earn ({ce_progress(earned, required)})"
    return Renewal(renewal_due_on(expires_on, lead_days, not_before), why)


def filing_reminder(
    *,
    title: str,
    organization: str,
    due_on: dt.date,
    lead_days: int,
    today: dt.date,
    not_before: dt.date | None = None,
) -> Renewal:
    verb = "was due" if days_left(due_on, today) < 0 else "is due"
    why = f"{title} {verb} on {due_on.isoformat()}"
    if organization:
        why += f": file with {organization}"
    return Renewal(renewal_due_on(due_on, lead_days, not_before), why)


def next_year(day: dt.date) -> dt.date:
    """The same day a year on; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)

"""Parsing what people type for dates and durations ('2026-03-15', 'yesterday', '2w')."""

from __future__ import annotations

import datetime as dt
import re

from django.utils import timezone

from tiebook.core.errors import ValidationError

_UNIT_DAYS = {"d": 1, "w": 7, "m": 30, "y": 365}
# ASCII digits: \d would also take other scripts' digits, which no one types for a rhythm.
_DURATION = re.compile(r"^\s*([0-9]+)\s*([dwmy]?)\s*$", re.IGNORECASE | re.ASCII)
# Longer than anyone keeps in touch, and short enough that any date it reaches is a real one.
MAX_DURATION_DAYS = 36_500


def today() -> dt.date:
    return timezone.localdate()


def now() -> dt.datetime:
    return timezone.now()


def parse_duration(raw: str, *, field: str = "duration") -> int:
    """'30d', '2w', '3m', '1y' or a bare number of days, as a number of days (1 to 36,500)."""
    match = _DURATION.match(str(raw))
    number = match.group(1).lstrip("0") if match else ""
    if not number:
        raise ValidationError(
            f"'{raw}' is not a duration; write it like 30d, 2w, 3m or 1y.", field=field
        )
    days = MAX_DURATION_DAYS + 1 if len(number) > 6 else int(number)
    days *= _UNIT_DAYS[(match.group(2) or "d").lower()]
    check_duration_days(days, shown=f"'{raw}'", field=field)
    return days


def check_duration_days(days: int, *, shown: str, field: str) -> None:
    """Past 100 years a rhythm is a typo, and a few thousand years on there are no dates."""
    if days > MAX_DURATION_DAYS:
        raise ValidationError(
            f"{shown} is longer than 100 years; write at most 36,500 days (100y).", field=field
        )


def parse_date(raw: str, *, field: str = "date") -> dt.date:
    """An ISO date (YYYY-MM-DD), or today / yesterday / tomorrow."""
    text = str(raw).strip().lower()
    relative = {"today": 0, "yesterday": -1, "tomorrow": 1}
    if text in relative:
        return today() + dt.timedelta(days=relative[text])
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValidationError(
            f"'{raw}' is not a date; write it as YYYY-MM-DD, e.g. 2026-03-15.", field=field
        ) from None


def start_of_day(day: dt.date) -> dt.datetime:
    """Midday on that day in the owner's time zone: a safe instant for a day-only event."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12, 0)))


def days_label(days: int) -> str:
    if days == 0:
        return "today"
    if days == 1:
        return "1 day"
    return f"{days} days"

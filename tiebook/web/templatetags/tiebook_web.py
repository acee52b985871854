"""Template filters the pages share, so that a date or a count reads the same everywhere."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def day(value: dt.date | dt.datetime | str | None) -> str:
    """A day as the web shows it everywhere ('7 Mar 2027'); ISO strings are read first."""
    if value in (None, ""):
        return ""
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, dt.datetime):
        value = timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return f"{value.day} {value.strftime('%b %Y')}"

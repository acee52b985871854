"""Template filters of the credentials pages."""

from __future__ import annotations

from django import template

from tiebook.credentials.engine import hours_text

register = template.Library()


@register.filter
def ce_hours(minutes: int) -> str:
    """CE minutes as hours: 90 -> '1.5'."""
    return hours_text(minutes or 0)

"""Template filters the pages share, so that a date or a count reads the same everywhere."""

from __future__ import annotations

import datetime as dt
import re

from django import template
from django.utils import timezone

register = template.Library()

ISO_DAY = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def day_text(value: dt.date) -> str:
    """The one way the web writes a day: 7 Mar 2027."""
    return f"{value.day} {value:%b %Y}"


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
    return day_text(value)


@register.filter
def days_in(text: str) -> str:
    """A sentence with its ISO dates (the engine's why, shared with the CLI) in the web's format."""

    def swap(match: re.Match) -> str:
        try:
            return day_text(dt.date(*(int(part) for part in match.groups())))
        except ValueError:
            return match.group(0)

    return ISO_DAY.sub(swap, text or "")


def counted(number: int, one: str, many: str | None = None) -> str:
    """'1 interaction', '2 interactions', '1 person', '3 people'."""
    return f"{number} {one if number == 1 else (many or one + 's')}"


@register.filter(name="counted")
def counted_filter(number: int, forms: str) -> str:
    """{{ n|counted:"interaction" }} or {{ n|counted:"person,people" }}."""
    one, _, many = forms.partition(",")
    return counted(number or 0, one, many or None)


# Where each kind of nudge comes from: its page, named by the nudge's source_id.
NUDGE_PAGES = {
    "event": ("web:event", "event_id"),
    "opportunity": ("web:opportunity", "opportunity_id"),
    "credential": ("web:credential", "credential_id"),
    "filing": ("web:filings", None),
}


@register.filter
def nudge_url(item) -> str:
    """The page a nudge (or an agenda item) comes from, or '' when it has none."""
    from django.urls import NoReverseMatch, reverse

    page = NUDGE_PAGES.get(item.source)
    if page is None:
        return ""
    name, argument = page
    try:
        return reverse(name, kwargs={argument: item.source_id} if argument else None)
    except NoReverseMatch:
        return ""


_MARKED = re.compile(r"\[(\w+)\]")


@register.filter
def marked(snippet: str):
    """A search snippet with its matched words, written [like this], highlighted; the rest
    escaped."""
    from django.utils.html import escape
    from django.utils.safestring import mark_safe

    return mark_safe(_MARKED.sub(r"<mark>\1</mark>", escape(snippet)))


@register.filter
def field_label(field: str) -> str:
    from tiebook.search.text import FIELD_LABELS

    return FIELD_LABELS.get(field, field)

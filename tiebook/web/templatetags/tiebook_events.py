"""What the Settings page's event part reads: the owner's default follow-up days."""

from __future__ import annotations

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def event_followup_days(context) -> int:
    from tiebook.events.services import followup_days_default

    return followup_days_default(owner=context["request"].user)

"""Template tags for who knows whom: the kinds of tie a person's page offers."""

from __future__ import annotations

from django import template

from tiebook.people.ties import WORDS, tie_label

register = template.Library()


@register.simple_tag
def tie_kinds() -> list[tuple[str, str]]:
    """(word, how it reads from the person whose page it is): ("reports-to", "reports to")."""
    return [(w.word, tie_label(w.kind, outgoing=not w.backwards)) for w in WORDS.values()]

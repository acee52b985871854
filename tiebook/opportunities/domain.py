"""The thinking about opportunities, over plain data: stages and their order, what a role or a
stage is called when typed, and the family caution. Who could refer me at an organisation is
insights.refer (above this app: its selector is called by the opportunity page's interfaces)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tiebook.core.errors import ValidationError
from tiebook.opportunities.models import ENDED, KINDS, ROLE_CODES, STAGE_CODES, STAGE_LABELS

PIPELINE = tuple(code for code in STAGE_CODES if code not in ("lost", "closed"))
KIND_CODES = tuple(code for code, _ in KINDS)

FAMILY_CAUTION = (
    "family: lean on family sparingly as advocates; others may see their advocacy as biased"
)
ADVOCATE_ROLES = ("referrer", "reference")

_STAGE_ALIASES = {
    "referral": "referral_asked",
    "asked": "referral_asked",
    "pitched": "applied",
    "interview": "interviewing",
    "negotiating": "offer",
    "negotiation": "offer",
    "offer_or_negotiating": "offer",
    "closed_lost": "lost",
    "closed_won": "won",
}
_ROLE_ALIASES = {"manager": "hiring_manager", "hiring": "hiring_manager", "ref": "reference"}


def _key(raw: str) -> str:
    return "_".join(raw.strip().lower().replace("-", " ").replace("_", " ").split())


def parse_choice(raw: str, codes: Sequence[str], aliases: dict[str, str], *, noun: str, field: str):
    key = _key(raw or "")
    if key in codes:
        return key
    if key in aliases:
        return aliases[key]
    shown = ", ".join(code.replace("_", "-") for code in codes)
    close = difflib.get_close_matches(key, [*codes, *aliases], n=1, cutoff=0.6)
    hint = f"Did you mean '{aliases.get(close[0], close[0]).replace('_', '-')}'?" if close else None
    raise ValidationError(f"Unknown {noun} '{raw}'; use one of {shown}.", field=field, hint=hint)


def parse_stage(raw: str) -> str:
    """'referral-asked', 'Referral asked', 'negotiating' -> the stage's code."""
    return parse_choice(raw, STAGE_CODES, _STAGE_ALIASES, noun="stage", field="stage")


def parse_role(raw: str) -> str:
    """'hiring-manager', 'Hiring manager' -> 'hiring_manager'."""
    return parse_choice(raw, ROLE_CODES, _ROLE_ALIASES, noun="role", field="role")


def parse_kind(raw: str) -> str:
    return parse_choice(raw, KIND_CODES, {}, noun="kind", field="kind")


def stage_label(stage: str) -> str:
    return STAGE_LABELS[stage]


def next_stage(stage: str) -> str | None:
    """The stage after this one along the pipeline (idea ... offer, won); None at the end."""
    if stage not in PIPELINE:
        return None
    at = PIPELINE.index(stage)
    return PIPELINE[at + 1] if at + 1 < len(PIPELINE) else None


def previous_stage(stage: str) -> str | None:
    """The stage before this one; a lost or closed opportunity goes back to where it ended."""
    if stage in ("lost", "closed"):
        return "offer"
    at = PIPELINE.index(stage)
    return PIPELINE[at - 1] if at > 0 else None


def is_ended(stage: str) -> bool:
    return stage in ENDED


# -- the family caution ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Advocate:
    person_id: int
    name: str
    role: str
    is_family: bool


def family_cautions(advocates: Iterable[Advocate]) -> list[str]:
    """One caution per family member who advocates for you (as a referrer or a reference)."""
    seen: dict[int, list[str]] = {}
    names: dict[int, str] = {}
    for a in advocates:
        if a.is_family and a.role in ADVOCATE_ROLES:
            roles = seen.setdefault(a.person_id, [])
            if a.role not in roles:
                roles.append(a.role)
            names[a.person_id] = a.name
    return [
        f"{names[pid]} ({' and '.join(roles)}) is {FAMILY_CAUTION}" for pid, roles in seen.items()
    ]

"""The thinking about opportunities, over plain data: stages and their order, what a role or a
stage is called when typed, the family caution, and who could refer me at an organisation."""

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


# -- who could refer me at ORG --------------------------------------------------------------------


@dataclass(frozen=True)
class Insider:
    """Someone whose current organisation is the one in question."""

    person_id: int
    name: str
    tie_strength: int


@dataclass(frozen=True)
class Tie:
    """A relationship from `person` to `insider`, worded from `person`'s side ('knows')."""

    person_id: int
    name: str
    tie_strength: int
    relation: str
    insider_id: int


@dataclass(frozen=True)
class Suggestion:
    person_id: int
    name: str
    tie_strength: int
    link: str  # 'works at Acme', 'knows Li Wei at Acme'
    score: int


INSIDER_BONUS = 25  # someone inside can refer you directly; a friend of theirs has to ask them


def reach(tie_strength: int) -> int:
    """An inverted U over tie strength, 0-100: moderately weak ties (about 35) score highest,
    since they moved most people into new jobs (Rajkumar et al., Science 2022), while strong
    ties keep a good score for the trust they bring and the weakest count for little."""
    peak = 35
    if tie_strength <= peak:
        return 40 + round(60 * tie_strength / peak)
    return 100 - round(30 * (tie_strength - peak) / (100 - peak))


def who_could_refer(
    *,
    organization: str,
    insiders: Sequence[Insider],
    ties: Sequence[Tie],
    exclude: Iterable[int] = (),
    limit: int = 10,
) -> list[Suggestion]:
    """People at the organisation, and people one relationship away from someone there, each
    once with the link that serves them best, best first."""
    skip = set(exclude)
    by_id = {i.person_id: i for i in insiders}
    best: dict[int, Suggestion] = {}

    def offer(suggestion: Suggestion) -> None:
        held = best.get(suggestion.person_id)
        if held is None or suggestion.score > held.score:
            best[suggestion.person_id] = suggestion

    for i in insiders:
        if i.person_id not in skip:
            score = reach(i.tie_strength) + INSIDER_BONUS
            offer(
                Suggestion(i.person_id, i.name, i.tie_strength, f"works at {organization}", score)
            )
    for t in ties:
        insider = by_id.get(t.insider_id)
        if insider is None or t.person_id in skip or t.person_id == t.insider_id:
            continue
        # A friend of a strong insider gets further than a friend of a stranger.
        score = round(reach(t.tie_strength) * (0.5 + insider.tie_strength / 200))
        link = f"{t.relation} {insider.name} at {organization}"
        offer(Suggestion(t.person_id, t.name, t.tie_strength, link, score))
    ranked = sorted(best.values(), key=lambda s: (-s.score, s.name.casefold(), s.person_id))
    # Keep room for a third of friends of insiders: a crowd at the organisation would hide them.
    inside = [s for s in ranked if s.link.startswith("works at ")]
    outside = [s for s in ranked if not s.link.startswith("works at ")]
    room = limit - min(len(outside), limit // 3)
    chosen = {id(s) for s in inside[:room]}
    chosen |= {id(s) for s in outside[: limit - min(room, len(inside))]}
    return [s for s in ranked if id(s) in chosen]

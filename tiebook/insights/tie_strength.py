"""Tie strength: how close a connection is, as a 0-100 score, a label and a one-line why."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

DORMANT_AFTER_DAYS = 3 * 365

_RECENCY_HALF_LIFE_DAYS = 90
_FREQUENCY_SATURATION = 12  # a touch a month is as frequent as a professional tie needs
_DURATION_SATURATION_DAYS = 5 * 365
_MULTIPLEXITY_SATURATION = 3
_MUTUAL_SATURATION = 10
STRONG_FROM = 60  # the labels' lower bounds, also counted in SQL by the health figures
MODERATE_FROM = 30
_BALANCED_SHARE = 0.1  # an incoming share within 0.5 +/- this reads as "as often as you"

# Recency leads: it is the strongest single predictor in Gilbert & Karahalios (CHI 2009).
_WEIGHTS: dict[str, float] = {
    "recency": 0.35,
    "frequency": 0.25,
    "duration": 0.1,
    "reciprocity": 0.1,
    "multiplexity": 0.1,
    "mutual": 0.1,
}
# The facts that can follow recency and frequency in the why line, in tie-break order.
_STRUCTURE = ("duration", "reciprocity", "multiplexity", "mutual")
_MAX_FACTS = 3


@dataclass(frozen=True)
class TieInputs:
    today: date
    added_on: date
    last_interaction_on: date | None = None
    first_interaction_on: date | None = None
    interactions_last_year: int = 0
    interactions_total: int = 0
    incoming_total: int = 0  # of interactions_total, how many they started
    gave: int = 0  # knowledge shares / help I gave them
    received: int = 0  # ... and they gave me
    type_count: int = 0  # how many of the 12 connection types they hold
    mutual_connections: int = 0


@dataclass(frozen=True)
class TieStrength:
    score: int  # 0..100
    label: str  # "strong" | "moderate" | "weak" | "dormant" | "new"
    why: str  # "moderate (52): last talk 12 days ago, 8 touches this year, known 6 years"
    components: dict[str, float]  # each 0..1, keyed like _WEIGHTS


def tie_strength(inputs: TieInputs) -> TieStrength:
    """Score a tie from its history and structure, and say in words what drives the score."""
    components = _components(inputs)
    total = sum(_WEIGHTS[name] * value for name, value in components.items())
    score = min(100, max(0, round(100 * total)))
    label = _label(inputs, score)
    return TieStrength(score, label, _why(inputs, label, score, components), components)


def _components(inputs: TieInputs) -> dict[str, float]:
    return {
        "recency": _recency(inputs),
        "frequency": _saturate(inputs.interactions_last_year, _FREQUENCY_SATURATION),
        "duration": _saturate(_days_known(inputs), _DURATION_SATURATION_DAYS),
        "reciprocity": _reciprocity(inputs),
        "multiplexity": _saturate(inputs.type_count, _MULTIPLEXITY_SATURATION),
        "mutual": _saturate(inputs.mutual_connections, _MUTUAL_SATURATION),
    }


def _saturate(value: float, full_at: float) -> float:
    return min(1.0, max(0.0, value / full_at))


def _days_since_talk(inputs: TieInputs) -> int | None:
    if inputs.last_interaction_on is None:
        return None
    return max(0, (inputs.today - inputs.last_interaction_on).days)


def _recency(inputs: TieInputs) -> float:
    days = _days_since_talk(inputs)
    return 0.0 if days is None else 0.5 ** (days / _RECENCY_HALF_LIFE_DAYS)


def _days_known(inputs: TieInputs) -> int:
    first = inputs.first_interaction_on
    since = min(first, inputs.added_on) if first else inputs.added_on
    return max(0, (inputs.today - since).days)


def _incoming_share(inputs: TieInputs) -> float:
    return min(1.0, max(0.0, inputs.incoming_total / inputs.interactions_total))


def _reciprocity(inputs: TieInputs) -> float:
    """1 when each side starts half the talks (and gives as much as it gets), 0 when one-sided."""
    if inputs.interactions_total <= 0:
        return 0.0
    initiative = 1 - 2 * abs(_incoming_share(inputs) - 0.5)
    gave, received = max(0, inputs.gave), max(0, inputs.received)
    if gave + received == 0:
        return initiative
    exchange = 1 - abs(gave - received) / (gave + received)
    return (initiative + exchange) / 2


def _label(inputs: TieInputs, score: int) -> str:
    return strength_label(score, _days_since_talk(inputs))


def strength_label(score: int, days_since_talk: int | None) -> str:
    """The word for a score: new (never talked), dormant (3 years quiet), strong, moderate, weak."""
    if days_since_talk is None:
        return "new"
    if days_since_talk >= DORMANT_AFTER_DAYS:
        return "dormant"
    if score >= STRONG_FROM:
        return "strong"
    return "moderate" if score >= MODERATE_FROM else "weak"


def _why(inputs: TieInputs, label: str, score: int, components: dict[str, float]) -> str:
    """Recency first, then frequency once there is a history, then the best structural facts."""
    facts = [_recency_fact(inputs)]
    if inputs.last_interaction_on is not None:
        facts.append(_plural(inputs.interactions_last_year, "touch", "touches") + " this year")
    ranked = sorted(_STRUCTURE, key=lambda name: -_WEIGHTS[name] * components[name])
    for name in ranked[: _MAX_FACTS - len(facts)]:
        if components[name] > 0:
            facts.append(_structure_fact(inputs, name))
    return f"{label} ({score}): {', '.join(facts)}"


def _recency_fact(inputs: TieInputs) -> str:
    days = _days_since_talk(inputs)
    if days is None:
        return "never contacted"
    if days == 0:
        return "last talk today"
    if days == 1:
        return "last talk yesterday"
    return f"last talk {_span(days)} ago"


def _structure_fact(inputs: TieInputs, name: str) -> str:
    if name == "duration":
        return f"known {_span(_days_known(inputs))}"
    if name == "reciprocity":
        return _initiative_fact(_incoming_share(inputs))
    if name == "multiplexity":
        return _plural(inputs.type_count, "kind of connection", "kinds of connection")
    return _plural(inputs.mutual_connections, "mutual connection", "mutual connections")


def _initiative_fact(incoming_share: float) -> str:
    if abs(incoming_share - 0.5) <= _BALANCED_SHARE:
        return "they reach out as often as you"
    return "they reach out more often" if incoming_share > 0.5 else "you reach out more often"


def _span(days: int) -> str:
    """A length of time in the unit a person would use: days, then months, then years."""
    if days < 60:
        return _plural(days, "day", "days")
    if days < 2 * 365:
        return f"{days // 30} months"
    return f"{days // 365} years"


def _plural(count: int, one: str, many: str) -> str:
    if count == 0:
        return f"no {many}"
    return f"{count} {one if count == 1 else many}"


def tie_line(score: int, days_since_talk: int | None) -> str:
    """How the tie reads in a line of results: 'moderate tie, last talk 3 months ago'."""
    if days_since_talk is None:
        return "new tie, never contacted"
    label = strength_label(score, days_since_talk)
    if days_since_talk == 0:
        when = "last talk today"
    elif days_since_talk == 1:
        when = "last talk yesterday"
    else:
        when = f"last talk {_span(days_since_talk)} ago"
    return f"{label} tie, {when}"

"""What events decide, pure: names, dates, topics, follow-up days and who is relevant to one."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from tiebook.core.errors import ValidationError
from tiebook.events.models import KINDS, NAME, STATUSES, WHERE
from tiebook.people.normalize import text_key

MAX_TOPICS = 20
TOPIC = 80
MAX_FOLLOWUP_DAYS = 365
_SPACES = re.compile(r"\s+")


def clean_event_name(raw: str | None) -> str:
    name = _SPACES.sub(" ", raw or "").strip()
    if not name:
        raise ValidationError("Give the event a name.", field="name")
    if len(name) > NAME:
        raise ValidationError(
            f"An event's name is too long: {len(name):,} characters, at most {NAME}.",
            field="name",
        )
    return name


def clean_where(raw: str | None) -> str:
    where = _SPACES.sub(" ", raw or "").strip()
    if len(where) > WHERE:
        raise ValidationError(
            f"The place is too long: {len(where):,} characters, at most {WHERE}.", field="where"
        )
    return where


def parse_kind(raw: str | None) -> str:
    kind = (raw or "meetup").strip().lower()
    if kind not in KINDS:
        raise ValidationError(f"Unknown kind '{raw}'; use one of {', '.join(KINDS)}.", field="kind")
    return kind


def parse_status(raw: str) -> str:
    status = (raw or "").strip().lower()
    if status not in STATUSES:
        raise ValidationError(
            f"Unknown status '{raw}'; use one of {', '.join(STATUSES)}.", field="status"
        )
    return status


def clean_topics(raw: Iterable[str]) -> list[str]:
    """Topics as typed, trimmed, once each (by their key), commas splitting them."""
    found: dict[str, str] = {}
    for item in raw:
        for part in str(item).split(","):
            topic = _SPACES.sub(" ", part).strip()
            if not topic:
                continue
            if len(topic) > TOPIC:
                raise ValidationError(
                    f"A topic is too long: {len(topic):,} characters, at most {TOPIC}.",
                    field="topics",
                )
            found.setdefault(text_key(topic), topic)
    if len(found) > MAX_TOPICS:
        raise ValidationError(f"An event has at most {MAX_TOPICS} topics.", field="topics")
    return list(found.values())


def check_dates(starts_on: dt.date, ends_on: dt.date | None) -> dt.date:
    """The end date (the start when none is given); an end before the start is refused."""
    end = ends_on or starts_on
    if end < starts_on:
        raise ValidationError(
            f"The event ends ({end.isoformat()}) before it starts ({starts_on.isoformat()}).",
            field="until",
        )
    return end


def check_followup_days(days: int) -> int:
    if not 1 <= days <= MAX_FOLLOWUP_DAYS:
        raise ValidationError(
            f"Follow-up days must be between 1 and {MAX_FOLLOWUP_DAYS}; got {days}.",
            field="followup_days",
        )
    return days


def day_label(day: dt.date, *, year: bool = False) -> str:
    """'3 Dec', or '3 Dec 2026' with the year."""
    text = f"{day.day} {day.strftime('%b')}"
    return f"{text} {day.year}" if year else text


def dates_label(starts_on: dt.date, ends_on: dt.date) -> str:
    """'3 Dec 2026', '3-5 Dec 2026', '30 Nov - 2 Dec 2026'."""
    if starts_on == ends_on:
        return day_label(starts_on, year=True)
    if (starts_on.year, starts_on.month) == (ends_on.year, ends_on.month):
        return f"{starts_on.day}-{day_label(ends_on, year=True)}"
    if starts_on.year == ends_on.year:
        return f"{day_label(starts_on)} - {day_label(ends_on, year=True)}"
    return f"{day_label(starts_on, year=True)} - {day_label(ends_on, year=True)}"


def how_met_text(name: str, day: dt.date) -> str:
    """What "how we met" says of someone met at an event: 'PyCon Lisbon, 3 Dec 2026'."""
    return f"{name}, {day_label(day, year=True)}"


def met_why(name: str, day: dt.date) -> str:
    """The line Today and `tiebook due` show for someone met at an event."""
    return f"met at {name} on {day_label(day)}"


def met_day(starts_on: dt.date, ends_on: dt.date, today: dt.date, name: str) -> dt.date:
    """The day a meeting recorded today took place: today during the event, its last day after.
    Nobody is met at an event that has not started."""
    if today < starts_on:
        raise ValidationError(
            f"{name} starts on {day_label(starts_on, year=True)}; you cannot have met anyone "
            "there yet. Add them as someone you want to meet.",
            field="event",
        )
    return min(today, ends_on)


def followup_due(ends_on: dt.date, days: int) -> dt.date:
    return ends_on + dt.timedelta(days=days)


def is_upcoming(ends_on: dt.date, today: dt.date) -> bool:
    return ends_on >= today


# -- who in the network is relevant to an event ------------------------------------------------


@dataclass(frozen=True)
class EventFacts:
    hosts: dict[int, str]  # organisation id -> name
    sponsors: dict[int, str]
    topics: Sequence[str]


@dataclass(frozen=True)
class Candidate:
    person: int
    organization: int | None
    headline: str = ""
    expertise: Sequence[str] = ()
    tags: Sequence[str] = ()
    tie_strength: int = 0


@dataclass
class Relevance:
    person: int
    score: int
    reasons: list[str] = field(default_factory=list)


ORG_WEIGHT = {"host": 5, "sponsor": 3}
TOPIC_WEIGHT = {"expertise": 3, "tag": 2, "headline": 1}


def _mentions(topic_key: str, text: str) -> bool:
    """The topic appears in the text as whole words ('go' is not in 'google')."""
    return bool(re.search(rf"(?<!\w){re.escape(topic_key)}(?!\w)", text_key(text)))


def _topic_reasons(topics: Sequence[str], candidate: Candidate) -> list[tuple[int, str]]:
    found = []
    for topic in topics:
        key = text_key(topic)
        if any(text_key(e) == key or _mentions(key, e) for e in candidate.expertise):
            found.append((TOPIC_WEIGHT["expertise"], f"expertise in {topic}"))
        elif any(text_key(t) == key for t in candidate.tags):
            found.append((TOPIC_WEIGHT["tag"], f"tagged {topic}"))
        elif candidate.headline and _mentions(key, candidate.headline):
            found.append((TOPIC_WEIGHT["headline"], f"headline mentions {topic}"))
    return found


def relevance(candidate: Candidate, event: EventFacts) -> Relevance | None:
    """Why this person matters for the event, or None when nothing ties them to it."""
    reasons: list[tuple[int, str]] = []
    org = candidate.organization
    if org is not None and org in event.hosts:
        reasons.append((ORG_WEIGHT["host"], f"works at {event.hosts[org]}, the host"))
    elif org is not None and org in event.sponsors:
        reasons.append((ORG_WEIGHT["sponsor"], f"works at {event.sponsors[org]}, a sponsor"))
    reasons.extend(_topic_reasons(event.topics, candidate))
    if not reasons:
        return None
    return Relevance(candidate.person, sum(w for w, _ in reasons), [r for _, r in reasons])


def rank_relevant(
    candidates: Iterable[Candidate], event: EventFacts, *, limit: int = 20
) -> list[Relevance]:
    """The most relevant first; ties go to the stronger tie, then the lower id (stable)."""
    scored = []
    strength = {}
    for candidate in candidates:
        found = relevance(candidate, event)
        if found:
            scored.append(found)
            strength[candidate.person] = candidate.tie_strength
    scored.sort(key=lambda r: (-r.score, -strength[r.person], r.person))
    return scored[:limit]

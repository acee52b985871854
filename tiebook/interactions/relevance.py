"""Whom a shared item would help: its terms matched against what people are known for (pure)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# Words of a title that say nothing about its subject.
_STOPWORDS = """
    about after again also among and another any are article blog book both but can could course
    does down each every first for from guide have here how into its just last latest like made
    make many more most much need new next note notes only other our out over own paper part post
    read really same should some such talk than that the their them then there these they this
    those through tips tool tools very video want was what when where which while who why will
    with without would year years you your
"""
STOPWORDS = frozenset(_STOPWORDS.split())
MIN_WORD = 3  # shorter title words (a, of, AI is kept as a topic, not as a title word)
# How much a match counts, by where it was found; a topic counts twice a title word.
WEIGHTS = {"expertise": 4, "tag": 4, "headline": 2, "notes": 1}
FIELDS = tuple(WEIGHTS)


@dataclass(frozen=True)
class Candidate:
    """What a person is known for, as plain text."""

    person_id: int
    name: str
    expertise: Sequence[str] = ()
    tags: Sequence[str] = ()
    headline: str = ""
    notes: str = ""
    tie_strength: int = 0  # breaks ties between equal matches: closer people first


@dataclass(frozen=True)
class Suggestion:
    person_id: int
    name: str
    score: int
    matches: tuple[str, ...]  # "expertise: kubernetes", "tag: security", in weight order
    tie_strength: int = 0

    @property
    def why(self) -> str:
        return ", ".join(self.matches)


def fold(text: str) -> str:
    """Casefolded and accent-free, for comparing words."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def share_terms(*, title: str, topics: Iterable[str]) -> list[tuple[str, bool]]:
    """The item's terms, each with whether it is a topic (a topic counts twice a title word):
    its topics as given, then the telling words of its title, each once."""
    terms: dict[str, bool] = {}
    for topic in topics:
        key = " ".join(fold(topic).split())
        if key:
            terms.setdefault(key, True)
    for word in re.findall(r"[\w+#.-]+", fold(title)):
        word = word.strip(".-")
        if len(word) >= MIN_WORD and word not in STOPWORDS and not word.isdigit():
            terms.setdefault(word, False)
    return list(terms.items())


def _contains(text: str, term: str) -> bool:
    """Whether `term` appears in `text` as whole words ("java" is not in "javascript")."""
    return re.search(rf"(?<![\w]){re.escape(term)}(?![\w])", text) is not None


def _values(candidate: Candidate, where: str) -> list[str]:
    if where == "expertise":
        return [fold(e) for e in candidate.expertise]
    if where == "tag":
        return [fold(t) for t in candidate.tags]
    return [fold(getattr(candidate, where))]


def suggestion_for(candidate: Candidate, terms: Sequence[tuple[str, bool]]) -> Suggestion | None:
    """How well the item fits this person, with each match named; None when nothing matches."""
    score, matches = 0, []
    for where in FIELDS:
        values = _values(candidate, where)
        for term, is_topic in terms:
            if any(_contains(value, term) for value in values):
                score += WEIGHTS[where] * (2 if is_topic else 1)
                matches.append(f"{where}: {term}")
    if not matches:
        return None
    return Suggestion(
        candidate.person_id, candidate.name, score, tuple(matches), candidate.tie_strength
    )


def rank_suggestions(
    candidates: Iterable[Candidate],
    *,
    title: str,
    topics: Iterable[str],
    limit: int = 10,
) -> list[Suggestion]:
    """The people the item would help most, best first (equal matches: the closer tie first, then
    by name): those whose expertise or tags match weigh most, then their headline, then notes."""
    terms = share_terms(title=title, topics=topics)
    found = [s for c in candidates if (s := suggestion_for(c, terms)) is not None]
    found.sort(key=lambda s: (-s.score, -s.tie_strength, fold(s.name), s.person_id))
    return found[:limit]

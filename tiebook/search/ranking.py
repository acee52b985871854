"""Who can help with X, decided over plain data: how well each person's document answers the
question (words, field by field), how close their passages come in meaning, how the two agree,
and a little of how close the tie is; with the passage that matched, to show why."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

from tiebook.search import text, thesaurus

# How much a word counts by where it is: what someone knows and does says more than a passing
# mention in a meeting's title. Lengths are a field's usual size in words, for BM25F's
# normalisation (a long history mentions everything once).
FIELD_WEIGHTS = {
    "name": 2.0,
    "work": 3.0,
    "expertise": 4.0,
    "notes": 2.5,
    "contact": 0.5,
    "history": 1.5,
}
_USUAL_LENGTH = {"name": 3, "work": 6, "expertise": 5, "notes": 25, "contact": 3, "history": 60}
_B = 0.6
_K1 = 1.2
_UNSTEMMED = ("name", "contact")
COVERAGE_FLOOR = 0.4


@dataclass(frozen=True)
class Query:
    words: tuple[str, ...]  # folded, as asked
    stems: tuple[str, ...]  # the same words, stemmed

    @property
    def empty(self) -> bool:
        return not self.words

    @cached_property
    def clues(self) -> tuple[str, ...]:
        """Pieces of text at least one of which a field must hold to match at all: the start of
        each stem, and of each specific term the thesaurus makes imply it. Fields without any
        are not worth cutting into words (most of a long history)."""
        found = set(self.words)
        for stem in self.stems:
            found.add(stem[:4])
            found.update(t[:4] for t in thesaurus.narrower(stem))
        return tuple(found)


def query_of(question: str) -> Query:
    asked = text.terms(question)
    return Query(tuple(asked), tuple(text.stem(w) for w in asked))


@dataclass(frozen=True)
class Candidate:
    doc: text.Document
    strength: int = 0  # tie strength, 0-100
    days_since_talk: int | None = None
    similarity: float | None = None  # the closest passage's cosine, when search by meaning is on


@dataclass(frozen=True)
class Hit:
    person_id: int
    score: float
    lexical: float  # 0..1: the share of the question's weight the words answer
    meaning: float | None  # the closest passage's cosine
    field: str | None  # where the words matched best, or None when only the meaning did
    snippet: str


def _tokens(field: str, value: str) -> list[str]:
    return text.folded_words(value) if field in _UNSTEMMED else text.indexed_stems(value)


def _matches(field: str, word: str, wanted: set[str]) -> bool:
    if field in _UNSTEMMED:
        return text.fold(word) in wanted
    return any(s in wanted for s in text.implied_stems(text.fold(word)))


def idf(df: int, total: int) -> float:
    return math.log(1 + (total - df + 0.5) / (df + 0.5))


def lexical(
    query: Query, doc: text.Document, df: Mapping[str, int], total: int
) -> tuple[float, str | None]:
    """BM25F over the document's fields, divided by what a perfect match would score, so 1 means
    every word of the question found where it counts most; and the field that counted most."""
    if query.empty:
        return 0.0, None
    counts = {}
    lengths = {}
    clues = query.clues
    for name in text.FIELDS:
        value = getattr(doc, name)
        folded = text.fold(value)
        if not any(clue in folded for clue in clues):
            counts[name], lengths[name] = {}, 0
            continue
        tokens = _tokens(name, value)
        lengths[name] = len(tokens)
        bag: dict[str, int] = {}
        for token in tokens:
            bag[token] = bag.get(token, 0) + 1
        counts[name] = bag
    score = best = covered = 0.0
    by_field = dict.fromkeys(text.FIELDS, 0.0)
    for word, stem in zip(query.words, query.stems, strict=True):
        weight = idf(df.get(stem, 0), total)
        best += weight
        tf = 0.0
        for name in text.FIELDS:
            found = counts[name].get(word if name in _UNSTEMMED else stem, 0)
            if found:
                norm = 1 - _B + _B * lengths[name] / _USUAL_LENGTH[name]
                part = FIELD_WEIGHTS[name] * found / norm
                tf += part
                by_field[name] += weight * part
        score += weight * tf / (_K1 + tf)
        covered += weight if tf else 0.0
    top = max(by_field, key=by_field.get)
    if not best:
        return 0.0, None
    # Answering more of the question beats saying one of its words often: one word of three
    # repeated in a company name and a note is weaker evidence than two of them in one line.
    coverage = covered / best
    return (score / best) * (COVERAGE_FLOOR + (1 - COVERAGE_FLOOR) * coverage), (
        top if by_field[top] > 0 else None
    )


# Meaning below this cosine is noise for short professional texts (measured on the test network:
# unrelated passages sit at 0.0-0.25, the right one usually at 0.35-0.65).
MEANING_FLOOR = 0.2
# Words and meaning agree, or either is very sure: see docs/insights.md for how these were set.
LEXICAL_SHARE = 0.55
TIE_SHARE = 0.06


def rank(
    query: Query,
    candidates: Sequence[Candidate],
    df: Mapping[str, int],
    total: int,
    limit: int = 10,
) -> list[Hit]:
    """The people who best answer the question, best first."""
    scored = []
    meaning_on = any(c.similarity is not None for c in candidates)
    for c in candidates:
        words, field = lexical(query, c.doc, df, total)
        relevance = _blend(words, c.similarity) if meaning_on else words
        if relevance <= 0:
            continue
        closeness = c.strength / 100 * 0.7 + _recency(c.days_since_talk) * 0.3
        scored.append((relevance * (1 + TIE_SHARE * closeness), words, field, c))
    scored.sort(key=lambda x: (-x[0], x[3].doc.person_id))
    # Snippets only for what is shown: cutting a long history into words is the dear part.
    return [
        Hit(c.doc.person_id, score, words, c.similarity, field, _snippet_of(query, c.doc, field))
        for score, words, field, c in scored[:limit]
    ]


def _blend(words: float, meaning: float | None) -> float:
    sure = max(0.0, ((meaning or 0.0) - MEANING_FLOOR) / (1 - MEANING_FLOOR))
    return LEXICAL_SHARE * words + (1 - LEXICAL_SHARE) * sure


def _recency(days: int | None) -> float:
    return 0.0 if days is None else 0.5 ** (days / 180)


_WORD_SPAN = re.compile(r"\w+", re.UNICODE)
SNIPPET_WORDS = 14


def _snippet_of(query: Query, doc: text.Document, field: str | None) -> str:
    if field is None:
        # Only the meaning matched: show the start of what the model read first.
        passages = text.passages(doc)
        return _shorten(passages[0]) if passages else ""
    return snippet(query, field, getattr(doc, field))


def snippet(query: Query, field: str, value: str) -> str:
    """The stretch of the field around the most matched words, with them in [brackets]."""
    spans = list(_WORD_SPAN.finditer(value))
    if not spans:
        return ""
    wanted = set(query.words) if field in _UNSTEMMED else set(query.stems)
    marks = [i for i, m in enumerate(spans) if _matches(field, m.group(), wanted)]
    if not marks:
        return _shorten(value)
    # The window of SNIPPET_WORDS words holding the most matches.
    start = max(
        range(len(spans)),
        key=lambda s: (sum(1 for i in marks if s <= i < s + SNIPPET_WORDS), -s),
    )
    start = max(0, start - 2)  # a little of what comes before, for sense
    end = min(len(spans), start + SNIPPET_WORDS)
    out = []
    cursor = spans[start].start()
    marked = set(marks)
    for i in range(start, end):
        m = spans[i]
        out.append(value[cursor : m.start()])
        out.append(f"[{m.group()}]" if i in marked else m.group())
        cursor = m.end()
    if end == len(spans):
        out.append(value[cursor:])
    piece = "".join(out).strip()
    return ("…" if start else "") + piece + ("…" if end < len(spans) else "")


def _shorten(value: str) -> str:
    split = value.split()
    return " ".join(split[:SNIPPET_WORDS]) + ("…" if len(split) > SNIPPET_WORDS else "")

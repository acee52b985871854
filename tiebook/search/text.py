"""The words of search, over plain data: what a person's document holds, how a query is cut into
terms, and the passages a sentence model reads."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

from tiebook.search import thesaurus

# The document's fields. The People search box looks in all but the history; `find` in all.
FIELDS = ("name", "work", "expertise", "notes", "contact", "history")
FIELD_LABELS = {
    "name": "name",
    "work": "work",
    "expertise": "knows about",
    "notes": "notes",
    "contact": "contact",
    "history": "history",
}

# A person with years of mail would otherwise carry a book into the index; the newest lines win.
HISTORY_MAX = 12_000
NOTE_LINE_MAX = 300

_WORD = re.compile(r"\w+", re.UNICODE)
# The combining marks NFKD splits off letters (the accents of Latin, Greek and Cyrillic script).
_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")

# Words a question is made of rather than what it asks about ("someone who knows about taxes").
_STOPWORDS_TEXT = """
    a about an and any anyone are as at be been being but by can could do does for from
    get got had has have help helps helped how i in into is it its knows know knowing knew me
    my need needs of on or our person people please should some somebody someone something
    than that the their them they this those to us was we were what when where which who whom
    whose why will with would you your expert experts experience good great best"""
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())


@dataclass(frozen=True)
class Document:
    """What the index holds for one person, field by field."""

    person_id: int
    name: str = ""
    work: str = ""
    expertise: str = ""
    notes: str = ""
    contact: str = ""
    history: str = ""

    def fields(self) -> tuple[str, ...]:
        """The fields' values in the order of FIELDS."""
        return (self.name, self.work, self.expertise, self.notes, self.contact, self.history)


@dataclass
class Facts:
    """A person's searchable facts as read from the tables, before they become a document."""

    person_id: int
    names: list[str] = field(default_factory=list)
    work: list[str] = field(default_factory=list)
    expertise: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    contact: list[str] = field(default_factory=list)
    history: list[str] = field(default_factory=list)  # newest first


def document(facts: Facts) -> Document:
    return Document(
        person_id=facts.person_id,
        name=_join(facts.names),
        work=_join(facts.work),
        expertise=", ".join(x.strip() for x in facts.expertise if x and x.strip()),
        notes="\n".join(x.strip() for x in facts.notes if x and x.strip()),
        contact=_join(facts.contact),
        history=_history(facts.history),
    )


def _join(parts: Iterable[str]) -> str:
    kept: list[str] = []  # a handful of parts: a list finds a repeat faster than a dict
    for part in parts:
        if part and (part := part.strip()) and part not in kept:
            kept.append(part)
    return " · ".join(kept)


def _history(lines: Sequence[str]) -> str:
    kept: list[str] = []
    size = 0
    for line in dict.fromkeys(x.strip()[:NOTE_LINE_MAX] for x in lines if x and x.strip()):
        if size + len(line) > HISTORY_MAX:
            break
        kept.append(line)
        size += len(line) + 3
    return " · ".join(kept)


def fold(text: str) -> str:
    """Casefolded and accent-free, as the index stores words."""
    if text.isascii():
        return text.casefold()
    return _MARKS.sub("", unicodedata.normalize("NFKD", text)).casefold()


def folded_words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


@cache
def _stemmer():
    import Stemmer  # loaded by the first search or write to the index, not by every command

    return Stemmer.Stemmer("english")


def indexed_stems(text_: str) -> list[str]:
    """The stems the index holds for a text: its own, then the broader words its terms imply
    ('VAT' brings 'tax'), so a question in general words finds the specific one."""
    return stems_of(folded_words(text_))


def stems_of(folded: list[str]) -> list[str]:
    stemmer = _stemmer()
    return stemmer.stemWords(folded) + stemmer.stemWords(thesaurus.broader(folded))


def implied_stems(word: str) -> list[str]:
    """The stems a single folded word stands for: itself and what it implies."""
    return _stemmer().stemWords([word, *thesaurus.broader([word])])


def stem(word: str) -> str:
    return _stemmer().stemWord(word)


def words(text: str) -> list[str]:
    """The People search box's words, folded, each matched as the start of a word."""
    return list(dict.fromkeys(folded_words(text)))[:12]


def terms(text: str) -> list[str]:
    """The words a question asks about, folded, without the words questions are made of; if
    nothing is left (a question of stopwords only), every word counts."""
    every = list(dict.fromkeys(folded_words(text)))
    kept = [w for w in every if w not in STOPWORDS and (len(w) > 1 or w.isdigit())]
    return (kept or every)[:16]


# Sentence models read a few hundred words at most; a person is cut into passages of this size.
PASSAGE_WORDS = 50
PASSAGES_MAX = 3


def passages(doc: Document) -> list[str]:
    """What a sentence model reads of a person: who they are and what they know, then the notes,
    then the history, each cut to what the model reads well. The name stays out: it means nothing
    about what someone can help with."""
    profile = ". ".join(x for x in (doc.work, doc.expertise) if x)
    out: list[str] = []
    if profile:
        out.append(profile)
    for text in (doc.notes, doc.history):
        out.extend(_cut(text.replace(" · ", ". ")))
    return [p for p in out if p.strip()][:PASSAGES_MAX]


def _cut(text: str) -> list[str]:
    split = text.split()
    return [" ".join(split[i : i + PASSAGE_WORDS]) for i in range(0, len(split), PASSAGE_WORDS)][:2]

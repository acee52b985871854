"""Reading the search index: the People search box's matches, and who can help with X."""

from __future__ import annotations

import dataclasses
import threading
from dataclasses import dataclass, field

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models.expressions import RawSQL
from django.utils import timezone

from tiebook.core.errors import ValidationError
from tiebook.insights.tie_strength import tie_line
from tiebook.people.models import Person
from tiebook.people.selectors import PeopleFilter, PeoplePage, people_list
from tiebook.search import index, ranking, semantic, text
from tiebook.search.models import PersonVector

# Candidates each half of the search hands to the ranking: enough that the right person is among
# them whatever the network's size, few enough to rank in milliseconds.
LEXICAL_CANDIDATES = 100
MEANING_CANDIDATES = 50
FIND_LIMIT_MAX = 100
QUESTION_MAX = 500


def _connection():
    return connections[DEFAULT_DB_ALIAS]


# -- the People search box ------------------------------------------------------------------


def people_matching(owner, words: str) -> RawSQL | None:
    """The ids of the owner's people whose name, work, expertise, notes or contact details hold
    every word (each as the start of a word), as a subquery; None when there is nothing to find."""
    asked = text.words(words)
    if not asked:
        return None
    index.refresh(owner)
    if _connection().vendor == "postgresql":
        expression = " & ".join(f"{w}:*" for w in asked)
        return RawSQL(
            "SELECT person_id FROM search_document WHERE owner_id = %s "
            "AND people @@ to_tsquery('simple', %s)",
            [owner.pk, expression],
        )
    expression = " AND ".join(f'"{w}"*' for w in asked)
    return RawSQL("SELECT rowid FROM search_people WHERE search_people MATCH %s", [expression])


def resolved(owner, filters: PeopleFilter) -> PeopleFilter:
    """The filters with their search words answered by the index, for the selectors below that
    list or export people."""
    if filters.query and filters.within is None:
        within = people_matching(owner, filters.query)
        if within is not None:
            return dataclasses.replace(filters, within=within)
    return filters


def people_page(*, owner, filters: PeopleFilter, limit: int = 50, offset: int = 0) -> PeoplePage:
    """The People list, its search words answered by the index."""
    return people_list(owner=owner, filters=resolved(owner, filters), limit=limit, offset=offset)


# -- who can help with X ----------------------------------------------------------------------


@dataclass(frozen=True)
class Found:
    person_id: int
    name: str
    organization: str
    headline: str
    score: float
    field: str | None  # where the words matched best; None when only the meaning did
    snippet: str
    tie: str  # "moderate tie, last talk 3 months ago"
    why: str  # "notes: walked us through the HIPAA [audit]; moderate tie, last talk 3 months ago"
    tie_strength: int

    def as_dict(self) -> dict:
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class Answer:
    question: str
    results: list[Found] = field(default_factory=list)
    meaning: bool = False  # whether search by meaning took part
    notice: str = ""  # said once: search by meaning is off, or still reading the network


def find(*, owner, question: str, limit: int = 10) -> Answer:
    """The people who can best help with the question, one line each with why."""
    if limit < 1 or limit > FIND_LIMIT_MAX:
        raise ValidationError(f"The limit must be between 1 and {FIND_LIMIT_MAX}.", field="limit")
    question = " ".join(question.split())[:QUESTION_MAX]
    query = ranking.query_of(question)
    if query.empty:
        raise ValidationError("Say what you need help with, in a few words.", field="question")
    meaning_on = semantic.available()
    index.refresh(owner, vectors=index.VECTORS_PER_SEARCH if meaning_on else False)
    ids = _lexical_candidates(owner, query)
    similarity: dict[int, float] = {}
    notice = "" if meaning_on else semantic.HOW_TO_TURN_ON
    if meaning_on:
        similarity = _meaning(owner, question)
        ids += [
            pid
            for pid in sorted(similarity, key=similarity.get, reverse=True)[:MEANING_CANDIDATES]
            if pid not in ids
        ]
        waiting = index.pending(owner, index.VECTORS)
        if waiting:
            notice = (
                f"Search by meaning has not read {waiting} people yet; "
                "run tiebook reindex to finish now."
            )
    docs = index.documents(owner, ids)
    people = {
        p.pk: p
        for p in Person.objects.filter(owner=owner, pk__in=list(docs), archived_at__isnull=True)
        .select_related("organization")
        .only(
            "display_name", "headline", "organization__name", "tie_strength", "last_interaction_at"
        )
    }
    today = timezone.localdate()
    candidates = []
    for pid, doc in docs.items():
        person = people.get(pid)
        if person is None:
            continue
        candidates.append(
            ranking.Candidate(
                doc,
                strength=person.tie_strength,
                days_since_talk=_days_since(person, today),
                similarity=similarity.get(pid, 0.0) if meaning_on else None,
            )
        )
    df, total = _frequencies(owner, query)
    hits = ranking.rank(query, candidates, df, total, limit=limit)
    return Answer(
        question=question,
        results=[_found(people[h.person_id], h, today) for h in hits],
        meaning=meaning_on,
        notice=notice,
    )


def _days_since(person: Person, today) -> int | None:
    if person.last_interaction_at is None:
        return None
    return max(0, (today - timezone.localtime(person.last_interaction_at).date()).days)


def _found(person: Person, hit: ranking.Hit, today) -> Found:
    tie = tie_line(person.tie_strength, _days_since(person, today))
    where = text.FIELD_LABELS.get(hit.field, "about") if hit.field else "about"
    why = f"{where}: {hit.snippet}; {tie}" if hit.snippet else tie
    return Found(
        person_id=person.pk,
        name=person.display_name,
        organization=person.organization.name if person.organization else "",
        headline=person.headline,
        score=round(hit.score, 4),
        field=hit.field,
        snippet=hit.snippet,
        tie=tie,
        why=why,
        tie_strength=person.tie_strength,
    )


# -- choosing candidates -----------------------------------------------------------------------
#
# Ranking every match of a common word (thousands at 100,000 people) would cost more than the rest
# of the search together; instead the candidates come in tiers, best evidence first, each tier's
# closest ties first: people matching every word, then at least two of them, then any word in
# what they are and know, then any word at all. The ranking then reads their documents.


def _tiers(query: ranking.Query) -> list[list[tuple[tuple[str, str], ...]]]:
    """Each tier as alternatives of conjunctions of (word, stem) terms, with whether only the
    strong fields count: [[((w, s), (w2, s2))], ...]."""
    terms = list(zip(query.words, query.stems, strict=True))
    tiers = []
    if len(terms) >= 2:
        tiers.append(([tuple(terms)], False))
    if len(terms) >= 3:
        few = terms[:4]
        pairs = [(a, b) for i, a in enumerate(few) for b in few[i + 1 :]]
        tiers.append((pairs, False))
    tiers.append(([(t,) for t in terms], True))
    tiers.append(([(t,) for t in terms], False))
    return tiers


def _sqlite_expression(alternatives, strong: bool) -> str:
    def term(word: str, stem: str) -> str:
        either = f'"{word}"' if word == stem else f'("{word}" OR "{stem}")'
        return f"strong : {either}" if strong else either

    return " OR ".join(
        "(" + " AND ".join(term(w, s) for w, s in group) + ")" for group in alternatives
    )


def _postgresql_expression(alternatives, strong: bool) -> str:
    mark = ":A" if strong else ""

    def term(word: str, stem: str) -> str:
        return f"({word}{mark} | {stem}{mark})"

    return " | ".join(
        "(" + " & ".join(term(w, s) for w, s in group) + ")" for group in alternatives
    )


def _lexical_candidates(owner, query: ranking.Query) -> list[int]:
    picked: dict[int, None] = {}
    postgres = _connection().vendor == "postgresql"
    with _connection().cursor() as cursor:
        for alternatives, strong in _tiers(query):
            if len(picked) >= LEXICAL_CANDIDATES:
                break
            if postgres:
                cursor.execute(
                    "SELECT p.id FROM search_document d JOIN people_person p ON p.id = d.person_id "
                    "WHERE d.owner_id = %s AND d.everything @@ to_tsquery('simple', %s) "
                    "AND p.archived_at IS NULL ORDER BY p.tie_strength DESC, p.id LIMIT %s",
                    [owner.pk, _postgresql_expression(alternatives, strong), LEXICAL_CANDIDATES],
                )
            else:
                cursor.execute(
                    "SELECT p.id FROM search_terms f JOIN people_person p ON p.id = f.rowid "
                    "WHERE search_terms MATCH %s AND p.owner_id = %s AND p.archived_at IS NULL "
                    "ORDER BY p.tie_strength DESC, p.id LIMIT %s",
                    [_sqlite_expression(alternatives, strong), owner.pk, LEXICAL_CANDIDATES],
                )
            for (pid,) in cursor.fetchall():
                if len(picked) < LEXICAL_CANDIDATES:
                    picked[pid] = None
    return list(picked)


_TOTAL_TTL_SECONDS = 60


def _frequencies(owner, query: ranking.Query) -> tuple[dict[str, int], int]:
    """How many documents hold each word (rare words weigh more), and how many there are.

    On SQLite the counts are the whole file's (one person's network, in local use), which its
    index answers in a millisecond; on PostgreSQL, the owner's."""
    df = {}
    postgres = _connection().vendor == "postgresql"
    with _connection().cursor() as cursor:
        for word, stem in zip(query.words, query.stems, strict=True):
            if postgres:
                cursor.execute(
                    "SELECT COUNT(*) FROM search_document WHERE owner_id = %s "
                    "AND everything @@ to_tsquery('simple', %s)",
                    [owner.pk, _postgresql_expression([((word, stem),)], False)],
                )
            else:
                cursor.execute(
                    "SELECT COUNT(*) FROM search_terms WHERE search_terms MATCH %s",
                    [_sqlite_expression([((word, stem),)], False)],
                )
            df[stem] = cursor.fetchone()[0]
    return df, _total(owner, max(df.values(), default=0))


def _total(owner, at_least: int) -> int:
    """How many documents there are, counted at most once a minute: an estimate is all IDF needs."""
    from django.core.cache import cache

    key = f"search-total:{_connection().alias}:{owner.pk}"
    total = cache.get(key)
    if total is None:
        with _connection().cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM search_document WHERE owner_id = %s", [owner.pk])
            total = cursor.fetchone()[0]
        cache.set(key, total, _TOTAL_TTL_SECONDS)
    return max(total, at_least)


# -- meaning ------------------------------------------------------------------------------------

_vectors_lock = threading.Lock()
_vectors: dict[tuple[str, int], tuple[tuple, tuple]] = {}


def _meaning(owner, question: str) -> dict[int, float]:
    """Each person's closest passage to the question, by cosine."""
    import numpy as np

    ids, matrix, owners_of_rows = _owner_vectors(owner)
    if matrix is None:
        return {}
    q = semantic.embed([question])[0].astype(np.float32)
    sims = matrix @ q
    best = np.full(len(ids), -1.0, dtype=np.float32)
    np.maximum.at(best, owners_of_rows, sims)
    return {int(pid): float(s) for pid, s in zip(ids, best, strict=True)}


def _owner_vectors(owner):
    """The owner's passage vectors as one matrix, kept in memory while they do not change."""
    import numpy as np

    rows = PersonVector.objects.filter(owner=owner, model=semantic.MODEL)
    # Vectors are replaced, never edited: a new highest id or a new count means a change.
    stamp = (rows.count(), rows.order_by("-id").values_list("id", flat=True).first())
    key = (_connection().alias, owner.pk)
    with _vectors_lock:
        held = _vectors.get(key)
        if held and held[0] == stamp:
            return held[1]
    ids, blocks, which = [], [], []
    for i, (pid, blob, dims) in enumerate(
        rows.order_by("person_id").values_list("person_id", "vectors", "dimensions").iterator()
    ):
        block = semantic.unpack(blob, dims)
        ids.append(pid)
        blocks.append(block)
        which.extend([i] * len(block))
    if not blocks:
        value = ([], None, None)
    else:
        value = (
            ids,
            np.vstack(blocks).astype(np.float32),
            np.asarray(which, dtype=np.int64),
        )
    with _vectors_lock:
        _vectors[key] = (stamp, value)
    return value

"""Keeping the search index: reading the people the database queued, writing their documents
(and, with the semantic extra, their sentence vectors), and rebuilding everything on request."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Sequence

from django.db import DEFAULT_DB_ALIAS, OperationalError, connections, transaction

from tiebook.core.bulk import insert_many
from tiebook.events.models import EventPerson
from tiebook.search import semantic, text
from tiebook.search.models import PersonVector

CHUNK = 1000
HISTORY_LINES = 400  # the newest; the document keeps at most text.HISTORY_MAX characters of them
# A search waits for at most this many people's vectors; the rest follow on the next search,
# an import's end, or `tiebook reindex`.
VECTORS_PER_SEARCH = 100
LEXICAL, VECTORS = 0, 1  # the stages of search_pending

Progress = Callable[[int], None]


def _connection():
    return connections[DEFAULT_DB_ALIAS]


def pending(owner, stage: int = LEXICAL) -> int:
    with _connection().cursor() as cursor:
        cursor.execute(
            "SELECT COUNT(*) FROM search_pending WHERE owner_id = %s AND stage = %s",
            [owner.pk, stage],
        )
        return cursor.fetchone()[0]


def refresh(owner, *, vectors: bool | int = False, progress: Progress | None = None) -> int:
    """Bring the owner's queued documents up to date; with `vectors` (True, or at most that many
    people), their sentence vectors too when the semantic extra is installed. Returns how many
    documents were written. A database busy with another writer (an import) leaves the queue for
    the next search rather than making this one wait."""
    written = 0
    try:
        words = _Words()
        while batch := _queued(owner, LEXICAL):
            _write_documents(owner, batch, words)
            written += len(batch)
            if progress:
                progress(len(batch))
        if vectors and semantic.available():
            budget = None if vectors is True else int(vectors)
            while (budget is None or budget > 0) and (
                batch := _queued(owner, VECTORS, CHUNK if budget is None else min(CHUNK, budget))
            ):
                _write_vectors(owner, batch)
                if budget is not None:
                    budget -= len(batch)
                if progress:
                    progress(len(batch))
    except OperationalError as exc:
        if "locked" not in str(exc):
            raise
    return written


def index_new(owner, *, vectors: bool | int = False, progress: Progress | None = None) -> str:
    """Index what a bulk write (an import, a demo) just queued, before its user first searches:
    everyone's documents, then, with search by meaning on, the sentence vectors of at most
    `vectors` people (True: all of them). `progress(n)` hears each batch done. Returns "", or a
    sentence saying that search by meaning could not read them (its model did not load): what
    was written stands, and `tiebook reindex` reads them later."""
    if not (pending(owner) or pending(owner, VECTORS)):
        return ""
    refresh(owner, progress=progress)
    if not (vectors and semantic.available()):
        return ""
    try:
        refresh(owner, vectors=vectors, progress=progress)
    except (MemoryError, OSError) as exc:
        return (
            f"Search by meaning could not read the new people ({exc.__class__.__name__}); "
            "they are saved, and tiebook reindex reads them later."
        )
    return ""


def rebuild(owner, *, progress: Progress | None = None) -> int:
    """Queue every one of the owner's people and index them all again."""
    with transaction.atomic():
        with _connection().cursor() as cursor:
            cursor.execute(
                "INSERT INTO search_pending (person_id, owner_id) "
                "SELECT id, owner_id FROM people_person WHERE owner_id = %s "
                "ON CONFLICT (person_id) DO UPDATE SET stage = 0, "
                "version = search_pending.version + 1",
                [owner.pk],
            )
        if semantic.available():
            PersonVector.objects.filter(owner=owner).exclude(model=semantic.MODEL).delete()
    return refresh(owner, vectors=True, progress=progress)


def _queued(owner, stage: int, limit: int = CHUNK) -> list[tuple[int, int]]:
    with _connection().cursor() as cursor:
        cursor.execute(
            "SELECT person_id, version FROM search_pending WHERE owner_id = %s AND stage = %s "
            "ORDER BY person_id LIMIT %s",
            [owner.pk, stage, limit],
        )
        return cursor.fetchall()


def _settle(owner, batch: Sequence[tuple[int, int]], stage: int) -> None:
    """Move what was done on: to the vectors' stage, or out of the queue. A person queued again
    while this ran (a newer version) stays where the trigger put them."""
    with _connection().cursor() as cursor:
        params = [x for pair in batch for x in pair]
        pairs = "(person_id, version) IN (VALUES " + ", ".join(["(%s, %s)"] * len(batch)) + ")"
        if stage == LEXICAL and semantic.available():
            cursor.execute(
                f"UPDATE search_pending SET stage = {VECTORS} "
                f"WHERE stage = {LEXICAL} AND ({pairs})",
                params,
            )
        else:
            cursor.execute(
                f"DELETE FROM search_pending WHERE stage = {stage} AND ({pairs})", params
            )


# -- documents ------------------------------------------------------------------------------


def _marks(values: Sequence) -> str:
    return ",".join(["%s"] * len(values))


def _json_list(value) -> list:
    """A JSON list column as read by a plain cursor: text on SQLite (and PostgreSQL's jsonb,
    as Django reads it), a list when the driver decoded it."""
    if isinstance(value, str):
        value = json.loads(value) if value else None
    return value if isinstance(value, list) else []


def facts_of(owner, ids: Sequence[int]) -> dict[int, text.Facts]:
    """Everything search reads of these people, in seven queries whatever their number: plain
    rows, no model instances (building a thousand-id filter through the ORM cost more than
    running it)."""
    facts = {pid: text.Facts(pid) for pid in ids}
    if not ids:
        return facts
    with _connection().cursor() as cursor:
        _people_facts(cursor, owner, facts)
        ids = list(facts)
        if ids:
            _detail_facts(cursor, owner, ids, facts)
    return facts


def _people_facts(cursor, owner, facts: dict[int, text.Facts]) -> None:
    ids = list(facts)
    cursor.execute(
        "SELECT p.id, p.display_name, p.given_name, p.family_name, p.nickname, p.headline, "
        "o.name, p.department, p.location, p.notes, p.how_met, p.expertise "
        "FROM people_person p LEFT OUTER JOIN people_organization o ON o.id = p.organization_id "
        f"WHERE p.owner_id = %s AND p.id IN ({_marks(ids)})",
        [owner.pk, *ids],
    )
    found = set()
    for pk, *names, headline, org, dept, where, notes, how, knows in cursor.fetchall():
        found.add(pk)
        f = facts[pk]
        f.names = names  # display, given, family, nickname
        f.work = [headline, org or "", dept, where]
        f.expertise = [str(x) for x in _json_list(knows) if isinstance(x, str)]
        f.notes = [notes, how]
    for pid in set(facts) - found:  # gone since they were queued
        del facts[pid]


def _detail_facts(cursor, owner, ids: list[int], facts: dict[int, text.Facts]) -> None:
    marks, params = _marks(ids), [owner.pk, *ids]
    cursor.execute(
        "SELECT person_id, value FROM people_contactpoint "
        f"WHERE owner_id = %s AND person_id IN ({marks})",
        params,
    )
    for pid, value in cursor.fetchall():
        facts[pid].contact.append(value)
    cursor.execute(
        "SELECT ep.person_id, e.name, e.topics, ep.role FROM events_eventperson ep "
        "INNER JOIN events_event e ON e.id = ep.event_id "
        f"WHERE ep.owner_id = %s AND ep.person_id IN ({marks}) ORDER BY e.starts_on DESC",
        params,
    )
    for pid, name, topics, role in cursor.fetchall():
        label = EventPerson.LABELS.get(role, role)
        facts[pid].history.append(f"{label} at {name}" + _topics(topics))
    cursor.execute(
        "SELECT person_id, title, topics FROM interactions_knowledgeshare "
        f"WHERE owner_id = %s AND person_id IN ({marks}) ORDER BY occurred_at DESC",
        params,
    )
    for pid, title, topics in cursor.fetchall():
        facts[pid].history.append(title + _topics(topics))
    cursor.execute(
        "SELECT person_id, skill, text FROM interactions_vouch "
        f"WHERE owner_id = %s AND person_id IN ({marks})",
        params,
    )
    for pid, skill, said in cursor.fetchall():
        facts[pid].expertise.append(skill)
        facts[pid].history.append(said)
    # The largest read (a network of a million interactions).
    cursor.execute(
        "SELECT p.person_id, i.summary, i.notes FROM interactions_participant p "
        "JOIN interactions_interaction i ON i.id = p.interaction_id "
        f"WHERE p.owner_id = %s AND p.person_id IN ({marks}) "
        "ORDER BY p.person_id, p.occurred_at DESC",
        params,
    )
    for pid, summary, notes in cursor.fetchall():
        lines = facts[pid].history
        if len(lines) < HISTORY_LINES:
            lines.append(summary)
            if notes:
                lines.append(notes[: text.NOTE_LINE_MAX])


def _topics(topics) -> str:
    words = [str(t) for t in _json_list(topics) if isinstance(t, str) and t.strip()]
    return f" ({', '.join(words)})" if words else ""


def _write_documents(owner, batch: Sequence[tuple[int, int]], words: _Words) -> None:
    ids = [pid for pid, _ in batch]
    with transaction.atomic():
        docs = [text.document(f) for f in facts_of(owner, ids).values()]
        connection = _connection()
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                _write_postgresql(cursor, owner, docs, words)
            else:
                _write_sqlite(cursor, owner, ids, docs, words)
        _settle(owner, batch, LEXICAL)


class _Words:
    """A field's words as the index holds them, each distinct value worked out once per
    refresh: a network repeats its names, employers and titles thousands of times."""

    REMEMBERED = 200  # characters: longer values (notes, history) are rarely repeated
    MOST = 100_000  # values kept before starting afresh

    def __init__(self):
        self._folded: dict[str, str] = {}
        self._forms: dict[str, tuple[str, str]] = {}

    def folded(self, value: str) -> str:
        """The field's folded words, as one text."""
        if not value:
            return ""
        found = self._folded.get(value)
        if found is None:
            found = " ".join(text.folded_words(value))
            self._keep(self._folded, value, found)
        return found

    def forms(self, value: str) -> tuple[str, str]:
        """The field's folded words, and their stems with what they imply."""
        if not value:
            return "", ""
        found = self._forms.get(value)
        if found is None:
            folded = text.folded_words(value)
            found = " ".join(folded), " ".join(text.stems_of(folded))
            self._keep(self._forms, value, found)
        return found

    def _keep(self, memo: dict, value: str, found) -> None:
        if len(value) <= self.REMEMBERED:
            if len(memo) >= self.MOST:
                memo.clear()
            memo[value] = found


def _write_sqlite(cursor, owner, ids: list[int], docs: list[text.Document], words: _Words) -> None:
    marks = _marks(ids)
    for table in ("search_people", "search_terms"):
        cursor.execute(f"DELETE FROM {table} WHERE rowid IN ({marks})", ids)
    cursor.execute(f"DELETE FROM search_document WHERE person_id IN ({marks})", ids)
    people, terms = [], []
    for d in docs:
        work, expertise, notes = words.forms(d.work), words.forms(d.expertise), words.forms(d.notes)
        name, contact = words.folded(d.name), words.folded(d.contact)
        people.append((d.person_id, name, work[0], expertise[0], notes[0], contact))
        strong = f"{name} {contact} {work[1]} {expertise[1]}"
        terms.append((d.person_id, strong, f"{notes[1]} {words.forms(d.history)[1]}"))
    insert_many(
        cursor,
        "INSERT INTO search_people (rowid, name, work, expertise, notes, contact) VALUES",
        6,
        people,
    )
    insert_many(cursor, "INSERT INTO search_terms (rowid, strong, weak) VALUES", 3, terms)
    insert_many(
        cursor,
        "INSERT INTO search_document (person_id, owner_id, name, work, expertise, notes, "
        "contact, history) VALUES",
        8,
        [(d.person_id, owner.pk, *d.fields()) for d in docs],
    )


def _write_postgresql(cursor, owner, docs: list[text.Document], words: _Words) -> None:
    cursor.executemany(
        "INSERT INTO search_document (person_id, owner_id, name, work, expertise, notes, contact, "
        "history, people, everything) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, "
        "to_tsvector('simple', %s), "
        "setweight(to_tsvector('simple', %s), 'A') || setweight(to_tsvector('simple', %s), 'A') "
        "|| setweight(to_tsvector('simple', %s), 'B') || setweight(to_tsvector('simple', %s), 'C')"
        ") ON CONFLICT (person_id) DO UPDATE SET name = EXCLUDED.name, work = EXCLUDED.work, "
        "expertise = EXCLUDED.expertise, notes = EXCLUDED.notes, contact = EXCLUDED.contact, "
        "history = EXCLUDED.history, people = EXCLUDED.people, everything = EXCLUDED.everything",
        [_postgresql_row(owner, d, words) for d in docs],
    )


def _postgresql_row(owner, d: text.Document, words: _Words) -> tuple:
    name, contact = words.folded(d.name), words.folded(d.contact)
    work, expertise, notes = words.forms(d.work), words.forms(d.expertise), words.forms(d.notes)
    # Fields joined by spaces fold to their folded words joined so (no word spans two).
    folded = " ".join(x for x in (name, work[0], expertise[0], notes[0], contact) if x)
    return (
        d.person_id,
        owner.pk,
        *d.fields(),
        folded,
        " ".join(x for x in (name, contact) if x),
        # Stemmed together: a phrase may run from the work into the expertise.
        words.forms(f"{d.work} {d.expertise}")[1],
        notes[1],
        words.forms(d.history)[1],
    )


# -- sentence vectors -----------------------------------------------------------------------


def _write_vectors(owner, batch: Sequence[tuple[int, int]]) -> None:
    ids = [pid for pid, _ in batch]
    passages: dict[int, list[str]] = defaultdict(list)
    for doc in documents(owner, ids).values():
        passages[doc.person_id] = text.passages(doc)
    flat = [(pid, p) for pid in ids for p in passages.get(pid, [])]
    vectors = semantic.embed([p for _, p in flat]) if flat else None
    rows: dict[int, list] = defaultdict(list)
    for (pid, _), vector in zip(flat, vectors if vectors is not None else [], strict=False):
        rows[pid].append(vector)
    with transaction.atomic():
        PersonVector.objects.filter(owner=owner, person_id__in=ids).delete()
        PersonVector.objects.bulk_create(
            [
                PersonVector(
                    owner=owner,
                    person_id=pid,
                    model=semantic.MODEL,
                    dimensions=semantic.DIMENSIONS,
                    vectors=semantic.pack(found),
                )
                for pid, found in rows.items()
            ]
        )
        _settle(owner, batch, VECTORS)


def documents(owner, ids: Sequence[int]) -> dict[int, text.Document]:
    """The indexed documents of these people, as written."""
    if not ids:
        return {}
    marks = ",".join(["%s"] * len(ids))
    with _connection().cursor() as cursor:
        cursor.execute(
            "SELECT person_id, name, work, expertise, notes, contact, history "
            f"FROM search_document WHERE owner_id = %s AND person_id IN ({marks})",
            [owner.pk, *ids],
        )
        return {row[0]: text.Document(*row) for row in cursor.fetchall()}

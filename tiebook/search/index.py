"""Keeping the search index: reading the people the database queued, writing their documents
(and, with the semantic extra, their sentence vectors), and rebuilding everything on request."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence

from django.db import DEFAULT_DB_ALIAS, OperationalError, connections, transaction

from tiebook.events.models import EventPerson
from tiebook.interactions.models import KnowledgeShare, Vouch
from tiebook.people.models import ContactPoint, Person
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
        while batch := _queued(owner, LEXICAL):
            _write_documents(owner, batch)
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


def facts_of(owner, ids: Sequence[int]) -> dict[int, text.Facts]:
    """Everything search reads of these people, in seven queries whatever their number."""
    facts = {pid: text.Facts(pid) for pid in ids}
    people = Person.objects.filter(owner=owner, pk__in=ids).values_list(
        "pk",
        "display_name",
        "given_name",
        "family_name",
        "nickname",
        "headline",
        "organization__name",
        "department",
        "location",
        "notes",
        "how_met",
        "expertise",
    )
    found = set()
    for pk, display, given, family, nick, headline, org, dept, where, notes, how, knows in people:
        found.add(pk)
        f = facts[pk]
        f.names = [display, given, family, nick]
        f.work = [headline, org or "", dept, where]
        f.expertise = [str(x) for x in (knows or []) if isinstance(x, str)]
        f.notes = [notes, how]
    for pid in set(facts) - found:  # gone since they were queued
        del facts[pid]
    ids = list(facts)
    for pid, value in ContactPoint.objects.filter(owner=owner, person_id__in=ids).values_list(
        "person_id", "value"
    ):
        facts[pid].contact.append(value)
    for pid, name, topics, role in (
        EventPerson.objects.filter(owner=owner, person_id__in=ids)
        .order_by("-event__starts_on")
        .values_list("person_id", "event__name", "event__topics", "role")
    ):
        label = EventPerson.LABELS.get(role, role)
        facts[pid].history.append(f"{label} at {name}" + _topics(topics))
    for pid, title, topics in (
        KnowledgeShare.objects.filter(owner=owner, person_id__in=ids)
        .order_by("-occurred_at")
        .values_list("person_id", "title", "topics")
    ):
        facts[pid].history.append(title + _topics(topics))
    for pid, skill, said in Vouch.objects.filter(owner=owner, person_id__in=ids).values_list(
        "person_id", "skill", "text"
    ):
        facts[pid].expertise.append(skill)
        facts[pid].history.append(said)
    # The largest read (a network of a million interactions): plain rows, no model instances.
    marks = ",".join(["%s"] * len(ids))
    with _connection().cursor() as cursor:
        cursor.execute(
            "SELECT p.person_id, i.summary, i.notes FROM interactions_participant p "
            "JOIN interactions_interaction i ON i.id = p.interaction_id "
            f"WHERE p.owner_id = %s AND p.person_id IN ({marks}) "
            "ORDER BY p.person_id, p.occurred_at DESC",
            [owner.pk, *ids],
        )
        for pid, summary, notes in cursor.fetchall():
            lines = facts[pid].history
            if len(lines) < HISTORY_LINES:
                lines.append(summary)
                if notes:
                    lines.append(notes[: text.NOTE_LINE_MAX])
    return facts


def _topics(topics) -> str:
    words = [str(t) for t in (topics or []) if isinstance(t, str) and t.strip()]
    return f" ({', '.join(words)})" if words else ""


def _write_documents(owner, batch: Sequence[tuple[int, int]]) -> None:
    ids = [pid for pid, _ in batch]
    with transaction.atomic():
        docs = [text.document(f) for f in facts_of(owner, ids).values()]
        connection = _connection()
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                _write_postgresql(cursor, owner, docs)
            else:
                _write_sqlite(cursor, owner, ids, docs)
        _settle(owner, batch, LEXICAL)


def _folded(*parts: str) -> str:
    return " ".join(text.folded_words(" ".join(parts)))


def _forms(value: str) -> tuple[str, str]:
    """A field as the index holds it: its folded words, and their stems with what they imply."""
    folded = text.folded_words(value)
    return " ".join(folded), " ".join(text.stems_of(folded))


def _write_sqlite(cursor, owner, ids: list[int], docs: list[text.Document]) -> None:
    marks = ",".join(["%s"] * len(ids))
    for table in ("search_people", "search_terms"):
        cursor.execute(f"DELETE FROM {table} WHERE rowid IN ({marks})", ids)
    cursor.execute(f"DELETE FROM search_document WHERE person_id IN ({marks})", ids)
    people, terms = [], []
    for d in docs:
        work, expertise, notes = _forms(d.work), _forms(d.expertise), _forms(d.notes)
        name, contact = _folded(d.name), _folded(d.contact)
        people.append((d.person_id, name, work[0], expertise[0], notes[0], contact))
        strong = f"{name} {contact} {work[1]} {expertise[1]}"
        terms.append((d.person_id, strong, f"{notes[1]} {_forms(d.history)[1]}"))
    cursor.executemany(
        "INSERT INTO search_people (rowid, name, work, expertise, notes, contact) "
        "VALUES (%s, %s, %s, %s, %s, %s)",
        people,
    )
    cursor.executemany("INSERT INTO search_terms (rowid, strong, weak) VALUES (%s, %s, %s)", terms)
    cursor.executemany(
        "INSERT INTO search_document (person_id, owner_id, name, work, expertise, notes, "
        "contact, history) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
        [(d.person_id, owner.pk, *d.fields()) for d in docs],
    )


def _write_postgresql(cursor, owner, docs: list[text.Document]) -> None:
    cursor.executemany(
        "INSERT INTO search_document (person_id, owner_id, name, work, expertise, notes, contact, "
        "history, people, everything) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, "
        "to_tsvector('simple', %s), "
        "setweight(to_tsvector('simple', %s), 'A') || setweight(to_tsvector('simple', %s), 'A') "
        "|| setweight(to_tsvector('simple', %s), 'B') || setweight(to_tsvector('simple', %s), 'C')"
        ") ON CONFLICT (person_id) DO UPDATE SET name = EXCLUDED.name, work = EXCLUDED.work, "
        "expertise = EXCLUDED.expertise, notes = EXCLUDED.notes, contact = EXCLUDED.contact, "
        "history = EXCLUDED.history, people = EXCLUDED.people, everything = EXCLUDED.everything",
        [
            (
                d.person_id,
                owner.pk,
                *d.fields(),
                _folded(d.name, d.work, d.expertise, d.notes, d.contact),
                _folded(d.name, d.contact),
                _forms(f"{d.work} {d.expertise}")[1],
                _forms(d.notes)[1],
                _forms(d.history)[1],
            )
            for d in docs
        ],
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

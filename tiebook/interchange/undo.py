"""Undoing an import: delete what it created, put back the fields it filled."""

from __future__ import annotations

from collections import defaultdict

from django.apps import apps
from django.db import connection, transaction
from django.db.models import CASCADE
from django.db.models.deletion import get_candidate_relations_to_delete
from django.db.models.signals import post_delete, pre_delete

from tiebook.core.bulk import IN_CHUNK, in_chunks, update_batch
from tiebook.core.errors import Conflict, NotFound
from tiebook.core.timeparse import now
from tiebook.interchange.models import ImportRun
from tiebook.people.models import Person

# Children before parents, so nothing is deleted while something still points at it.
DELETE_ORDER = (
    "interactions.Vouch",
    "interactions.Participant",
    "interactions.Interaction",
    "people.Relationship",
    "people.PersonTag",
    "people.ContactPoint",
    "people.PersonType",
    "people.Person",
    "people.Tag",
    "people.Organization",
    "events.EventPerson",
    "events.Event",
)


def import_run_get(*, owner, run_id: int) -> ImportRun:
    try:
        return ImportRun.objects.get(owner=owner, pk=run_id)
    except ImportRun.DoesNotExist:
        raise NotFound(
            f"No import with number {run_id}.", hint="Run 'tiebook imports' to see them."
        ) from None


def import_runs(*, owner, limit: int = 50) -> list[ImportRun]:
    return list(ImportRun.objects.filter(owner=owner).order_by("-created_at", "-id")[:limit])


def import_undo(*, owner, run_id: int) -> ImportRun:
    """Put the network back as it was before the run (later runs are undone first)."""
    run = import_run_get(owner=owner, run_id=run_id)
    if run.undone_at:
        raise Conflict(f"Import {run_id} was already undone.")
    # Only later runs that changed something can build on it (a re-import that found nothing
    # new does not stand in the way).
    later = ImportRun.objects.filter(
        owner=owner, undone_at__isnull=True, pk__gt=run.pk, changes__isnull=False
    ).distinct()
    if later.exists():
        numbers = ", ".join(str(r) for r in later.order_by("pk").values_list("pk", flat=True))
        raise Conflict(f"Imports after it ({numbers}) may build on it; undo them first.")
    with transaction.atomic():
        touched = _restore_fields(owner, run)
        touched |= _delete_created(owner, run)
        run.undone_at = now()
        run.save(update_fields=["undone_at"])
        _refresh(owner, touched)
    return run


def _restore_fields(owner, run: ImportRun) -> set[int]:
    import datetime as dt

    changes = defaultdict(dict)
    for change in run.changes.filter(action="filled").order_by("id"):
        changes[change.object_id].setdefault(change.field, change.old_value)
    people = in_chunks(changes, lambda ids: Person.objects.filter(owner=owner, pk__in=ids))
    fields = set()
    for person in people:
        for name, old in changes[person.pk].items():
            if name == "updated_at":
                old = dt.datetime.fromisoformat(old)
            setattr(person, name, old)
            fields.add(name)
    if people:
        Person.objects.bulk_update(people, sorted(fields), batch_size=update_batch(len(fields)))
    return set(changes)


# What hangs off a person; a row of these the run did not make would go with the person.
PERSON_PARTS = (
    ("interactions.Participant", ("person_id",)),
    ("people.ContactPoint", ("person_id",)),
    ("people.PersonType", ("person_id",)),
    ("people.PersonTag", ("person_id",)),
    ("interactions.Vouch", ("person_id",)),
    ("interactions.Task", ("person_id",)),
    ("interactions.KnowledgeShare", ("person_id",)),
    ("people.Relationship", ("from_person_id", "to_person_id")),
    ("events.EventPerson", ("person_id",)),
)


def _refuse_if_grown(owner, run: ImportRun, created: dict[str, list[int]]) -> None:
    """Refuse to undo when a person the run added has since gained what the run did not bring
    (a merge into them, a logged talk, a promise): deleting them would lose it."""
    people = created.get("people.Person", [])
    for label, columns in PERSON_PARTS:
        model, made = apps.get_model(label), set(created.get(label, ()))
        for column in columns:
            for pk, person_id in _pointing(owner, model, column, people):
                if pk not in made:
                    name = Person.objects.get(owner=owner, pk=person_id).display_name
                    raise Conflict(
                        f"{name} (id {person_id}), added by import {run.pk}, has gained "
                        "details since (a merge, a talk or a promise); undoing the import "
                        "would delete them.",
                        hint="Merge them into someone you keep first, or delete them yourself.",
                    )


def _pointing(owner, model, column: str, ids: list[int]):
    """(id, `column`) of the owner's rows of `model` whose `column` is one of `ids`: plain
    rows (the ORM's filter on thousands of ids cost more than the query)."""
    table, pk = _quoted(model._meta.db_table), _quoted(model._meta.pk.column)
    column = _quoted(model._meta.get_field(column).column)
    with connection.cursor() as cursor:
        for start in range(0, len(ids), IN_CHUNK):
            chunk = ids[start : start + IN_CHUNK]
            cursor.execute(
                f"SELECT {pk}, {column} FROM {table} "
                f"WHERE owner_id = %s AND {column} IN ({', '.join(['%s'] * len(chunk))})",
                [owner.pk, *chunk],
            )
            yield from cursor.fetchall()


def _refuse_if_events_used(owner, run: ImportRun, created: dict[str, list[int]]) -> None:
    """An imported event someone was since met at (or added to) is the owner's own now."""
    events, made = created.get("events.Event", []), set(created.get("events.EventPerson", ()))
    links = apps.get_model("events.EventPerson").objects.filter(owner=owner)
    for start in range(0, len(events), 900):
        rows = links.filter(event_id__in=events[start : start + 900]).select_related("event")
        for link in rows.exclude(pk__in=made)[:1]:
            raise Conflict(
                f"{link.event.name}, added by import {run.pk}, has people you added since; "
                "undoing the import would delete it.",
                hint="Delete the event yourself if you no longer want it.",
            )


def _delete_created(owner, run: ImportRun) -> set[int]:
    created = defaultdict(list)
    for model, object_ids in run.changes.filter(action="created").values_list(
        "model", "object_ids"
    ):
        created[model].extend(object_ids)
    _refuse_if_grown(owner, run, created)
    _refuse_if_events_used(owner, run, created)
    participants = apps.get_model("interactions.Participant").objects.filter(owner=owner)
    survivors = set(
        in_chunks(
            created["interactions.Participant"],
            lambda ids: participants.filter(pk__in=ids).values_list("person_id", flat=True),
        )
    )
    for label in DELETE_ORDER:
        ids = created.get(label)
        if ids:
            _delete(owner, apps.get_model(label), ids)
    return survivors - set(created["people.Person"])


def _delete(owner, model, ids: list[int]) -> None:
    """Delete the owner's rows of `model` with these ids, as Django's delete would, in plain
    DELETEs when it can: what the run made that hung off them went first, and what still points
    at them is, at most, rows nothing else points at that go with them (a person's sentence
    vectors). A chunk with anything else pointing at it goes through Django, which applies each
    relation's on_delete."""
    relations = list(get_candidate_relations_to_delete(model._meta))
    table, pk = _quoted(model._meta.db_table), _quoted(model._meta.pk.column)
    with connection.cursor() as cursor:
        for start in range(0, len(ids), IN_CHUNK):
            chunk = ids[start : start + IN_CHUNK]
            marks = ", ".join(["%s"] * len(chunk))
            pointing = [r for r in relations if _pointed_at(cursor, r, marks, chunk)]
            if not all(_goes_along(r) for r in pointing):
                model.objects.filter(owner=owner, pk__in=chunk).delete()
                continue
            for relation in pointing:
                cursor.execute(
                    f"DELETE FROM {_quoted(relation.related_model._meta.db_table)} "
                    f"WHERE {_quoted(relation.field.column)} IN ({marks})",
                    chunk,
                )
            cursor.execute(
                f"DELETE FROM {table} WHERE owner_id = %s AND {pk} IN ({marks})",
                [owner.pk, *chunk],
            )


def _quoted(name: str) -> str:
    return connection.ops.quote_name(name)


def _pointed_at(cursor, relation, marks: str, ids: list[int]) -> bool:
    table, column = relation.related_model._meta.db_table, relation.field.column
    cursor.execute(
        f"SELECT 1 FROM {_quoted(table)} WHERE {_quoted(column)} IN ({marks}) LIMIT 1", ids
    )
    return cursor.fetchone() is not None


def _goes_along(relation) -> bool:
    """Rows of this relation are deleted with what they point at, and nothing points at them,
    nor listens for their deletion: Django would delete them in one plain statement too."""
    related = relation.related_model
    return (
        relation.on_delete is CASCADE
        and not list(get_candidate_relations_to_delete(related._meta))
        and not any(s.has_listeners(related) for s in (pre_delete, post_delete))
    )


def _refresh(owner, people: set[int]) -> None:
    from tiebook.followups.services import people_refresh_due

    existing = list(
        in_chunks(
            people,
            lambda ids: Person.objects.filter(owner=owner, pk__in=ids).values_list("pk", flat=True),
        )
    )
    people_refresh_due(owner=owner, people=existing)


def import_runs_after(*, owner, run_id: int) -> list[ImportRun]:
    """The owner's runs after this one that are not undone, newest first."""
    return list(
        ImportRun.objects.filter(owner=owner, undone_at__isnull=True, pk__gt=run_id).order_by("-pk")
    )


def import_undo_with_later(*, owner, run_id: int) -> list[ImportRun]:
    """Undo the run and every later one (newest first) in one transaction; returns them all."""
    run = import_run_get(owner=owner, run_id=run_id)
    if run.undone_at:
        raise Conflict(f"Import {run_id} was already undone.")
    with transaction.atomic():
        done = [
            import_undo(owner=owner, run_id=later.pk)
            for later in import_runs_after(owner=owner, run_id=run.pk)
        ]
        done.append(import_undo(owner=owner, run_id=run.pk))
    return done

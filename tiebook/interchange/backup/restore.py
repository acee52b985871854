"""Writing a checked backup into an empty network, in batches, all in one transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING, Any, TypeVar

from django.db import DataError, IntegrityError, connection, models, transaction

from tiebook.accounts.models import OwnAddress
from tiebook.core.database import statistics_refresh
from tiebook.core.errors import Conflict, ValidationError
from tiebook.followups.models import TypeInterval
from tiebook.followups.services import people_count_interactions
from tiebook.interactions.models import Interaction, Participant, Task
from tiebook.interchange.backup.history import import_changes_restore, import_runs_check
from tiebook.interchange.backup.schema import (
    DISTINCT_PAIRS,
    IMPORT_RUNS,
    INTERACTIONS,
    KNOWLEDGE_SHARES,
    NETWORKING,
    NUDGE_SOURCES,
    NUDGES,
    ORGANIZATIONS,
    OWN_ADDRESSES,
    PARTICIPANTS,
    PEOPLE,
    PERSON_PARTS,
    PROFILES,
    RELATIONSHIPS,
    TAGS,
    TASKS,
    TYPE_INTERVALS,
    VOUCHES,
    BackupSummary,
    Spec,
    sections_of,
)
from tiebook.interchange.backup.validate import decode, validate
from tiebook.people.models import Organization, Person, Tag

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

BATCH = 1000
T = TypeVar("T")
Ids = dict[str, dict[int, int]]  # section -> reference number -> database id
Then = Callable[[list[dict], list[models.Model]], None]

# What makes a network not empty, and how the message counts it.
_OCCUPANTS = (
    (Person, "person", "people"),
    (Organization, "organization", "organizations"),
    (Interaction, "interaction", "interactions"),
    (Tag, "tag", "tags"),
    (Task, "task", "tasks"),
    (TypeInterval, "follow-up interval", "follow-up intervals"),
    (OwnAddress, "address of yours", "addresses of yours"),
)


def restore(*, owner: AbstractBaseUser, document: Any) -> BackupSummary:
    _ensure_empty(owner=owner)
    known = validate(document)
    if document["version"] >= 2:
        import_runs_check(document[IMPORT_RUNS.key], known)
    try:
        with transaction.atomic():
            renumbered = _write(owner=owner, document=document)
            people_count_interactions(owner=owner)  # a cache the backup does not carry
    except (IntegrityError, DataError) as exc:
        # Validation mirrors the database's rules, so this is a rule it does not know yet.
        message = f"The backup could not be restored: the database refused it ({exc})."
        raise ValidationError(message) from exc
    statistics_refresh()
    counts = {spec.key: len(document[spec.key]) for spec in sections_of(document)}
    return BackupSummary.from_counts(counts, renumbered=renumbered)


def _ensure_empty(*, owner: AbstractBaseUser) -> None:
    for model, one, many in _OCCUPANTS:
        count = model.objects.filter(owner=owner).count()
        if count:
            noun = one if count == 1 else many
            raise Conflict(f"Restore needs an empty network; this one has {count} {noun}.")
    for spec in NETWORKING:
        if spec is PROFILES:
            continue  # the account's own profile: the backup's replaces it (see _write)
        count = spec.model.objects.filter(owner=owner).count()
        if count:
            noun = spec.noun if count == 1 else _plural(spec.noun)
            raise Conflict(f"Restore needs an empty network; this one has {count} {noun}.")


def _plural(noun: str) -> str:
    return noun[:-1] + "ies" if noun.endswith("y") and noun[-2:-1] not in "aeiou" else noun + "s"


def _write(*, owner: AbstractBaseUser, document: dict) -> tuple[str, ...]:
    """Write the document; return the sections whose ids were taken and so were given new ones.

    A version 2 backup names records by their database ids: a section keeps them when none is
    taken (by anyone: ids are shared by every account in a database). Version 1 had none."""
    kept = {spec.key for spec in sections_of(document) if _keeps_ids(spec, document)}
    ids: Ids = {key: _SAME for key in kept}
    owner_id = owner.pk
    named = _named_interactions(document)
    _insert(ORGANIZATIONS, document, owner_id=owner_id, ids=ids)
    _insert(TAGS, document, owner_id=owner_id, ids=ids)
    _people(document, owner_id=owner_id, ids=ids)
    _insert(RELATIONSHIPS, document, owner_id=owner_id, ids=ids)
    _insert(DISTINCT_PAIRS, document, owner_id=owner_id, ids=ids)
    then = _participants(owner_id=owner_id, ids=ids)
    _insert(INTERACTIONS, document, owner_id=owner_id, ids=ids, keep=named.__contains__, then=then)
    for spec in (KNOWLEDGE_SHARES, TASKS, VOUCHES, TYPE_INTERVALS, OWN_ADDRESSES):
        _insert(spec, document, owner_id=owner_id, ids=ids)
    if document.get(PROFILES.key):
        PROFILES.model.objects.filter(owner_id=owner_id).delete()
    for spec in NETWORKING:
        if spec.since <= document["version"]:
            _insert(spec, document, owner_id=owner_id, ids=ids)
    if NUDGES.since <= document["version"]:
        _nudges(document, owner_id=owner_id, ids=ids)
    if document["version"] >= 2:
        _insert(IMPORT_RUNS, document, owner_id=owner_id, ids=ids)
        import_changes_restore(document, owner_id=owner_id, ids=ids, batch=BATCH)
        _owner_restore(owner, document["owner"])
        return tuple(s.key for s in sections_of(document) if s.key not in kept and document[s.key])
    return ()


def _nudges(document: dict, *, owner_id: int, ids: Ids) -> None:
    """A nudge names its record by source and number: translated like a reference."""
    translated = []
    for record in document[NUDGES.key]:
        section = NUDGE_SOURCES.get(record.get("source"))
        numbers = ids.get(section) if section else None
        if numbers is not None and numbers is not _SAME:
            if record["source_id"] not in numbers:
                raise ValidationError(
                    f"Backup nudge {record['ref']} names {record['source']} "
                    f"{record['source_id']}, which the backup does not hold."
                )
            record = {**record, "source_id": numbers[record["source_id"]]}
        translated.append(record)
    _insert(NUDGES, {NUDGES.key: translated}, owner_id=owner_id, ids=ids)


class _Same(dict):
    """The ids of a section that kept them: each reference number is its own id."""

    def __missing__(self, number: int) -> int:
        return number


_SAME = _Same()


def _keeps_ids(spec: Spec, document: dict) -> bool:
    if document["version"] < 2:
        return False
    numbers = [record["ref"] for record in document[spec.key]]
    for batch in _batches(numbers, 900):  # below SQLite's oldest limit on parameters
        if spec.model.objects.filter(pk__in=batch).exists():
            return False
    if numbers:
        _reserve(spec.model, max(numbers))
    return True


def _reserve(model: type[models.Model], highest: int) -> None:
    """Move the table's id sequence past `highest` before writing up to it, so that no other
    writer is handed one of those ids meanwhile. SQLite needs nothing: an AUTOINCREMENT table
    never hands out an id below the largest it holds."""
    if connection.vendor != "postgresql":
        return
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT setval(s, GREATEST(%s, nextval(s))) FROM pg_get_serial_sequence(%s, 'id') s",
            [highest, table],
        )


def _named_interactions(document: dict) -> set[int]:
    """The interactions others name (a knowledge share, an undo log), whose new ids are kept."""
    named = {r["interaction"] for r in document[KNOWLEDGE_SHARES.key] if r["interaction"]}
    intros = (
        r for r in document.get(NUDGES.key, []) if NUDGE_SOURCES.get(r["source"]) == "interactions"
    )
    named.update(r["source_id"] for r in intros)
    for spec in NETWORKING:  # a networking record may name its interaction (a referral's)
        for name, section in spec.refs.items():
            if section == INTERACTIONS.key:
                named.update(r[name] for r in document.get(spec.key, []) if r[name])
    for run in document.get(IMPORT_RUNS.key, []):
        for change in run["changes"]:
            if change["model"] == "interactions.Interaction":
                named.update(change["objects"])
            elif change["model"] == "interactions.Participant":
                named.update(name[0] for name in change["objects"])
    return named


def _owner_restore(owner: AbstractBaseUser, found: dict) -> None:
    """The backup's name and addresses, where the account has none of its own yet."""
    addresses = set(OwnAddress.objects.filter(owner=owner).values_list("email", flat=True))
    if found["email"] and not owner.email:
        owner.email = found["email"]
    elif found["email"] and found["email"] not in {owner.email, *addresses}:
        OwnAddress.objects.create(owner=owner, email=found["email"])
    if found["name"] and not owner.first_name:
        owner.first_name = found["name"][:150]
    owner.save(update_fields=["email", "first_name"])


def _own_id(numbers: dict[int, int], record: dict) -> dict[str, int]:
    return {"pk": record["ref"]} if numbers is _SAME else {}


def _batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _build(
    spec: Spec, record: dict, *, owner_id: int, ids: Ids, leave: tuple = (), **fixed: Any
) -> models.Model:
    values = decode(spec, record, label=f"Backup {spec.noun}")
    kwargs = {"owner_id": owner_id, **fixed}
    for column in spec.columns:
        value = values[column.name]
        if column.ref_to is None:
            kwargs[column.attname] = value
        elif column.name not in leave:
            kwargs[column.attname] = None if value is None else ids[column.ref_to][value]
    return spec.model(**kwargs)


def _insert(
    spec: Spec,
    document: dict,
    *,
    owner_id: int,
    ids: Ids,
    keep: Callable[[int], bool] | None = None,
    then: Then | None = None,
    leave: tuple = (),
) -> None:
    """Insert a section in document order, so that new ids rise in it as the old ones did; note
    the new ids of the records `keep` chooses (all by default), which others name."""
    numbers = ids.setdefault(spec.key, {})
    for batch in _batches(document[spec.key], BATCH):
        objects = [
            _build(spec, r, owner_id=owner_id, ids=ids, leave=leave, **_own_id(numbers, r))
            for r in batch
        ]
        spec.model.objects.bulk_create(objects, batch_size=BATCH)
        if numbers is not _SAME:
            numbers.update(
                (r["ref"], obj.pk)
                for r, obj in zip(batch, objects, strict=True)
                if keep is None or keep(r["ref"])
            )
        if then is not None:
            then(batch, objects)


def _people(document: dict, *, owner_id: int, ids: Ids) -> None:
    introductions: list[tuple[int, int]] = []  # (person id, introducer's reference number)

    def then(batch: list[dict], objects: list[models.Model]) -> None:
        pairs = list(zip(batch, objects, strict=True))
        _person_parts(pairs, owner_id=owner_id, ids=ids)
        introductions.extend((p.pk, r["introduced_by"]) for r, p in pairs if r["introduced_by"])

    leave = ("introduced_by",)  # it may name someone later in the backup, not yet written
    _insert(PEOPLE, document, owner_id=owner_id, ids=ids, then=then, leave=leave)
    people = ids[PEOPLE.key]
    fixes = [Person(pk=pk, introduced_by_id=people[number]) for pk, number in introductions]
    Person.objects.bulk_update(fixes, ["introduced_by"], batch_size=BATCH)


def _person_parts(pairs: list[tuple[dict, models.Model]], *, owner_id: int, ids: Ids) -> None:
    for part in PERSON_PARTS:
        rows = [
            _build(part, child, owner_id=owner_id, ids=ids, person_id=person.pk)
            for record, person in pairs
            for child in record[part.key]
        ]
        part.model.objects.bulk_create(rows, batch_size=BATCH)


def _participants(*, owner_id: int, ids: Ids) -> Then:
    people = ids[PEOPLE.key]

    def then(batch: list[dict], objects: list[models.Model]) -> None:
        # The interaction's own time and creation stand in for each participant's copies.
        rows = [
            Participant(
                owner_id=owner_id,
                interaction_id=obj.pk,
                person_id=people[number],
                occurred_at=obj.occurred_at,
                created_at=obj.created_at,
            )
            for record, obj in zip(batch, objects, strict=True)
            for number in record[PARTICIPANTS]
        ]
        Participant.objects.bulk_create(rows, batch_size=BATCH)

    return then

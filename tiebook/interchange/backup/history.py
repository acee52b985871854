"""Import runs in a backup: each with its undo log, whose rows are named as the backup names them,
so that `tiebook undo-import` works on the restored network as it did on the original."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from django.apps import apps

from tiebook.core.errors import ValidationError
from tiebook.interchange.backup.dump import CHUNK, Row, encode, rows
from tiebook.interchange.backup.schema import IMPORT_CHANGES, IMPORT_RUNS, show
from tiebook.interchange.backup.validate import Known, check_keys, decode
from tiebook.interchange.models import ImportChange

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

CHANGES = "changes"  # inside each import run
OBJECTS = "objects"  # inside each change: the rows it made, or the person it filled
# Rows with a section of their own are named by their reference ...
SECTION_OF = {
    "people.Organization": "organizations",
    "people.Tag": "tags",
    "people.Person": "people",
    "people.Relationship": "relationships",
    "interactions.Interaction": "interactions",
    "interactions.Vouch": "vouches",
    "events.Event": "events",
    "events.EventPerson": "event_people",
}
# ... rows kept inside another record by what makes them unique there (references first).
KEYED: dict[str, tuple[tuple[str, str | None], ...]] = {
    "people.ContactPoint": (("person_id", "people"), ("kind", None), ("normalized", None)),
    "people.PersonType": (("person_id", "people"), ("type", None)),
    "people.PersonTag": (("person_id", "people"), ("tag_id", "tags")),
    "interactions.Participant": (("interaction_id", "interactions"), ("person_id", "people")),
}
Name = Any  # a reference number, or a list of a key's values

# -- backing up ----------------------------------------------------------------------------------


def import_runs_dump(*, owner: AbstractBaseUser) -> Iterator[Row]:
    changes: dict[int, list[Row]] = defaultdict(list)
    fields = ("run_id", "object_id", "object_ids", *(c.attname for c in IMPORT_CHANGES.columns))
    query = ImportChange.objects.filter(owner=owner).order_by("id").values(*fields)
    for row in query.iterator(chunk_size=CHUNK):
        changes[row["run_id"]].append(row)
    names = _names(owner, [row for group in changes.values() for row in group])
    for row in rows(IMPORT_RUNS, owner=owner):
        record = {"ref": row["id"], **encode(IMPORT_RUNS, row)}
        record[CHANGES] = [_change(change, names) for change in changes.pop(row["id"], [])]
        yield record


def _ids_of(change: Row) -> list[int]:
    return [change["object_id"]] if change["action"] == "filled" else change["object_ids"]


def _change(change: Row, names: dict[str, dict[int, Name]]) -> Row:
    # A row deleted since the import is left out: undo had nothing left to do with it.
    known = names.get(change["model"], {})
    objects = [known[pk] for pk in _ids_of(change) if pk in known]
    return {**encode(IMPORT_CHANGES, change), OBJECTS: objects}


def _names(owner: AbstractBaseUser, changes: list[Row]) -> dict[str, dict[int, Name]]:
    """label -> database id -> how the backup names that row, for the rows the logs name."""
    wanted: dict[str, set[int]] = defaultdict(set)
    for change in changes:
        wanted[change["model"]].update(pk for pk in _ids_of(change) if pk is not None)
    names = {}
    for label, ids in wanted.items():
        if label not in SECTION_OF and label not in KEYED:
            continue
        columns = [column for column, _ in KEYED.get(label, ())]
        query = apps.get_model(label).objects.filter(owner=owner)
        found: dict[int, Name] = {}
        chunk = sorted(ids)
        for start in range(0, len(chunk), 900):
            for pk, *key in query.filter(pk__in=chunk[start : start + 900]).values_list(
                "pk", *columns
            ):
                found[pk] = list(key) if columns else pk
        names[label] = found
    return names


# -- checking ------------------------------------------------------------------------------------


def import_runs_check(records: list[dict], known: Known) -> None:
    """Raise ValidationError naming the first change of an import run that cannot be restored."""
    for record in records:
        label = f"Backup import run {record['ref']}"
        found = record.get(CHANGES)
        if not isinstance(found, list):
            raise ValidationError(f'{label} has no "{CHANGES}" list.')
        for position, change in enumerate(found, start=1):
            where = f"{label}, change {position},"
            if not isinstance(change, dict):
                raise ValidationError(f"{where} is not an object.")
            check_keys(change, allowed=(*IMPORT_CHANGES.fields, OBJECTS), label=where)
            values = decode(IMPORT_CHANGES, change, label=where)
            _check_objects(values, change.get(OBJECTS), known, where=where)


def _check_objects(values: dict, objects: Any, known: Known, *, where: str) -> None:
    model = values["model"]
    if model not in SECTION_OF and model not in KEYED:
        raise ValidationError(f"{where} names rows of {show(model)}, which tiebook does not log.")
    if values["action"] == "filled" and model != "people.Person":
        raise ValidationError(f"{where} fills a field of {show(model)}; only people are filled.")
    if not isinstance(objects, list):
        raise ValidationError(f'{where} has no "{OBJECTS}" list.')
    if values["action"] == "filled" and len(objects) > 1:
        raise ValidationError(f"{where} fills a field of {len(objects)} people; one at most.")
    for name in objects:
        if not _known(model, name, known):
            raise ValidationError(f"{where} names {show(name)}, which is not in the backup.")


def _known(model: str, name: Name, known: Known) -> bool:
    if model in SECTION_OF:
        return _is_ref(name) and name in known[SECTION_OF[model]]
    key = KEYED[model]
    if not isinstance(name, list) or len(name) != len(key):
        return False
    for value, (_, section) in zip(name, key, strict=True):
        if section is None and not isinstance(value, str):
            return False
        if section is not None and not (_is_ref(value) and value in known[section]):
            return False
    return True


def _is_ref(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


# -- restoring -----------------------------------------------------------------------------------


def import_changes_restore(
    document: dict, *, owner_id: int, ids: dict[str, dict[int, int]], batch: int
) -> None:
    """Write every run's undo log, its rows named by their ids in this database; the runs and
    everything they name are written already."""
    runs = ids[IMPORT_RUNS.key]
    records = document[IMPORT_RUNS.key]
    used = {c["model"] for r in records for c in r[CHANGES] if c["model"] in KEYED}
    keyed = {label: _keyed_ids(label, owner_id=owner_id) for label in used}
    pending: list[ImportChange] = []
    for record in records:
        for change in record[CHANGES]:
            pending.append(_built(change, run_id=runs[record["ref"]], ids=ids, keyed=keyed))
            pending[-1].owner_id = owner_id
            if len(pending) >= batch:
                ImportChange.objects.bulk_create(pending)
                pending = []
    ImportChange.objects.bulk_create(pending)


def _keyed_ids(label: str, *, owner_id: int) -> dict[tuple, int]:
    columns = [column for column, _ in KEYED[label]]
    query = apps.get_model(label).objects.filter(owner_id=owner_id).values_list("pk", *columns)
    return {tuple(key): pk for pk, *key in query.iterator(chunk_size=CHUNK)}


def _built(change: dict, *, run_id: int, ids: dict, keyed: dict) -> ImportChange:
    values = decode(IMPORT_CHANGES, change, label="Backup change")
    model = values["model"]
    if model in SECTION_OF:
        numbers = ids[SECTION_OF[model]]
        found = [numbers[name] for name in change[OBJECTS]]
    else:
        found = []
        for name in change[OBJECTS]:
            key = tuple(
                value if section is None else ids[section][value]
                for value, (_, section) in zip(name, KEYED[model], strict=True)
            )
            if key in keyed[model]:  # a row the backup does not hold: nothing to undo
                found.append(keyed[model][key])
    filled = values["action"] == "filled"
    return ImportChange(
        run_id=run_id,
        **values,
        object_id=(found[0] if found else None) if filled else None,
        object_ids=[] if filled else found,
    )

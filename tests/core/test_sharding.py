"""A network can be sharded by owner (Citus distributes tables by `owner_id`): every unique
constraint of an owned table includes the owner, no foreign key joins two owners' rows, and the
hot read paths filter every owned table they read by owner.

Everything here is generated from the installed models and the real database, so a new model,
key, constraint or index is checked without a new test."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import re
from functools import cache

import pytest
from django.apps import apps
from django.conf import settings
from django.db import IntegrityError, connection, models, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import frozen
from tiebook.demo.generator import demo_generate
from tiebook.interchange.exporting import export_people
from tiebook.people.models import ContactPoint, Person

pytestmark = pytest.mark.django_db

# Tables without an owner, and why they need none. A sharded database keeps them whole, as
# reference tables (copied to every node) or on the coordinator.
EXEMPT = {
    "auth.User": "the owners themselves: the source of the distribution key",
    "auth.Group": "Django's shared catalogue of groups (a reference table)",
    "auth.Group_permissions": "Django's shared catalogue of groups (a reference table)",
    "auth.Permission": "Django's shared catalogue of permissions (a reference table)",
    "auth.User_groups": "an account's groups, read by account (a reference table)",
    "auth.User_user_permissions": "an account's permissions, read by account (a reference table)",
    "contenttypes.ContentType": "Django's shared catalogue of models (a reference table)",
    "sessions.Session": "Django's own sessions, unused (accounts.HashedSession replaces them)",
    "accounts.HashedSession": "found by its key before anyone is known to be signed in",
    "accounts.SignInToken": "found by its hash before anyone is known to be signed in",
    "accounts.LoginThrottle": "counts attempts by name and address, before anyone is signed in",
}


def _is_owned(model: type[models.Model]) -> bool:
    return any(
        f.name == "owner"
        and f.is_relation
        and f.related_model is apps.get_model(settings.AUTH_USER_MODEL)
        for f in model._meta.concrete_fields
    )


def _all_models() -> list[type[models.Model]]:
    return apps.get_models(include_auto_created=True)


def _owned_models() -> list[type[models.Model]]:
    return [m for m in _all_models() if _is_owned(m)]


def _keys() -> list[models.ForeignKey]:
    """Every foreign key from one owned table to another (the owner excluded)."""
    return [
        f
        for m in _owned_models()
        for f in m._meta.concrete_fields
        if f.is_relation and f.name != "owner" and _is_owned(f.related_model)
    ]


@cache
def _owned_tables() -> tuple[str, ...]:
    """The owned models' tables, and any other table with an owner_id column (the ones
    migrations make by hand, such as the search index's)."""
    tables = {m._meta.db_table for m in _owned_models()}
    with connection.cursor() as cursor:
        for info in connection.introspection.get_table_list(cursor):
            if info.type == "t" and info.name not in tables:
                columns = connection.introspection.get_table_description(cursor, info.name)
                if any(c.name == "owner_id" for c in columns):
                    tables.add(info.name)
    return tuple(sorted(tables))


# ---------------------------------------------------------------------------------------------
# Every model is owned or exempt, with a reason.


def test_every_model_is_owned_or_exempt_with_a_reason():
    unclassified = [
        m._meta.label for m in _all_models() if not _is_owned(m) and m._meta.label not in EXEMPT
    ]
    assert unclassified == [], (
        "Give these models an owner (tiebook.core.models.OwnedModel), or list them in EXEMPT "
        "with the reason they need none"
    )
    stale = [label for label in EXEMPT if _is_owned(apps.get_model(label))]
    assert stale == [], "These models have an owner now: take them out of EXEMPT"


# ---------------------------------------------------------------------------------------------
# Unique constraints and unique indexes include the owner.


def _unique_indexes(table: str) -> list[tuple[str, list[str]]]:
    """(name, columns) of each unique index on `table` but its primary key, as the database
    holds them: constraints from models, indexes made by hand in migrations, partial ones."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f'PRAGMA index_list("{table}")')
            found = []
            for _, name, unique, origin, _ in cursor.fetchall():
                if unique and origin != "pk":
                    cursor.execute(f'PRAGMA index_info("{name}")')
                    found.append((name, [row[2] for row in cursor.fetchall()]))
            return found
        cursor.execute(
            "SELECT i.relname, ARRAY(SELECT a.attname FROM unnest(x.indkey) k "
            "LEFT JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k) "
            "FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
            "JOIN pg_class t ON t.oid = x.indrelid "
            "WHERE t.relname = %s AND t.relnamespace = current_schema()::regnamespace "
            "AND x.indisunique AND NOT x.indisprimary",
            [table],
        )
        return [(name, list(columns)) for name, columns in cursor.fetchall()]


def test_every_unique_constraint_of_an_owned_table_includes_the_owner():
    missing = [
        f"{table}: {name} ({', '.join(str(c) for c in columns)})"
        for table in _owned_tables()
        for name, columns in _unique_indexes(table)
        if "owner_id" not in columns
    ]
    assert missing == []


def test_the_owned_tables_include_those_made_by_hand():
    assert {"people_person", "search_document", "search_pending"} <= set(_owned_tables())


# ---------------------------------------------------------------------------------------------
# No foreign key joins two owners' rows: the database refuses the write.

# Values a check constraint needs beyond what _values gives every field.
CHOSEN = {"events.EventPerson": {"role": "attending"}}


_SERIAL = itertools.count(1)


def _value(field: models.Field) -> object:
    if field.choices:
        return field.choices[0][0]
    if isinstance(field, models.DateTimeField):
        return timezone.now()
    if isinstance(field, models.DateField):
        return dt.date(2026, 1, 1)
    if isinstance(field, models.BooleanField):
        return False
    if isinstance(field, models.IntegerField | models.FloatField | models.DecimalField):
        return 1
    if isinstance(field, models.JSONField):
        return []
    if isinstance(field, models.BinaryField):
        return b""
    return f"x{next(_SERIAL)}"  # distinct, for the unique ones


def _unsaved(model: type[models.Model], owner) -> models.Model:
    """A valid row of `model` for `owner`: every required field filled, every required key
    pointing at a new row of the same owner."""
    values = {"owner": owner, **CHOSEN.get(model._meta.label, {})}
    for field in model._meta.concrete_fields:
        if field.primary_key or field.name in values or field.null or field.has_default():
            continue
        if field.is_relation:
            values[field.name] = _saved(field.related_model, owner)
        else:
            values[field.attname] = _value(field)
    return model(**values)


def _saved(model: type[models.Model], owner) -> models.Model:
    row = _unsaved(model, owner)
    row.save()
    return row


def _check_deferred() -> None:
    """Deferred keys (PostgreSQL's) are checked at commit: check them now."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _refused(write) -> bool:
    try:
        with transaction.atomic():
            write()
            _check_deferred()
    except IntegrityError:
        return True
    finally:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    return False


KEYS = _keys()


def test_the_keys_between_owned_tables_are_found():
    names = {f"{f.model._meta.label}.{f.name}" for f in KEYS}
    assert {"interactions.Participant.person", "people.Person.organization"} <= names
    assert len(KEYS) >= 30


@pytest.mark.parametrize("key", KEYS, ids=lambda f: f"{f.model._meta.label}.{f.name}")
def test_a_key_never_joins_two_owners_rows(key, owner, outsider):
    target = key.related_model
    mine = _unsaved(key.model, owner)
    setattr(mine, key.name, _saved(target, owner))
    assert not _refused(mine.save), "a row pointing at its own owner's row must be accepted"
    theirs = _saved(target, outsider)

    other = _unsaved(key.model, owner)
    setattr(other, key.name, theirs)
    assert _refused(other.save), f"{key.model._meta.label} written on another owner's {key.name}"

    setattr(mine, key.name, theirs)
    assert _refused(mine.save), f"{key.model._meta.label} moved onto another owner's {key.name}"

    mine.refresh_from_db()
    pointed = getattr(mine, key.name)
    moved = target.objects.filter(pk=pointed.pk)
    assert _refused(lambda: moved.update(owner=outsider)), (
        f"{target._meta.label} given to another owner under a {key.model._meta.label}"
    )


# ---------------------------------------------------------------------------------------------
# The hot read paths filter every owned table they read by owner.

_TABLE = re.compile(r'\b(?:FROM|JOIN)\s+"?(\w+)"?(?:\s+(?:AS\s+)?"?(\w+)"?)?', re.IGNORECASE)
_EQUAL = re.compile(r'"?(\w+)"?\."?(\w+)"?\s*=\s*"?(\w+)"?\."?(\w+)"?')
_NOT_ALIAS = {
    "WHERE", "ON", "INNER", "LEFT", "RIGHT", "OUTER", "CROSS", "FULL", "NATURAL", "JOIN",
    "GROUP", "ORDER", "LIMIT", "OFFSET", "UNION", "USING", "HAVING", "WINDOW", "AS", "SET",
}  # fmt: skip


def unscoped(sql: str, owned: tuple[str, ...]) -> list[str]:
    """The owned tables a SELECT reads without constraining them by owner.

    A table is constrained when its own owner_id is compared in the statement, or when it is
    joined by a foreign key (x_id = id) or by owner_id to one that is: the guards above make both
    ends of a key belong to one owner."""
    if not re.match(r"\s*(SELECT|WITH)\b", sql, re.IGNORECASE):
        return []
    aliases: dict[str, str] = {}
    froms: list[tuple[int, str]] = []  # where each FROM is, and the name it gives its table
    for found in _TABLE.finditer(sql):
        table, alias = found.groups()
        name = alias if alias and alias.upper() not in _NOT_ALIAS else table
        if table in owned:
            aliases[name] = table
        if found[0][:4].upper() == "FROM":
            froms.append((found.start(), name))
    if not aliases:
        return []
    scoped = {
        name
        for name in aliases
        if re.search(rf'(?<![\w"])"?{name}"?\."?owner_id"?\s*(=|IN\b)', sql, re.IGNORECASE)
    }
    # An unqualified owner_id belongs to the table of the nearest FROM before it.
    for bare in re.finditer(r'(?<![\w".])"?owner_id"?\s*(=|IN\b)', sql):
        before = [name for at, name in froms if at < bare.start()]
        if before:
            scoped.add(before[-1])
    joins = [
        (a, b)
        for a, x, b, y in _EQUAL.findall(sql)
        if (x, y) == ("owner_id", "owner_id")
        or (x == "id" and y.endswith("_id"))
        or (y == "id" and x.endswith("_id"))
    ]
    grew = True
    while grew:
        grew = False
        for a, b in joins:
            for one, other in ((a, b), (b, a)):
                if one in scoped and other in aliases and other not in scoped:
                    scoped.add(other)
                    grew = True
    return sorted(aliases[name] for name in aliases if name not in scoped)


def _findings(queries) -> list[str]:
    owned = _owned_tables()
    found = []
    for query in queries:
        tables = unscoped(query["sql"], owned)
        if tables:
            found.append(f"{', '.join(tables)} in: {query['sql'][:400]}")
    return found


def test_the_scan_finds_a_read_that_does_not_filter_by_owner(owner):
    with CaptureQueriesContext(connection) as ctx:
        list(ContactPoint.objects.filter(person_id__in=[1, 2]))
        list(Person.objects.filter(owner=owner).select_related("organization"))
        list(ContactPoint.objects.filter(owner=owner, person__in=Person.objects.filter(pk=1)))
    found = [unscoped(q["sql"], _owned_tables()) for q in ctx.captured_queries]
    assert found == [["people_contactpoint"], [], ["people_person"]]
    raw = (
        "SELECT p.id FROM people_person p WHERE p.owner_id = 1 AND p.id IN "
        "(SELECT person_id FROM search_document WHERE {where})"
    )
    assert unscoped(raw.format(where="owner_id = 1"), _owned_tables()) == []
    assert unscoped(raw.format(where="person_id > 1"), _owned_tables()) == ["search_document"]


@pytest.fixture
def networks(owner, outsider):
    """Two owners' demo networks, side by side in one database."""
    with frozen():
        demo_generate(owner=owner, people=60, today=dt.date(2026, 12, 7))
        demo_generate(owner=outsider, people=20, seed=8, today=dt.date(2026, 12, 7))
    return owner


def _read(client, address: str) -> None:
    response = client.get(address)
    assert response.status_code == 200, address


def test_the_hot_read_paths_filter_every_owned_table_by_owner(client, networks):
    owner = networks
    client.force_login(owner)
    person = Person.objects.filter(owner=owner).order_by("-tie_strength", "pk").first()
    paths = {
        "Today": lambda: _read(client, "/"),
        "People": lambda: _read(client, "/people/"),
        "People search": lambda: _read(client, "/people/?q=garcia"),
        "a person": lambda: _read(client, f"/people/{person.pk}/"),
        "Who can help": lambda: _read(client, "/find/?q=tax+advice"),
        "Insights (health)": lambda: _read(client, "/insights/"),
        "export": lambda: export_people(owner=owner, format="json", out=io.BytesIO()),
    }
    found = {}
    with frozen():
        for name, read in paths.items():
            with CaptureQueriesContext(connection) as ctx:
                read()
            if problems := _findings(ctx.captured_queries):
                found[name] = problems
    assert found == {}, "\n".join(f"{k}: {p[:160]}" for k, v in found.items() for p in v)


SELF_KEYS = [f for f in KEYS if f.related_model is f.model]


@pytest.mark.parametrize("key", SELF_KEYS, ids=lambda f: f"{f.model._meta.label}.{f.name}")
def test_a_key_to_a_row_written_later_is_checked_when_it_comes(key, owner, outsider):
    """Bulk writers reserve keys and may write a row before the one it names (one person
    introduced by another later in the same insert)."""
    later = _unsaved(key.model, outsider)
    later.pk = key.model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    later.pk += 1000
    first = _unsaved(key.model, owner)
    setattr(first, key.attname, later.pk)

    def write():
        first.save()
        later.save(force_insert=True)

    assert _refused(write)

"""Guards that keep a foreign key between two owned tables within one owner, in the database.

A row of one owner must never point at a row of another (a participant of one network on a
person of another), whoever writes it: the services, the bulk writers, or a hand-written SQL
statement. Each migration that adds such a key lists it here:

- PostgreSQL: the key becomes a composite one, `(owner_id, x_id)` referencing the target's
  `(owner_id, id)`, which a unique constraint on the target backs (also what a database sharded
  by owner, Citus, wants of every table). Deferred like Django's own keys, it is checked at
  commit, and it takes the place of Django's one-column key, which it implies.
- SQLite: ALTER TABLE cannot add a constraint, so triggers refuse the write at once: a row whose
  target is missing or belongs to another owner, and a referenced row changing owner.

`Guard` names a key by its historical model and field, so a migration guards what existed at
its point in history. The helpers below it keep SQLite's table rebuilds (which Django does to
change a unique constraint) from losing triggers, statistics, or time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import partial

from django.db import migrations, models

PG_UNIQUE = "{table}_owner_id_id_uniq"
PG_KEY = "{table}_{column}_same_owner"
SQLITE_WRITE = "owner_guard_{table}_{column}_{event}"
SQLITE_FIXED = "owner_guard_{table}_owner_fixed"
SQLITE_NAMED = "owner_guard_{table}_{column}_named"


@dataclass(frozen=True)
class Guard:
    """A foreign key from `model` (app_label.Model) through `field` to another owned model."""

    model: str
    field: str


@dataclass(frozen=True)
class _Key:
    table: str
    column: str
    target: str
    field: models.ForeignKey


def _keys(apps, guards: list[Guard]) -> list[_Key]:
    keys = []
    for guard in guards:
        field = apps.get_model(guard.model)._meta.get_field(guard.field)
        target = field.related_model._meta
        keys.append(_Key(field.model._meta.db_table, field.column, target.db_table, field))
    return keys


def install(apps, schema_editor, *, targets: list[str], guards: list[Guard]) -> None:
    """Make `targets` (app_label.Model) referencable by owner, then guard each key."""
    vendor = schema_editor.connection.vendor
    tables = [apps.get_model(name)._meta.db_table for name in targets]
    keys = _keys(apps, guards)
    statements = _postgresql(tables, keys) if vendor == "postgresql" else _sqlite(tables, keys)
    with schema_editor.connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
        if vendor == "postgresql":
            for key in keys:
                _plain_key_drop(cursor, key)


# The composite key implies Django's own one-column key (owner_id is never null): checking
# both would cost every bulk write a second lookup per row and key, so the plain one goes.
# Django finds a field's key by its column alone, so later migrations neither see nor miss it.
_PLAIN_KEYS = (
    "SELECT c.conname FROM pg_constraint c "
    "JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1] "
    "WHERE c.contype = 'f' AND c.conrelid = %s::regclass "
    "AND array_length(c.conkey, 1) = 1 AND a.attname = %s"
)


def _plain_key_drop(cursor, key: _Key) -> None:
    cursor.execute(_PLAIN_KEYS, [f'"{key.table}"', key.column])
    for (name,) in cursor.fetchall():
        cursor.execute(f'ALTER TABLE "{key.table}" DROP CONSTRAINT "{name}"')


def uninstall(apps, schema_editor, *, targets: list[str], guards: list[Guard]) -> None:
    vendor = schema_editor.connection.vendor
    tables = [apps.get_model(name)._meta.db_table for name in targets]
    keys = _keys(apps, guards)
    with schema_editor.connection.cursor() as cursor:
        if vendor == "postgresql":
            for key in keys:
                cursor.execute(_PLAIN_KEYS, [f'"{key.table}"', key.column])
                if not cursor.fetchall():
                    suffix = "_fk_%(to_table)s_%(to_column)s"  # Django's own name for it
                    sql = schema_editor._create_fk_sql(key.field.model, key.field, suffix)
                    schema_editor.execute(sql)
                name = PG_KEY.format(table=key.table, column=key.column)
                cursor.execute(f'ALTER TABLE "{key.table}" DROP CONSTRAINT IF EXISTS "{name}"')
            for table in tables:
                name = PG_UNIQUE.format(table=table)
                cursor.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT IF EXISTS "{name}"')
            return
        for key in keys:
            names = [SQLITE_NAMED.format(table=key.table, column=key.column)]
            names += [
                SQLITE_WRITE.format(table=key.table, column=key.column, event=event)
                for event in ("insert", "update")
            ]
            for name in names:
                cursor.execute(f'DROP TRIGGER IF EXISTS "{name}"')
        for table in tables:
            cursor.execute(f'DROP TRIGGER IF EXISTS "{SQLITE_FIXED.format(table=table)}"')


def _postgresql(tables: list[str], keys: list[_Key]) -> list[str]:
    sql = [
        f'ALTER TABLE "{table}" ADD CONSTRAINT "{PG_UNIQUE.format(table=table)}" '
        f"UNIQUE (owner_id, id)"
        for table in tables
    ]
    sql += [
        f'ALTER TABLE "{key.table}" ADD CONSTRAINT '
        f'"{PG_KEY.format(table=key.table, column=key.column)}" '
        f'FOREIGN KEY (owner_id, "{key.column}") REFERENCES "{key.target}" (owner_id, id) '
        f"DEFERRABLE INITIALLY DEFERRED"
        for key in keys
    ]
    return sql


def _sqlite(tables: list[str], keys: list[_Key]) -> list[str]:
    sql = []
    for key in keys:
        column, target = f'new."{key.column}"', f'"{key.target}"'
        owner_of = f"(SELECT owner_id FROM {target} WHERE id = {column})"
        if key.table != key.target:
            # The target must exist when the row is written, with the row's owner: a missing
            # one compares as NULL, which IS NOT any owner.
            refused = f"{column} IS NOT NULL AND new.owner_id IS NOT {owner_of}"
        else:
            # A row may name one written after it in the same statement (a bulk insert of
            # people, one introduced by another): refused when the one it names is there and
            # another owner's, and that one is refused, when it comes, if named across owners.
            refused = f"{column} IS NOT NULL AND new.owner_id <> {owner_of}"
            sql.append(_sqlite_trigger(
                SQLITE_NAMED.format(table=key.table, column=key.column), "INSERT", key,
                f'EXISTS (SELECT 1 FROM {target} WHERE "{key.column}" = new.id '
                "AND owner_id <> new.owner_id)",
            ))  # fmt: skip
        for event, when in (
            ("insert", "INSERT"),
            ("update", f'UPDATE OF owner_id, "{key.column}"'),
        ):
            name = SQLITE_WRITE.format(table=key.table, column=key.column, event=event)
            sql.append(_sqlite_trigger(name, when, key, refused))
    for table in tables:
        message = f"{table}: a row never changes owner"
        sql.append(
            f'CREATE TRIGGER "{SQLITE_FIXED.format(table=table)}" BEFORE UPDATE OF owner_id '
            f'ON "{table}" FOR EACH ROW WHEN new.owner_id IS NOT old.owner_id '
            f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
        )
    return sql


def _sqlite_trigger(name: str, when: str, key: _Key, refused: str) -> str:
    message = f"FOREIGN KEY constraint failed: {key.table}.{key.column} of another owner"
    return (
        f'CREATE TRIGGER "{name}" BEFORE {when} ON "{key.table}" FOR EACH ROW WHEN {refused} '
        f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
    )


def triggers_set_aside(apps, schema_editor, *, models: list[str]) -> None:
    """On SQLite, drop the triggers that name these models' tables, before a migration that
    rebuilds them: a rebuilt table loses its own triggers, and one on another table that names
    it stops the rebuild ("no such table"). The migration that made each trigger makes it again
    (the search index's: search 0003; the guards: the owner_guards migrations, after)."""
    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return
    tables = [apps.get_model(name)._meta.db_table for name in models]
    named = re.compile(r"\b(" + "|".join(map(re.escape, tables)) + r")\b")
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger'")
        found = [
            name for name, table, sql in cursor.fetchall() if table in tables or named.search(sql)
        ]
        for name in found:
            cursor.execute(f'DROP TRIGGER "{name}"')


def unique_replaced(model: str, name: str, fields: list[str]) -> migrations.Operation:
    """Replace `model`'s unique constraint `name` by one on `fields`, under the same name.

    Django would rebuild a SQLite table twice (to drop the old, to add the new); here it is
    rebuilt once, and the new constraint added as a unique index, which is what Django makes of
    a conditional one (the next rebuild writes it into the table)."""
    model_name = model.split(".")[1].lower()
    constraint = models.UniqueConstraint(fields=fields, name=name)
    return migrations.SeparateDatabaseAndState(
        state_operations=[
            migrations.RemoveConstraint(model_name=model_name, name=name),
            migrations.AddConstraint(model_name=model_name, constraint=constraint),
        ],
        database_operations=[
            migrations.RemoveConstraint(model_name=model_name, name=name),
            unique_added(model, constraint, state=False),
        ],
    )


def unique_added(
    model: str, constraint: models.UniqueConstraint, *, state: bool = True
) -> migrations.Operation:
    """Add a unique constraint without rebuilding a SQLite table (see unique_replaced)."""
    database = migrations.RunPython(
        partial(_unique_add, model=model, constraint=constraint),
        partial(_unique_remove, model=model, constraint=constraint),
    )
    if not state:
        return database
    model_name = model.split(".")[1].lower()
    return migrations.SeparateDatabaseAndState(
        state_operations=[migrations.AddConstraint(model_name=model_name, constraint=constraint)],
        database_operations=[database],
    )


def _unique_add(apps, schema_editor, *, model: str, constraint: models.UniqueConstraint) -> None:
    found = apps.get_model(model)
    if schema_editor.connection.vendor != "sqlite":
        schema_editor.add_constraint(found, constraint)
        return
    columns = ", ".join(f'"{found._meta.get_field(f).column}"' for f in constraint.fields)
    schema_editor.execute(
        f'CREATE UNIQUE INDEX "{constraint.name}" ON "{found._meta.db_table}" ({columns})'
    )


def _unique_remove(apps, schema_editor, *, model: str, constraint: models.UniqueConstraint) -> None:
    found = apps.get_model(model)
    if schema_editor.connection.vendor != "sqlite":
        schema_editor.remove_constraint(found, constraint)
        return
    schema_editor.execute(f'DROP INDEX IF EXISTS "{constraint.name}"')


def statistics_renewed(apps, schema_editor, *, models: list[str]) -> None:
    """On SQLite, a rebuilt table has lost its planner statistics: gather them again (when the
    database keeps any), or the planner guesses and may read a whole network through the owner
    index."""
    from tiebook.core.database import SQLITE_ANALYSIS_LIMIT

    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if cursor.fetchone() is None:
            return  # never analysed: tiebook analyses it whole on its next start
        cursor.execute(f"PRAGMA analysis_limit = {SQLITE_ANALYSIS_LIMIT}")
        for name in models:
            cursor.execute(f'ANALYZE "{apps.get_model(name)._meta.db_table}"')

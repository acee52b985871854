"""Bulk writes as tuples: one statement per table and chunk, keys reserved up front.

Django's bulk_create prepares every field of every row through the ORM's SQL compiler, which
for tens of thousands of rows costs seconds. Here each column's adapter is chosen once, the
keys are reserved before writing (so rows can point at rows written in the same breath), and
the driver does the rest: one executemany on SQLite, one COPY on PostgreSQL. Use it inside the
caller's transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from operator import attrgetter

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Model
from django.db.models.base import ModelState


class Inserter:
    """Writes rows for one database connection, inside the caller's transaction."""

    def __init__(self, using: str = DEFAULT_DB_ALIAS):
        self.connection = connections[using]
        self._next_pk: dict[type[Model], int] = {}

    def reserve(self, model: type[Model], count: int) -> Sequence[int]:
        """Primary keys for `count` new rows of `model`, safe to use in this transaction."""
        if self.connection.vendor == "postgresql":
            return self._from_sequence(model, count) if count else []
        if model not in self._next_pk:
            # The transaction holds SQLite's write lock, so no one else takes these keys.
            table, column = model._meta.db_table, model._meta.pk.column
            quote = self.connection.ops.quote_name
            # AUTOINCREMENT never hands out an id again, even a deleted one (an undone import's):
            # sqlite_sequence remembers the highest ever given.
            with self.connection.cursor() as cursor:
                cursor.execute(f"SELECT COALESCE(MAX({quote(column)}), 0) FROM {quote(table)}")
                highest = cursor.fetchone()[0]
                cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
                row = cursor.fetchone()
                self._next_pk[model] = max(highest, row[0] if row else 0) + 1
        first = self._next_pk[model]
        self._next_pk[model] = first + count
        return range(first, first + count)

    def _from_sequence(self, model: type[Model], count: int) -> list[int]:
        table, column = model._meta.db_table, model._meta.pk.column
        with self.connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, column, count],
            )
            return [row[0] for row in cursor.fetchall()]

    def insert(self, model: type[Model], fields: str, rows: list[tuple]) -> int:
        """Write `rows` in one statement; `fields` names the fields of their values, in order.

        Values must already be in the database's form (see `adapter`).
        """
        if not rows:
            return 0
        meta, quote = model._meta, self.connection.ops.quote_name
        names = fields.split()
        columns = ", ".join(quote(meta.get_field(name).column) for name in names)
        target = f"{quote(meta.db_table)} ({columns})"
        with self.connection.cursor() as cursor:
            if self.connection.vendor == "postgresql":
                # COPY streams the rows; an INSERT per row costs PostgreSQL a round of work each.
                with cursor.cursor.copy(f"COPY {target} FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                insert_many(cursor, f"INSERT INTO {target} VALUES", len(names), rows)
        return len(rows)

    def adapter(self, field) -> Callable[[object], object] | None:
        """How a field's Python value becomes the database's; None when it goes as it is."""
        ops, kind = self.connection.ops, field.get_internal_type()
        if kind == "DateTimeField":
            return _remembered(ops.adapt_datetimefield_value)
        if kind == "DateField":
            return _remembered(ops.adapt_datefield_value)
        if kind == "JSONField":
            return lambda v: ops.adapt_json_value(v, field.encoder)
        return None

    def create(self, objects: Sequence[Model]) -> Sequence[Model]:
        """Insert new model instances of one model, giving each its primary key."""
        if not objects:
            return objects
        model = type(objects[0])
        fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        for obj, pk in zip(objects, self.reserve(model, len(objects)), strict=True):
            obj.pk = pk
            obj._state.adding = False
        values = attrgetter(model._meta.pk.attname, *(f.attname for f in fields))
        rows = _adapted([values(obj) for obj in objects], [None, *map(self.adapter, fields)])
        names = " ".join([model._meta.pk.name, *(f.name for f in fields)])
        self.insert(model, names, rows)
        return objects

    def update(self, objects: Sequence[Model], fields: Sequence[str]) -> int:
        """Write these fields of existing instances of one model: one UPDATE per row, sent in
        one executemany (Django's bulk_update builds a CASE per field, slow at thousands)."""
        if not objects:
            return 0
        meta, quote = type(objects[0])._meta, self.connection.ops.quote_name
        chosen = [meta.get_field(name) for name in fields]
        sets = ", ".join(f"{quote(f.column)} = %s" for f in chosen)
        sql = f"UPDATE {quote(meta.db_table)} SET {sets} WHERE {quote(meta.pk.column)} = %s"
        values = attrgetter(*(f.attname for f in chosen), meta.pk.attname)
        rows = _adapted([values(obj) for obj in objects], [*map(self.adapter, chosen), None])
        with self.connection.cursor() as cursor:
            cursor.executemany(sql, rows)
        return len(rows)


ROWS_PER_STATEMENT = 100


def insert_many(cursor, head: str, width: int, rows: Sequence[Sequence]) -> None:
    """`head` ("INSERT INTO t (a, b) VALUES") for every row, several rows to a statement on
    SQLite: a statement that fires a trigger keeps a journal of the pages it changes, so one
    statement per row copies each index page it touches once a row; one per hundred rows, once
    a hundred. Fewer statements also cost less to run. Within the database's limit on
    parameters (`cursor` is Django's)."""
    limit = cursor.db.features.max_query_params or 999
    per = max(1, min(ROWS_PER_STATEMENT, limit // width))
    group = "(" + ", ".join(["%s"] * width) + ")"
    whole = len(rows) - len(rows) % per
    if whole:
        cursor.executemany(
            f"{head} {', '.join([group] * per)}",
            [[v for row in rows[i : i + per] for v in row] for i in range(0, whole, per)],
        )
    if whole < len(rows):
        rest = rows[whole:]
        cursor.execute(f"{head} {', '.join([group] * len(rest))}", [v for r in rest for v in r])


def _remembered(adapt: Callable[[object], object]) -> Callable[[object], object]:
    """`adapt` for values that are not None, each distinct value adapted once (thousands of rows
    share a moment or a day)."""
    seen: dict[object, object] = {}

    def adapted(value: object) -> object:
        if value is None:
            return None
        found = seen.get(value)
        if found is None:
            found = seen[value] = adapt(value)
        return found

    return adapted


def _adapted(rows: list[tuple], adapters: list[Callable[[object], object] | None]) -> list:
    """The rows with each value of an adapted column in the database's form."""
    chosen = [(i, a) for i, a in enumerate(adapters) if a is not None]
    if not chosen:
        return rows
    out = []
    for row in rows:
        values = list(row)
        for i, adapt in chosen:
            values[i] = adapt(values[i])
        out.append(values)
    return out


def builder(model: type[Model]) -> Callable[..., Model]:
    """A maker of new, unsaved instances of `model` from attribute names (`person_id`, not
    `person`) that skips Model.__init__'s per-field work: for building tens of thousands of
    rows to `create`. Fields left out get their defaults, callable ones called each time."""
    fixed: dict[str, object] = {}
    called: list[tuple[str, Callable[[], object]]] = []
    for f in model._meta.concrete_fields:
        if f.has_default() and callable(f.default):
            called.append((f.attname, f.default))
        else:
            fixed[f.attname] = f.get_default()

    def build(**values: object) -> Model:
        obj = model.__new__(model)
        state = obj.__dict__
        state.update(fixed)
        for name, make in called:
            if name not in values:
                state[name] = make()
        state.update(values)
        obj._state = ModelState()
        return obj

    return build


def create(objects: Sequence[Model]) -> Sequence[Model]:
    """Insert new instances of one model as tuples (see Inserter.create); they get their keys."""
    return Inserter().create(list(objects))


def update(objects: Sequence[Model], fields: Sequence[str]) -> int:
    """Write `fields` of existing instances of one model as tuples (see Inserter.update)."""
    return Inserter().update(list(objects), fields)


IN_CHUNK = 900  # ids per `__in` list: inside every SQLite build's limit on parameters


def in_chunks(ids, query: Callable[[list], Iterable]) -> list:
    """All that `query(chunk)` gives for the ids, IN_CHUNK at a time (one `__in` list each)."""
    ids, found = list(ids), []
    for start in range(0, len(ids), IN_CHUNK):
        found.extend(query(ids[start : start + IN_CHUNK]))
    return found


def update_batch(field_count: int, most: int = 1000) -> int:
    """Rows per bulk_update that stay inside the database's limit on parameters: each row
    costs two a field (CASE WHEN id = ? THEN ?) and one in the id list."""
    from django.db import connection

    limit = connection.features.max_query_params or 999
    return max(1, min(most, limit // (2 * field_count + 1)))

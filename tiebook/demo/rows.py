"""Bulk writes for the demo: rows as tuples, one statement per table and chunk.

bulk_create builds a model instance and prepares every field of every row in Python; for a
million interactions that alone takes minutes. Here values are adapted once, keys are
reserved up front (so rows can point at rows of the same chunk), and the driver does the rest:
one executemany on SQLite, one COPY on PostgreSQL. Moments arrive as minutes from a UTC
midnight (see demo.world) and leave in the form Django itself would store.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Model

BULK_CACHE_KIB = 128 * 1024
_CLOCK = tuple(f"{minute // 60:02d}:{minute % 60:02d}:00" for minute in range(24 * 60))


def _sqlite_clock(midnight: dt.datetime) -> Callable[[int], str]:
    """Minutes from `midnight` (UTC) as Django stores aware datetimes on SQLite: naive UTC text."""
    days: dict[int, str] = {}

    def convert(at: int) -> str:
        day, minute = divmod(at, 24 * 60)
        prefix = days.get(day)
        if prefix is None:
            prefix = days[day] = (midnight + dt.timedelta(days=day)).strftime("%Y-%m-%d ")
        return prefix + _CLOCK[minute]

    return convert


class Writer:
    """Writes rows for one database connection, inside the caller's transaction."""

    def __init__(self, midnight: dt.datetime, using: str = DEFAULT_DB_ALIAS):
        self.connection = connections[using]
        if midnight.utcoffset() != dt.timedelta(0):
            raise ValueError("The demo's clock runs in UTC.")
        if self.connection.vendor == "sqlite":
            self.moment = _sqlite_clock(midnight)
        else:
            adapt = self.connection.ops.adapt_datetimefield_value
            self.moment = lambda at: adapt(midnight + dt.timedelta(minutes=at))
        self.day = self.connection.ops.adapt_datefield_value
        self._next_pk: dict[type[Model], int] = {}

    @contextmanager
    def bulk_load(self) -> Iterator[None]:
        """On SQLite, a bigger page cache while loading: random index inserts stop spilling."""
        if self.connection.vendor != "sqlite":
            yield
            return
        with self.connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size")
            before = int(cursor.fetchone()[0])
            cursor.execute(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
        try:
            yield
        finally:
            with self.connection.cursor() as cursor:
                cursor.execute(f"PRAGMA cache_size = {before}")

    def json(self, value: object) -> object:
        return self.connection.ops.adapt_json_value(value, None)

    def maybe_moment(self, at: int | None) -> object:
        return None if at is None else self.moment(at)

    def maybe_day(self, value: dt.date | None) -> object:
        return None if value is None else self.day(value)

    def reserve(self, model: type[Model], count: int) -> Sequence[int]:
        """Primary keys for `count` new rows of `model`, safe to use in this transaction."""
        if self.connection.vendor == "postgresql":
            return self._from_sequence(model, count)
        if model not in self._next_pk:
            # The transaction holds SQLite's write lock, so no one else takes these keys.
            table, column = model._meta.db_table, model._meta.pk.column
            quote = self.connection.ops.quote_name
            with self.connection.cursor() as cursor:
                cursor.execute(f"SELECT COALESCE(MAX({quote(column)}), 0) FROM {quote(table)}")
                self._next_pk[model] = cursor.fetchone()[0] + 1
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

        Values must already be in the database's form (see moment, day and json).
        """
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
                marks = ", ".join(["%s"] * len(names))
                cursor.executemany(f"INSERT INTO {target} VALUES ({marks})", rows)
        return len(rows)

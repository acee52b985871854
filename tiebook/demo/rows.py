"""Bulk writes for the demo: rows as tuples, one statement per table and chunk.

bulk_create builds a model instance and prepares every field of every row in Python; for a
million interactions that alone takes minutes. Here values are adapted once, keys are
reserved up front (so rows can point at rows of the same chunk), and the driver does the rest:
one executemany on SQLite, one COPY on PostgreSQL. Moments arrive as minutes from a UTC
midnight (see demo.world) and leave in the form Django itself would store.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS

from tiebook.core.bulk import Inserter

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


class Writer(Inserter):
    """Writes rows for one database connection, inside the caller's transaction."""

    def __init__(self, midnight: dt.datetime, using: str = DEFAULT_DB_ALIAS):
        super().__init__(using)
        if midnight.utcoffset() != dt.timedelta(0):
            raise ValueError("The demo's clock runs in UTC.")
        if self.connection.vendor == "sqlite":
            self.moment = _sqlite_clock(midnight)
        else:
            adapt = self.connection.ops.adapt_datetimefield_value
            self.moment = lambda at: adapt(midnight + dt.timedelta(minutes=at))
        self.day = self.connection.ops.adapt_datefield_value

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

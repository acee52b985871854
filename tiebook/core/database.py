"""Bringing the database schema up to date, quietly, before a command runs; keeping the query
planner's statistics fresh after large writes."""

from __future__ import annotations

import importlib.util
import io
import os
import pkgutil
import stat
from pathlib import Path

from django.db import DEFAULT_DB_ALIAS, OperationalError, connections

from tiebook.config import default_database_url
from tiebook.core.errors import ConfigError


def pending_migrations() -> int:
    connection = connections[DEFAULT_DB_ALIAS]
    try:
        if _every_migration_applied(connection):
            return 0
        from django.db.migrations.executor import MigrationExecutor

        executor = MigrationExecutor(connection)
        return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))
    except OperationalError as exc:
        reason = (str(exc).strip().splitlines() or ["no reason given"])[0].rstrip(".")
        raise ConfigError(f"The database cannot be opened: {reason}.") from exc


def _every_migration_applied(connection) -> bool:
    """Whether the database has recorded every migration file of every app, known from the
    files' names and one query: loading the migrations to plan them costs a command more than
    the rest of its work. Anything else (a new database, a new or squashed migration) is left
    to the migration planner."""
    from django.apps import apps
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.recorder import MigrationRecorder

    recorder = MigrationRecorder(connection)
    if not recorder.has_table():
        return False
    applied = set(recorder.applied_migrations())
    for app_config in apps.get_app_configs():
        module_name, _ = MigrationLoader.migrations_module(app_config.label)
        try:
            spec = importlib.util.find_spec(module_name) if module_name else None
        except ImportError:
            return False
        if spec is None or spec.submodule_search_locations is None:
            continue  # no migrations: the planner would find none either
        # The files the migration loader reads (see django.db.migrations.loader.load_disk).
        names = {
            found.name
            for found in pkgutil.iter_modules(spec.submodule_search_locations)
            if not found.ispkg and found.name[0] not in "_~"
        }
        if any((app_config.label, name) not in applied for name in names):
            return False
    return True


def migrate() -> int:
    """Apply pending migrations; returns how many ran. Statistics are read again after them
    (a new index without any would mislead the planner), and a SQLite file that has never been
    analysed (made before tiebook kept statistics) is analysed once, here."""
    pending = pending_migrations()
    if pending:
        from django.core.management import call_command

        call_command("migrate", interactive=False, verbosity=0, stdout=io.StringIO())
        statistics_refresh()
        return pending
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'")
            if cursor.fetchone() is None:
                statistics_refresh()
    return pending


# Rows of each index SQLite reads to estimate it: 0 reads them all. A sample of 1,000 rows told the
# planner that an owner holds about 1,000 contact points when they hold 200,000, and it then
# read a whole network through the owner index to find 500 people's (an export of 100,000 people
# took 104 s instead of 23). Reading everything costs about a second for 100,000 people.
SQLITE_ANALYSIS_LIMIT = 0


def statistics_refresh() -> None:
    """Let the query planner see the data as it now is, after many rows were written at once.

    Without statistics SQLite guesses every index alike and may read all of an owner's rows
    through the owner index to find one person's; PostgreSQL's autovacuum would catch up, but
    only later."""
    connection = connections[DEFAULT_DB_ALIAS]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"PRAGMA analysis_limit = {SQLITE_ANALYSIS_LIMIT}")
        cursor.execute("ANALYZE")


def schema_exists() -> bool:
    """Whether the database already holds a network's tables; a missing SQLite file is not
    created to find out."""
    connection = connections[DEFAULT_DB_ALIAS]
    name = str(connection.settings_dict["NAME"])
    on_disk = connection.vendor == "sqlite" and not connection.creation.is_in_memory_db(name)
    if on_disk and not Path(name).is_file():
        return False
    try:
        return "django_migrations" in connection.introspection.table_names()
    except OperationalError as exc:
        reason = (str(exc).strip().splitlines() or ["no reason given"])[0].rstrip(".")
        raise ConfigError(f"The database cannot be opened: {reason}.") from exc


def place() -> str:
    """Where the network lives, as its user names it: the data directory (TIEBOOK_HOME), or the
    database when TIEBOOK_DATABASE_URL puts it elsewhere."""
    from django.conf import settings

    config = settings.CONFIG
    if config.database_url == default_database_url(config.home):
        return str(config.home)
    return describe()


def describe() -> str:
    settings = connections[DEFAULT_DB_ALIAS].settings_dict
    if settings["ENGINE"].endswith("sqlite3"):
        return f"SQLite {settings['NAME']}"
    host = settings.get("HOST") or "localhost"
    return f"PostgreSQL {settings['NAME']} on {host}:{settings.get('PORT') or 5432}"


SQLITE_COMPANIONS = ("", "-wal", "-shm", "-journal")


def sqlite_files_private(sender, connection, **kwargs) -> None:
    """Keep a SQLite database and its companion files readable by their owner only (0600), as
    soon as a connection has made them: SQLite creates them as the umask allows (0644)."""
    if connection.vendor != "sqlite":
        return
    name = str(connection.settings_dict["NAME"])
    if connection.creation.is_in_memory_db(name):
        return
    for suffix in SQLITE_COMPANIONS:
        path = f"{name}{suffix}"
        try:
            if stat.S_IMODE(os.stat(path).st_mode) & 0o077:
                os.chmod(path, 0o600)
        except OSError:  # absent (no WAL yet), or not ours to change
            continue

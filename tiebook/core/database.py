"""Bringing the database schema up to date, quietly, before a command runs."""

from __future__ import annotations

import io

from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, OperationalError, connections
from django.db.migrations.executor import MigrationExecutor

from tiebook.core.errors import ConfigError


def pending_migrations() -> int:
    connection = connections[DEFAULT_DB_ALIAS]
    try:
        executor = MigrationExecutor(connection)
        return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))
    except OperationalError as exc:
        reason = (str(exc).strip().splitlines() or ["no reason given"])[0].rstrip(".")
        raise ConfigError(f"The database cannot be opened: {reason}.") from exc


def migrate() -> int:
    """Apply pending migrations; returns how many ran."""
    pending = pending_migrations()
    if pending:
        call_command("migrate", interactive=False, verbosity=0, stdout=io.StringIO())
    return pending


def describe() -> str:
    settings = connections[DEFAULT_DB_ALIAS].settings_dict
    if settings["ENGINE"].endswith("sqlite3"):
        return f"SQLite {settings['NAME']}"
    host = settings.get("HOST") or "localhost"
    return f"PostgreSQL {settings['NAME']} on {host}:{settings.get('PORT') or 5432}"

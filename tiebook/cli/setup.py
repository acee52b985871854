"""Getting Django and the database ready before a command touches them."""

from __future__ import annotations

from tiebook.core.errors import ConfigError

_state = {"ready": False}


def ready() -> None:
    """Start Django and bring the schema up to date (a new data directory needs no init)."""
    if _state["ready"]:
        return
    try:
        from tiebook.core.setup import django_setup

        django_setup()
    except ConfigError:
        raise
    from tiebook.core import database

    database.migrate()
    _state["ready"] = True

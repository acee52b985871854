"""Getting Django and the database ready before a command touches them."""

from __future__ import annotations

_state = {"ready": False}


def ready() -> None:
    """Start Django and bring the schema up to date (a new data directory needs no init)."""
    if _state["ready"]:
        return
    from tiebook.core.setup import django_setup

    django_setup()  # a bad setting raises ConfigError, which the CLI turns into one sentence
    from tiebook.core import database

    database.migrate()
    _state["ready"] = True

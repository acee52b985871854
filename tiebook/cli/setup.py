"""Getting Django and the database ready before a command touches them."""

from __future__ import annotations

_state = {"ready": False}


def ready(*, existing: bool = False) -> None:
    """Start Django and bring the schema up to date (a new data directory needs no init).

    With `existing`, a command that only makes sense on a network already there refuses instead
    of starting an empty one.
    """
    if _state["ready"]:
        return
    from tiebook.core.setup import django_setup

    django_setup()  # a bad setting raises ConfigError, which the CLI turns into one sentence
    from tiebook.core import database

    if existing and not database.schema_exists():
        from tiebook.core.errors import NotFound

        raise NotFound(
            f"There is no network in {database.place()} yet; run 'tiebook init' to start one "
            "there, or set TIEBOOK_HOME to the data directory of the network you serve."
        )
    database.migrate()
    _state["ready"] = True

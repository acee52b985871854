"""Pieces the commands share: the owner, PERSON lookups, option types."""

from __future__ import annotations

import typer

JSON_OPTION = typer.Option(False, "--json", help="Print JSON instead of a table.")


def owner():
    from tiebook.core.owners import owner_get_or_create

    user, _ = owner_get_or_create()
    return user


def resolve(owner_, ref: str):
    from tiebook.people.selectors import person_resolve

    return person_resolve(owner=owner_, ref=ref)


def confirm_or_stop(question: str, *, yes: bool, refused: str = "Nothing deleted.") -> None:
    """Go on when `--yes` was given or the user agrees; otherwise say so and exit 1."""
    from tiebook.cli.output import say

    if not yes and not typer.confirm(question):
        say(refused)
        raise typer.Exit(1)


def today():
    from tiebook.core.timeparse import today as local_today

    return local_today()


def duration(raw: str | None, *, field: str):
    if raw is None:
        return None
    from tiebook.core.timeparse import parse_duration

    return parse_duration(raw, field=field)

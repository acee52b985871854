"""Commands about the whole network: init, demo, backup, restore."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Annotated

import typer

from tiebook.cli.common import JSON_OPTION, owner, today
from tiebook.cli.output import handles_errors, print_json, say


def init(as_json: bool = JSON_OPTION) -> None:
    """Set up tiebook: the data directory, the database and your account.

    Other commands do this on first use too; init says where everything lives.
    Example: TIEBOOK_HOME=~/tiebook tiebook init
    """
    from django.conf import settings

    from tiebook.core import database
    from tiebook.core.owners import owner_get_or_create

    if settings.TIEBOOK_MODE == "local":
        user, created = owner_get_or_create()
        account = user.username
    else:  # on a server, accounts are made one by one with `tiebook user add`
        account, created = None, False
    info = {
        "home": str(settings.CONFIG.home),
        "database": database.describe(),
        "account": account,
        "new_account": created,
    }
    if as_json:
        print_json(info)
        return
    say(f"tiebook is ready in {info['home']} ({info['database']}).")
    if account is None:
        say("Server mode: add each account with 'tiebook user add NAME'.")


def demo(
    people: Annotated[
        int, typer.Option("--people", "-n", metavar="N", help="How many people to make.")
    ] = 200,
    seed: Annotated[int, typer.Option("--seed", metavar="N", help="Same seed, same network.")] = 7,
    if_empty: Annotated[
        bool,
        typer.Option(
            "--if-empty", help="Do nothing (and succeed) when the network already has people."
        ),
    ] = False,
    as_json: bool = JSON_OPTION,
) -> None:
    """Fill an empty network with a realistic made-up one, for trying tiebook out.

    Example: tiebook demo --people 500 --seed 3
    """
    from rich.progress import Progress

    from tiebook.demo.generator import demo_generate

    me = owner()
    if if_empty:
        from tiebook.people.selectors import people_count

        existing = people_count(owner=me)
        if existing:
            say(f"Your network already has {existing} people; no demo added.")
            return
    with Progress(transient=True, disable=as_json) as bar:
        task = bar.add_task("Making people", total=people)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        summary = demo_generate(
            owner=me, people=people, seed=seed, today=today(), progress=progress
        )
        _index_for_search(me, bar, summary.people)
    if as_json:
        print_json(dataclasses.asdict(summary))
    else:
        say(
            f"Made a demo network: {summary.people} people at {summary.organizations} "
            f"organisations, {summary.interactions} interactions, "
            f"{summary.relationships} relationships."
        )


# Reading people for search by meaning takes about a second per 40 on two cores: a small demo is
# read now, a large one by `tiebook reindex` when its user wants it.
DEMO_MEANING_UP_TO = 1000


def _index_for_search(me, bar, people: int) -> None:
    from tiebook.cli.output import err_console
    from tiebook.search import index, semantic

    meaning = semantic.available() and people <= DEMO_MEANING_UP_TO
    task = bar.add_task("Indexing for search", total=people * (2 if meaning else 1))
    note = index.index_new(me, vectors=meaning, progress=lambda n: bar.advance(task, n))
    if note:
        err_console().print(note, markup=False)


def backup(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="Where to write the backup (JSON).")],
    as_json: bool = JSON_OPTION,
) -> None:
    """Write everything in your network to one JSON file.

    Example: tiebook backup ~/tiebook-2026-11-30.json
    """
    from tiebook.interchange.backup import backup_write

    summary = backup_write(owner=owner(), path=file)
    if as_json:
        print_json({"file": str(file), **dataclasses.asdict(summary)})
    else:
        say(
            f"Backed up {summary.people} people, {summary.interactions} interactions and "
            f"{summary.organizations} organisations to {file}."
        )


def restore(
    file: Annotated[
        Path, typer.Argument(metavar="FILE", help="A backup written by 'tiebook backup'.")
    ],
    as_json: bool = JSON_OPTION,
) -> None:
    """Restore a backup into an empty network (a fresh TIEBOOK_HOME).

    Example: TIEBOOK_HOME=~/tiebook-new tiebook restore ~/tiebook-2026-11-30.json
    """
    from tiebook.interchange.backup import backup_read, backup_restore

    document = backup_read(path=file)
    summary = backup_restore(owner=owner(), document=document)
    if as_json:
        print_json({"file": str(file), **dataclasses.asdict(summary)})
    else:
        say(
            f"Restored {summary.people} people, {summary.interactions} interactions and "
            f"{summary.organizations} organisations from {file}."
        )
        if summary.renumbered:
            kinds = ", ".join(key.replace("_", " ") for key in summary.renumbered)
            say(f"Their ids were taken in this database, so these have new ones: {kinds}.")


def register(app: typer.Typer) -> None:
    for name, func in (("init", init), ("demo", demo), ("backup", backup), ("restore", restore)):
        app.command(name)(handles_errors(func))

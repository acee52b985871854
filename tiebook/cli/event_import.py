"""`tiebook event import`: a conference's calendar as events, an import run that can be undone."""

from __future__ import annotations

from typing import Annotated

import typer

from tiebook.cli.common import JSON_OPTION, owner
from tiebook.cli.output import print_json, say


def import_calendar(
    file: Annotated[str, typer.Argument(metavar="FILE", help="An .ics calendar of the event(s).")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Say what would be imported; change nothing.")
    ] = False,
    add_people: Annotated[
        bool,
        typer.Option("--add-people", help="Add the speakers and organisers not in your network."),
    ] = False,
    as_json: bool = JSON_OPTION,
) -> None:
    """Import a conference's calendar: each event one you are considering, its speakers linked.

    Example: tiebook event import pycon-schedule.ics --dry-run
    """
    from pathlib import Path

    from tiebook.interchange.event_import import events_import

    me = owner()
    report = events_import(owner=me, path=Path(file), dry_run=dry_run, add_people=add_people)
    if as_json:
        print_json(report.as_dict())
        return
    c = report.counts
    verb = "Would import" if dry_run else "Imported"
    say(
        f"{verb} {c['events']} event{'s' if c['events'] != 1 else ''} from {report.file_name}"
        f"{' as import ' + str(report.run_id) if report.run_id else ''}: "
        f"{c['linked']} linked to people in your network, {c['added_people']} people added, "
        f"{c['not_in_network']} not in your network, {c['already']} already imported."
    )
    for problem in report.problems:
        say(f"  {problem['ref']}: {problem['message']}")
    for note in report.notes:
        say(f"  {note}")
    if report.run_id:
        say(f"Undo it with: tiebook undo-import {report.run_id}")
    elif c["not_in_network"] and not add_people:
        say("Add the people not in your network with --add-people.")

"""Circle commands: put a person in a Dunbar circle, and review the suggested circles."""

from __future__ import annotations

from typing import Annotated

import typer

from tiebook.cli import render
from tiebook.cli.common import JSON_OPTION, confirm_or_stop, owner, resolve, today
from tiebook.cli.output import console, handles_errors, print_json, say


def circle(
    person: Annotated[
        str, typer.Argument(metavar="PERSON", help="Id, or part of a name or email.")
    ],
    value: Annotated[
        str | None,
        typer.Argument(metavar="[N]", help="5, 15, 50, 150, or 'none'; leave out to see them."),
    ] = None,
    as_json: bool = JSON_OPTION,
) -> None:
    """Show a person's circle and the suggested one, or set it (their follow-up rhythm follows).

    Example: tiebook circle grace 15
    """
    from tiebook.insights.circle_selectors import person_circle_suggestion
    from tiebook.people.records import person_record

    me, day = owner(), today()
    target = resolve(me, person)
    if value is not None:
        target = _set(me, target, value)
    record = person_record(owner=me, person_id=target.pk, today=day, timeline=0)
    suggestion = person_circle_suggestion(owner=me, person=record.person, today=day)
    if as_json:
        print_json(_circle_dict(record, suggestion))
        return
    name = f"{record.person.display_name} (id {record.person.pk})"
    if value is None:
        say(f"{name}: {_circle_words(record.person.circle)}.")
        say(f"Suggested: {_circle_words(suggestion.suggested)} ({suggestion.why}).")
    else:
        done = _circle_words(record.person.circle)
        say(f"{'Put' if record.person.circle else 'Took'} {name} {_moved_words(done)}.")
    say(render.next_line(record))


def _set(me, target, value: str):
    from tiebook.people.services import PersonChanges, person_update

    raw = value.strip().lower()
    changes = PersonChanges(circle=None if raw == "none" else raw)
    return person_update(owner=me, person=target, changes=changes)


def _circle_words(circle: int | None) -> str:
    return f"circle {circle}" if circle else "no circle"


def _moved_words(done: str) -> str:
    return "out of any circle" if done == "no circle" else f"in {done}"


def _circle_dict(record, suggestion) -> dict:
    interval = record.interval
    return {
        "id": record.person.pk,
        "name": record.person.display_name,
        "circle": record.person.circle,
        "suggested": suggestion.suggested,
        "why": suggestion.why,
        "interval_days": interval.days if interval else None,
        "interval_from": interval.reason() if interval else None,
        "next_due_on": record.person.next_due_on,
    }


def circles(
    suggest: Annotated[
        bool, typer.Option("--suggest", help="List every suggestion that differs from yours.")
    ] = False,
    apply: Annotated[
        bool, typer.Option("--apply", help="Accept every suggestion (asks first unless --yes).")
    ] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    as_json: bool = JSON_OPTION,
) -> None:
    """Your circles against Dunbar's 5/15/50/150, and the circles suggested from tie strength
    and touches this year.

    Example: tiebook circles --suggest
    """
    from tiebook.insights.circle_selectors import circles_overview

    me = owner()
    overview = circles_overview(owner=me, today=today())
    if as_json and not apply:
        print_json(overview.as_dict())
        return
    if not as_json:
        _layers_table(overview)
        if suggest or apply:
            _changes_table(overview)
    if apply:
        _apply(me, overview, yes=yes, as_json=as_json)


def _layers_table(overview) -> None:
    from rich.table import Table

    table = Table(title="Circles (cumulative, as Dunbar counts them)")
    for column in ("circle", "now", "suggested", "Dunbar"):
        table.add_column(column, justify="right")
    for layer in overview.as_dict()["layers"]:
        table.add_row(
            str(layer["circle"]), str(layer["now"]), str(layer["suggested"]), str(layer["size"])
        )
    console().print(table)
    changes = len(overview.changes)
    say(
        f"{changes} suggestion{'s' if changes != 1 else ''} differ from your circles"
        + (": see them with --suggest." if changes else ".")
    )


def _changes_table(overview) -> None:
    from rich.table import Table

    if not overview.changes:
        return
    table = Table()
    for column in ("id", "name", "now", "suggested", "why"):
        table.add_column(column)
    for row in overview.changes:
        s = row.suggestion
        table.add_row(str(row.person_id), row.name, _short(s.current), _short(s.suggested), s.why)
    console().print(table)


def _short(circle: int | None) -> str:
    return str(circle) if circle else "-"


def _apply(me, overview, *, yes: bool, as_json: bool) -> None:
    from tiebook.people.services import people_circle_set

    if not overview.changes:
        if as_json:
            print_json({"changed": 0})
        else:
            say("Nothing to change.")
        return
    count = len(overview.changes)
    confirm_or_stop(
        f"Accept {count} suggested circle{'s' if count != 1 else ''}?",
        yes=yes,
        refused="Nothing changed.",
    )
    changed = people_circle_set(
        owner=me, circles={row.person_id: row.suggestion.suggested for row in overview.changes}
    )
    if as_json:
        print_json({"changed": changed})
    else:
        say(
            f"Accepted {changed} suggested circle{'s' if changed != 1 else ''}; "
            "their follow-up rhythms follow."
        )


def register(app: typer.Typer) -> None:
    app.command("circle")(handles_errors(circle))
    app.command("circles")(handles_errors(circles))

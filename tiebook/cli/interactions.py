"""Interaction commands: correct or delete one logged interaction by its number."""

from __future__ import annotations

from typing import Annotated

import typer

from tiebook.cli import render
from tiebook.cli.common import JSON_OPTION, confirm_or_stop, owner, today
from tiebook.cli.output import handles_errors, print_json, say

interaction_app = typer.Typer(
    name="interaction",
    help=(
        "Correct or delete a logged interaction, by the number `tiebook show` gives it."
        "\n\nExample: tiebook interaction edit 12 --on 2026-11-20"
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
)

ID_ARGUMENT = typer.Argument(metavar="ID", help="The interaction's number (tiebook show PERSON).")


def _followups(me, ids: list[int]) -> None:
    from tiebook.people.selectors import people_list_by_ids

    for p in people_list_by_ids(owner=me, ids=ids):
        say(f"  {p.display_name}: next follow-up {render.due_phrase(p.next_due_on, today())}")


def _line(interaction) -> str:
    names = ", ".join(p.person.display_name for p in interaction.participants.all())
    return (
        f"{render.local_day(interaction.occurred_at)} {interaction.kind} with {names}: "
        f"{interaction.summary}"
    )


def edit(
    interaction_id: Annotated[int, ID_ARGUMENT],
    on: Annotated[
        str | None, typer.Option("--on", metavar="DATE", help="When it happened (YYYY-MM-DD).")
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option("--kind", "-k", metavar="KIND", help="meeting, call, message, email..."),
    ] = None,
    summary: Annotated[
        str | None, typer.Option("--summary", metavar="TEXT", help="What happened, in a line.")
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", metavar="TEXT", help="Replace the notes.")
    ] = None,
    they_reached_out: Annotated[
        bool | None,
        typer.Option(
            "--they-reached-out/--i-reached-out", help="Who started it.", show_default=False
        ),
    ] = None,
    as_json: bool = JSON_OPTION,
) -> None:
    """Correct a logged interaction; its people's follow-ups are counted again from it.

    Example: tiebook interaction edit 12 --on 2026-11-20 --kind call
    """
    from tiebook.core.timeparse import parse_date
    from tiebook.interactions.selectors import interaction_get
    from tiebook.interactions.services import InteractionChanges, interaction_update
    from tiebook.people.records import interaction_dict

    me = owner()
    found = interaction_get(owner=me, interaction_id=interaction_id)
    changes = InteractionChanges(
        on=parse_date(on, field="on") if on else None,
        kind=kind.strip().lower() if kind is not None else None,
        summary=summary,
        notes=note,
        they_reached_out=they_reached_out,
    )
    updated = interaction_update(owner=me, interaction=found, changes=changes)
    ids = [p.person_id for p in updated.participants.all()]
    if as_json:
        print_json(interaction_dict(updated))
        return
    say(f"Updated interaction {updated.pk}: {_line(updated)}")
    _followups(me, ids)


def delete(
    interaction_id: Annotated[int, ID_ARGUMENT],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    as_json: bool = JSON_OPTION,
) -> None:
    """Delete a logged interaction (asks first unless --yes); follow-ups are counted again.

    Example: tiebook interaction delete 12 --yes
    """
    from tiebook.interactions.selectors import interaction_get
    from tiebook.interactions.services import interaction_delete

    me = owner()
    found = interaction_get(owner=me, interaction_id=interaction_id)
    label = f"interaction {found.pk} ({_line(found)})"
    confirm_or_stop(f"Delete {label}?", yes=yes)
    ids = interaction_delete(owner=me, interaction=found)
    if as_json:
        print_json({"id": interaction_id, "deleted": True, "people": ids})
        return
    say(f"Deleted {label}.")
    _followups(me, ids)


def register(app: typer.Typer) -> None:
    interaction_app.command("edit")(handles_errors(edit))
    interaction_app.command("delete")(handles_errors(delete))
    app.add_typer(interaction_app, name="interaction")

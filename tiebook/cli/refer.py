"""`tiebook refer ORG`: who could refer you at an organisation, and the path to them."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from tiebook.cli.common import JSON_OPTION, owner
from tiebook.cli.output import console, handles_errors, print_json, say

ORG_ARGUMENT = typer.Argument(
    metavar="ORG", help="The organisation: its name (case and accents aside) or email domain."
)
HOW_IT_RANKS = (
    "Moderately weak ties come first: they move more people into new jobs than close friends do "
    "(Rajkumar et al., Science 2022)."
)


def refer(
    org: Annotated[str, ORG_ARGUMENT],
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, max=1000, help="How many to show.")
    ] = 20,
    as_json: bool = JSON_OPTION,
) -> None:
    """Who could refer you at an organisation: people there now or before, and people one or
    two relationships away from one of them, each with the path and why.

    Moderately weak ties rank first, strong ties still rank for trust; dormant ties are flagged
    as worth reviving and family carries a caution.
    Example: tiebook refer Acme --limit 10
    """
    from tiebook.insights.refer import strength_label, suggestion_dict
    from tiebook.insights.refer_selectors import refer_at

    found = refer_at(owner=owner(), org=org, limit=limit)
    name = found.organization.name
    if as_json:
        print_json(
            {
                "organization": {"id": found.organization.pk, "name": name},
                "suggestions": [suggestion_dict(s) for s in found.suggestions],
            }
        )
        return
    if not found.suggestions:
        say(f"No one in your network is at {name} or knows someone there yet.")
        return
    say(f"Who could refer you at {name}:")
    table = Table(show_edge=False, box=None, pad_edge=False)
    for column in ("#", "person", "strength", "path", "why"):
        table.add_column(column, overflow="fold")
    for rank, s in enumerate(found.suggestions, start=1):
        strength = f"{s.tie_strength} {strength_label(s.tie_strength)}"
        table.add_row(str(rank), f"{s.name} (id {s.person_id})", strength, s.link, s.why)
    console().print(table)
    for s in found.suggestions:
        if s.caution:
            say(f"Caution: {s.caution}")
    say(HOW_IT_RANKS)


def register(app: typer.Typer) -> None:
    app.command("refer")(handles_errors(refer))

"""Who knows whom: ties between people entered by hand, and the introductions you make."""

from __future__ import annotations

from typing import Annotated

import typer

from tiebook.cli.common import JSON_OPTION, owner, resolve
from tiebook.cli.output import handles_errors, print_json, say
from tiebook.people.ties import WORDS

PersonArg = Annotated[str, typer.Argument(metavar="PERSON", help="Id, or part of a name or email.")]
OtherArg = Annotated[
    str, typer.Argument(metavar="OTHER", help="The other person: id, or part of a name or email.")
]
KIND_HELP = f"How PERSON is tied to OTHER: {', '.join(WORDS)}."


def relate(
    person: PersonArg,
    other: OtherArg,
    kind: Annotated[str, typer.Option("--as", metavar="KIND", help=KIND_HELP)] = "knows",
    as_json: bool = JSON_OPTION,
) -> None:
    """Record how two people in your network are tied: PERSON KIND OTHER.

    "A reports-to B" reads from A's side (B manages A), "A mentors B" makes B A's mentee, and
    "A introduced-by B" says B introduced A. Ties shape tie strength and introduction paths.
    Example: tiebook relate "Ada Lovelace" "Grace Hopper" --as reports-to
    """
    from tiebook.people.selectors import person_relationships
    from tiebook.people.services import relationship_add

    me = owner()
    first, second = resolve(me, person), resolve(me, other)
    made = relationship_add(owner=me, person=first, other=second, kind=kind)
    tie = next(t for t in person_relationships(owner=me, person=first) if t.id == made.pk)
    if as_json:
        print_json({"person_id": first.pk, **tie.as_dict()})
    else:
        say(f"{first.display_name} {tie.relation} {second.display_name}.")


def unrelate(
    person: PersonArg,
    other: OtherArg,
    kind: Annotated[
        str | None,
        typer.Option("--as", metavar="KIND", help="Only this kind of tie (default: every tie)."),
    ] = None,
    as_json: bool = JSON_OPTION,
) -> None:
    """Forget the ties between two people: every one, or only the kind given with --as.

    Example: tiebook unrelate "Ada Lovelace" "Grace Hopper" --as reports-to
    """
    from tiebook.people.services import relationship_remove

    me = owner()
    first, second = resolve(me, person), resolve(me, other)
    removed = relationship_remove(owner=me, person=first, other=second, kind=kind)
    if as_json:
        print_json({"removed": removed})
    else:
        ties = "tie" if removed == 1 else "ties"
        say(f"Removed {removed} {ties} between {first.display_name} and {second.display_name}.")


def ties(person: PersonArg, as_json: bool = JSON_OPTION) -> None:
    """List whom a person is tied to, read from their side ("manages", "mentee of"...).

    Example: tiebook ties "Grace Hopper" --json
    """
    from tiebook.people.selectors import person_relationships

    me = owner()
    target = resolve(me, person)
    found = person_relationships(owner=me, person=target)
    if as_json:
        print_json(
            {"id": target.pk, "name": target.display_name, "ties": [t.as_dict() for t in found]}
        )
        return
    if not found:
        say(
            f"{target.display_name} has no ties yet; add one with: "
            f"tiebook relate {target.pk} PERSON --as knows"
        )
        return
    say(f"{target.display_name} ({len(found)} {'tie' if len(found) == 1 else 'ties'}):")
    for tie in found:
        source = "" if tie.source == "manual" else f", from {tie.source}"
        say(f"  {tie.relation} {tie.name} (id {tie.person_id}{source})")


def register(app: typer.Typer) -> None:
    app.command("relate")(handles_errors(relate))
    app.command("unrelate")(handles_errors(unrelate))
    app.command("ties")(handles_errors(ties))

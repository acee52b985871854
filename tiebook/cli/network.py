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


def intro(
    person: PersonArg,
    other: Annotated[str, typer.Argument(metavar="OTHER", help="Whom you introduced them to.")],
    note: Annotated[str, typer.Option("--note", metavar="TEXT", help="Why they should meet.")] = "",
    on: Annotated[
        str | None,
        typer.Option("--on", metavar="DATE", help="When (YYYY-MM-DD; default today)."),
    ] = None,
    as_json: bool = JSON_OPTION,
) -> None:
    """Record an introduction you made: PERSON to OTHER.

    It logs a note with both (a give on your ledger), ties them as knowing each other, and makes
    both due a week later, to ask how it went.
    Example: tiebook intro "Ada Lovelace" "Grace Hopper" --note "both work on compilers"
    """
    from tiebook.core.timeparse import parse_date
    from tiebook.intros.selectors import introduction_get
    from tiebook.intros.services import introduction_record

    me = owner()
    first, second = resolve(me, person), resolve(me, other)
    day = parse_date(on, field="on") if on else None
    made = introduction_record(owner=me, person=first, other=second, note=note, on=day)
    found = introduction_get(owner=me, interaction_id=made.pk)
    if as_json:
        print_json(found.as_dict())
        return
    say(f"{found.summary} on {found.on.isoformat()}.")
    say(f"Both are due on {min(found.follow_ups_due).isoformat()} to ask how it went.")


def intros(
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, max=10_000, help="How many to show.")
    ] = 50,
    as_json: bool = JSON_OPTION,
) -> None:
    """List the introductions you made, newest first, with their follow-ups.

    Example: tiebook intros --json
    """
    from tiebook.intros.selectors import introductions_list

    found = introductions_list(owner=owner(), limit=limit)
    if as_json:
        print_json([i.as_dict() for i in found])
        return
    if not found:
        say('No introductions yet; record one with: tiebook intro PERSON OTHER --note "why"')
        return
    for item in found:
        due = (
            f"ask how it went by {min(item.follow_ups_due).isoformat()}"
            if item.follow_ups_due
            else "followed up"
        )
        say(f"{item.id:>4}  {item.on.isoformat()}  {item.summary}  ({due})")
        if item.note:
            say(f"      {' '.join(item.note.split())}")


def register(app: typer.Typer) -> None:
    app.command("relate")(handles_errors(relate))
    app.command("unrelate")(handles_errors(unrelate))
    app.command("ties")(handles_errors(ties))
    app.command("intro")(handles_errors(intro))
    app.command("intros")(handles_errors(intros))

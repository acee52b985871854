"""Reference commands: recruit a reference for a skill, confirm it, and print the reference list
(as text, Markdown for an application, or CSV)."""

from __future__ import annotations

from typing import Annotated

import typer

from tiebook.cli.common import JSON_OPTION, owner, resolve, today
from tiebook.cli.output import handles_errors, print_json, say

reference_app = typer.Typer(
    name="reference",
    help=(
        "References who will speak for your skills: add one per skill, with whether they agreed, "
        "and confirm it again each year.\n\nExample: tiebook reference add grace --skill COBOL "
        "--agreed"
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
)

PERSON_ARGUMENT = typer.Argument(metavar="PERSON", help="Id, or part of a name or email.")
FORMATS = ("text", "md", "csv")


def _reference_dict(row) -> dict:
    from dataclasses import asdict

    return asdict(row)


def _line(row) -> str:
    return f"  {row.skill}: {row.name} (id {row.person_id}), {row.why}"


def add(
    person: Annotated[str, PERSON_ARGUMENT],
    skill: Annotated[
        str, typer.Option("--skill", "-s", metavar="SKILL", help="The skill they would vouch for.")
    ],
    agreed: Annotated[
        bool | None,
        typer.Option(
            "--agreed/--declined",
            help="Their answer; leave both out while you wait for it.",
            show_default=False,
        ),
    ] = None,
    confirmed: Annotated[
        str | None,
        typer.Option(
            "--confirmed",
            metavar="DATE",
            help="When they last said yes (default: today if --agreed).",
        ),
    ] = None,
    asked: Annotated[
        str | None, typer.Option("--asked", metavar="DATE", help="When you asked (default today).")
    ] = None,
    as_json: bool = JSON_OPTION,
) -> None:
    """Record that you asked someone to be a reference for a skill, and their answer (again to
    update it).

    Example: tiebook reference add grace --skill COBOL --agreed
    """
    from tiebook.core.timeparse import parse_date
    from tiebook.interactions.references import person_references, reference_add

    me = owner()
    target = resolve(me, person)
    vouch, created = reference_add(
        owner=me,
        person=target,
        skill=skill,
        today=today(),
        agreed=agreed,
        confirmed_on=parse_date(confirmed, field="confirmed") if confirmed else None,
        asked_on=parse_date(asked, field="asked") if asked else None,
    )
    row = next(
        r for r in person_references(owner=me, person=target, today=today()) if r.id == vouch.pk
    )
    if as_json:
        print_json({**_reference_dict(row), "created": created})
        return
    verb = "Added" if created else "Updated"
    place = "on your reference list" if row.status == "reference" else "ask again"
    say(
        f"{verb} {row.name} as a reference for {row.skill} (reference {row.id}): {row.why}; "
        f"{place}."
    )


def confirm(
    person: Annotated[str, PERSON_ARGUMENT],
    skill: Annotated[
        str | None,
        typer.Option("--skill", "-s", metavar="SKILL", help="Only this skill (default: all)."),
    ] = None,
    on: Annotated[
        str | None, typer.Option("--on", metavar="DATE", help="When they said yes (default today).")
    ] = None,
    as_json: bool = JSON_OPTION,
) -> None:
    """They said again that they will be your reference (for every skill, or one).

    Example: tiebook reference confirm grace --skill COBOL
    """
    from tiebook.core.timeparse import parse_date
    from tiebook.interactions.references import person_references, reference_confirm

    me = owner()
    target = resolve(me, person)
    day = parse_date(on, field="on") if on else None
    done = reference_confirm(owner=me, person=target, today=today(), skill=skill, on=day)
    ids = {v.pk for v in done}
    rows = [r for r in person_references(owner=me, person=target, today=today()) if r.id in ids]
    if as_json:
        print_json([_reference_dict(r) for r in rows])
        return
    skills = ", ".join(r.skill for r in rows)
    say(f"{target.display_name} confirmed as a reference for {skills} on {rows[0].confirmed_on}.")


def remove(
    reference_id: Annotated[int, typer.Argument(metavar="ID", help="The reference's number.")],
    as_json: bool = JSON_OPTION,
) -> None:
    """Remove a reference (endorsements and recommendations stay).

    Example: tiebook reference remove 4
    """
    from tiebook.interactions.references import reference_delete, reference_get

    me = owner()
    found = reference_get(owner=me, reference_id=reference_id)
    label = f"{found.person.display_name} for {found.skill}"
    reference_delete(owner=me, reference=found)
    if as_json:
        print_json({"id": reference_id, "deleted": True})
        return
    say(f"Removed reference {reference_id} ({label}).")


def _text(result) -> None:
    if result.references:
        say("References (agreed, confirmed within the last 12 months):")
    else:
        say("No references agreed and confirmed within the last 12 months.")
    for row in result.references:
        say(_line(row))
    if result.ask_again:
        say("Ask again:")
    for row in result.ask_again:
        say(_line(row))
    if result.could_ask:
        say("Endorsed or recommended you; ask them to be a reference:")
    for point in result.could_ask:
        say(f"  {point.name} (id {point.person_id}): {point.vouched}")


def references(
    skill: Annotated[
        str | None,
        typer.Option("--skill", "-s", metavar="SKILL", help="Only references for this skill."),
    ] = None,
    format_: Annotated[
        str,
        typer.Option("--format", "-f", metavar="FORMAT", help="text, md (Markdown) or csv."),
    ] = "text",
    as_json: bool = JSON_OPTION,
) -> None:
    """Your reference list: who agreed and confirmed within the last 12 months; the others to ask
    again; and who endorsed or recommended you but was not asked yet.

    Example: tiebook references --skill COBOL --format md > references.md
    """
    from tiebook.core.errors import ValidationError
    from tiebook.interactions.reference_documents import references_csv, references_markdown
    from tiebook.interactions.references import references_list

    format_ = format_.strip().lower()
    if format_ not in FORMATS:
        raise ValidationError(f"Unknown format '{format_}'; use text, md or csv.", field="format")
    me = owner()
    result = references_list(owner=me, today=today(), skill=skill)
    if as_json:
        print_json(result)
    elif format_ == "md":
        name = me.get_full_name() or ""
        typer.echo(references_markdown(result, owner_name=name), nl=False)
    elif format_ == "csv":
        typer.echo(references_csv(result), nl=False)
    else:
        _text(result)


def register(app: typer.Typer) -> None:
    reference_app.command("add")(handles_errors(add))
    reference_app.command("confirm")(handles_errors(confirm))
    reference_app.command("remove")(handles_errors(remove))
    app.add_typer(reference_app, name="reference")
    app.command("references")(handles_errors(references))

"""Filing commands: deadlines with a government body, linked to the people there."""

from __future__ import annotations

from typing import Annotated

import typer

from tiebook.cli.common import JSON_OPTION, confirm_or_stop, owner, resolve, today
from tiebook.cli.output import handles_errors, print_json, say

filing_app = typer.Typer(
    name="filing",
    help=(
        "A filing or deadline with a government body, linked to the people there."
        '\n\nExample: tiebook filing add "VAT return" --with "Tax Office" --due 2027-01-31'
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
)

FILING = typer.Argument(metavar="FILING", help="Its number, or part of its title.")
PERSON = typer.Argument(metavar="PERSON", help="Id, or part of a name or email.")
ROLE = typer.Option("--role", metavar="TEXT", help="Their role there, e.g. inspector.")


def _date(raw: str | None, field: str):
    from tiebook.core.timeparse import parse_date

    return parse_date(raw, field=field) if raw else None


def _contacts_line(contacts) -> str:
    return ", ".join(f"{x.name} ({x.role})" if x.role else x.name for x in contacts)


def _filing_line(row) -> str:
    f = row.filing
    parts = [f.title]
    if row.organization:
        parts.append(f" with {row.organization}")
    if f.done_at:
        from tiebook.cli.render import local_day

        parts.append(f": done {local_day(f.done_at)}")
    else:
        verb = "was due" if row.days_left < 0 else "due"
        parts.append(f": {verb} {f.due_on.isoformat()} ({row.left})")
    if f.yearly:
        parts.append(", yearly")
    if row.contacts:
        parts.append(f"; contact {_contacts_line(row.contacts)}")
    return "".join(parts)


def _filing_row(me, filing):
    from tiebook.credentials.selectors import filing_row

    return filing_row(owner=me, filing_id=filing.pk, today=today())


def filing_add(
    title: Annotated[str, typer.Argument(metavar="TITLE", help="e.g. 'VAT return'.")],
    with_: Annotated[
        str, typer.Option("--with", metavar="ORG", help="The government body it goes to.")
    ],
    due: Annotated[str, typer.Option("--due", metavar="DATE", help="The deadline (YYYY-MM-DD).")],
    contact: Annotated[
        list[str] | None,
        typer.Option("--contact", metavar="PERSON", help="Someone there (repeatable)."),
    ] = None,
    role: Annotated[str, ROLE] = "",
    lead: Annotated[
        int | None,
        typer.Option(
            "--remind-days",
            metavar="DAYS",
            help="Put it on Today this many days before the deadline (default 14).",
        ),
    ] = None,
    yearly: Annotated[
        bool, typer.Option("--yearly", help="Due every year: once done, next year's is added.")
    ] = False,
    note: Annotated[str, typer.Option("--note", metavar="TEXT", help="Notes.")] = "",
    as_json: bool = JSON_OPTION,
) -> None:
    """Add a filing or deadline with a government body; it comes onto Today ahead of time.

    Example: tiebook filing add "Safety report" --with "Safety Agency" --due 2026-12-10 --yearly
    """
    from tiebook.credentials.services import FilingInput, filing_create

    me = owner()
    people = [resolve(me, ref) for ref in contact or []]
    data = FilingInput(
        title=title,
        organization=with_,
        due_on=_date(due, "due"),
        lead_days=lead,
        yearly=yearly,
        notes=note,
    )
    made = filing_create(owner=me, data=data, contacts=people, role=role)
    row = _filing_row(me, made)
    if as_json:
        print_json(row.as_dict())
        return
    say(f"Added filing {made.pk}: {_filing_line(row)}.")


def filing_list(
    all_: Annotated[bool, typer.Option("--all", help="Also the ones done.")] = False,
    as_json: bool = JSON_OPTION,
) -> None:
    """Open filings and deadlines, the soonest first.

    Example: tiebook filings
    """
    from tiebook.credentials.selectors import filings_list

    rows = filings_list(owner=owner(), today=today(), include_done=all_)
    if as_json:
        print_json([r.as_dict() for r in rows])
        return
    if not rows:
        say("No open filings. Add one with 'tiebook filing add'.")
        return
    for row in rows:
        say(f"{row.filing.pk:>4}  {_filing_line(row)}")


def filing_done(filing: Annotated[str, FILING], as_json: bool = JSON_OPTION) -> None:
    """Mark a filing done; a yearly one comes back for next year.

    Example: tiebook filing done "safety report"
    """
    from tiebook.credentials.selectors import filing_resolve
    from tiebook.credentials.services import filing_done as mark_done

    me = owner()
    found = filing_resolve(owner=me, ref=filing)
    following = mark_done(owner=me, filing=found)
    row = _filing_row(me, found)
    after = _filing_row(me, following) if following else None
    if as_json:
        print_json({**row.as_dict(), "next": after.as_dict() if after else None})
        return
    say(f"Done: {found.title}.")
    if after:
        say(f"  Next year's: due {after.filing.due_on.isoformat()} (number {after.filing.pk}).")


def filing_contact(
    filing: Annotated[str, FILING],
    person: Annotated[str, PERSON],
    role: Annotated[str, ROLE] = "",
    as_json: bool = JSON_OPTION,
) -> None:
    """Link someone at the government body to a filing (the first is the one to reach).

    Example: tiebook filing contact "safety report" grace --role inspector
    """
    from tiebook.credentials.selectors import filing_resolve
    from tiebook.credentials.services import filing_contact_add

    me = owner()
    found = filing_resolve(owner=me, ref=filing)
    target = resolve(me, person)
    filing_contact_add(owner=me, filing=found, person=target, role=role)
    row = _filing_row(me, found)
    if as_json:
        print_json(row.as_dict())
        return
    say(f"{target.display_name} is a contact for {found.title}.")


def filing_delete(
    filing: Annotated[str, FILING],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    as_json: bool = JSON_OPTION,
) -> None:
    """Delete a filing (asks first unless --yes).

    Example: tiebook filing delete "safety report" --yes
    """
    from tiebook.credentials.selectors import filing_resolve
    from tiebook.credentials.services import filing_delete as delete_filing

    me = owner()
    found = filing_resolve(owner=me, ref=filing)
    label = f"{found.title} (number {found.pk})"
    confirm_or_stop(f"Delete {label}?", yes=yes)
    number = found.pk
    delete_filing(owner=me, filing=found)
    if as_json:
        print_json({"id": number, "deleted": True})
        return
    say(f"Deleted {label}.")


def register(app: typer.Typer) -> None:
    for name, func in (
        ("add", filing_add),
        ("contact", filing_contact),
        ("done", filing_done),
        ("delete", filing_delete),
    ):
        filing_app.command(name)(handles_errors(func))
    app.add_typer(filing_app, name="filing")
    app.command("filings")(handles_errors(filing_list))

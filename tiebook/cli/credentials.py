"""Credential commands: licences and certifications with their renewals, CE hours and the people
at the issuer to reach (filings with a government body are in filings.py)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from tiebook.cli.common import JSON_OPTION, confirm_or_stop, owner, resolve, today
from tiebook.cli.output import console, handles_errors, print_json, say

credential_app = typer.Typer(
    name="credential",
    help=(
        "A licence or certification: add one, log CE hours, name the contact at the issuer, "
        'renew it.\n\nExample: tiebook credential add "CPA licence" --issuer "State Board" '
        "--expires 2027-06-30"
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
)

CREDENTIAL = typer.Argument(metavar="CREDENTIAL", help="Its number, or part of its name.")
PERSON = typer.Argument(metavar="PERSON", help="Id, or part of a name or email.")
ROLE = typer.Option("--role", metavar="TEXT", help="Their role there, e.g. registrar.")


def _date(raw: str | None, field: str):
    from tiebook.core.timeparse import parse_date

    return parse_date(raw, field=field) if raw else None


def _credential(me, ref: str):
    from tiebook.credentials.selectors import credential_resolve

    return credential_resolve(owner=me, ref=ref)


def _detail(me, credential):
    from tiebook.credentials.selectors import credential_detail

    return credential_detail(owner=me, credential_id=credential.pk, today=today())


def _summary(row) -> str:
    c = row.credential
    parts = [f"{c.name} (number {c.pk})"]
    if row.issuer:
        parts.append(f" from {row.issuer}")
    verb = "expired" if row.days_left < 0 else "expires"
    parts.append(f": {verb} {c.expires_on.isoformat()} ({row.left})")
    if row.progress:
        parts.append(f", CE {row.progress}")
    return "".join(parts)


def _contacts_line(contacts) -> str:
    return ", ".join(f"{x.name} ({x.role})" if x.role else x.name for x in contacts)


def add(
    name: Annotated[str, typer.Argument(metavar="NAME", help="e.g. 'CPA licence'.")],
    issuer: Annotated[
        str, typer.Option("--issuer", metavar="ORG", help="The licensing authority.")
    ],
    expires: Annotated[
        str, typer.Option("--expires", metavar="DATE", help="When it expires (YYYY-MM-DD).")
    ],
    number: Annotated[
        str, typer.Option("--number", metavar="N", help="The licence or certificate number.")
    ] = "",
    issued: Annotated[
        str | None, typer.Option("--issued", metavar="DATE", help="When it was issued.")
    ] = None,
    ce_hours: Annotated[
        str | None,
        typer.Option(
            "--ce-hours-required", metavar="H", help="CE hours to earn before renewing, e.g. 30."
        ),
    ] = None,
    lead: Annotated[
        int | None,
        typer.Option(
            "--remind-days",
            metavar="DAYS",
            help="Put the renewal on Today this many days before expiry (default 90).",
        ),
    ] = None,
    contact: Annotated[
        list[str] | None,
        typer.Option("--contact", metavar="PERSON", help="Someone at the issuer (repeatable)."),
    ] = None,
    role: Annotated[str, ROLE] = "",
    note: Annotated[str, typer.Option("--note", metavar="TEXT", help="Notes.")] = "",
    as_json: bool = JSON_OPTION,
) -> None:
    """Add a credential; its renewal comes onto Today ahead of expiry.

    Example: tiebook credential add "CPA licence" --issuer "State Board" --expires 2027-01-29
    """
    from tiebook.credentials.services import CredentialInput, credential_create

    me = owner()
    people = [resolve(me, ref) for ref in contact or []]
    data = CredentialInput(
        name=name,
        issuer=issuer,
        expires_on=_date(expires, "expires"),
        number=number,
        issued_on=_date(issued, "issued"),
        ce_hours_required=ce_hours,
        renewal_lead_days=lead,
        notes=note,
    )
    made = credential_create(owner=me, data=data, contacts=people, role=role)
    row = _detail(me, made)
    if as_json:
        print_json(row.as_dict())
        return
    say(f"Added {_summary(row)}.")
    who = f" with {_contacts_line(row.contacts)}" if row.contacts else ""
    say(f"  Renewal on Today from {row.renewal_on.isoformat()}{who}.")


def edit(
    credential: Annotated[str, CREDENTIAL],
    name: Annotated[str | None, typer.Option("--name", metavar="NAME", help="Rename it.")] = None,
    issuer: Annotated[
        str | None, typer.Option("--issuer", metavar="ORG", help="The licensing authority.")
    ] = None,
    number: Annotated[str | None, typer.Option("--number", metavar="N", help="Its number.")] = None,
    issued: Annotated[
        str | None, typer.Option("--issued", metavar="DATE", help="When it was issued.")
    ] = None,
    expires: Annotated[
        str | None, typer.Option("--expires", metavar="DATE", help="Correct the expiry date.")
    ] = None,
    ce_hours: Annotated[
        str | None,
        typer.Option("--ce-hours-required", metavar="H", help="CE hours a renewal asks for."),
    ] = None,
    lead: Annotated[
        int | None,
        typer.Option(
            "--remind-days", metavar="DAYS", help="Days before expiry it comes onto Today."
        ),
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", metavar="TEXT", help="Replace the notes.")
    ] = None,
    as_json: bool = JSON_OPTION,
) -> None:
    """Correct a credential; what you leave out stays (to renew it, use renew).

    Example: tiebook credential edit cpa --expires 2027-02-28 --remind-days 120
    """
    from tiebook.credentials.engine import hours_text
    from tiebook.credentials.services import CredentialInput, credential_update

    me = owner()
    found = _credential(me, credential)
    data = CredentialInput(
        name=found.name if name is None else name,
        issuer=(found.issuer.name if found.issuer_id else "") if issuer is None else issuer,
        expires_on=found.expires_on if expires is None else _date(expires, "expires"),
        number=found.number if number is None else number,
        issued_on=found.issued_on if issued is None else _date(issued, "issued"),
        ce_hours_required=hours_text(found.ce_minutes_required) if ce_hours is None else ce_hours,
        renewal_lead_days=found.renewal_lead_days if lead is None else lead,
        notes=found.notes if note is None else note,
    )
    credential_update(owner=me, credential=found, data=data)
    row = _detail(me, found)
    if as_json:
        print_json(row.as_dict())
        return
    say(f"Updated {_summary(row)}.")
    say(f"  Renewal on Today from {row.renewal_on.isoformat()}.")


def list_(as_json: bool = JSON_OPTION) -> None:
    """Your credentials, the soonest expiry first, with days left and CE progress.

    Example: tiebook credentials
    """
    from tiebook.credentials.selectors import credentials_list

    rows = credentials_list(owner=owner(), today=today())
    if as_json:
        print_json([r.as_dict() for r in rows])
        return
    if not rows:
        say("No credentials yet. Add one with 'tiebook credential add'.")
        return
    table = Table(show_edge=False, box=None, pad_edge=False)
    for column in ("id", "credential", "issuer", "expires", "left", "CE", "status"):
        table.add_column(column, overflow="fold")
    for r in rows:
        c = r.credential
        table.add_row(
            str(c.pk), c.name, r.issuer, c.expires_on.isoformat(), r.left, r.progress, r.status
        )
    console().print(table)


def show(credential: Annotated[str, CREDENTIAL], as_json: bool = JSON_OPTION) -> None:
    """One credential: its dates, CE hours of this cycle, contacts at the issuer.

    Example: tiebook credential show cpa
    """
    me = owner()
    row = _detail(me, _credential(me, credential))
    if as_json:
        print_json(row.as_dict())
        return
    c = row.credential
    say(_summary(row))
    if c.number:
        say(f"  Number: {c.number}")
    if c.issued_on:
        say(f"  Issued: {c.issued_on.isoformat()}")
    say(f"  Status: {row.status}; on Today from {row.renewal_on.isoformat()}")
    if row.contacts:
        say(f"  Contacts: {_contacts_line(row.contacts)}")
    current = [h for h in row.hours if h.cycle == c.cycle]
    if current:
        from tiebook.credentials.engine import hours_text

        say("  CE hours this cycle:")
        for h in current:
            say(f"    {h.earned_on.isoformat()}  {hours_text(h.minutes)} h  {h.activity}")
    if c.notes:
        say(f"  Notes: {c.notes}")


def hours(
    credential: Annotated[str, CREDENTIAL],
    amount: Annotated[str, typer.Argument(metavar="H", help="Hours earned, e.g. 3 or 1.5.")],
    on: Annotated[
        str, typer.Option("--on", metavar="DATE", help="When (YYYY-MM-DD, yesterday).")
    ] = "today",
    activity: Annotated[
        str, typer.Option("--activity", metavar="TEXT", help="The course, seminar or reading.")
    ] = "",
    as_json: bool = JSON_OPTION,
) -> None:
    """Log CE hours earned toward the credential's current cycle.

    Example: tiebook credential hours cpa 3 --on 2026-11-20 --activity "Ethics seminar"
    """
    from tiebook.credentials.services import credential_hours_add

    me = owner()
    found = _credential(me, credential)
    credential_hours_add(
        owner=me, credential=found, hours=amount, on=_date(on, "on"), activity=activity
    )
    row = _detail(me, found)
    if as_json:
        print_json(row.as_dict())
        return
    progress = row.progress or "none required"
    say(f"Logged {amount} h for {row.credential.name}: CE {progress}.")


def contact(
    credential: Annotated[str, CREDENTIAL],
    person: Annotated[str, PERSON],
    role: Annotated[str, ROLE] = "",
    remove: Annotated[
        bool, typer.Option("--remove", help="They are no longer the contact.")
    ] = False,
    as_json: bool = JSON_OPTION,
) -> None:
    """Name someone at the issuer as a contact for this credential (the first is the one to reach).

    Example: tiebook credential contact cpa "Ada Byron" --role registrar
    """
    from tiebook.credentials.services import credential_contact_add, credential_contact_remove

    me = owner()
    found = _credential(me, credential)
    target = resolve(me, person)
    if remove:
        credential_contact_remove(owner=me, credential=found, person=target)
    else:
        credential_contact_add(owner=me, credential=found, person=target, role=role)
    row = _detail(me, found)
    if as_json:
        print_json(row.as_dict())
        return
    done = "is no longer a contact" if remove else "is a contact"
    say(f"{target.display_name} {done} for {row.credential.name}.")
    if row.contacts:
        say(f"  Contacts: {_contacts_line(row.contacts)}")


def renew(
    credential: Annotated[str, CREDENTIAL],
    expires: Annotated[
        str, typer.Option("--expires", metavar="DATE", help="The new expiry (YYYY-MM-DD).")
    ],
    as_json: bool = JSON_OPTION,
) -> None:
    """Mark it renewed until a new date: a new CE cycle starts and it leaves Today.

    Example: tiebook credential renew cpa --expires 2029-01-29
    """
    from tiebook.credentials.services import credential_renew

    me = owner()
    found = _credential(me, credential)
    credential_renew(
        owner=me, credential=found, expires_on=_date(expires, "expires"), today=today()
    )
    row = _detail(me, found)
    if as_json:
        print_json(row.as_dict())
        return
    say(f"Renewed {_summary(row)}.")
    say(f"  Next renewal on Today from {row.renewal_on.isoformat()}.")


def delete(
    credential: Annotated[str, CREDENTIAL],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    as_json: bool = JSON_OPTION,
) -> None:
    """Delete a credential with its CE hours and contacts (asks first unless --yes).

    Example: tiebook credential delete cpa --yes
    """
    from tiebook.credentials.services import credential_delete

    me = owner()
    found = _credential(me, credential)
    label = f"{found.name} (number {found.pk})"
    confirm_or_stop(f"Delete {label}?", yes=yes)
    number = found.pk
    credential_delete(owner=me, credential=found)
    if as_json:
        print_json({"id": number, "deleted": True})
        return
    say(f"Deleted {label}.")


def register(app: typer.Typer) -> None:
    for name, func in (
        ("add", add),
        ("show", show),
        ("edit", edit),
        ("hours", hours),
        ("contact", contact),
        ("renew", renew),
        ("delete", delete),
    ):
        credential_app.command(name)(handles_errors(func))
    app.add_typer(credential_app, name="credential")
    app.command("credentials")(handles_errors(list_))

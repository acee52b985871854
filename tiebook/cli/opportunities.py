"""Opportunity and referral commands: opp add/show/move/link/unlink/next, opps, referral
ask/give/receive/outcome, referrals, and the give/ask balance."""

from __future__ import annotations

from typing import Annotated

import typer

from tiebook.cli.common import JSON_OPTION, confirm_or_stop, owner, resolve
from tiebook.cli.output import handles_errors, print_json, say

STAGES_HELP = (
    "idea, exploring, referral-asked, applied, interviewing, offer (or negotiating), won, lost "
    "or closed."
)
ROLES_HELP = "referrer, hiring-manager, champion, interviewer or reference."
OPP_ARGUMENT = typer.Argument(metavar="OPP", help="The opportunity's number, or its title.")
PERSON_ARGUMENT = typer.Argument(metavar="PERSON", help="An id, or part of a name or email.")

opp_app = typer.Typer(
    name="opp",
    help=(
        "Opportunities (a job, a client, a partnership, a speaking slot) and the people who can "
        'move them forward.\n\nExample: tiebook opp add "Staff engineer" --kind job --org Acme'
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
)


def _resolve_opp(me, ref: str):
    from tiebook.opportunities.selectors import opportunity_resolve

    return opportunity_resolve(owner=me, ref=ref)


def _date(raw: str | None, field: str):
    from tiebook.core.timeparse import parse_date

    return parse_date(raw, field=field) if raw else None


def _at(opp) -> str:
    return f" at {opp.organization.name}" if opp.organization_id else ""


def _step(opp) -> str:
    if not opp.next_step:
        return ""
    when = f" by {opp.next_step_on.isoformat()}" if opp.next_step_on else ""
    return f"{opp.next_step}{when}"


def add(
    title: Annotated[str, typer.Argument(metavar="TITLE", help="What it is: a role, a client.")],
    kind: Annotated[
        str,
        typer.Option("--kind", metavar="KIND", help="job, client, partnership, speaking or other."),
    ] = "job",
    org: Annotated[
        str | None, typer.Option("--org", metavar="ORG", help="The organisation (made if new).")
    ] = None,
    stage: Annotated[str, typer.Option("--stage", metavar="STAGE", help=STAGES_HELP)] = "idea",
    next_step: Annotated[
        str | None, typer.Option("--next", metavar="TEXT", help="The next step.")
    ] = None,
    next_on: Annotated[
        str | None,
        typer.Option("--next-on", metavar="DATE", help="When the next step is due (on Today)."),
    ] = None,
    note: Annotated[str, typer.Option("--note", metavar="TEXT", help="Notes.")] = "",
    as_json: bool = JSON_OPTION,
) -> None:
    """Add an opportunity.

    Example: tiebook opp add "Data lead" --kind job --org Acme --next "Ask Ana" --next-on 2026-12-04
    """
    from tiebook.opportunities.records import opportunity_dict
    from tiebook.opportunities.services import opportunity_create

    opp = opportunity_create(
        owner=owner(),
        title=title,
        kind=kind,
        organization=org,
        stage=stage,
        next_step=next_step or "",
        next_step_on=_date(next_on, "next_on"),
        notes=note,
    )
    if as_json:
        print_json(opportunity_dict(opp, links=[]))
        return
    say(f"Added opportunity {opp.pk}: {opp.title}{_at(opp)} ({opp.kind}, {opp.stage_label}).")
    if opp.next_step:
        say(f"  Next step: {_step(opp)}")


def opps(
    stage: Annotated[str | None, typer.Option("--stage", metavar="STAGE", help=STAGES_HELP)] = None,
    open_only: Annotated[
        bool, typer.Option("--open", help="Leave out the won, lost and closed ones.")
    ] = False,
    person: Annotated[
        str | None, typer.Option("--person", metavar="PERSON", help="Only those they are part of.")
    ] = None,
    as_json: bool = JSON_OPTION,
) -> None:
    """Opportunities by stage, with their people and next step.

    Example: tiebook opps --stage interviewing
    """
    from tiebook.opportunities.records import opportunity_dict
    from tiebook.opportunities.selectors import opportunities_list

    me = owner()
    found = opportunities_list(
        owner=me,
        stage=stage,
        include_ended=not open_only,
        person=resolve(me, person) if person else None,
    )
    if as_json:
        print_json([opportunity_dict(o) for o in found])
        return
    if not found:
        say("No opportunities yet. Add one: tiebook opp add TITLE --kind job --org ORG")
        return
    for o in found:
        say(f"{o.pk:>4}  {o.stage_label:<14}  {o.title}{_at(o)} ({o.kind})")
        people = ", ".join(f"{k.person.display_name} ({k.role_label})" for k in o.links.all())
        if people:
            say(f"        people: {people}")
        if o.next_step:
            say(f"        next: {_step(o)}")


def show(opp_ref: Annotated[str, OPP_ARGUMENT], as_json: bool = JSON_OPTION) -> None:
    """An opportunity: people and roles, next step, history, referrals, who could refer you.

    Example: tiebook opp show "Staff engineer"
    """
    from tiebook.insights.refer_selectors import referrers_for_opportunity
    from tiebook.opportunities.records import record_dict
    from tiebook.opportunities.selectors import opportunity_record

    me = owner()
    record = opportunity_record(owner=me, opportunity_id=_resolve_opp(me, opp_ref).pk)
    record.suggestions = referrers_for_opportunity(owner=me, record=record)
    if as_json:
        print_json(record_dict(record))
        return
    _card(record)


def _card(record) -> None:
    from tiebook.opportunities.referrals import referral_summary

    o = record.opportunity
    say(f"{o.title}{_at(o)}  (opportunity {o.pk})")
    say(f"{o.kind}, {o.stage_label}")
    if o.next_step:
        say(f"Next step: {_step(o)}")
    for caution in record.cautions:
        say(f"Caution: {caution}")
    if record.links:
        say("People:")
        for k in record.links:
            family = " (family)" if k.person_id in record.family_ids else ""
            say(f"  {k.person.display_name} (id {k.person_id}): {k.role_label}{family}")
    say("History:")
    for c in record.history:
        say(f"  {c.changed_on.isoformat()}  {c.get_stage_display()}")
    if record.referrals:
        say("Referrals:")
        for r in record.referrals:
            when = r.occurred_on.isoformat()
            say(f"  {r.pk:>4}  {when}  {r.person.display_name}: {referral_summary(r)}")
    if record.suggestions:
        say(f"Who could refer you at {o.organization.name}:")
        for s in record.suggestions:
            say(f"  {s.name} (id {s.person_id}): {s.link}, tie {s.tie_strength}")
    if o.notes:
        say(f"Notes: {o.notes}")


def move(
    opp_ref: Annotated[str, OPP_ARGUMENT],
    stage: Annotated[str, typer.Argument(metavar="STAGE", help=STAGES_HELP)],
    on: Annotated[
        str | None, typer.Option("--on", metavar="DATE", help="When it moved; default today.")
    ] = None,
    as_json: bool = JSON_OPTION,
) -> None:
    """Move an opportunity to another stage; the day goes into its history.

    Example: tiebook opp move "Staff engineer" referral-asked
    """
    from tiebook.opportunities.records import opportunity_dict
    from tiebook.opportunities.services import opportunity_move

    me = owner()
    opp = _resolve_opp(me, opp_ref)
    before = opp.stage_label
    opp = opportunity_move(owner=me, opportunity=opp, stage=stage, on=_date(on, "on"))
    if as_json:
        print_json(opportunity_dict(opp))
        return
    if opp.stage_label == before:
        say(f"{opp.title} is already at {before}.")
    else:
        say(f"Moved {opp.title}{_at(opp)} from {before} to {opp.stage_label}.")


def link(
    opp_ref: Annotated[str, OPP_ARGUMENT],
    person: Annotated[str, PERSON_ARGUMENT],
    role: Annotated[str, typer.Option("--role", metavar="ROLE", help=ROLES_HELP)],
    as_json: bool = JSON_OPTION,
) -> None:
    """Link a person to an opportunity in a role.

    Example: tiebook opp link "Staff engineer" ana --role referrer
    """
    from tiebook.opportunities.domain import FAMILY_CAUTION
    from tiebook.opportunities.selectors import opportunity_record
    from tiebook.opportunities.services import opportunity_link

    me = owner()
    opp = _resolve_opp(me, opp_ref)
    who = resolve(me, person)
    made = opportunity_link(owner=me, opportunity=opp, person=who, role=role)
    record = opportunity_record(owner=me, opportunity_id=opp.pk)
    family = who.pk in record.family_ids and made.role in ("referrer", "reference")
    if as_json:
        print_json(
            {"opportunity_id": opp.pk, "person_id": who.pk, "role": made.role, "family": family}
        )
        return
    say(f"Linked {who.display_name} to {opp.title} as {made.role_label}.")
    if family:
        say(f"Caution: {who.display_name} is {FAMILY_CAUTION}.")


def unlink(
    opp_ref: Annotated[str, OPP_ARGUMENT],
    person: Annotated[str, PERSON_ARGUMENT],
    role: Annotated[
        str | None,
        typer.Option("--role", metavar="ROLE", help="Only this role (default: every role)."),
    ] = None,
    as_json: bool = JSON_OPTION,
) -> None:
    """Unlink a person from an opportunity.

    Example: tiebook opp unlink "Staff engineer" ana --role referrer
    """
    from tiebook.opportunities.services import opportunity_unlink

    me = owner()
    opp = _resolve_opp(me, opp_ref)
    who = resolve(me, person)
    removed = opportunity_unlink(owner=me, opportunity=opp, person=who, role=role)
    if as_json:
        print_json({"opportunity_id": opp.pk, "person_id": who.pk, "removed": removed})
        return
    say(f"Unlinked {who.display_name} from {opp.title}.")


def next_(
    opp_ref: Annotated[str, OPP_ARGUMENT],
    text: Annotated[str, typer.Argument(metavar="TEXT", help="The next step; '' clears it.")],
    on: Annotated[
        str | None, typer.Option("--on", metavar="DATE", help="When it is due (on Today).")
    ] = None,
    as_json: bool = JSON_OPTION,
) -> None:
    """Set the next step of an opportunity; with a date it comes onto Today when due.

    Example: tiebook opp next "Staff engineer" "Send the portfolio" --on 2026-12-04
    """
    from tiebook.opportunities.records import opportunity_dict
    from tiebook.opportunities.services import opportunity_set_next

    me = owner()
    opp = opportunity_set_next(
        owner=me, opportunity=_resolve_opp(me, opp_ref), text=text, on=_date(on, "on")
    )
    if as_json:
        print_json(opportunity_dict(opp))
        return
    if opp.next_step:
        say(f"Next step for {opp.title}: {_step(opp)}")
    else:
        say(f"Cleared the next step of {opp.title}.")


def edit(
    opp_ref: Annotated[str, OPP_ARGUMENT],
    title: Annotated[
        str | None, typer.Option("--title", metavar="TEXT", help="A new title.")
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option("--kind", metavar="KIND", help="job, client, partnership, speaking or other."),
    ] = None,
    org: Annotated[
        str | None, typer.Option("--org", metavar="ORG", help="Another organisation ('' for none).")
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", metavar="TEXT", help="Replace the notes.")
    ] = None,
    as_json: bool = JSON_OPTION,
) -> None:
    """Correct an opportunity's title, kind, organisation or notes.

    Example: tiebook opp edit "Staff engineer" --title "Principal engineer" --org Initech
    """
    from tiebook.opportunities.records import opportunity_dict
    from tiebook.opportunities.services import opportunity_update

    me = owner()
    opp = opportunity_update(
        owner=me,
        opportunity=_resolve_opp(me, opp_ref),
        title=title,
        kind=kind,
        organization=org,
        notes=note,
    )
    if as_json:
        print_json(opportunity_dict(opp))
        return
    say(f"Updated opportunity {opp.pk}: {opp.title}{_at(opp)} ({opp.kind}, {opp.stage_label}).")


def delete(
    opp_ref: Annotated[str, OPP_ARGUMENT],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    as_json: bool = JSON_OPTION,
) -> None:
    """Delete an opportunity with its links and history (asks first unless --yes).

    Example: tiebook opp delete "Staff engineer" --yes
    """
    from tiebook.opportunities.services import opportunity_delete

    me = owner()
    opp = _resolve_opp(me, opp_ref)
    pk, title = opp.pk, opp.title
    confirm_or_stop(f"Delete opportunity {pk} ({title})?", yes=yes)
    opportunity_delete(owner=me, opportunity=opp)
    if as_json:
        print_json({"id": pk, "deleted": True})
        return
    say(f"Deleted opportunity {pk} ({title}).")


def register(app: typer.Typer) -> None:
    for name, func in (
        ("add", add),
        ("show", show),
        ("move", move),
        ("link", link),
        ("unlink", unlink),
        ("next", next_),
        ("edit", edit),
        ("delete", delete),
    ):
        opp_app.command(name)(handles_errors(func))
    app.add_typer(opp_app, name="opp")
    app.command("opps")(handles_errors(opps))

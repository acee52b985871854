"""Referral commands (referral ask/give/receive/outcome/delete, referrals) and the give/ask
balance (balance)."""

from __future__ import annotations

from typing import Annotated

import typer

from tiebook.cli.common import JSON_OPTION, confirm_or_stop, owner, resolve
from tiebook.cli.output import handles_errors, print_json, say

referral_app = typer.Typer(
    name="referral",
    help=(
        "Referrals, introductions and favours asked, received and given, with how they went."
        '\n\nExample: tiebook referral ask ana --opp "Staff engineer"'
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
)
OUTCOMES_HELP = "pending, helped, declined or no-answer."
PERSON_ARGUMENT = typer.Argument(
    metavar="PERSON", help="Who you asked, who gave it, or whom you gave it to."
)
KindOption = Annotated[
    str, typer.Option("--kind", metavar="KIND", help="referral, introduction or favour.")
]
OppOption = Annotated[
    str | None,
    typer.Option("--opp", metavar="OPP", help="The opportunity it is for (number or title)."),
]
ToOption = Annotated[
    str | None,
    typer.Option(
        "--to", metavar="PERSON", help="Whom it reaches: the hiring manager, the person referred."
    ),
]
WhatOption = Annotated[str, typer.Option("--what", metavar="TEXT", help="What it was for.")]
OnOption = Annotated[
    str | None, typer.Option("--on", metavar="DATE", help="When (YYYY-MM-DD); default today.")
]


def _record(direction, person, kind, opp, to, what, on, as_json) -> None:
    from tiebook.core.timeparse import parse_date
    from tiebook.opportunities.records import referral_dict
    from tiebook.opportunities.referrals import referral_record, referral_summary
    from tiebook.opportunities.selectors import opportunity_resolve

    me = owner()
    referral = referral_record(
        owner=me,
        person=resolve(me, person),
        direction=direction,
        kind=kind,
        what=what,
        opportunity=opportunity_resolve(owner=me, ref=opp) if opp else None,
        to_person=resolve(me, to) if to else None,
        on=parse_date(on, field="on") if on else None,
    )
    if as_json:
        print_json(referral_dict(referral))
        return
    say(f"Referral {referral.pk} with {referral.person.display_name}: {referral_summary(referral)}")


def ask(
    person: Annotated[str, PERSON_ARGUMENT],
    kind: KindOption = "referral",
    opp: OppOption = None,
    to: ToOption = None,
    what: WhatOption = "",
    on: OnOption = None,
    as_json: bool = JSON_OPTION,
) -> None:
    """Record a referral, introduction or favour you asked of someone.

    Example: tiebook referral ask ana --opp "Staff engineer" --to "Li Wei"
    """
    _record("asked", person, kind, opp, to, what, on, as_json)


def give(
    person: Annotated[str, PERSON_ARGUMENT],
    kind: KindOption = "referral",
    opp: OppOption = None,
    to: ToOption = None,
    what: WhatOption = "",
    on: OnOption = None,
    as_json: bool = JSON_OPTION,
) -> None:
    """Record a referral, introduction or favour you gave someone.

    Example: tiebook referral give bruno --kind introduction --to "Li Wei" --what "data team"
    """
    _record("given", person, kind, opp, to, what, on, as_json)


def receive(
    person: Annotated[str, PERSON_ARGUMENT],
    kind: KindOption = "referral",
    opp: OppOption = None,
    to: ToOption = None,
    what: WhatOption = "",
    on: OnOption = None,
    as_json: bool = JSON_OPTION,
) -> None:
    """Record a referral, introduction or favour someone gave you unasked.

    Example: tiebook referral receive ana --what "a client lead"
    """
    _record("received", person, kind, opp, to, what, on, as_json)


def outcome(
    referral_id: Annotated[int, typer.Argument(metavar="ID", help="The referral's number.")],
    result: Annotated[str, typer.Argument(metavar="OUTCOME", help=OUTCOMES_HELP)],
    note: Annotated[
        str | None, typer.Option("--note", metavar="TEXT", help="What came of it.")
    ] = None,
    as_json: bool = JSON_OPTION,
) -> None:
    """Say how a referral went; the timelines show it.

    Example: tiebook referral outcome 3 helped --note "Interview on Monday"
    """
    from tiebook.opportunities.records import referral_dict
    from tiebook.opportunities.referrals import referral_set_outcome, referral_summary
    from tiebook.opportunities.selectors import referral_get

    me = owner()
    referral = referral_set_outcome(
        owner=me,
        referral=referral_get(owner=me, referral_id=referral_id),
        outcome=result,
        note=note,
    )
    if as_json:
        print_json(referral_dict(referral))
        return
    say(f"Referral {referral.pk} with {referral.person.display_name}: {referral_summary(referral)}")


def delete(
    referral_id: Annotated[int, typer.Argument(metavar="ID", help="The referral's number.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    as_json: bool = JSON_OPTION,
) -> None:
    """Delete a referral and its entry on the timelines (asks first unless --yes).

    Example: tiebook referral delete 3 --yes
    """
    from tiebook.opportunities.referrals import referral_delete
    from tiebook.opportunities.selectors import referral_get

    me = owner()
    referral = referral_get(owner=me, referral_id=referral_id)
    confirm_or_stop(f"Delete referral {referral_id}?", yes=yes)
    referral_delete(owner=me, referral=referral)
    if as_json:
        print_json({"id": referral_id, "deleted": True})
        return
    say(f"Deleted referral {referral_id}.")


def referrals(
    person: Annotated[
        str | None, typer.Option("--person", metavar="PERSON", help="Only this person's.")
    ] = None,
    as_json: bool = JSON_OPTION,
) -> None:
    """Referrals, introductions and favours, newest first, with their outcome.

    Example: tiebook referrals --person ana
    """
    from tiebook.opportunities.records import referral_dict
    from tiebook.opportunities.referrals import referral_summary
    from tiebook.opportunities.selectors import referrals_list

    me = owner()
    found = referrals_list(owner=me, person=resolve(me, person) if person else None)
    if as_json:
        print_json([referral_dict(r) for r in found])
        return
    if not found:
        say("No referrals yet. Record one: tiebook referral ask PERSON --opp OPP")
        return
    for r in found:
        when = r.occurred_on.isoformat()
        say(f"{r.pk:>4}  {when}  {r.person.display_name}: {referral_summary(r)}")


def balance(
    person: Annotated[
        str | None, typer.Argument(metavar="PERSON", help="One person (default: everyone).")
    ] = None,
    as_json: bool = JSON_OPTION,
) -> None:
    """The give/ask balance: knowledge shared, introductions and referrals given, against
    referrals, introductions and favours asked.

    Example: tiebook balance ana
    """
    from tiebook.insights.ledger import balance_dict, balance_overall, person_balance

    me = owner()
    if person:
        found = person_balance(owner=me, person=resolve(me, person))
        if as_json:
            print_json(
                {
                    "person_id": found.person_id,
                    "name": found.name,
                    **balance_dict(found.balance, found.reading),
                }
            )
            return
        say(f"{found.name}: {found.balance.counts}.")
        say(found.reading[0].upper() + found.reading[1:] + ".")
        return
    overall = balance_overall(owner=me)
    if as_json:
        data = balance_dict(overall.balance, overall.reading)
        data["give_first"] = [
            {"person_id": p.person_id, "name": p.name, **balance_dict(p.balance, p.reading)}
            for p in overall.owed
        ]
        print_json(data)
        return
    say(f"Overall: {overall.balance.counts}.")
    say(overall.reading[0].upper() + overall.reading[1:] + ".")
    if overall.owed:
        say("Give first to:")
        for p in overall.owed:
            say(
                f"  {p.name} (id {p.person_id}): you gave {p.balance.gave}, asked {p.balance.asked}"
            )


def register(app: typer.Typer) -> None:
    for name, func in (
        ("ask", ask),
        ("give", give),
        ("receive", receive),
        ("outcome", outcome),
        ("delete", delete),
    ):
        referral_app.command(name)(handles_errors(func))
    app.add_typer(referral_app, name="referral")
    app.command("referrals")(handles_errors(referrals))
    app.command("balance")(handles_errors(balance))

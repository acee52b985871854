"""Follow-up commands: log, due, snooze, types, interval, promises."""

from __future__ import annotations

from typing import Annotated

import typer

from tiebook.cli import render
from tiebook.cli.common import JSON_OPTION, duration, owner, resolve, today
from tiebook.cli.output import console, handles_errors, print_json, say
from tiebook.core.params import MAX_COUNT

KIND_HELP = "meeting, call, message, email, meal, event or note."


def log(
    people: Annotated[
        list[str],
        typer.Argument(
            metavar="PERSON",
            help="One or more people (id, or part of a name or email), then the summary.",
        ),
    ],
    summary: Annotated[
        str, typer.Argument(metavar="SUMMARY", help="What happened, in a few words.")
    ],
    kind: Annotated[str, typer.Option("--kind", "-k", metavar="KIND", help=KIND_HELP)] = "meeting",
    on: Annotated[
        str | None,
        typer.Option("--on", metavar="DATE", help="When (YYYY-MM-DD, yesterday); default now."),
    ] = None,
    they_reached_out: Annotated[
        bool, typer.Option("--they-reached-out", help="They started it.")
    ] = False,
    gave: Annotated[
        list[str] | None,
        typer.Option(
            "--gave", metavar="TEXT", help="Something you gave them (advice, an intro, a link)."
        ),
    ] = None,
    received: Annotated[
        list[str] | None,
        typer.Option("--received", metavar="TEXT", help="Something they gave you."),
    ] = None,
    note: Annotated[str, typer.Option("--note", metavar="TEXT", help="Longer notes.")] = "",
    as_json: bool = JSON_OPTION,
) -> None:
    """Log an interaction with one or more people; their follow-ups move on.

    Example: tiebook log grace ada "Lunch after the talk" --kind meal --gave "An intro"
    """
    from tiebook.core.timeparse import parse_date
    from tiebook.interactions.services import InteractionInput, interaction_log
    from tiebook.people.records import interaction_dict
    from tiebook.people.selectors import people_list_by_ids

    me = owner()
    day = parse_date(on, field="on") if on else None
    targets = [resolve(me, ref) for ref in people]
    data = InteractionInput(
        summary=summary,
        kind=kind.strip().lower(),
        on=day,
        they_reached_out=they_reached_out,
        gave=gave or [],
        received=received or [],
        notes=note,
    )
    interaction = interaction_log(owner=me, people=targets, data=data)
    refreshed = people_list_by_ids(owner=me, ids=[p.pk for p in targets])
    if as_json:
        print_json(
            {
                "interaction": interaction_dict(interaction),
                "people": [render.due_dict(p) for p in refreshed],
            }
        )
        return
    names = ", ".join(p.display_name for p in refreshed)
    say(
        f"Logged {interaction.kind} with {names} on {render.local_day(interaction.occurred_at)}: "
        f"{interaction.summary}"
    )
    for p in refreshed:
        say(f"  {p.display_name}: next follow-up {render.due_phrase(p.next_due_on, today())}")


def due(
    within: Annotated[
        str | None,
        typer.Option(
            "--within", "-w", metavar="DURATION", help="Also who is due in this window, e.g. 7d."
        ),
    ] = None,
    limit: Annotated[
        int,
        typer.Option("--limit", "-n", metavar="N", max=MAX_COUNT, help="At most this many people."),
    ] = 25,
    as_json: bool = JSON_OPTION,
) -> None:
    """Who to follow up with: overdue first, then by priority, each with why; then what else is
    due by a date (renewals, next steps) with no one named.

    Example: tiebook due --within 7d
    """
    from tiebook.followups.nudges import agenda_due
    from tiebook.followups.selectors import people_due

    if limit < 1:
        from tiebook.core.errors import ValidationError

        raise ValidationError("The limit must be at least 1.", field="limit")
    days = duration(within, field="within") or 0
    me, day = owner(), today()
    result = people_due(owner=me, today=day, within_days=days, limit=limit)
    agenda = agenda_due(owner=me, today=day, within_days=days, limit=limit)
    if as_json:
        print_json(render.due_list_dict(result, agenda))
    else:
        render.due_table(console(), result, agenda)


def snooze(
    person: Annotated[
        str, typer.Argument(metavar="PERSON", help="Id, or part of a name or email.")
    ],
    period: Annotated[str, typer.Argument(metavar="PERIOD", help="How long, e.g. 3d, 2w, 1m.")],
    as_json: bool = JSON_OPTION,
) -> None:
    """Put off a follow-up: not due before then (a later due date stays).

    Example: tiebook snooze grace 2w
    """
    from tiebook.followups.services import person_snooze

    me = owner()
    target = resolve(me, person)
    days = duration(period, field="period")
    updated = person_snooze(owner=me, person=target, days=days, today=today())
    if as_json:
        print_json(
            {
                "id": updated.pk,
                "name": updated.display_name,
                "snoozed_until": updated.snoozed_until,
                "next_due_on": updated.next_due_on,
            }
        )
    else:
        say(
            f"Snoozed {updated.display_name} until {updated.snoozed_until.isoformat()}; "
            f"next follow-up {render.due_phrase(updated.next_due_on, today())}."
        )


def types(as_json: bool = JSON_OPTION) -> None:
    """The twelve connection types in three categories, with how many people hold each.

    Example: tiebook types --json
    """
    from tiebook.followups.selectors import taxonomy_summary

    summary = taxonomy_summary(owner=owner())
    if as_json:
        print_json(render.taxonomy_dict(summary))
    else:
        render.taxonomy_table(console(), summary)


def interval(
    type_: Annotated[str, typer.Argument(metavar="TYPE", help="One of the twelve types.")],
    every: Annotated[str, typer.Argument(metavar="EVERY", help="e.g. 21d, 2m; or 'default'.")],
    as_json: bool = JSON_OPTION,
) -> None:
    """Change how often a type of connection is due (for everyone of that type).

    Example: tiebook interval mentor 3w
    """
    from tiebook import taxonomy
    from tiebook.followups.services import type_interval_set

    code = taxonomy.parse_type(type_)
    days = None if every.strip().lower() == "default" else duration(every, field="every")
    moved = type_interval_set(owner=owner(), type_code=code, days=days)
    shown = days or taxonomy.BY_CODE[code].default_interval_days
    if as_json:
        print_json(
            {"type": code, "interval_days": shown, "default": days is None, "people_updated": moved}
        )
    else:
        note = " (the default)" if days is None else ""
        say(
            f"{taxonomy.BY_CODE[code].label}: every {shown} days{note}; "
            f"{moved} {'person' if moved == 1 else 'people'} updated."
        )


def promise(
    person: Annotated[
        str, typer.Argument(metavar="PERSON", help="Id, or part of a name or email.")
    ],
    text: Annotated[str, typer.Argument(metavar="TEXT", help="What was promised.")],
    by: Annotated[
        str | None, typer.Option("--by", metavar="DATE", help="Due date (YYYY-MM-DD).")
    ] = None,
    they_owe: Annotated[bool, typer.Option("--they-owe", help="They promised it to you.")] = False,
    as_json: bool = JSON_OPTION,
) -> None:
    """Record a promise: something you owe someone (or they owe you).

    Example: tiebook promise grace "Send the COBOL paper" --by 2026-12-15
    """
    from tiebook.core.timeparse import parse_date
    from tiebook.interactions.services import task_create
    from tiebook.people.records import task_dict

    me = owner()
    target = resolve(me, person)
    due_on = parse_date(by, field="by") if by else None
    task = task_create(owner=me, person=target, description=text, due_on=due_on, they_owe=they_owe)
    if as_json:
        print_json({**task_dict(task), "person": target.display_name})
    else:
        who = f"{target.display_name} owes you" if they_owe else f"You owe {target.display_name}"
        when = f" by {due_on.isoformat()}" if due_on else ""
        say(f"Promise {task.pk}: {who}: {task.description}{when}.")


def promises(as_json: bool = JSON_OPTION) -> None:
    """Open promises, soonest first.

    Example: tiebook promises
    """
    from tiebook.interactions.selectors import tasks_open
    from tiebook.people.records import task_dict

    tasks = tasks_open(owner=owner())
    if as_json:
        print_json(
            [{**task_dict(t), "person": t.person.display_name if t.person else None} for t in tasks]
        )
    else:
        render.tasks_table(console(), tasks)


def done(
    promise_id: Annotated[int, typer.Argument(metavar="PROMISE", help="The promise's number.")],
    as_json: bool = JSON_OPTION,
) -> None:
    """Mark a promise as kept.

    Example: tiebook done 3
    """
    from tiebook.interactions.selectors import task_get
    from tiebook.interactions.services import task_complete
    from tiebook.people.records import task_dict

    me = owner()
    task = task_complete(owner=me, task=task_get(owner=me, task_id=promise_id))
    if as_json:
        print_json(task_dict(task))
    else:
        say(f"Kept promise {task.pk}: {task.description}.")


def register(app: typer.Typer) -> None:
    for name, func in (
        ("log", log),
        ("due", due),
        ("snooze", snooze),
        ("types", types),
        ("interval", interval),
        ("promise", promise),
        ("promises", promises),
        ("done", done),
    ):
        app.command(name)(handles_errors(func))

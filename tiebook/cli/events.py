"""Event commands: community events, the people met there and following up after them."""

from __future__ import annotations

from typing import Annotated

import typer

from tiebook.cli.common import JSON_OPTION, confirm_or_stop, owner, resolve, today
from tiebook.cli.event_import import import_calendar
from tiebook.cli.output import handles_errors, print_json, say

event_app = typer.Typer(
    name="event",
    help=(
        "Community events: meetups, conferences, webinars, workshops and talks; who you met "
        'there and following up after.\n\nExample: tiebook event met pycon "Ada Byron"'
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
)

EVENT_ARGUMENT = typer.Argument(metavar="EVENT", help="The event's id, or part of its name.")


def _event(me, ref: str):
    from tiebook.events.selectors import event_resolve

    return event_resolve(owner=me, ref=ref)


def _dates(event) -> str:
    from tiebook.events.rules import dates_label

    return dates_label(event.starts_on, event.ends_on)


def _summary(event) -> str:
    where = f", {event.where}" if event.where else ""
    return f"{event.name}, {_dates(event)}{where} ({event.kind}), {event.status}"


def _date(raw: str | None, field: str):
    from tiebook.core.timeparse import parse_date

    return parse_date(raw, field=field) if raw else None


def add(
    name: Annotated[str, typer.Argument(metavar="NAME", help="The event's name.")],
    on: Annotated[str, typer.Option("--on", metavar="DATE", help="The day it starts.")],
    until: Annotated[
        str | None, typer.Option("--until", metavar="DATE", help="The last day, if not --on.")
    ] = None,
    where: Annotated[
        str | None, typer.Option("--where", metavar="PLACE", help="A place, or 'online'.")
    ] = None,
    topic: Annotated[
        list[str] | None, typer.Option("--topic", metavar="T", help="A topic (repeatable).")
    ] = None,
    url: Annotated[str | None, typer.Option("--url", metavar="URL", help="Its web page.")] = None,
    kind: Annotated[
        str,
        typer.Option("--kind", metavar="K", help="meetup, conference, webinar, workshop, talk."),
    ] = "meetup",
    host: Annotated[
        list[str] | None, typer.Option("--host", metavar="ORG", help="The host (repeatable).")
    ] = None,
    sponsor: Annotated[
        list[str] | None, typer.Option("--sponsor", metavar="ORG", help="A sponsor (repeatable).")
    ] = None,
    status: Annotated[
        str, typer.Option("--status", metavar="S", help="considering, going or attended.")
    ] = "considering",
    followup_days: Annotated[
        int | None,
        typer.Option(
            "--followup-days", metavar="N", help="Days after it to follow up (default 2)."
        ),
    ] = None,
    as_json: bool = JSON_OPTION,
) -> None:
    """Add a community event you are considering, going to, or attended.

    Example: tiebook event add "PyCon Lisbon" --on 2026-12-03 --until 2026-12-05 --topic Python
    """
    from tiebook.core.timeparse import parse_date
    from tiebook.events.serialize import event_dict
    from tiebook.events.services import EventInput, event_create, event_status_set

    me = owner()
    data = EventInput(
        name=name,
        starts_on=parse_date(on, field="on"),
        ends_on=_date(until, "until"),
        kind=kind,
        where=where or "",
        url=url or "",
        topics=topic or [],
        hosts=host or [],
        sponsors=sponsor or [],
        followup_days=followup_days,
    )
    event = event_create(owner=me, data=data)
    if status != "considering":
        event = event_status_set(owner=me, event=event, status=status)
    if as_json:
        print_json(event_dict(event))
        return
    say(f"Added event {event.pk}: {_summary(event)}.")


def edit(
    event: Annotated[str, EVENT_ARGUMENT],
    name: Annotated[str | None, typer.Option("--name", metavar="NAME", help="Rename it.")] = None,
    on: Annotated[str | None, typer.Option("--on", metavar="DATE", help="The first day.")] = None,
    until: Annotated[
        str | None, typer.Option("--until", metavar="DATE", help="The last day.")
    ] = None,
    where: Annotated[str | None, typer.Option("--where", metavar="PLACE", help="Where.")] = None,
    url: Annotated[str | None, typer.Option("--url", metavar="URL", help="Its web page.")] = None,
    kind: Annotated[str | None, typer.Option("--kind", metavar="K", help="Its kind.")] = None,
    topic: Annotated[
        list[str] | None, typer.Option("--topic", metavar="T", help="Replace the topics.")
    ] = None,
    host: Annotated[
        list[str] | None, typer.Option("--host", metavar="ORG", help="Replace the hosts.")
    ] = None,
    sponsor: Annotated[
        list[str] | None, typer.Option("--sponsor", metavar="ORG", help="Replace the sponsors.")
    ] = None,
    note: Annotated[str | None, typer.Option("--note", metavar="TEXT", help="Its notes.")] = None,
    as_json: bool = JSON_OPTION,
) -> None:
    """Change an event's name, dates, place, link, kind, topics, hosts, sponsors or notes.

    Example: tiebook event edit pycon --until 2026-12-06 --sponsor Acme
    """
    from tiebook.events.serialize import event_dict
    from tiebook.events.services import EventChanges, event_update

    me = owner()
    changes = EventChanges(
        name=name,
        starts_on=_date(on, "on"),
        ends_on=_date(until, "until"),
        kind=kind,
        where=where,
        url=url,
        topics=topic,
        hosts=host,
        sponsors=sponsor,
        notes=note,
    )
    found = event_update(owner=me, event=_event(me, event), changes=changes)
    if as_json:
        print_json(event_dict(found))
        return
    say(f"Updated event {found.pk}: {_summary(found)}.")


def list_(as_json: bool = JSON_OPTION) -> None:
    """List your events: upcoming first (soonest first), then past ones (latest first).

    Example: tiebook events --json
    """
    from tiebook.events.selectors import events_list
    from tiebook.events.serialize import events_list_dict

    found = events_list(owner=owner(), today=today())
    if as_json:
        print_json(events_list_dict(found))
        return
    if not found.upcoming and not found.past:
        say('No events yet. Add one: tiebook event add "PyCon Lisbon" --on 2026-12-03')
        return
    for title, rows in (("Upcoming", found.upcoming), ("Past", found.past)):
        if rows:
            say(f"{title}:")
            for row in rows:
                counts = f"met {row.met}, want to meet {row.want}"
                say(f"  {row.event.pk}  {_summary(row.event)}; {counts}")


def _people_lines(title: str, lines: list[str]) -> None:
    if lines:
        say(f"{title}:")
        for line in lines:
            say(f"  {line}")


def _who(person) -> str:
    org = f", {person.organization.name}" if person.organization_id else ""
    return f"{person.pk}  {person.display_name}{org}"


def _followup_line(record) -> str:
    from tiebook.events.rules import day_label

    days = f"{record.followup_days} days" if record.followup_days != 1 else "1 day"
    if record.due_on:
        return f"Follow-up: within {days} of the end, by {day_label(record.due_on)}."
    return f"Follow-up: within {days} of the end, once you mark it attended."


def show(event: Annotated[str, EVENT_ARGUMENT], as_json: bool = JSON_OPTION) -> None:
    """Show an event: who you met and their follow-ups, who you want to meet, who is relevant.

    Example: tiebook event show pycon
    """
    from tiebook.events.selectors import event_record
    from tiebook.events.serialize import event_record_dict

    me = owner()
    record = event_record(owner=me, event=_event(me, event))
    if as_json:
        print_json(event_record_dict(record))
        return
    found = record.event
    say(f"{found.name} (id {found.pk})")
    say(f"{found.kind}, {record.dates}{', ' + found.where if found.where else ''}, {found.status}")
    for line in (
        found.url,
        f"Topics: {', '.join(found.topics)}" if found.topics else "",
        f"Hosts: {', '.join(record.hosts)}" if record.hosts else "",
        f"Sponsors: {', '.join(record.sponsors)}" if record.sponsors else "",
        _followup_line(record),
    ):
        if line:
            say(line)
    _people_lines("Met", [f"{_who(r.person)}: {r.state}" for r in record.met])
    _people_lines("Want to meet", [_who(link.person) for link in record.want])
    _people_lines(
        "On the programme", [f"{_who(link.person)} ({link.role})" for link in record.programme]
    )
    _people_lines(
        "Likely there or relevant",
        [f"{_who(r.person)}: {'; '.join(r.reasons)}" for r in record.relevant],
    )


def _status_said(me, event) -> None:
    from tiebook.events.selectors import event_record

    record = event_record(owner=me, event=event, relevant=False)
    line = f"{event.name}: {event.status}."
    if record.due_on and record.met:
        from tiebook.events.rules import day_label

        n = len(record.met)
        line += (
            f" {n} {'person' if n == 1 else 'people'} met there due by {day_label(record.due_on)}."
        )
    say(line)


def attend(event: Annotated[str, EVENT_ARGUMENT], as_json: bool = JSON_OPTION) -> None:
    """Mark an event attended: everyone you met there is due within its follow-up days.

    Example: tiebook event attend pycon
    """
    status(event, "attended", as_json)


def status(
    event: Annotated[str, EVENT_ARGUMENT],
    value: Annotated[str, typer.Argument(metavar="STATUS", help="considering, going or attended.")],
    as_json: bool = JSON_OPTION,
) -> None:
    """Set whether you are considering an event, going, or attended it.

    Example: tiebook event status pycon going
    """
    from tiebook.events.serialize import event_dict
    from tiebook.events.services import event_status_set

    me = owner()
    found = event_status_set(owner=me, event=_event(me, event), status=value)
    if as_json:
        print_json(event_dict(found))
        return
    _status_said(me, found)


def met(
    event: Annotated[str, EVENT_ARGUMENT],
    name: Annotated[str, typer.Argument(metavar="NAME", help="Who you met.")],
    email: Annotated[str | None, typer.Option("--email", metavar="E", help="Their email.")] = None,
    org: Annotated[
        str | None, typer.Option("--org", metavar="O", help="Their organisation.")
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", metavar="TEXT", help="What you talked about.")
    ] = None,
    as_json: bool = JSON_OPTION,
) -> None:
    """Record someone you met at an event: matched in your network or added, and followed up.

    Example: tiebook event met pycon "Ada Byron" --email ada@example.org --note "Compilers"
    """
    from tiebook.events.rules import day_label
    from tiebook.events.selectors import event_record
    from tiebook.interchange.meeting import event_person_met

    me = owner()
    found = _event(me, event)
    done = event_person_met(
        owner=me, event=found, name=name, email=email or "", org=org or "", note=note or ""
    )
    record = event_record(owner=me, event=found, relevant=False)
    if as_json:
        print_json(
            {
                "event": found.pk,
                "person": done.person.pk,
                "name": done.person.display_name,
                "added": done.added,
                "why": done.why,
                "interaction": done.link.interaction_id,
                "followup_due_on": record.due_on.isoformat() if record.due_on else None,
            }
        )
        return
    person = done.person
    if done.added:
        say(f"Added {person.display_name} (id {person.pk}), met at {found.name}.")
    else:
        say(f"Met {person.display_name} (id {person.pk}) at {found.name}: {done.why}.")
    if record.due_on:
        say(f"Follow up by {day_label(record.due_on)}.")
    else:
        say(f"Once you mark it attended (tiebook event attend {found.pk}), follow-ups come due.")


def want(
    event: Annotated[str, EVENT_ARGUMENT],
    person: Annotated[
        str, typer.Argument(metavar="PERSON", help="Id, or part of a name or email.")
    ],
    note: Annotated[str | None, typer.Option("--note", metavar="TEXT", help="Why.")] = None,
    as_json: bool = JSON_OPTION,
) -> None:
    """Put someone in your network on an event's want-to-meet list.

    Example: tiebook event want pycon grace --note "Ask about COBOL"
    """
    from tiebook.events.models import EventPerson
    from tiebook.events.services import event_person_link

    me = owner()
    found = _event(me, event)
    who = resolve(me, person)
    link = event_person_link(
        owner=me, event=found, person=who, role=EventPerson.WANT, note=note or ""
    )
    if as_json:
        print_json({"event": found.pk, "person": who.pk, "role": link.role})
        return
    if link.role == EventPerson.MET:
        say(f"You already met {who.display_name} at {found.name}.")
    else:
        say(f"You want to meet {who.display_name} at {found.name}.")


def followup_days(
    event: Annotated[str, EVENT_ARGUMENT],
    days: Annotated[str, typer.Argument(metavar="DAYS", help="A number of days, or 'default'.")],
    as_json: bool = JSON_OPTION,
) -> None:
    """Set within how many days of an event's end the people met there are due.

    Example: tiebook event followup-days pycon 5
    """
    from tiebook.core.errors import ValidationError
    from tiebook.events.serialize import event_dict
    from tiebook.events.services import event_followup_days_set, followup_days_for

    me = owner()
    text = days.strip().lower()
    if text != "default" and not (text.isascii() and text.isdigit()):
        raise ValidationError(f"'{days}' is not a number of days (or 'default').", field="days")
    number = None if text == "default" else int(text)
    found = event_followup_days_set(owner=me, event=_event(me, event), days=number)
    if as_json:
        print_json(event_dict(found))
        return
    n = followup_days_for(owner=me, event=found)
    say(f"{found.name}: people met there are due within {n} day{'s' if n != 1 else ''} of its end.")


def settings(
    followup_days: Annotated[
        int | None,
        typer.Option("--followup-days", metavar="N", help="Your default for every event."),
    ] = None,
    as_json: bool = JSON_OPTION,
) -> None:
    """Show or set your event settings: the days after an event by which its people are due.

    Example: tiebook event settings --followup-days 3
    """
    from tiebook.events.services import event_settings_set, followup_days_default

    me = owner()
    if followup_days is not None:
        event_settings_set(owner=me, followup_days=followup_days)
    days = followup_days_default(owner=me)
    if as_json:
        print_json({"followup_days": days})
        return
    say(f"People met at an event are due within {days} day{'s' if days != 1 else ''} of its end.")


def delete(
    event: Annotated[str, EVENT_ARGUMENT],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    as_json: bool = JSON_OPTION,
) -> None:
    """Delete an event and its list of people (the meetings stay on their timelines).

    Example: tiebook event delete pycon --yes
    """
    from tiebook.events.services import event_delete

    me = owner()
    found = _event(me, event)
    label = f"{found.name} (id {found.pk})"
    confirm_or_stop(f"Delete {label}?", yes=yes)
    event_id = found.pk
    event_delete(owner=me, event=found)
    if as_json:
        print_json({"id": event_id, "deleted": True})
        return
    say(f"Deleted {label}.")


def register(app: typer.Typer) -> None:
    app.command("events")(handles_errors(list_))
    for name, command in (
        ("add", add),
        ("edit", edit),
        ("show", show),
        ("attend", attend),
        ("status", status),
        ("met", met),
        ("want", want),
        ("followup-days", followup_days),
        ("settings", settings),
        ("delete", delete),
        ("import", import_calendar),
    ):
        event_app.command(name)(handles_errors(command))
    app.add_typer(event_app, name="event")

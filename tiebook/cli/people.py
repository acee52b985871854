"""People commands: add, edit, show, list, tag, archive, delete."""

from __future__ import annotations

from typing import Annotated

import typer

from tiebook.cli import render
from tiebook.cli.common import JSON_OPTION, confirm_or_stop, owner, resolve, today
from tiebook.cli.output import console, handles_errors, print_json, say
from tiebook.core.params import MAX_COUNT


def add(
    name: Annotated[str, typer.Argument(metavar="NAME", help="Their full name.")],
    type_: Annotated[
        list[str] | None,
        typer.Option(
            "--type", "-t", metavar="TYPE", help="A connection type (repeat for several)."
        ),
    ] = None,
    org: Annotated[
        str | None, typer.Option("--org", metavar="ORG", help="Their organisation.")
    ] = None,
    title: Annotated[
        str, typer.Option("--title", metavar="TEXT", help="Their position or headline.")
    ] = "",
    email: Annotated[
        list[str] | None,
        typer.Option("--email", metavar="EMAIL", help="An email address (repeatable)."),
    ] = None,
    phone: Annotated[
        list[str] | None,
        typer.Option("--phone", metavar="PHONE", help="A phone number (repeatable)."),
    ] = None,
    url: Annotated[
        list[str] | None,
        typer.Option("--url", metavar="URL", help="A web or profile address (repeatable)."),
    ] = None,
    tag: Annotated[
        list[str] | None, typer.Option("--tag", metavar="TAG", help="A tag (repeatable).")
    ] = None,
    every: Annotated[
        str | None,
        typer.Option("--every", metavar="DURATION", help="Follow up this often, e.g. 30d, 2w, 3m."),
    ] = None,
    circle: Annotated[
        int | None, typer.Option("--circle", metavar="N", help="Dunbar circle: 5, 15, 50 or 150.")
    ] = None,
    note: Annotated[str, typer.Option("--note", metavar="TEXT", help="A note about them.")] = "",
    birthday: Annotated[
        str,
        typer.Option("--birthday", metavar="DATE", help="YYYY-MM-DD, or MM-DD without the year."),
    ] = "",
    how_met: Annotated[
        str, typer.Option("--how-met", metavar="TEXT", help="How and where you met.")
    ] = "",
    expertise: Annotated[
        list[str] | None,
        typer.Option("--expertise", metavar="TOPIC", help="A topic they know about (repeatable)."),
    ] = None,
    allow_duplicate: Annotated[
        bool,
        typer.Option(
            "--allow-duplicate", help="Add even if the email or profile is already someone's."
        ),
    ] = False,
    as_json: bool = JSON_OPTION,
) -> None:
    """Add a person to your network.

    Example: tiebook add "Grace Hopper" -t mentor -t educator --org "US Navy"
    """
    from tiebook.people.records import person_record
    from tiebook.people.services import PersonInput, person_create

    me = owner()
    data = PersonInput(
        name=name,
        types=type_ or [],
        organization=org,
        headline=title,
        emails=email or [],
        phones=phone or [],
        urls=url or [],
        tags=tag or [],
        interval_days=every,  # checked by the service, with every other option
        circle=circle,
        notes=note,
        birthday=birthday,
        how_met=how_met,
        expertise=expertise or [],
    )
    person = person_create(owner=me, data=data, allow_duplicate=allow_duplicate)
    record = person_record(owner=me, person_id=person.pk, today=today())
    if as_json:
        print_json(record.as_dict())
    else:
        say(f"Added {render.person_line(record)}.")
        say(render.next_line(record))


def edit(
    person: Annotated[
        str, typer.Argument(metavar="PERSON", help="Id, or part of a name or email.")
    ],
    name: Annotated[
        str | None, typer.Option("--name", metavar="NAME", help="A new full name.")
    ] = None,
    type_: Annotated[
        list[str] | None,
        typer.Option("--type", "-t", metavar="TYPE", help="Add a connection type."),
    ] = None,
    drop_type: Annotated[
        list[str] | None,
        typer.Option("--drop-type", metavar="TYPE", help="Remove a connection type."),
    ] = None,
    org: Annotated[
        str | None, typer.Option("--org", metavar="ORG", help='Organisation ("" to clear).')
    ] = None,
    title: Annotated[
        str | None, typer.Option("--title", metavar="TEXT", help="Position or headline.")
    ] = None,
    email: Annotated[
        list[str] | None, typer.Option("--email", metavar="EMAIL", help="Add an email address.")
    ] = None,
    phone: Annotated[
        list[str] | None, typer.Option("--phone", metavar="PHONE", help="Add a phone number.")
    ] = None,
    url: Annotated[
        list[str] | None, typer.Option("--url", metavar="URL", help="Add a web or profile address.")
    ] = None,
    drop_contact: Annotated[
        list[str] | None,
        typer.Option(
            "--drop-contact", metavar="CONTACT", help="Remove an email, phone or address."
        ),
    ] = None,
    tag: Annotated[
        list[str] | None, typer.Option("--tag", metavar="TAG", help="Add a tag.")
    ] = None,
    untag: Annotated[
        list[str] | None, typer.Option("--untag", metavar="TAG", help="Remove a tag.")
    ] = None,
    every: Annotated[
        str | None,
        typer.Option(
            "--every", metavar="DURATION", help="Follow up this often (30d, 2w), or 'default'."
        ),
    ] = None,
    circle: Annotated[
        str | None, typer.Option("--circle", metavar="N", help="5, 15, 50, 150, or 'none'.")
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", metavar="TEXT", help="Replace the notes.")
    ] = None,
    birthday: Annotated[
        str | None,
        typer.Option(
            "--birthday", metavar="DATE", help='YYYY-MM-DD, or MM-DD without the year ("" clears).'
        ),
    ] = None,
    how_met: Annotated[
        str | None,
        typer.Option("--how-met", metavar="TEXT", help='How and where you met ("" clears).'),
    ] = None,
    expertise: Annotated[
        list[str] | None,
        typer.Option("--expertise", metavar="TOPIC", help="Add a topic they know about."),
    ] = None,
    drop_expertise: Annotated[
        list[str] | None,
        typer.Option("--drop-expertise", metavar="TOPIC", help="Remove a topic."),
    ] = None,
    allow_duplicate: Annotated[
        bool,
        typer.Option(
            "--allow-duplicate", help="Allow an email or profile that is already someone's."
        ),
    ] = False,
    as_json: bool = JSON_OPTION,
) -> None:
    """Change a person: name, types, organisation, contact points, tags, rhythm, notes, birthday.

    Example: tiebook edit grace --type friend --every 3w --email grace@home.example
    """
    from tiebook.people.records import person_record
    from tiebook.people.services import UNSET, PersonChanges, person_update

    me = owner()
    target = resolve(me, person)
    changes = PersonChanges(
        name=UNSET if name is None else name,
        organization=UNSET if org is None else org,
        headline=UNSET if title is None else title,
        notes=UNSET if note is None else note,
        birthday=UNSET if birthday is None else birthday,
        how_met=UNSET if how_met is None else how_met,
        add_expertise=expertise or [],
        remove_expertise=drop_expertise or [],
        interval_days=_every_change(every),
        circle=_circle_change(circle),
        add_types=type_ or [],
        remove_types=drop_type or [],
        add_emails=email or [],
        add_phones=phone or [],
        add_urls=url or [],
        remove_contacts=drop_contact or [],
        add_tags=tag or [],
        remove_tags=untag or [],
    )
    updated = person_update(
        owner=me, person=target, changes=changes, allow_duplicate=allow_duplicate
    )
    record = person_record(owner=me, person_id=updated.pk, today=today())
    if as_json:
        print_json(record.as_dict())
    else:
        say(f"Updated {render.person_line(record)}.")
        say(render.next_line(record))


def _every_change(raw: str | None):
    from tiebook.people.services import UNSET

    if raw is None:
        return UNSET
    if raw.strip().lower() in ("default", "none"):
        return None
    return raw  # checked by the service, with every other option


def _circle_change(raw: str | None):
    from tiebook.people.services import UNSET

    if raw is None:
        return UNSET
    return None if raw.strip().lower() == "none" else raw


def show(
    person: Annotated[
        str, typer.Argument(metavar="PERSON", help="Id, or part of a name or email.")
    ],
    limit: Annotated[
        int,
        typer.Option("--limit", metavar="N", max=MAX_COUNT, help="How many interactions to show."),
    ] = 20,
    as_json: bool = JSON_OPTION,
) -> None:
    """Show everything about a person: types, contact points, rhythm, timeline, promises.

    Example: tiebook show grace --json
    """
    from tiebook.people.records import person_record

    me = owner()
    record = person_record(
        owner=me, person_id=resolve(me, person).pk, today=today(), timeline=max(limit, 0)
    )
    if as_json:
        print_json(record.as_dict())
    else:
        render.person_card(console(), record)


def list_filters(category, type_, tag, org, due: bool, dormant: bool, archived: bool):
    """The PeopleFilter of `tiebook list`'s options (shared by the commands that reuse them)."""
    from tiebook.people.selectors import PeopleFilter

    day = today()
    return PeopleFilter(
        category=category,
        type=type_,
        tag=tag,
        organization=org,
        due_by=day if due else None,
        dormant_on=day if dormant else None,
        include_archived=archived,
    )


def list_(
    category: Annotated[
        str | None,
        typer.Option(
            "--category", "-c", metavar="CATEGORY", help="operational, strategic or personal."
        ),
    ] = None,
    type_: Annotated[
        str | None, typer.Option("--type", "-t", metavar="TYPE", help="One of the twelve types.")
    ] = None,
    tag: Annotated[
        str | None, typer.Option("--tag", metavar="TAG", help="Only people with this tag.")
    ] = None,
    org: Annotated[
        str | None,
        typer.Option("--org", metavar="ORG", help="Only people at an organisation matching this."),
    ] = None,
    due: Annotated[bool, typer.Option("--due", help="Only people due today or overdue.")] = False,
    dormant: Annotated[
        bool, typer.Option("--dormant", help="Only ties with no contact for three years or more.")
    ] = False,
    archived: Annotated[bool, typer.Option("--archived", help="Include archived people.")] = False,
    search: Annotated[
        str | None,
        typer.Option(
            "--search",
            "-s",
            metavar="WORDS",
            help="Only people whose name, work, expertise, notes, email or phone has every word "
            "(each as the start of a word).",
        ),
    ] = None,
    limit: Annotated[
        int,
        typer.Option("--limit", "-n", metavar="N", max=MAX_COUNT, help="At most this many rows."),
    ] = 50,
    offset: Annotated[
        int,
        typer.Option(
            "--offset", metavar="N", max=MAX_COUNT, help="Skip this many rows (for paging)."
        ),
    ] = 0,
    as_json: bool = JSON_OPTION,
) -> None:
    """List people, by name, with filters.

    Example: tiebook list --category strategic --due --search berlin
    """
    import dataclasses

    from tiebook.search.selectors import people_page

    filters = list_filters(category, type_, tag, org, due, dormant, archived)
    filters = dataclasses.replace(filters, query=search)
    page = people_page(owner=owner(), filters=filters, limit=limit, offset=max(offset, 0))
    if as_json:
        print_json(render.page_dict(page))
    else:
        render.people_table(console(), page, today())


def tag(
    person: Annotated[
        str, typer.Argument(metavar="PERSON", help="Id, or part of a name or email.")
    ],
    tags: Annotated[
        list[str] | None,
        typer.Argument(metavar="TAG", help="Tags to add (or remove with --remove)."),
    ] = None,
    remove: Annotated[bool, typer.Option("--remove", help="Remove these tags instead.")] = False,
    as_json: bool = JSON_OPTION,
) -> None:
    """Add tags to a person (or remove them); with no tags, show theirs.

    Example: tiebook tag grace conference-2026 alumni
    """
    from tiebook.people.selectors import person_with_details
    from tiebook.people.services import person_tag, person_untag

    me = owner()
    target = resolve(me, person)
    if tags:
        action = person_untag if remove else person_tag
        action(owner=me, people=[target], tags=tags)
    current = [
        pt.tag.name for pt in person_with_details(owner=me, person_id=target.pk).person_tags.all()
    ]
    if as_json:
        print_json({"id": target.pk, "name": target.display_name, "tags": current})
    else:
        say(f"{target.display_name}: {', '.join(current) if current else 'no tags'}")


def archive(
    person: Annotated[
        str, typer.Argument(metavar="PERSON", help="Id, or part of a name or email.")
    ],
    undo: Annotated[bool, typer.Option("--undo", help="Bring an archived person back.")] = False,
    as_json: bool = JSON_OPTION,
) -> None:
    """Archive a person: kept with their history, but out of lists and follow-ups.

    Example: tiebook archive "Old Contact"
    """
    from tiebook.people.services import person_archive

    me = owner()
    target = person_archive(owner=me, person=resolve(me, person), archived=not undo)
    if as_json:
        print_json({"id": target.pk, "name": target.display_name, "archived": not undo})
    else:
        say(f"{'Restored' if undo else 'Archived'} {target.display_name} (id {target.pk}).")


def delete(
    person: Annotated[
        str, typer.Argument(metavar="PERSON", help="Id, or part of a name or email.")
    ],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    as_json: bool = JSON_OPTION,
) -> None:
    """Delete a person and their history for good (asks first unless --yes).

    Example: tiebook delete 42 --yes
    """
    from tiebook.credentials.services import person_delete_keeping_reminders as person_delete

    me = owner()
    target = resolve(me, person)
    label = f"{target.display_name} (id {target.pk})"
    confirm_or_stop(f"Delete {label} and their history for good?", yes=yes)
    person_delete(owner=me, person=target)
    if as_json:
        print_json({"id": target.pk, "name": target.display_name, "deleted": True})
    else:
        say(f"Deleted {label}.")


def register(app: typer.Typer) -> None:
    app.command("add")(handles_errors(add))
    app.command("edit")(handles_errors(edit))
    app.command("show")(handles_errors(show))
    app.command("list")(handles_errors(list_))
    app.command("tag")(handles_errors(tag))
    app.command("archive")(handles_errors(archive))
    app.command("delete")(handles_errors(delete))

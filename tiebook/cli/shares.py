"""Knowledge-shared commands: share an item with people (or note one received), list shares,
and see whom else an item would help."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from typer.core import TyperGroup

from tiebook.cli import render
from tiebook.cli.common import JSON_OPTION, owner, resolve, today
from tiebook.cli.output import handles_errors, print_json, say
from tiebook.core.params import MAX_COUNT

if TYPE_CHECKING:
    import click


class ShareGroup(TyperGroup):
    """`tiebook share TITLE ...` is `tiebook share add TITLE ...`: add is the default."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = ["add", *args]
        return super().parse_args(ctx, args)


share_app = typer.Typer(
    name="share",
    cls=ShareGroup,
    help=(
        "Knowledge shared: give an article, a tool or advice to people (or note one you were "
        "given), and see whom else it would help. `tiebook share TITLE` is `tiebook share add "
        'TITLE`.\n\nExample: tiebook share "Kubernetes in production" --topic kubernetes '
        "--with grace"
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
)

PEOPLE_HELP = "Id, or part of a name or email; repeat for several."


def share_dict(share) -> dict:
    from django.utils import timezone

    return {
        "id": share.pk,
        "person_id": share.person_id,
        "person": share.person.display_name,
        "direction": share.direction,
        "title": share.title,
        "link": share.link,
        "topics": list(share.topics),
        "on": timezone.localdate(share.occurred_at).isoformat(),
        "interaction": share.interaction_id,
    }


def suggestion_dict(suggestion) -> dict:
    return {
        "id": suggestion.person_id,
        "name": suggestion.name,
        "score": suggestion.score,
        "matches": list(suggestion.matches),
    }


def _say_suggestions(suggestions, share_id: int) -> None:
    if not suggestions:
        say("No one else in your network matches its topics or title.")
        return
    say(f"It could help them too (tiebook share again {share_id} --with PERSON):")
    for s in suggestions:
        say(f"  {s.name} (id {s.person_id}): {s.why}")


def _logged(me, interaction, *, as_json: bool) -> None:
    from tiebook.interactions.shares import share_suggestions_for, shares_of_interaction
    from tiebook.people.selectors import people_list_by_ids

    shares = shares_of_interaction(owner=me, interaction=interaction)
    first = min(shares, key=lambda s: s.pk)
    suggestions = share_suggestions_for(owner=me, share=first)
    order = [s.person_id for s in shares]
    people = sorted(people_list_by_ids(owner=me, ids=order), key=lambda p: order.index(p.pk))
    if as_json:
        print_json(
            {
                "interaction": interaction.pk,
                "shares": [share_dict(s) for s in shares],
                "people": [render.due_dict(p) for p in people],
                "suggestions": [suggestion_dict(s) for s in suggestions],
            }
        )
        return
    names = ", ".join(p.display_name for p in people)
    verb, to = ("Received", "from") if first.direction == "received" else ("Shared", "with")
    say(f'{verb} "{first.title}" {to} {names} (share {first.pk}).')
    for p in people:
        say(f"  {p.display_name}: next follow-up {render.due_phrase(p.next_due_on, today())}")
    _say_suggestions(suggestions, first.pk)


def add(
    title: Annotated[str, typer.Argument(metavar="TITLE", help="What you shared, in a line.")],
    with_: Annotated[
        list[str] | None,
        typer.Option("--with", "-w", metavar="PERSON", help=f"Who you gave it to. {PEOPLE_HELP}"),
    ] = None,
    from_: Annotated[
        str | None,
        typer.Option("--from", metavar="PERSON", help="Who gave it to you (instead of --with)."),
    ] = None,
    url: Annotated[
        str, typer.Option("--url", metavar="URL", help="A link to it (https://...).")
    ] = "",
    topic: Annotated[
        list[str] | None,
        typer.Option("--topic", "-t", metavar="TOPIC", help="What it is about; repeatable."),
    ] = None,
    on: Annotated[
        str | None,
        typer.Option("--on", metavar="DATE", help="When (YYYY-MM-DD, yesterday); default now."),
    ] = None,
    as_json: bool = JSON_OPTION,
) -> None:
    """Share something with one or more people (one interaction with all of them), or note
    something you received with --from; then see whom else it would help.

    Example: tiebook share add "Kubernetes in production" --topic kubernetes --with grace
    """
    from tiebook.core.errors import ValidationError
    from tiebook.core.timeparse import parse_date
    from tiebook.interactions.shares import ShareInput, share_log

    if with_ and from_:
        raise ValidationError("Give either --with (you shared it) or --from (you received it).")
    if not with_ and not from_:
        raise ValidationError("Say who you shared it with (--with PERSON) or who it came from.")
    me = owner()
    people = [resolve(me, ref) for ref in (with_ or [from_])]
    data = ShareInput(
        title=title,
        link=url,
        topics=topic or [],
        received=from_ is not None,
        on=parse_date(on, field="on") if on else None,
    )
    interaction = share_log(owner=me, people=people, data=data)
    _logged(me, interaction, as_json=as_json)


def again(
    share_id: Annotated[int, typer.Argument(metavar="ID", help="The share's number.")],
    with_: Annotated[
        list[str],
        typer.Option("--with", "-w", metavar="PERSON", help=f"Who to give it to. {PEOPLE_HELP}"),
    ],
    as_json: bool = JSON_OPTION,
) -> None:
    """Give an item you already shared to more people (same title, link and topics), today.

    Example: tiebook share again 7 --with linus
    """
    from tiebook.interactions.shares import share_get, share_with_more

    me = owner()
    share = share_get(owner=me, share_id=share_id)
    people = [resolve(me, ref) for ref in with_]
    interaction = share_with_more(owner=me, share=share, people=people)
    _logged(me, interaction, as_json=as_json)


def suggest(
    share_id: Annotated[int, typer.Argument(metavar="ID", help="The share's number.")],
    limit: Annotated[
        int, typer.Option("--limit", "-n", metavar="N", min=1, max=MAX_COUNT, help="At most.")
    ] = 10,
    as_json: bool = JSON_OPTION,
) -> None:
    """Whom else an item would help: people whose expertise, tags, headline or notes match its
    topics or title, with the match, leaving out those who have it.

    Example: tiebook share suggest 7
    """
    from tiebook.interactions.shares import share_get, share_suggestions_for

    me = owner()
    share = share_get(owner=me, share_id=share_id)
    suggestions = share_suggestions_for(owner=me, share=share, limit=limit)
    if as_json:
        print_json(
            {"share": share_dict(share), "suggestions": [suggestion_dict(s) for s in suggestions]}
        )
        return
    say(f'"{share.title}"')
    _say_suggestions(suggestions, share.pk)


def shares(
    person: Annotated[
        str | None,
        typer.Option(
            "--person", "-p", metavar="PERSON", help="Only what went to or came from them."
        ),
    ] = None,
    limit: Annotated[
        int, typer.Option("--limit", "-n", metavar="N", min=1, max=MAX_COUNT, help="At most.")
    ] = 50,
    as_json: bool = JSON_OPTION,
) -> None:
    """What you gave and received, newest first.

    Example: tiebook shares --person grace
    """
    from tiebook.interactions.shares import shares_list

    me = owner()
    target = resolve(me, person) if person else None
    found = shares_list(owner=me, person=target, limit=limit)
    if as_json:
        print_json([share_dict(s) for s in found])
        return
    if not found:
        say('Nothing shared yet. Example: tiebook share "A useful article" --with PERSON')
        return
    for s in found:
        d = share_dict(s)
        arrow = "to  " if s.direction == "gave" else "from"
        topics = f" [{', '.join(d['topics'])}]" if d["topics"] else ""
        link = f" {d['link']}" if d["link"] else ""
        say(f"  {s.pk:>4}  {d['on']}  {arrow} {d['person']}: {d['title']}{topics}{link}")


def register(app: typer.Typer) -> None:
    share_app.command("add")(handles_errors(add))
    share_app.command("again")(handles_errors(again))
    share_app.command("suggest")(handles_errors(suggest))
    app.add_typer(share_app, name="share")
    app.command("shares")(handles_errors(shares))

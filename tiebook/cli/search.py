"""Who can help with X (`tiebook find`), and rebuilding the search index (`tiebook reindex`)."""

from __future__ import annotations

from typing import Annotated

import typer

from tiebook.cli.common import JSON_OPTION, owner
from tiebook.cli.output import console, err_console, handles_errors, print_json, say


def find(
    question: Annotated[
        str, typer.Argument(metavar="QUESTION", help="What you need help with, in a few words.")
    ],
    limit: Annotated[
        int, typer.Option("--limit", "-n", metavar="N", help="At most this many people (1-100).")
    ] = 10,
    as_json: bool = JSON_OPTION,
) -> None:
    """Who in your network can help with something, best first, each with why.

    Looks in what you know about people (work, expertise, notes, how you met) and in your
    history with them (meetings, mail subjects, what they shared), and weighs how close the tie is.
    Example: tiebook find "kubernetes security audit"
    """
    from rich.table import Table
    from rich.text import Text

    from tiebook.search.selectors import find as find_people

    answer = find_people(owner=owner(), question=question, limit=limit)
    if answer.notice:
        err_console().print(answer.notice, markup=False)
    if as_json:
        print_json(
            {
                "question": answer.question,
                "meaning": answer.meaning,
                "results": [r.as_dict() for r in answer.results],
            }
        )
        return
    if not answer.results:
        say(f'Nobody in your network matches "{answer.question}" yet.')
        return
    table = Table(show_edge=False, pad_edge=False, box=None)
    table.add_column("#", justify="right")
    table.add_column("Person")
    table.add_column("Why", overflow="fold")
    for rank, found in enumerate(answer.results, start=1):
        who = f"{found.name} (id {found.person_id})"
        if found.organization:
            who += f"\n{found.organization}"
        table.add_row(str(rank), Text(who), Text(found.why))  # [brackets] are not markup
    console().print(table)


def reindex(as_json: bool = JSON_OPTION) -> None:
    """Rebuild the search index of your whole network (and its sentence vectors, when search by
    meaning is installed). Search keeps itself up to date; this is for after an upgrade, or to
    read everyone for search by meaning at once.

    Example: tiebook reindex
    """
    from rich.progress import Progress

    from tiebook.people.selectors import people_count
    from tiebook.search import index, semantic

    me = owner()
    total = people_count(owner=me)
    steps = total * (2 if semantic.available() else 1)
    with Progress(transient=True, disable=as_json or not console().is_terminal) as bar:
        task = bar.add_task("Indexing people", total=steps)
        written = index.rebuild(owner=me, progress=lambda n: bar.advance(task, n))
    meaning = semantic.available()
    if as_json:
        print_json({"people": written, "meaning": meaning})
        return
    people = "person" if written == 1 else "people"
    if meaning:
        say(f"Indexed {written:,} {people}, with search by meaning.")
    else:
        say(f"Indexed {written:,} {people}. {semantic.HOW_TO_TURN_ON}")


def register(app: typer.Typer) -> None:
    app.command("find")(handles_errors(find))
    app.command("reindex")(handles_errors(reindex))

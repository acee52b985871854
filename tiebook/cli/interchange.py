"""Import commands: import, imports, undo-import."""

from __future__ import annotations

import dataclasses
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from tiebook.cli.common import JSON_OPTION, owner
from tiebook.cli.output import handles_errors, print_json, say
from tiebook.core.params import MAX_COUNT

SHOWN_PROBLEMS = 20


def _mapping(raw: str | None) -> dict[str, str] | None:
    from tiebook.core.errors import ValidationError

    if not raw:
        return None
    pairs = {}
    for part in raw.split(","):
        column, sep, field = part.partition("=")
        if not sep or not column.strip() or not field.strip():
            raise ValidationError(
                f"--map takes Column=field pairs separated by commas; '{part}' is not one.",
                field="map",
            )
        pairs[column.strip()] = field.strip()
    return pairs


def import_(
    args: Annotated[
        list[str],
        typer.Argument(
            metavar="[FORMAT] FILE",
            help="The format (optional: detected from the file) and the file.",
        ),
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would happen; write nothing.")
    ] = False,
    map_: Annotated[
        str | None,
        typer.Option(
            "--map", metavar="COLUMN=FIELD,...", help="For any CSV: which column is which field."
        ),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since", metavar="DATE", help="Calendars: meetings from this day (2 years ago)."
        ),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option("--until", metavar="DATE", help="Calendars: meetings up to this day (today)."),
    ] = None,
    add_people: Annotated[
        bool,
        typer.Option(
            "--add-people",
            help="Calendars and mail: add the people you met or wrote to who are not in tiebook.",
        ),
    ] = False,
    max_records: Annotated[
        int | None,
        typer.Option(
            "--max-records",
            metavar="N",
            help="Refuse a file of more records than this (200,000); raise it for a bigger file.",
        ),
    ] = None,
    as_json: bool = JSON_OPTION,
) -> None:
    """Bring people in from LinkedIn, vCard, Google or Outlook CSV, any CSV, a calendar (.ics) or
    mail (mbox, .eml, a Maildir folder); one undoable run.

    Example: tiebook import linkedin ~/Downloads/Basic_LinkedInDataExport.zip --dry-run
    """
    from tiebook.core.errors import ValidationError
    from tiebook.core.timeparse import parse_date
    from tiebook.interchange import limits
    from tiebook.interchange.importing import import_file

    if len(args) > 2:
        raise ValidationError("Give at most a format and one file.", field="file")
    format_name, file = (args[0], args[1]) if len(args) == 2 else (None, args[0])
    path = Path(file).expanduser()
    if not path.exists():
        raise ValidationError(f"{file} does not exist.", field="file")
    options = {
        "since": parse_date(since, field="since") if since else None,
        "until": parse_date(until, field="until") if until else None,
    }
    record_limit = limits.cli_limit(max_records)
    with _progress_bar() as progress:
        report = import_file(
            owner=owner(),
            path=path,
            format_name=format_name,
            dry_run=dry_run,
            mapping=_mapping(map_),
            options=options,
            add_people=add_people,
            progress=progress,
            record_limit=record_limit,
        )
        if not dry_run:
            _index_for_search(progress)
    if as_json:
        print_json(dataclasses.asdict(report))
        return
    _print_report(report)


# Reading people for search by meaning takes about a second per 40 on two cores: an import reads
# this many at its end, and search or `tiebook reindex` the rest.
IMPORT_VECTORS = 1000


def _index_for_search(progress) -> None:
    """Index what the import wrote now, sentence vectors included when search by meaning is on,
    rather than on the first search."""
    from tiebook.cli.output import err_console
    from tiebook.search import index

    done = 0

    def step(count: int) -> None:
        nonlocal done
        done += count
        if progress:
            progress("Indexing for search", done, None)

    note = index.index_new(owner(), vectors=IMPORT_VECTORS, progress=step)
    if note:
        err_console().print(note, markup=False)


@contextmanager
def _progress_bar():
    """A progress bar on the terminal (standard error) while a file is read, matched and
    written; transient, so nothing of it stays on screen or reaches piped or --json output."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from tiebook.cli.output import err_console

    console = err_console()
    if not console.is_terminal:
        yield None
        return
    columns = (
        TextColumn("{task.description:<22}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("Reading", total=None)

        def progress(stage: str, done: int, total: int | None) -> None:
            bar.update(task, description=stage, completed=done, total=total)

        yield progress


def _print_report(report) -> None:
    c = report.counts
    verb = "Dry run (nothing written)" if report.dry_run else f"Import {report.run_id}"
    would = "would be " if report.dry_run else ""
    review = f" ({c['review']} to review: tiebook dupes)" if c.get("review") else ""
    vouches = f", {c['vouches']} endorsements and recommendations" if c.get("vouches") else ""
    say(
        f"{verb}: {report.file_name} ({report.source}): {c['created']} {would}new{review}, "
        f"{c['updated']} {would}updated, {c['merged']} {would}merged, {c['skipped']} unchanged, "
        f"{c['failed']} with problems, {c['interactions']} "
        f"interaction{'' if c['interactions'] == 1 else 's'}{vouches}."
    )
    if report.dry_run:
        for item in report.outcomes[:SHOWN_PROBLEMS]:
            say(f"  {item['ref']}: {item['name']}: {item['outcome']} ({item['why']})")
        if len(report.outcomes) > SHOWN_PROBLEMS:
            say(f"  ... and {len(report.outcomes) - SHOWN_PROBLEMS} more (--json shows all)")
    for problem in report.problems[:SHOWN_PROBLEMS]:
        say(f"  problem: {problem['line']}")
    if len(report.problems) > SHOWN_PROBLEMS:
        say(f"  ... and {len(report.problems) - SHOWN_PROBLEMS} more problems (--json shows all)")
    for note in report.notes:
        say(f"  note: {note}")
    if not report.dry_run:
        say(f"Undo it with: tiebook undo-import {report.run_id}")


def imports(as_json: bool = JSON_OPTION) -> None:
    """List past imports, newest first, with what each did.

    Example: tiebook imports
    """
    from tiebook.interchange.undo import import_runs

    runs = import_runs(owner=owner())
    if as_json:
        print_json([_run_dict(r) for r in runs])
        return
    if not runs:
        say("No imports yet.")
    for r in runs:
        state = " (undone)" if r.undone_at else ""
        say(
            f"{r.pk:>4}  {r.created_at:%Y-%m-%d %H:%M}  {r.source:<9} {r.file_name}: "
            f"{r.created} new, {r.updated} updated, {r.merged} merged, {r.failed} problems, "
            f"{r.interactions} interactions{state}"
        )


def _run_dict(run) -> dict:
    return {
        "id": run.pk,
        "at": run.created_at,
        "source": run.source,
        "file": run.file_name,
        "sha256": run.file_hash,
        "created": run.created,
        "updated": run.updated,
        "merged": run.merged,
        "skipped": run.skipped,
        "failed": run.failed,
        "interactions": run.interactions,
        "problems": run.problems,
        "notes": run.notes,
        "undone_at": run.undone_at,
    }


def undo_import(
    run: Annotated[
        int, typer.Argument(metavar="RUN", help="The import's number (tiebook imports).")
    ],
    as_json: bool = JSON_OPTION,
) -> None:
    """Undo an import: the network goes back to how it was before it.

    Example: tiebook undo-import 3
    """
    from tiebook.interchange.undo import import_undo

    done = import_undo(owner=owner(), run_id=run)
    if as_json:
        print_json(_run_dict(done))
    else:
        say(f"Undid import {done.pk} ({done.file_name}).")


def dupes(
    limit: Annotated[
        int,
        typer.Option("--limit", "-n", metavar="N", max=MAX_COUNT, help="At most this many pairs."),
    ] = 50,
    as_json: bool = JSON_OPTION,
) -> None:
    """Likely duplicates, with the evidence: a shared email, phone or profile, the same name, or
    a name one may also go by (a nickname, an initial).

    Example: tiebook dupes
    """
    from tiebook.people.merging import duplicates_find

    pairs = duplicates_find(owner=owner(), limit=limit)
    if as_json:
        print_json(
            [
                {
                    "first": {"id": p.first.pk, "name": p.first.display_name},
                    "second": {"id": p.second.pk, "name": p.second.display_name},
                    "evidence": p.evidence,
                    "sure": p.sure,
                }
                for p in pairs
            ]
        )
        return
    if not pairs:
        say("No likely duplicates.")
    for pair in pairs:
        say(
            f"{_who(pair.first)}  and  {_who(pair.second)}: {pair.evidence}"
            f"  (tiebook merge {pair.first.pk} {pair.second.pk})"
        )


def _who(person) -> str:
    org = f", {person.organization.name}" if person.organization_id else ""
    return f"{person.pk} {person.display_name}{org}"


def merge(
    keep: Annotated[
        str, typer.Argument(metavar="KEEP", help="The person to keep (id, name or email).")
    ],
    other: Annotated[str, typer.Argument(metavar="OTHER", help="The person folded into KEEP.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    as_json: bool = JSON_OPTION,
) -> None:
    """Merge two records of one person, keeping every interaction, note, contact point, type,
    tag and relationship of both (KEEP's own values win).

    Example: tiebook merge 12 48
    """
    from tiebook.cli.common import resolve, today
    from tiebook.people.merging import person_merge
    from tiebook.people.records import person_record

    me = owner()
    first, second = resolve(me, keep), resolve(me, other)
    question = f"Merge {_who(second)} into {_who(first)}?"
    if not yes and first.pk != second.pk and not typer.confirm(question):
        say("Nothing merged.")
        raise typer.Exit(1)
    merged = person_merge(owner=me, keep=first, other=second)
    record = person_record(owner=me, person_id=merged.pk, today=today())
    if as_json:
        print_json(record.as_dict())
    else:
        say(
            f"Merged {second.display_name} (id {second.pk}) into {merged.display_name} "
            f"(id {merged.pk}): {record.interaction_count} interactions, "
            f"{len(record.as_dict()['emails'])} emails, {len(record.types)} types."
        )


def not_same(
    first: Annotated[str, typer.Argument(metavar="PERSON", help="One of them (id, name, email).")],
    second: Annotated[str, typer.Argument(metavar="OTHER", help="The other one.")],
    as_json: bool = JSON_OPTION,
) -> None:
    """Say two people are not one person, so tiebook dupes stops pairing them.

    Example: tiebook not-same 31 77
    """
    from tiebook.cli.common import resolve
    from tiebook.people.merging import pair_set_apart

    me = owner()
    a, b = resolve(me, first), resolve(me, second)
    new = pair_set_apart(owner=me, first=a, second=b)
    if as_json:
        print_json({"first": a.pk, "second": b.pk, "new": new})
        return
    already = "" if new else " (already noted)"
    say(f"{_who(a)} and {_who(b)} are two people; tiebook dupes leaves them apart{already}.")


def register(app: typer.Typer) -> None:
    app.command("import")(handles_errors(import_))
    app.command("imports")(handles_errors(imports))
    app.command("undo-import")(handles_errors(undo_import))
    app.command("dupes")(handles_errors(dupes))
    app.command("merge")(handles_errors(merge))
    app.command("not-same")(handles_errors(not_same))

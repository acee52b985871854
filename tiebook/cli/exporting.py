"""The export command: people as vCard, CSV or JSON; the coming follow-ups as an iCalendar."""

from __future__ import annotations

import json
import sys
from typing import Annotated, get_type_hints

import typer

from tiebook.cli import people
from tiebook.cli.common import JSON_OPTION, owner
from tiebook.cli.output import err_console, handles_errors, print_json, say

# The filters are `tiebook list`'s own options, so the two commands cannot drift apart.
_LIST_OPTIONS = get_type_hints(people.list_, include_extras=True)
CategoryOption = _LIST_OPTIONS["category"]
TypeOption = _LIST_OPTIONS["type_"]
TagOption = _LIST_OPTIONS["tag"]
OrgOption = _LIST_OPTIONS["org"]
DueOption = _LIST_OPTIONS["due"]
DormantOption = _LIST_OPTIONS["dormant"]
ArchivedOption = _LIST_OPTIONS["archived"]


def export(
    format_: Annotated[
        str, typer.Argument(metavar="FORMAT", help="vcard, csv, json, or ics (follow-ups).")
    ],
    file: Annotated[
        str, typer.Argument(metavar="FILE", help="Where to write it; - for standard output.")
    ],
    category: CategoryOption = None,
    type_: TypeOption = None,
    tag: TagOption = None,
    org: OrgOption = None,
    due: DueOption = False,
    dormant: DormantOption = False,
    archived: ArchivedOption = False,
    days: Annotated[
        int | None,
        typer.Option("--days", metavar="N", help="ics only: how many days ahead (default 90)."),
    ] = None,
    as_json: bool = JSON_OPTION,
) -> None:
    """Export people as vCard 4.0, CSV or JSON, or your coming follow-ups and promises as an
    iCalendar (ics); the filters are those of 'tiebook list'.

    Example: tiebook export vcard ~/network.vcf --type mentor
    """
    from tiebook.cli.people import list_filters
    from tiebook.core.errors import ValidationError
    from tiebook.interchange.exporting import DEFAULT_DAYS, STDOUT, export_format, export_people

    exporter = export_format(format_)
    if days is not None and exporter.name != "ics":
        raise ValidationError("--days applies to the ics format only.", field="days")
    filters = list_filters(category, type_, tag, org, due, dormant, archived)
    count = export_people(
        owner=owner(),
        format=exporter.name,
        out=file,
        filters=filters,
        days=DEFAULT_DAYS if days is None else days,
    )
    one, many = exporter.units
    _report(
        {"format": exporter.name, "file": file, many: count},
        f"Exported {count} {one if count == 1 else many} to {file} ({exporter.name}).",
        as_json=as_json,
        data_on_stdout=file == STDOUT,
    )


def _report(summary: dict, sentence: str, *, as_json: bool, data_on_stdout: bool) -> None:
    """The summary, on standard error when standard output carries the export itself."""
    if not data_on_stdout and as_json:
        print_json(summary)
    elif not data_on_stdout:
        say(sentence)
    elif as_json:
        sys.stderr.write(json.dumps(summary, ensure_ascii=False) + "\n")
    else:
        err_console().print(sentence, markup=False)


def register(app: typer.Typer) -> None:
    app.command("export")(handles_errors(export))

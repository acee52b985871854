"""Export people as vCard, CSV or JSON, and the coming follow-ups as an iCalendar.

Each format is one module with an EXPORTER (base.Exporter: `read` then `write`); FORMATS is the
one list that names them.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import BinaryIO

from tiebook.core.errors import ValidationError
from tiebook.core.timeparse import now, today
from tiebook.interchange.backup.dump import snapshot
from tiebook.interchange.exporting.base import Exporter, ExportRequest
from tiebook.interchange.exporting.files import STDOUT, output
from tiebook.people.selectors import PeopleFilter

MODULES = {"vcard": "vcard", "csv": "csv_table", "json": "json_list", "ics": "ics"}
FORMATS = tuple(MODULES)
ALIASES = {"vcf": "vcard", "ical": "ics", "icalendar": "ics"}
DEFAULT_DAYS = 90

__all__ = ["DEFAULT_DAYS", "FORMATS", "STDOUT", "export_format", "export_people"]


def export_format(name: str) -> Exporter:
    """The exporter for a format name (any case; vcf and ical also do)."""
    key = (name or "").strip().casefold()
    key = ALIASES.get(key, key)
    if key not in MODULES:
        raise ValidationError(
            f"Unknown export format '{name}'; tiebook exports {', '.join(FORMATS[:-1])} "
            f"and {FORMATS[-1]}.",
            field="format",
        )
    return importlib.import_module(f"tiebook.interchange.exporting.{MODULES[key]}").EXPORTER


def export_people(
    *,
    owner,
    format: str,
    out: str | Path | BinaryIO,
    filters: PeopleFilter | None = None,
    days: int = DEFAULT_DAYS,
) -> int:
    """Write the owner's people matching `filters` to `out` (a path, "-" for standard output,
    or a binary stream) in `format`; return how many people (for ics: events) were written.

    ics writes the follow-ups due within `days` from today and the open promises due by then.
    Everything is checked before anything is written, and a file is replaced only once whole.
    """
    exporter = export_format(format)
    request = ExportRequest(
        owner=owner, filters=filters or PeopleFilter(), today=today(), days=days, now=now()
    )
    with snapshot():  # one consistent view of the network for every chunk
        records = exporter.read(request)
        with output(out) as stream:
            return exporter.write(stream, records)

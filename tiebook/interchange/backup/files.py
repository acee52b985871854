"""Backup files: written as a stream, atomically; read and checked with the file's name."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NoReturn, TextIO

from tiebook.core.errors import ValidationError
from tiebook.core.files import replacing
from tiebook.interchange.backup.dump import Sections
from tiebook.interchange.backup.schema import check_structure


def write_stream(path: Path, *, header: dict[str, Any], sections: Sections) -> dict[str, int]:
    """Write the document record by record, byte for byte what json.dumps(indent=1) would give
    for the whole thing, without holding it; return the number of records per section."""
    try:
        with replacing(path, "w", encoding="utf-8", newline="\n") as out:
            return write_text(out, header=header, sections=sections)
    except OSError as exc:
        raise ValidationError(f"{path.name} cannot be written: {exc.strerror or exc}.") from exc


def dumps(value: Any) -> str:
    return json.dumps(value, indent=1, sort_keys=False, ensure_ascii=False)


def write_text(out: TextIO, *, header: dict[str, Any], sections: Sections) -> dict[str, int]:
    # A header value sits one level deep (the owner is an object).
    items = (
        f"\n {dumps(key)}: {dumps(value).replace(chr(10), chr(10) + ' ')}"
        for key, value in header.items()
    )
    out.write("{" + ",".join(items))
    counts = {}
    for key, records in sections:
        out.write(f",\n {dumps(key)}: ")
        counts[key] = _write_list(out, records)
    out.write("\n}\n")
    return counts


def _write_list(out: TextIO, records: Iterator[str]) -> int:
    count = 0
    for record in records:
        out.write(",\n  " if count else "[\n  ")
        out.write(record)  # written already, at its depth
        count += 1
    out.write("\n ]" if count else "[]")
    return count


def read_document(path: Path) -> dict:
    name = path.name

    def no_constants(constant: str) -> NoReturn:
        raise ValidationError(
            f"{name} is not a tiebook backup: it holds {constant}, which JSON does not allow."
        )

    try:
        with path.open(encoding="utf-8-sig") as handle:
            document = json.load(handle, parse_constant=no_constants)
    except OSError as exc:
        raise ValidationError(f"{name} cannot be read: {exc.strerror or exc}.") from exc
    except UnicodeDecodeError as exc:
        raise ValidationError(f"{name} is not a tiebook backup: it is not UTF-8 text.") from exc
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}"
        raise ValidationError(f"{name} is not a tiebook backup: {where}: {exc.msg}.") from exc
    check_structure(document, subject=name)
    return document

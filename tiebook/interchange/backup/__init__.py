"""A versioned JSON backup of everything an owner has, and its restore into an empty network."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tiebook.interchange.backup.dump import RECORD, Sections, header, sections, snapshot
from tiebook.interchange.backup.files import read_document, write_stream, write_text
from tiebook.interchange.backup.history import import_runs_dump
from tiebook.interchange.backup.restore import restore
from tiebook.interchange.backup.schema import (
    BACKUP_FORMAT,
    BACKUP_VERSION,
    IMPORT_RUNS,
    BackupSummary,
)
from tiebook.interchange.backup.text import STEP
from tiebook.interchange.jsontext import pretty

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

__all__ = [
    "BACKUP_FORMAT",
    "BACKUP_VERSION",
    "BackupSummary",
    "backup_dump",
    "backup_read",
    "backup_restore",
    "backup_write",
]


def backup_dump(*, owner: AbstractBaseUser) -> dict[str, Any]:
    """The whole backup document, as plain JSON-ready dicts and lists: what backup_write writes,
    read back."""
    text = io.StringIO()
    with snapshot():
        write_text(text, header=header(owner=owner), sections=_everything(owner=owner))
    return json.loads(text.getvalue())


def backup_write(*, owner: AbstractBaseUser, path: Path) -> BackupSummary:
    """Write the backup to `path` (UTF-8 JSON), replacing it only once the new file is whole."""
    with snapshot():
        counts = write_stream(path, header=header(owner=owner), sections=_everything(owner=owner))
    return BackupSummary.from_counts(counts)


def backup_read(*, path: Path) -> dict[str, Any]:
    """Parse a backup file and check its outside; records are checked by backup_restore."""
    return read_document(path)


def backup_restore(*, owner: AbstractBaseUser, document: dict[str, Any]) -> BackupSummary:
    """Restore `document` into the owner's network, which must be empty; all or nothing."""
    return restore(owner=owner, document=document)


def _everything(*, owner: AbstractBaseUser) -> Sections:
    yield from sections(owner=owner)
    runs = import_runs_dump(owner=owner)
    yield IMPORT_RUNS.key, (pretty(record, RECORD, STEP) for record in runs)

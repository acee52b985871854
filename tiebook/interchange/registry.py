"""The import formats in the order auto-detection tries them (the generic CSV last).

Sniffers are called with the file's first 64 KB, or with b"" for a folder (a Maildir)."""

from __future__ import annotations

import importlib
from pathlib import Path

from tiebook.interchange.records import Format, ImportFileError

MODULES = ("linkedin", "google_csv", "outlook_csv", "vcard", "ics", "mail", "csv_generic")


def formats() -> list[Format]:
    return [importlib.import_module(f"tiebook.interchange.formats.{m}").FORMAT for m in MODULES]


def names() -> list[str]:
    return [f.name for f in formats()]


def detect(path: Path, name: str | None = None) -> Format:
    """The format named, or the first whose sniffer recognises the file."""
    known = formats()
    if name:
        for fmt in known:
            if fmt.name == name.strip().lower():
                return fmt
        raise ImportFileError(
            f"Unknown format '{name}'; tiebook imports {', '.join(f.name for f in known)}."
        )
    try:
        if path.is_dir():  # a Maildir, or a folder of messages
            head = b""
        else:
            with path.open("rb") as handle:
                head = handle.read(64 * 1024)
    except OSError as error:
        raise ImportFileError(f"{path.name} cannot be read: {error.strerror}.") from None
    for fmt in known:
        if fmt.sniff(path, head):
            return fmt
    raise ImportFileError(
        f"{path.name} is not a file tiebook can import; give the format, "
        f"one of {', '.join(f.name for f in known)}."
    )

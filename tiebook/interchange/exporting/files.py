"""Where an export goes: a file replaced only once whole, standard output, or a given stream."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import BinaryIO

from tiebook.core.errors import ValidationError

STDOUT = "-"


def is_stdout(out: object) -> bool:
    return isinstance(out, str | Path) and str(out) == STDOUT


@contextmanager
def output(out: str | Path | BinaryIO) -> Iterator[BinaryIO]:
    """A binary stream for `out`: a path (written atomically), "-" for standard output, or an
    open binary stream (written as it is, left open)."""
    if is_stdout(out):
        sys.stdout.flush()  # text already printed goes first
        stream = sys.stdout.buffer
        yield stream
        stream.flush()
    elif isinstance(out, str | Path):
        path = Path(out).expanduser()
        try:
            with _replacing(path) as handle:
                yield handle
        except OSError as exc:
            raise ValidationError(f"{out} cannot be written: {exc.strerror or exc}.") from exc
    else:
        yield out


@contextmanager
def _replacing(path: Path) -> Iterator[BinaryIO]:
    """A temporary file beside `path` that replaces it only once completely written; on any
    failure it is removed and `path` stays as it was."""
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below, before the rename
        "wb", dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False
    )
    try:
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(handle.name, path)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(handle.name)
        raise

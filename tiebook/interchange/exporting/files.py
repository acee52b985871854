"""Where an export goes: a file replaced only once whole, standard output, or a given stream."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from tiebook.core.errors import ValidationError
from tiebook.core.files import replacing

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
            with replacing(path) as handle:
                yield handle
        except OSError as exc:
            raise ValidationError(f"{out} cannot be written: {exc.strerror or exc}.") from exc
    else:
        yield out

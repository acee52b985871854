"""Writing a file so that readers see the old one or the whole new one, never a part."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO


@contextmanager
def replacing(path: Path, mode: str = "wb", **open_args) -> Iterator[IO]:
    """A temporary file beside `path` that replaces it only once completely written; on any
    failure it is removed and `path` stays as it was. `mode` and `open_args` are open()'s."""
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below, before the rename
        mode, dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False, **open_args
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

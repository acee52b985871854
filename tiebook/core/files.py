"""Writing a file so that readers see the old one or the whole new one, never a part."""

from __future__ import annotations

import glob
import os
import re
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO

# A writer that has not touched its temporary file for this long is gone, whatever its pid says
# (the pid of a killed run may have been given to another process since).
STALE_AFTER = 3600


@contextmanager
def replacing(path: Path, mode: str = "wb", **open_args) -> Iterator[IO]:
    """A temporary file beside `path` that replaces it only once completely written; on any
    failure it is removed and `path` stays as it was. `mode` and `open_args` are open()'s.

    The temporary file is `.NAME.PID.RANDOM.tmp`; those a killed run left for the same `path`
    are removed first, while a running writer's are left alone."""
    stale_temporaries_remove(path)
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below, before the rename
        mode,
        dir=path.parent,
        prefix=f".{path.name}.{os.getpid()}.",
        suffix=".tmp",
        delete=False,
        **open_args,
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


def stale_temporaries_remove(path: Path) -> list[Path]:
    """Remove the temporary files that runs killed while writing `path` left beside it: those
    whose process is gone, and any not written to for an hour (older tiebooks left no pid)."""
    pattern = re.compile(rf"\.{re.escape(path.name)}\.(?:(\d+)\.)?[a-z0-9_]{{8}}\.tmp")
    removed = []
    try:
        candidates = list(path.parent.glob(f".{glob.escape(path.name)}.*.tmp"))
    except OSError:
        return removed
    for candidate in candidates:
        found = pattern.fullmatch(candidate.name)
        if found is None or not _stale(candidate, pid=found.group(1)):
            continue
        with suppress(OSError):  # gone already, or not ours to remove
            candidate.unlink()
            removed.append(candidate)
    return removed


def _stale(candidate: Path, *, pid: str | None) -> bool:
    try:
        idle = time.time() - candidate.stat().st_mtime
    except OSError:
        return False
    if idle > STALE_AFTER:
        return True
    return pid is not None and not _alive(int(pid))


def _alive(pid: int) -> bool:
    if os.name == "nt":  # no signal 0 there: only the age tells
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # another user's process (or a number no process can have)
    return True

"""The real tiebook command in a subprocess under a memory cap and a time limit, with its peak
memory: what a hostile file does to the machine that imports it."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

CAP = 1 << 30  # address space a run may reserve: far beyond any sane import
TIMEOUT = 60.0


@dataclass
class Run:
    returncode: int  # -9 when the time limit killed it
    stdout: str
    stderr: str
    peak_mb: float  # the child's peak resident memory
    seconds: float


def _limit(cap: int):
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    return apply


def tiebook(home: Path, *args: str, cap: int = CAP, timeout: float = TIMEOUT) -> Run:
    """`python -m tiebook ARGS` on the network in `home` (SQLite), as a user runs it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TIEBOOK_")}
    env["TIEBOOK_HOME"] = str(home)
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.monotonic()
        child = subprocess.Popen(
            [sys.executable, "-m", "tiebook", *args],
            env=env,
            stdout=out,
            stderr=err,
            stdin=subprocess.DEVNULL,
            preexec_fn=_limit(cap),
        )
        status, usage = _wait(child.pid, started + timeout)
        seconds = time.monotonic() - started
        child.returncode = code = os.waitstatus_to_exitcode(status)
        out.seek(0), err.seek(0)
        text = (out.read().decode(errors="replace"), err.read().decode(errors="replace"))
    # ru_maxrss is in kilobytes on Linux; os.wait4 gives this child's own, not all children's
    return Run(code, *text, peak_mb=usage.ru_maxrss / 1024, seconds=seconds)


def _wait(pid: int, deadline: float) -> tuple[int, resource.struct_rusage]:
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            return status, usage
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            _, status, usage = os.wait4(pid, 0)
            return status, usage
        time.sleep(0.02)

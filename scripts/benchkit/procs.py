"""Running `tiebook` as a whole process: its wall time and its peak memory."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


class BenchError(Exception):
    """A step of the benchmark could not run; its message says which and why."""


def tiebook_command() -> list[str]:
    """The `tiebook` of the Python running the benchmark (its virtualenv), else the one on PATH."""
    beside = Path(sys.executable).with_name("tiebook")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("tiebook")
    return [found] if found else [sys.executable, "-m", "tiebook"]


@dataclass(frozen=True)
class Finished:
    seconds: float
    cpu_seconds: float  # user and system: steadier than wall time on a busy machine
    peak_mb: float  # the process's maximum resident set size
    stdout: str
    stderr: str

    @property
    def figures(self) -> dict:
        return {
            "seconds": round(self.seconds, 3),
            "cpu_seconds": round(self.cpu_seconds, 3),
            "peak_mb": round(self.peak_mb, 1),
        }


def run(args: list[str], *, env: dict, stdin: str | None = None, label: str = "") -> Finished:
    """Run `tiebook ARGS` to its end; wait4 gives the child's own peak memory (KiB on Linux)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(
            [*tiebook_command(), *args],
            env=env,
            stdout=out,
            stderr=err,
            stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
        )
        if stdin is not None:
            process.stdin.write(stdin.encode())
            process.stdin.close()
        _, status, usage = os.wait4(process.pid, 0)
        took = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    if process.returncode:
        reason = (stderr.strip() or stdout.strip() or f"exit {process.returncode}").splitlines()
        raise BenchError(f"tiebook {label or ' '.join(args)} failed: {reason[-1]}")
    cpu = usage.ru_utime + usage.ru_stime
    return Finished(took, cpu, usage.ru_maxrss / 1024, stdout, stderr)

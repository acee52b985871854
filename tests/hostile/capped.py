"""Running the real `tiebook` command in a child process under a memory cap and a time limit,
measuring what a user's machine would feel: the exit code, the output, peak memory and time."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass

GiB = 1024**3


@dataclass(frozen=True)
class Result:
    code: int  # the exit code; -9 when killed at the time limit
    stdout: str
    stderr: str
    peak_mb: float  # the child's peak resident memory
    seconds: float


def _capped(cap_bytes: int):
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (cap_bytes, cap_bytes))

    return limit


def run_capped(
    args: list[str], env: dict[str, str], cap_bytes: int = GiB, timeout: float = 120
) -> Result:
    """`tiebook *args` in a child whose address space is capped at `cap_bytes`, killed after
    `timeout` seconds. The child's own peak memory comes from wait4, so children run earlier
    (a `tiebook init`) do not count."""
    command = [sys.executable, "-m", "tiebook", *args]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.monotonic()
        child = subprocess.Popen(
            command, env=env, stdout=out, stderr=err, preexec_fn=_capped(cap_bytes)
        )
        status, usage = _wait(child, started + timeout)
        seconds = time.monotonic() - started
        out.seek(0)
        err.seek(0)
        return Result(
            code=os.waitstatus_to_exitcode(status),
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
            peak_mb=usage.ru_maxrss / 1024,  # kilobytes on Linux
            seconds=seconds,
        )


def _wait(child: subprocess.Popen, deadline: float):
    killed = False
    while True:
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            child.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
            return status, usage
        if time.monotonic() > deadline and not killed:
            child.kill()
            killed = True
        time.sleep(0.02)


if __name__ == "__main__":  # python -m tests.hostile.capped import FILE: measure by hand
    result = run_capped(sys.argv[1:], dict(os.environ), cap_bytes=3 * GiB, timeout=120)
    print(result.stderr.strip() or result.stdout.strip()[-400:])
    print(f"exit {result.code}, peak {result.peak_mb:.0f} MB, {result.seconds:.1f} s")

"""The real tiebook command in a subprocess under a memory cap and a time limit, with its peak
memory: what a hostile file does to the machine that imports it."""

from __future__ import annotations

import os
import resource
import shutil
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


# A child's peak memory counts the memory of the process it was started from (Linux carries the
# old high-water mark across fork and exec), and late in a long run that is the test process's
# hundreds of MB. So a small starter, once it is itself, caps the address space, starts tiebook
# as its own child and writes down that child's peak.
BOOT = """
import os, resource, sys
cap, peak_file, args = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
pid = os.fork()
if pid == 0:
    os.execv(sys.executable, [sys.executable, "-m", "tiebook", *args])
_, status, usage = os.wait4(pid, 0)
with open(peak_file, "w") as out:
    out.write(str(usage.ru_maxrss))
sys.exit(os.waitstatus_to_exitcode(status) % 256)
"""


def tiebook(home: Path, *args: str, cap: int = CAP, timeout: float = TIMEOUT) -> Run:
    """`python -m tiebook ARGS` on the network in `home` (SQLite), as a user runs it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TIEBOOK_")}
    env["TIEBOOK_HOME"] = str(home)
    # The cap measures what a file does to the import; search by meaning's model (torch reserves
    # gigabytes of address space it never touches) is the same whatever the file, and is off here.
    env["TIEBOOK_SEMANTIC"] = "0"
    peak_file = Path(tempfile.mkdtemp()) / "peak"
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.monotonic()
        child = subprocess.Popen(
            [sys.executable, "-c", BOOT, str(cap), str(peak_file), *args],
            env=env,
            stdout=out,
            stderr=err,
            stdin=subprocess.DEVNULL,
            start_new_session=True,  # the starter and tiebook, killed together at the time limit
        )
        status, usage = _wait(child.pid, started + timeout)
        seconds = time.monotonic() - started
        child.returncode = code = os.waitstatus_to_exitcode(status)
        out.seek(0), err.seek(0)
        text = (out.read().decode(errors="replace"), err.read().decode(errors="replace"))
    # ru_maxrss is in kilobytes on Linux: tiebook's own, as its starter wrote it down (or, when
    # the time limit killed both, the starter's, which counts tiebook's too)
    peak = int(peak_file.read_text()) if peak_file.exists() else usage.ru_maxrss
    shutil.rmtree(peak_file.parent, ignore_errors=True)
    return Run(code, *text, peak_mb=peak / 1024, seconds=seconds)


def _wait(pid: int, deadline: float) -> tuple[int, resource.struct_rusage]:
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            return status, usage
        if time.monotonic() > deadline:
            os.killpg(pid, signal.SIGKILL)
            _, status, usage = os.wait4(pid, 0)
            return status, usage
        time.sleep(0.02)

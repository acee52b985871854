"""`tiebook serve` in several processes: every one answers, and stopping the server stops all."""

from __future__ import annotations

import http.cookiejar
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.web.test_busy import free_port, tiebook

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="processes are forked")


def _children(pid: int) -> list[int]:
    found = []
    for status in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = status.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(status.parent.name))
    return found


def test_serve_answers_from_several_processes_and_stops_them_all(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TIEBOOK_", "DJANGO_"))}
    env["TIEBOOK_HOME"] = str(tmp_path / "home")
    tiebook(env, "init")
    tiebook(env, "add", "Grace Hopper", "--type", "mentor")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "tiebook", "serve", "--port", str(port), "--workers", "3"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/login", timeout=30)
                break
            except (urllib.error.URLError, OSError):
                time.sleep(0.1)
        workers = _children(server.pid)
        link = tiebook(env, "login-link", "--port", str(port)).split()[-1]
        jar = http.cookiejar.CookieJar()
        browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        browser.open(link, timeout=30)

        def people(_):
            return browser.open(f"{base}/people/", timeout=60).read().decode()

        with ThreadPoolExecutor(8) as pool:
            pages = list(pool.map(people, range(24)))
    finally:
        server.terminate()
        out, err = server.communicate(timeout=20)

    assert len(workers) == 2  # and this one: three processes
    assert all("Grace Hopper" in page for page in pages)
    assert server.returncode == 0, err
    assert out.splitlines()[-1] == "Stopped."
    assert not [pid for pid in workers if Path(f"/proc/{pid}").exists()]


def test_serve_says_which_address_it_cannot_listen_on(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TIEBOOK_", "DJANGO_"))}
    env["TIEBOOK_HOME"] = str(tmp_path / "home")
    tiebook(env, "init")
    port = free_port()
    with __import__("socket").socket() as taken:
        taken.bind(("127.0.0.1", port))
        taken.listen()
        done = subprocess.run(
            [sys.executable, "-m", "tiebook", "serve", "--port", str(port)],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode == 1
    assert done.stderr.strip().splitlines()[-1] == (
        f"Error: Cannot listen on 127.0.0.1:{port}: Address already in use."
    )

"""The web app while a large import writes: writes wait for the lock and go through; one that
waits too long is told the app is busy (503), never shown an error."""

from __future__ import annotations

import csv
import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.db import OperationalError, connection
from django.test import RequestFactory

from tiebook.web.middleware import BusyDatabase


def test_a_write_that_waited_out_the_lock_gets_a_busy_page_to_retry():
    def locked(request):
        raise OperationalError("database is locked")

    middleware = BusyDatabase(locked)
    request = RequestFactory().post("/people/1/log")
    response = middleware.process_exception(request, OperationalError("database is locked"))
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "Busy for a moment" in response.content.decode()
    assert middleware.process_exception(request, OperationalError("no such table")) is None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def tiebook(env: dict, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "tiebook", *args], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def connections(path: Path, rows: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(
            [
                "First Name",
                "Last Name",
                "URL",
                "Email Address",
                "Company",
                "Position",
                "Connected On",
            ]
        )
        for n in range(rows):
            url = f"https://www.linkedin.com/in/person-{n}"
            out.writerow(
                [
                    f"Given{n}",
                    f"Family{n}",
                    url,
                    "",
                    f"Company {n % 500}",
                    "Engineer",
                    "15 Mar 2024",
                ]
            )


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite's write lock; the SQLite run covers it"
)
def test_web_writes_go_through_while_a_large_import_writes(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TIEBOOK_", "DJANGO_"))}
    env["TIEBOOK_HOME"] = str(tmp_path / "home")
    tiebook(env, "init")
    tiebook(env, "add", "Grace Hopper", "--type", "mentor")
    big = tmp_path / "Connections.csv"
    connections(big, 30_000)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "tiebook", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/login", timeout=1)
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.1)  # not listening yet, or still busy with its first page
        link = tiebook(env, "login-link", "--port", str(port)).split()[-1]
        jar = http.cookiejar.CookieJar()
        browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        browser.open(link, timeout=30)
        page = browser.open(f"{base}/people/1/", timeout=30).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)

        importing = subprocess.Popen(
            [sys.executable, "-m", "tiebook", "import", "linkedin", str(big)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        answers = []
        while importing.poll() is None:
            form = {"summary": f"Note {len(answers)}", "kind": "note"}
            body = urllib.parse.urlencode({**form, "csrfmiddlewaretoken": token}).encode()
            try:
                answers.append(browser.open(f"{base}/people/1/log", body, timeout=60).status)
            except urllib.error.HTTPError as error:
                answers.append(error.code)
        out, err = importing.communicate()
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert importing.returncode == 0, err
    assert "30000 new" in out
    assert len(answers) >= 3  # writes were made while the import ran
    assert set(answers) == {200}  # each logged (then shown the page), none refused
    shown = tiebook(env, "show", "1")
    assert f"Interactions ({len(answers)}):" in shown

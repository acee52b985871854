"""Pages through the real server: `tiebook serve` as a subprocess, signed in like a browser, then
each page fetched by 1 client and by 8 concurrent clients (keep-alive connections, standard
library only, so that the client costs the server's CPU as little as it can)."""

from __future__ import annotations

import http.client
import os
import re
import socket
import subprocess
import tempfile
import threading
import time
from contextlib import contextmanager
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from .network import OWNER_PASSWORD
from .procs import BenchError, tiebook_command
from .stats import timings_summary

HOST = "127.0.0.1"
LINK = re.compile(r"(http://\S+/signin/\S+)")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def cpu_seconds(pid: int) -> float:
    """The process's user and system time so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def peak_memory_mb(pid: int) -> float:
    """The process's peak resident set (VmHWM) so far."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise BenchError(f"no VmHWM for process {pid}")


class Server:
    def __init__(self, process: subprocess.Popen, port: int, output: Path) -> None:
        self.process, self.port, self.output = process, port, output
        self.cookie = ""

    def connection(self) -> http.client.HTTPConnection:
        return http.client.HTTPConnection(HOST, self.port, timeout=300)

    def get(self, connection: http.client.HTTPConnection, path: str) -> tuple[int, bytes, list]:
        headers = {"Cookie": self.cookie} if self.cookie else {}
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        return response.status, response.read(), response.headers.get_all("Set-Cookie") or []

    def _keep(self, set_cookies: list[str]) -> None:
        jar = SimpleCookie(self.cookie)
        for header in set_cookies:
            jar.load(header)
        self.cookie = "; ".join(f"{key}={morsel.value}" for key, morsel in jar.items())

    def sign_in_with_link(self, link: str) -> None:
        connection = self.connection()
        status, _, cookies = self.get(connection, urlsplit(link).path)
        self._keep(cookies)
        connection.close()
        if status != 302 or "sessionid" not in self.cookie:
            raise BenchError(f"signing in with the link gave status {status}, no session")

    def sign_in_with_password(self, username: str, password: str) -> None:
        connection = self.connection()
        status, body, cookies = self.get(connection, "/login")
        self._keep(cookies)
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
        if status != 200 or not token:
            raise BenchError(f"the sign-in page gave status {status}")
        form = {
            "username": username,
            "password": password,
            "csrfmiddlewaretoken": token[1].decode(),
        }
        headers = {"Cookie": self.cookie, "Content-Type": "application/x-www-form-urlencoded"}
        connection.request("POST", "/login", body=urlencode(form), headers=headers)
        response = connection.getresponse()
        response.read()
        self._keep(response.headers.get_all("Set-Cookie") or [])
        connection.close()
        if response.status != 302 or "sessionid" not in self.cookie:
            raise BenchError(f"signing in as {username} gave status {response.status}, no session")

    def peak_memory_mb(self) -> float:
        return peak_memory_mb(self.process.pid)

    def cpu_seconds(self) -> float:
        try:
            return cpu_seconds(self.process.pid)
        except OSError:  # it stopped, which stopped() tells
            return 0.0

    def stopped(self) -> str | None:
        """Why the server is no longer running (the end of what it printed), or None."""
        code = self.process.poll()
        if code is None:
            return None
        said = self.output.read_text(errors="replace").strip().splitlines()
        return f"tiebook serve stopped (exit {code}): {said[-1] if said else 'it said nothing'}"


def _wait_for(server: Server, pattern: re.Pattern, timeout: float) -> re.Match:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = pattern.search(server.output.read_text(errors="replace"))
        if found:
            return found
        if server.process.poll() is not None:
            raise BenchError(f"tiebook serve stopped: {server.output.read_text()[-500:]}")
        time.sleep(0.1)
    raise BenchError("tiebook serve did not start in time")


def _wait_listening(server: Server, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection((HOST, server.port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise BenchError("tiebook serve does not accept connections")


@contextmanager
def serving(env: dict, *, username: str | None = None):
    """`tiebook serve` on a free port, signed in: by the one-time link in local mode, or with
    the password of `username` in server mode."""
    port = free_port()
    with tempfile.NamedTemporaryFile(prefix="tiebook-serve-", suffix=".log") as log:
        process = subprocess.Popen(
            [*tiebook_command(), "serve", "--port", str(port)],
            env={**env, "PYTHONUNBUFFERED": "1"},
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
        server = Server(process, port, Path(log.name))
        try:
            if username:
                _wait_for(server, re.compile(r"running at"), 120)
                _wait_listening(server, 60)
                server.sign_in_with_password(username, OWNER_PASSWORD)
            else:
                link = _wait_for(server, LINK, 120)[1]
                _wait_listening(server, 60)
                server.sign_in_with_link(link)
            yield server
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


class _Client:
    """One keep-alive connection fetching pages; a dropped connection is opened again."""

    def __init__(self, server: Server) -> None:
        self.server = server
        self.connection = server.connection()
        self.took_ms: list[float] = []
        self.errors = 0

    def fetch(self, path: str, *, timed: bool = True) -> None:
        start = time.perf_counter()
        try:
            status, _, _ = self.server.get(self.connection, path)
        except (http.client.HTTPException, OSError):
            self.connection.close()
            self.connection = self.server.connection()
            status = 0
        if not timed:
            return
        if status == 200:
            self.took_ms.append((time.perf_counter() - start) * 1000)
        else:
            self.errors += 1


def one_client(server: Server, path: str, *, requests: int, seconds: float) -> dict:
    """Sequential requests after two warm-ups, until `requests` or `seconds` is reached."""
    client = _Client(server)
    client.fetch(path, timed=False)
    client.fetch(path, timed=False)
    cpu, start = server.cpu_seconds(), time.perf_counter()
    while len(client.took_ms) + client.errors < requests and time.perf_counter() - start < seconds:
        client.fetch(path)
    client.connection.close()
    return _summary(server, [client], time.perf_counter() - start, cpu)


def many_clients(server: Server, path: str, *, clients: int, requests: int, seconds: float) -> dict:
    """`clients` threads, each with its own connection (opened by one untimed request), started
    together; each sends its next request as soon as its last one is answered (a closed loop)
    until it made `requests` or `seconds` passed."""
    team = [_Client(server) for _ in range(clients)]
    started: list[float] = []

    def start() -> None:
        started.extend((time.perf_counter(), server.cpu_seconds()))

    ready = threading.Barrier(clients + 1, action=start)

    def work(client: _Client) -> None:
        client.fetch(path, timed=False)
        ready.wait()
        while (
            len(client.took_ms) + client.errors < requests
            and time.perf_counter() - started[0] < seconds
        ):
            client.fetch(path)

    threads = [threading.Thread(target=work, args=(client,)) for client in team]
    for thread in threads:
        thread.start()
    ready.wait()
    for thread in threads:
        thread.join()
    took = time.perf_counter() - started[0]
    for client in team:
        client.connection.close()
    return _summary(server, team, took, started[1])


def _summary(server: Server, clients: list[_Client], seconds: float, cpu: float) -> dict:
    """The timings, and the server's CPU time per answered request (steadier than wall time
    on a busy machine)."""
    took = [ms for client in clients for ms in client.took_ms]
    errors = sum(client.errors for client in clients)
    if not took:
        return {"error": f"no page answered with 200 ({errors} errors)"}
    summary = {**timings_summary(took, seconds=seconds), "errors": errors}
    if not server.stopped():
        summary["cpu_ms"] = round((server.cpu_seconds() - cpu) * 1000 / len(took), 1)
    return summary

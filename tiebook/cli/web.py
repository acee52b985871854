"""`tiebook serve`: the web app on a production WSGI server (waitress), in as many processes as
the machine has cores (up to four), each with its threads: one Python process runs one thread
at a time, so pages for several people at once need several processes."""

from __future__ import annotations

import contextlib
import os
from typing import Annotated

import typer

from tiebook.cli.output import handles_errors, say


def serve(
    host: Annotated[
        str, typer.Option("--host", metavar="HOST", help="Address to listen on.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", metavar="PORT", help="Port to listen on.")] = 8000,
    threads: Annotated[
        int, typer.Option("--threads", metavar="N", help="Threads in each process.")
    ] = 8,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            metavar="N",
            help="Processes serving pages (default: one per core, up to 4).",
        ),
    ] = None,
) -> None:
    """Serve the web app; locally, print a one-time link that signs your browser in.

    Example: tiebook serve --port 8000
    """
    import waitress
    from django.conf import settings

    import tiebook.urls  # noqa: F401  (the pages' code loads now, not in the first visitor's request)
    from tiebook.core.owners import owner_get_or_create
    from tiebook.wsgi import application

    base = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}"
    if settings.TIEBOOK_MODE == "local":
        from tiebook.accounts.services import signin_link_create

        user, _ = owner_get_or_create()
        say(f"tiebook is running at {base}/")
        say(
            f"Open this link to sign in (valid for 24 hours, once): "
            f"{signin_link_create(user=user, base_url=base)}"
        )
    else:
        say(f"tiebook (server mode) is running at {base}/ ; sign in with your account.")
    try:
        listening = _listen(host, port)
    except OSError as error:
        from tiebook.core.errors import TiebookError

        raise TiebookError(f"Cannot listen on {host}:{port}: {error.strerror}.") from None
    say("Press Ctrl+C to stop.")

    def run() -> None:
        waitress.serve(
            application,
            sockets=[listening],
            threads=threads,
            ident="tiebook",
            _quiet=True,
            # Waitress drops X-Forwarded-* headers; behind a trusted proxy Django reads them.
            clear_untrusted_proxy_headers=not settings.TIEBOOK_TRUST_PROXY,
        )

    # waitress returns on Ctrl+C; an interrupt before it started raises
    with contextlib.suppress(KeyboardInterrupt):
        _in_processes(run, workers or default_workers())
    say("Stopped.")


def default_workers() -> int:
    """One process per core, up to four; one where processes cannot be forked."""
    return min(os.cpu_count() or 1, 4) if hasattr(os, "fork") else 1


def _listen(host: str, port: int):
    """The listening socket, opened once before any process starts serving on it."""
    import socket

    family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    listening = socket.socket(family, kind, proto)
    listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listening.bind(address)
    listening.listen(1024)
    return listening


def _in_processes(run, workers: int) -> None:
    """`run` in this process and in `workers - 1` forked ones. Ctrl+C stops them all; so does
    stopping this one (SIGTERM, as a service manager or a test does)."""
    import signal

    from django.db import connections

    if workers < 2 or not hasattr(os, "fork"):
        run()
        return
    connections.close_all()  # each process opens its own
    children = []
    for _ in range(workers - 1):
        pid = os.fork()
        if pid == 0:  # a worker: serves until Ctrl+C or SIGTERM, then leaves quietly
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            code = 0
            try:
                run()
            except KeyboardInterrupt:
                pass
            except BaseException:
                code = 1
            os._exit(code)
        children.append(pid)

    def stop(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        run()
    finally:
        signal.signal(signal.SIGTERM, previous)
        for pid in children:
            try:
                os.kill(pid, signal.SIGTERM)
                os.waitpid(pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass


def register(app: typer.Typer) -> None:
    app.command("serve")(handles_errors(serve))

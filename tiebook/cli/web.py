"""`tiebook serve`: the web app on a production WSGI server (waitress)."""

from __future__ import annotations

from typing import Annotated

import typer

from tiebook.cli.output import handles_errors, say


def serve(
    host: Annotated[
        str, typer.Option("--host", metavar="HOST", help="Address to listen on.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", metavar="PORT", help="Port to listen on.")] = 8000,
    threads: Annotated[int, typer.Option("--threads", metavar="N", help="Worker threads.")] = 8,
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
    say("Press Ctrl+C to stop.")
    try:
        waitress.serve(
            application,
            host=host,
            port=port,
            threads=threads,
            ident="tiebook",
            _quiet=True,
            # Waitress drops X-Forwarded-* headers; behind a trusted proxy Django reads them.
            clear_untrusted_proxy_headers=not settings.TIEBOOK_TRUST_PROXY,
        )
    except OSError as error:
        from tiebook.core.errors import TiebookError

        raise TiebookError(f"Cannot listen on {host}:{port}: {error.strerror}.") from None
    except KeyboardInterrupt:
        say("Stopped.")


def register(app: typer.Typer) -> None:
    app.command("serve")(handles_errors(serve))

"""A server error in production (DEBUG off) leaves its method, path and traceback on stderr."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent(
    """
    from unittest import mock

    from tiebook.cli.setup import ready

    ready()
    from django.contrib.auth import get_user_model
    from django.test import Client

    user = get_user_model().objects.create(username="me")
    browser = Client(raise_request_exception=False, HTTP_HOST="localhost")
    browser.force_login(user)
    browser.cookies["marker"] = "COOKIE-SECRET"
    with mock.patch(
        "tiebook.web.views.today.people_due", side_effect=RuntimeError("the selector broke")
    ):
        response = browser.get("/?q=QUERY-SECRET", HTTP_X_NOTE="HEADER-SECRET")
    print(response.status_code)
    """
)


def run_broken_today(tmp_path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TIEBOOK_", "DJANGO_"))}
    env.update(TIEBOOK_HOME=str(tmp_path), DJANGO_SETTINGS_MODULE="tiebook.settings")
    return subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=120
    )


def test_a_500_writes_the_method_path_and_traceback_to_stderr(tmp_path):
    result = run_broken_today(tmp_path)
    assert result.stdout == "500\n", result.stderr
    assert "ERROR [django.request] GET Internal Server Error: /\n" in result.stderr
    assert "Traceback (most recent call last):" in result.stderr
    assert "RuntimeError: the selector broke" in result.stderr


def test_the_log_holds_no_query_cookie_or_header(tmp_path):
    logged = run_broken_today(tmp_path).stderr
    assert "RuntimeError" in logged
    for secret in ("QUERY-SECRET", "COOKIE-SECRET", "HEADER-SECRET", "sessionid"):
        assert secret not in logged

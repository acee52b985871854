"""login-link and user add/list as a user sees them: exact output, exit codes, the database."""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from tiebook.accounts.models import SignInToken
from tiebook.config import default_database_url

pytestmark = pytest.mark.django_db

STRONG = "correct horse battery staple"
LINK = re.compile(
    r"^Sign-in link for the network in (.+) \(valid once, for 24 hours\):\n"
    r"(http://127\.0\.0\.1:8000(/signin/[\w-]{43}))\n$"
)


@pytest.fixture
def server(settings):
    settings.TIEBOOK_MODE = "server"


def usernames() -> list[str]:
    return list(get_user_model().objects.order_by("username").values_list("username", flat=True))


@pytest.fixture
def home(settings, tmp_path):
    """The network lives in its own data directory, as `make run` keeps the demo."""
    home = tmp_path / "demo home"
    settings.CONFIG = dataclasses.replace(
        settings.CONFIG, home=home, database_url=default_database_url(home)
    )
    return home


def test_login_link_prints_a_link_whose_token_signs_the_owner_in(tb):
    tb("init")
    result = tb("login-link")
    assert result.exit_code == 0, result.output
    match = LINK.match(result.stdout)
    assert match, result.stdout
    browser = Client()
    assert browser.get(match.group(3)).status_code == 302
    owner = get_user_model().objects.get()
    assert (owner.username, owner.has_usable_password()) == ("me", False)
    assert browser.session["_auth_user_id"] == str(owner.pk)


def test_login_link_says_which_network_the_link_is_for(tb, home):
    tb("init")
    lines = tb("login-link").stdout.splitlines()
    assert lines[0] == f"Sign-in link for the network in {home} (valid once, for 24 hours):"
    assert lines[1].startswith("http://127.0.0.1:8000/signin/")


def test_login_link_refuses_a_network_without_the_account_and_makes_none(tb):
    result = tb("login-link")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert (
        result.stderr
        == "Error: There is no account 'me' in this tiebook. Run 'tiebook init' first.\n"
    )
    assert usernames() == []
    assert not SignInToken.objects.exists()


def test_login_link_prints_a_fresh_link_each_time(tb):
    tb("init")
    first, second = tb("login-link").stdout, tb("login-link").stdout
    assert first != second
    assert SignInToken.objects.count() == 2
    assert usernames() == ["me"]


def test_login_link_uses_the_host_and_port_given(tb, home):
    tb("init")
    data = tb.json("login-link", "--host", "::1", "--port", "8080")
    assert data["url"].startswith("http://[::1]:8080/signin/")
    assert (data["account"], data["valid_hours"], data["network"]) == ("me", 24, str(home))


def tiebook(home: Path, *args: str) -> subprocess.CompletedProcess:
    """The tiebook command as a new user runs it, on the SQLite file in `home`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TIEBOOK_")}
    return subprocess.run(
        [sys.executable, "-m", "tiebook", *args],
        env={**env, "TIEBOOK_HOME": str(home)},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_login_link_refuses_where_there_is_no_network_and_leaves_none_behind(tmp_path):
    home = tmp_path / "nothing here"
    result = tiebook(home, "login-link")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"Error: There is no network in {home} yet; run 'tiebook init' to start one there, "
        "or set TIEBOOK_HOME to the data directory of the network you serve.\n"
    )
    assert not (home / "tiebook.sqlite3").exists()
    assert tiebook(home, "init").returncode == 0
    result = tiebook(home, "login-link", "--port", "8765")
    assert result.returncode == 0, result.stderr
    first, link = result.stdout.splitlines()
    assert first == f"Sign-in link for the network in {home} (valid once, for 24 hours):"
    assert link.startswith("http://127.0.0.1:8765/signin/")


def test_login_link_is_refused_in_server_mode_without_writing(tb, server):
    result = tb("login-link")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: Sign-in links are for local mode; on a server, users sign in with passwords.\n"
    )
    assert usernames() == []
    assert not SignInToken.objects.exists()


def test_user_add_is_refused_in_local_mode(tb):
    result = tb("user", "add", "ada", "--password-stdin", input=STRONG + "\n")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "Error: Accounts with passwords are for server mode (TIEBOOK_MODE=server); "
        "locally, sign in with the link from 'tiebook login-link'.\n"
    )
    assert usernames() == []


def test_user_add_reads_the_password_from_stdin_and_hashes_it_with_argon2(tb, server):
    result = tb("user", "add", "ada", "--password-stdin", input=STRONG + "\n")
    assert result.exit_code == 0, result.output
    assert result.stdout == "Added user ada; they can sign in with their password now.\n"
    user = get_user_model().objects.get()
    assert user.password.startswith("argon2")
    assert user.check_password(STRONG)


def test_user_add_asks_for_the_password_twice(tb, server):
    result = tb("user", "add", "ada", input=f"{STRONG}\n{STRONG}\n")
    assert result.exit_code == 0, result.output
    assert "Password:" in result.stderr
    assert "Repeat for confirmation:" in result.stderr
    assert STRONG not in result.output  # never echoed
    # (the test runner echoes the hidden input's newlines to stdout; a terminal does not)
    assert result.stdout.strip() == "Added user ada; they can sign in with their password now."
    assert get_user_model().objects.get().check_password(STRONG)


def test_user_add_refuses_a_weak_password_and_writes_nothing(tb, server):
    result = tb("user", "add", "ada", "--password-stdin", input="password\n")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: This password is too short. It must contain at least 10 characters. "
        "This password is too common.\n"
    )
    assert usernames() == []


def test_user_add_refuses_an_empty_stdin(tb, server):
    result = tb("user", "add", "ada", "--password-stdin", input="")
    assert result.exit_code == 1
    assert result.stderr == "Error: No password on standard input; write it as one line.\n"


def test_user_add_refuses_a_taken_username(tb, server):
    tb("user", "add", "ada", "--password-stdin", input=STRONG + "\n")
    result = tb("user", "add", "ada", "--password-stdin", input=STRONG + "\n")
    assert result.exit_code == 1
    assert result.stderr == "Error: There is already an account 'ada'.\n"


def test_user_add_json(tb, server):
    result = tb("user", "add", "ada", "--password-stdin", "--json", input=STRONG + "\n")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f'{{\n  "username": "ada",\n  "id": {get_user_model().objects.get().pk}\n}}\n'
    )


def test_user_list_prints_one_username_per_line(tb, server):
    for name in ("grace", "ada"):
        tb("user", "add", name, "--password-stdin", input=STRONG + "\n")
    result = tb("user", "list")
    assert (result.exit_code, result.stdout) == (0, "ada\ngrace\n")
    assert tb.json("user", "list") == [{"username": "ada"}, {"username": "grace"}]


def test_me_sets_name_and_addresses_and_shows_them(tb):
    assert tb("me").stdout == (
        "Name: (not set)\nAddresses: none yet; add yours with: tiebook me --email ADDRESS\n"
    )
    result = tb(
        "me", "--name", " Ada  Lovelace ", "--email", "Ada@Work.example", "--email", "a@h.example"
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == "Name: Ada Lovelace\nAddresses: ada@work.example, a@h.example\n"
    owner = get_user_model().objects.get()
    assert owner.email == "ada@work.example"
    data = tb.json("me", "--remove-email", "ada@work.example")
    assert (data["name"], data["emails"]) == ("Ada Lovelace", ["a@h.example"])
    owner.refresh_from_db()
    assert owner.email == "a@h.example"  # the next address became the account's


def test_me_refuses_a_malformed_or_unknown_address_and_writes_nothing(tb):
    tb("me", "--email", "ada@work.example")
    bad = tb("me", "--email", "not an address", "--email", "b@h.example")
    assert bad.exit_code == 1
    assert bad.stderr == "Error: 'not an address' is not an email address.\n"
    unknown = tb("me", "--remove-email", "zz@x.example")
    assert unknown.exit_code == 1
    assert unknown.stderr.startswith("Error: zz@x.example is not one of your addresses.")
    assert tb.json("me")["emails"] == ["ada@work.example"]


def test_an_unknown_user_on_a_server_is_an_error_naming_the_command_that_adds_it(
    tb, server, settings
):
    tb("user", "add", "ada", "--password-stdin", input=STRONG + "\n")
    settings.TIEBOOK_USER = "nobody"
    result = tb("list")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "Error: There is no account 'nobody' in this tiebook. "
        "Add it with 'tiebook user add nobody', or set TIEBOOK_USER to an account.\n"
    )
    assert usernames() == ["ada"]


def test_an_unknown_user_on_a_server_makes_no_account_in_any_command(tb, server, settings):
    settings.TIEBOOK_USER = "nobody"
    for command in (["me"], ["add", "Grace Hopper"], ["due"], ["demo", "-n", "3"]):
        assert tb(*command).exit_code == 1, command
    assert usernames() == []


def test_init_on_a_server_makes_the_database_but_no_account(tb, server):
    result = tb("init")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1] == (
        "Server mode: add each account with 'tiebook user add NAME'."
    )
    assert tb.json("init")["account"] is None
    assert usernames() == []


def test_a_known_user_on_a_server_works_on_their_network(tb, server, settings):
    tb("user", "add", "ada", "--password-stdin", input=STRONG + "\n")
    settings.TIEBOOK_USER = "ada"
    assert tb("add", "Grace Hopper").exit_code == 0
    listed = tb.json("list")
    assert [p["name"] for p in listed["people"]] == ["Grace Hopper"]

"""Signing in and out in the browser: links locally, passwords on a server, throttled."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import re
import sys

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from tests.factories import frozen
from tiebook.accounts.models import SignInToken
from tiebook.accounts.services import signin_link_create
from tiebook.config import default_database_url

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
TODAY_URL = "/"  # where Today lives; LOGIN_REDIRECT_URL names it


@pytest.fixture(autouse=True)
def clock():
    cache.clear()  # throttling counts live in the cache
    with frozen() as traveller:
        yield traveller
    cache.clear()


@pytest.fixture
def server(settings, owner, outsider):
    settings.TIEBOOK_MODE = "server"
    for user in (owner, outsider):
        user.set_password(PASSWORD)
        user.save()


def link_path(user) -> str:
    return signin_link_create(user=user, base_url="")


def shown_command(page: str) -> str:
    """The command the page tells the user to run, as they would copy it."""
    match = re.search(r'<code class="command">(.*?)</code>', page)
    assert match, page
    return html.unescape(match.group(1))


def signed_in_as(client: Client):
    return client.session.get("_auth_user_id")


def sign_in(client: Client, username: str = "me", password: str = PASSWORD, **extra):
    return client.post(
        reverse("accounts:login"), {"username": username, "password": password, **extra}
    )


def test_today_is_where_signing_in_leads():
    assert reverse(django_settings.LOGIN_REDIRECT_URL) == TODAY_URL


def test_pages_send_a_signed_out_browser_to_the_sign_in_page(client):
    response = client.get(TODAY_URL)
    assert response.status_code == 302
    assert response.headers["Location"] == "/login?next=/"


# Local mode: sign-in links


def test_a_sign_in_link_signs_the_browser_in_and_goes_to_today(client, owner):
    response = client.get(link_path(owner))
    assert response.status_code == 302
    assert response.headers["Location"] == TODAY_URL
    assert signed_in_as(client) == str(owner.pk)


def test_a_sign_in_link_signs_in_its_own_user_only(client, owner, outsider):
    client.force_login(outsider)
    client.get(link_path(owner))
    assert signed_in_as(client) == str(owner.pk)


def test_a_used_link_is_refused_with_a_sentence(client, owner):
    path = link_path(owner)
    client.get(path)
    other = Client()
    response = other.get(path)
    assert response.status_code == 400
    assert response.templates[0].name == "accounts/signin_failed.html"
    sentence = "This sign-in link has already been used."
    assert str(response.context["error"]) == sentence
    assert escape(sentence) in response.content.decode()
    assert signed_in_as(other) is None


def test_an_expired_link_is_refused(client, owner, clock):
    path = link_path(owner)
    clock.shift(dt.timedelta(hours=24, minutes=1))
    response = client.get(path)
    assert response.status_code == 400
    assert escape("This sign-in link has expired.") in response.content.decode()
    assert signed_in_as(client) is None


def test_an_unknown_link_is_refused(client, owner):
    response = client.get("/signin/made-up-token")
    assert response.status_code == 400
    assert escape("This sign-in link is not valid.") in response.content.decode()
    assert signed_in_as(client) is None


@pytest.fixture
def venv(tmp_path, monkeypatch):
    """The server runs from a virtual environment whose bin/ holds the tiebook script."""
    bin_dir = tmp_path / "venv" / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / "tiebook").write_text("#!/bin/sh\n")
    (bin_dir / "tiebook").chmod(0o755)
    monkeypatch.setattr(sys, "executable", str(bin_dir / "python"))
    monkeypatch.setenv("PATH", f"{bin_dir}:/usr/bin:/bin")
    return bin_dir


@pytest.fixture
def demo_home(settings, tmp_path, venv):
    """The server runs on a network in its own data directory, as `make run` starts the demo."""
    home = tmp_path / "my demo"
    settings.CONFIG = dataclasses.replace(
        settings.CONFIG, home=home, database_url=default_database_url(home), user="me"
    )
    return home


def test_a_refused_link_shows_the_command_that_prints_a_new_one_for_this_server(
    client, owner, demo_home
):
    response = client.get("/signin/made-up-token", HTTP_HOST="127.0.0.1:8765")
    page = response.content.decode()
    assert response.status_code == 400
    command = f"TIEBOOK_HOME='{demo_home}' tiebook login-link --port 8765"
    assert "For a new one, run this in a terminal on this computer:" in page
    assert shown_command(page) == command
    assert "<code>tiebook login-link</code>" not in page


def test_the_command_names_the_database_account_and_host_when_they_are_not_the_default(
    client, owner, demo_home, settings
):
    settings.CONFIG = dataclasses.replace(
        settings.CONFIG,
        database_url="postgresql://ada:s3cret@db.internal:5432/tiebook",
        user="ada",
    )
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "192.168.1.20"]
    response = client.get("/signin/made-up-token", HTTP_HOST="192.168.1.20:8000")
    assert shown_command(response.content.decode()) == (
        f"TIEBOOK_HOME='{demo_home}' "
        "TIEBOOK_DATABASE_URL=postgresql://ada:PASSWORD@db.internal:5432/tiebook "
        "TIEBOOK_USER=ada tiebook login-link --host 192.168.1.20"
    )
    assert "s3cret" not in response.content.decode()


def test_the_command_gives_the_full_path_of_tiebook_when_the_shell_would_not_find_it(
    client, owner, demo_home, venv, monkeypatch
):
    monkeypatch.setenv("PATH", "/usr/bin:/bin")
    response = client.get("/signin/made-up-token", HTTP_HOST="127.0.0.1:8000")
    assert shown_command(response.content.decode()) == (
        f"TIEBOOK_HOME='{demo_home}' {venv / 'tiebook'} login-link"
    )


def test_a_refused_link_on_a_server_sends_to_the_sign_in_page_without_a_command(
    client, owner, settings
):
    settings.TIEBOOK_MODE = "server"
    page = client.get("/signin/made-up-token").content.decode()
    assert "login-link" not in page
    assert f'<a href="{reverse("accounts:login")}">Sign in</a> with your account.' in page


def test_a_sign_in_link_cannot_be_posted(client, owner):
    path = link_path(owner)
    assert client.post(path).status_code == 405
    assert SignInToken.objects.get().used_at is None


def test_the_local_login_page_explains_the_link_and_has_no_form(client, demo_home):
    response = client.get(reverse("accounts:login"), HTTP_HOST="127.0.0.1:8000")
    page = response.content.decode()
    assert response.status_code == 200
    assert "tiebook runs on this computer for you alone." in page
    assert shown_command(page) == f"TIEBOOK_HOME='{demo_home}' tiebook login-link"
    assert 'name="password"' not in page


def test_passwords_are_not_accepted_in_local_mode(client, owner):
    owner.set_password(PASSWORD)
    owner.save()
    response = sign_in(client)
    assert response.status_code == 200
    assert signed_in_as(client) is None


# Server mode: passwords


def test_the_server_login_page_has_a_labelled_form_with_csrf(client, server):
    page = client.get(reverse("accounts:login")).content.decode()
    assert '<form method="post"' in page
    assert '<label for="id_username">' in page
    assert '<label for="id_password">' in page
    assert 'name="csrfmiddlewaretoken"' in page


def test_it_signs_in_with_the_right_password(client, server, owner):
    response = sign_in(client)
    assert response.status_code == 302
    assert response.headers["Location"] == TODAY_URL
    assert signed_in_as(client) == str(owner.pk)


def test_it_refuses_a_wrong_password_with_a_message_by_the_form(client, server):
    response = sign_in(client, password="wrong password")
    page = response.content.decode()
    assert response.status_code == 200
    assert '<p class="error" role="alert">Please enter a correct username and password.' in page
    assert 'value="me"' in page  # the username stays filled in
    assert signed_in_as(client) is None


def test_it_shows_a_missing_field_beside_that_field(client, server):
    page = sign_in(client, password="").content.decode()
    assert '<span class="error">This field is required.</span>' in page


def test_it_refuses_a_form_without_its_csrf_token(server):
    strict = Client(enforce_csrf_checks=True)
    assert sign_in(strict).status_code == 403
    assert signed_in_as(strict) is None


def test_it_goes_to_next_when_it_is_on_this_site(client, server):
    response = sign_in(client, next="/people/")
    assert response.headers["Location"] == "/people/"


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "http://testserver.evil.example/",
        "/\\evil.example/",
        "/\t/evil.example/",
        "javascript:alert(1)",
        "people",
    ],
)
def test_it_ignores_a_next_that_leaves_the_site(client, server, target):
    response = sign_in(client, next=target)
    assert response.status_code == 302
    assert response.headers["Location"] == TODAY_URL


def test_it_does_not_carry_a_foreign_next_into_the_form(client, server):
    page = client.get(reverse("accounts:login"), {"next": "https://evil.example/"})
    assert "evil.example" not in page.content.decode()


# Throttling


def test_it_stops_checking_passwords_after_five_failures(client, server, owner, monkeypatch):
    for _ in range(5):
        assert sign_in(client, password="wrong password").status_code == 200

    def no_password_check(*args, **kwargs):
        raise AssertionError("the password was checked")

    monkeypatch.setattr("django.contrib.auth.forms.authenticate", no_password_check)
    response = sign_in(client)
    assert response.status_code == 429
    assert (
        '<p class="error" role="alert">Too many failed attempts; try again in 15 minutes.</p>'
        in (response.content.decode())
    )
    assert signed_in_as(client) is None


def test_it_counts_down_the_minutes_left(client, server, clock):
    for _ in range(5):
        sign_in(client, password="wrong password")
    clock.shift(dt.timedelta(minutes=14))
    assert "try again in 1 minute." in sign_in(client).content.decode()


def test_it_lets_the_user_try_again_after_15_minutes(client, server, owner, clock):
    for _ in range(5):
        sign_in(client, password="wrong password")
    clock.shift(dt.timedelta(minutes=15))
    assert sign_in(client).status_code == 302
    assert signed_in_as(client) == str(owner.pk)


def test_it_throttles_per_username_and_address(client, server, outsider):
    for _ in range(5):
        sign_in(client, password="wrong password")
    assert sign_in(client, username="outsider").status_code == 302
    assert signed_in_as(client) == str(outsider.pk)
    elsewhere = Client(REMOTE_ADDR="192.0.2.7")
    assert sign_in(elsewhere).status_code == 302


def test_a_success_clears_the_failures(client, server, owner):
    for _ in range(4):
        sign_in(client, password="wrong password")
    sign_in(client)
    client.post(reverse("accounts:logout"))
    for _ in range(4):
        sign_in(client, password="wrong password")
    assert sign_in(client).status_code == 302


# Signing out


def test_signing_out_needs_a_post(client, owner):
    client.force_login(owner)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert signed_in_as(client) == str(owner.pk)


def test_signing_out_ends_the_session_and_goes_to_the_login_page(client, owner):
    client.force_login(owner)
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert response.headers["Location"] == reverse("accounts:login")
    assert signed_in_as(client) is None
    assert client.get(TODAY_URL).status_code == 302

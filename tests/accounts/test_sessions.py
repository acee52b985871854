"""Sessions as a copy of the database shows them: no key that works as a cookie."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session as DjangoSession
from django.db import connection
from django.test import Client
from django.urls import reverse

from tiebook.accounts.models import HashedSession

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


@pytest.fixture
def signed_in(settings, owner) -> Client:
    settings.TIEBOOK_MODE = "server"
    owner.set_password(PASSWORD)
    owner.save()
    browser = Client()
    response = browser.post(reverse("accounts:login"), {"username": "me", "password": PASSWORD})
    assert response.status_code == 302
    return browser


def database_text() -> str:
    """Every session row as text, as someone reading a copy of the database would see it."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT session_key, session_data FROM accounts_hashedsession")
        return repr(cursor.fetchall())


def test_a_session_key_read_from_the_database_does_not_sign_in(signed_in):
    stored = HashedSession.objects.get().session_key
    thief = Client()
    thief.cookies[settings.SESSION_COOKIE_NAME] = stored
    response = thief.get("/")
    assert response.status_code == 302
    assert response.headers["Location"] == "/login?next=/"
    assert signed_in.get("/").status_code == 200  # the browser's own cookie still works


def test_the_cookie_value_is_nowhere_in_the_database(signed_in):
    cookie = signed_in.cookies[settings.SESSION_COOKIE_NAME].value
    assert cookie not in database_text()
    assert not DjangoSession.objects.exists()  # Django's plain-key table stays empty


def test_signing_out_deletes_the_session_row(signed_in):
    signed_in.post(reverse("accounts:logout"))
    assert not HashedSession.objects.exists()
    assert signed_in.get("/").status_code == 302


def test_a_new_session_key_at_sign_in_leaves_one_row(signed_in):
    signed_in.post(reverse("accounts:login"), {"username": "me", "password": PASSWORD})
    assert HashedSession.objects.count() == 1
    assert signed_in.get("/").status_code == 200

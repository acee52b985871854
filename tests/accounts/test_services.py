"""Sign-in links and password accounts: one-time, hashed, expiring, validated."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from tests.factories import NOW, frozen
from tiebook.accounts.models import SignInToken
from tiebook.accounts.selectors import usernames_list
from tiebook.accounts.services import signin_link_create, signin_token_consume, user_create
from tiebook.core.errors import Conflict, NotFound, ValidationError

pytestmark = pytest.mark.django_db

BASE = "http://127.0.0.1:8000"
STRONG = "correct horse battery staple"


@pytest.fixture(autouse=True)
def clock():
    with frozen() as traveller:
        yield traveller


@pytest.fixture
def server(settings):
    settings.TIEBOOK_MODE = "server"


def token_of(link: str) -> str:
    prefix = f"{BASE}/signin/"
    assert link.startswith(prefix)
    return link.removeprefix(prefix)


def test_it_makes_a_link_under_the_base_url_with_a_long_random_token(owner):
    first = token_of(signin_link_create(user=owner, base_url=BASE))
    second = token_of(signin_link_create(user=owner, base_url=BASE + "/"))
    assert len(first) >= 43
    assert first != second


def test_it_stores_only_the_tokens_hash(owner):
    token = token_of(signin_link_create(user=owner, base_url=BASE))
    row = SignInToken.objects.get()
    assert row.token_hash == hashlib.sha256(token.encode()).hexdigest()
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM accounts_signintoken")
        stored = " ".join(str(value) for row in cursor.fetchall() for value in row)
    assert token not in stored


def test_it_makes_links_valid_for_24_hours(owner):
    signin_link_create(user=owner, base_url=BASE)
    row = SignInToken.objects.get()
    assert (row.created_at, row.expires_at, row.used_at) == (
        NOW,
        NOW + dt.timedelta(hours=24),
        None,
    )


def test_it_signs_in_the_links_user_and_spends_the_token(owner):
    token = token_of(signin_link_create(user=owner, base_url=BASE))
    assert signin_token_consume(token=token) == owner
    assert SignInToken.objects.get().used_at == NOW


def test_it_accepts_a_token_only_once(owner):
    token = token_of(signin_link_create(user=owner, base_url=BASE))
    signin_token_consume(token=token)
    with pytest.raises(ValidationError) as raised:
        signin_token_consume(token=token)
    assert str(raised.value) == "This sign-in link has already been used."


def test_it_accepts_a_token_until_just_before_it_expires(owner, clock):
    token = token_of(signin_link_create(user=owner, base_url=BASE))
    clock.shift(dt.timedelta(hours=24) - dt.timedelta(seconds=1))
    assert signin_token_consume(token=token) == owner


def test_it_refuses_an_expired_token_and_leaves_it_unused(owner, clock):
    token = token_of(signin_link_create(user=owner, base_url=BASE))
    clock.shift(dt.timedelta(hours=24))
    with pytest.raises(ValidationError) as raised:
        signin_token_consume(token=token)
    assert str(raised.value) == "This sign-in link has expired."
    assert SignInToken.objects.get().used_at is None


def test_it_refuses_an_unknown_token(owner):
    signin_link_create(user=owner, base_url=BASE)
    with pytest.raises(NotFound) as raised:
        signin_token_consume(token="not-a-token")
    assert str(raised.value) == "This sign-in link is not valid."


def test_it_refuses_sign_in_links_in_server_mode(owner, server):
    with pytest.raises(ValidationError, match="Sign-in links are for local mode"):
        signin_link_create(user=owner, base_url=BASE)
    assert not SignInToken.objects.exists()


def test_it_creates_a_user_with_an_argon2_password(server):
    user = user_create(username="  ada ", password=STRONG)
    user.refresh_from_db()
    assert user.username == "ada"
    assert user.password.startswith("argon2")
    assert user.check_password(STRONG)


def test_it_refuses_a_weak_password_with_the_validators_messages(server):
    with pytest.raises(ValidationError) as raised:
        user_create(username="ada", password="12345")
    assert str(raised.value) == (
        "This password is too short. It must contain at least 10 characters. "
        "This password is too common. This password is entirely numeric."
    )
    assert raised.value.field == "password"
    assert not get_user_model().objects.exists()


def test_it_refuses_a_password_like_the_username(server):
    with pytest.raises(ValidationError, match="too similar to the username"):
        user_create(username="adalovelace", password="adalovelace1")


def test_it_refuses_an_empty_username(server):
    with pytest.raises(ValidationError, match=r"A username cannot be empty\."):
        user_create(username="  ", password=STRONG)


def test_it_refuses_a_taken_username(server):
    user_create(username="ada", password=STRONG)
    with pytest.raises(Conflict, match=r"There is already an account 'ada'\."):
        user_create(username="ada", password=STRONG)
    assert get_user_model().objects.count() == 1


def test_it_refuses_password_accounts_in_local_mode():
    with pytest.raises(ValidationError, match="Accounts with passwords are for server mode"):
        user_create(username="ada", password=STRONG)
    assert not get_user_model().objects.exists()


def test_it_lists_usernames_alphabetically(django_user_model):
    for name in ("grace", "ada", "me"):
        django_user_model.objects.create(username=name)
    assert usernames_list() == ["ada", "grace", "me"]


def test_it_forgets_expired_links_when_it_makes_a_new_one(owner, clock):
    signin_link_create(user=owner, base_url=BASE)
    clock.shift(dt.timedelta(hours=25))
    token = token_of(signin_link_create(user=owner, base_url=BASE))
    assert list(SignInToken.objects.values_list("token_hash", flat=True)) == [
        hashlib.sha256(token.encode()).hexdigest()
    ]

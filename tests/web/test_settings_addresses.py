"""The owner's own email addresses on the Settings page: shown, added, removed, refused."""

from __future__ import annotations

import pytest

from tiebook.accounts.models import OwnAddress
from tiebook.accounts.selectors import own_addresses
from tiebook.accounts.services import own_addresses_set

pytestmark = pytest.mark.django_db


@pytest.fixture
def me(client, owner):
    own_addresses_set(
        owner=owner, add=["ada@work.example", "ada@home.example"], name="Ada Lovelace"
    )
    client.force_login(owner)
    return client


def save(client, *, name="Ada Lovelace", email="ada@work.example", addresses=""):
    return client.post("/settings/profile", {"name": name, "email": email, "addresses": addresses})


def addresses_of(user) -> list[str]:
    user.refresh_from_db()
    return own_addresses(owner=user)


def test_it_shows_my_other_addresses_beside_my_email(me):
    page = me.get("/settings/").content.decode()
    assert "Your other email addresses, one per line" in page
    assert 'value="ada@work.example"' in page
    assert ">\nada@home.example</textarea>" in page


def test_it_adds_addresses_normalised(me, owner):
    response = save(me, addresses="ada@home.example\nAda@Club.Example, ada@old.example")
    assert response.status_code == 302
    assert addresses_of(owner) == [
        "ada@work.example",
        "ada@club.example",
        "ada@home.example",
        "ada@old.example",
    ]
    assert ">\nada@club.example\nada@home.example\nada@old.example</textarea>" in (
        me.get("/settings/").content.decode()
    )


def test_it_removes_the_addresses_left_out(me, owner):
    assert save(me, addresses="").status_code == 302
    assert addresses_of(owner) == ["ada@work.example"]
    assert not OwnAddress.objects.filter(owner=owner).exists()


def test_changing_my_email_keeps_it_first(me, owner):
    assert save(me, email="ada@new.example", addresses="ada@home.example").status_code == 302
    assert addresses_of(owner) == ["ada@new.example", "ada@home.example"]


def test_an_address_that_is_also_my_email_is_kept_once(me, owner):
    assert save(me, addresses="ada@work.example\nada@home.example").status_code == 302
    assert addresses_of(owner) == ["ada@work.example", "ada@home.example"]
    assert list(OwnAddress.objects.values_list("email", flat=True)) == ["ada@home.example"]


def test_without_an_email_my_first_other_address_becomes_it(me, owner):
    assert save(me, email="", addresses="ada@home.example\nada@club.example").status_code == 302
    assert addresses_of(owner) == ["ada@home.example", "ada@club.example"]
    assert owner.email == "ada@home.example"


def test_a_malformed_address_is_refused_beside_the_field_and_nothing_is_written(me, owner):
    response = save(me, name="Someone Else", addresses="ada@home.example\nnot-an-address\nx@")
    assert response.status_code == 422
    page = response.content.decode()
    assert page.count('class="error"') == 1
    assert "&#x27;not-an-address&#x27; is not an email address." in page
    error_at = page.index("is not an email address.")
    assert page.rindex('name="addresses"', 0, error_at) > page.rindex('name="email"', 0, error_at)
    assert addresses_of(owner) == ["ada@work.example", "ada@home.example"]
    assert owner.first_name == "Ada Lovelace"


def test_a_malformed_email_writes_none_of_the_addresses(me, owner):
    response = save(me, email="ada@", addresses="ada@club.example")
    assert response.status_code == 422
    assert "&#x27;ada@&#x27; is not an email address." in response.content.decode()
    assert addresses_of(owner) == ["ada@work.example", "ada@home.example"]


def test_it_never_shows_another_owners_addresses(me, outsider):
    own_addresses_set(owner=outsider, add=["eve@outside.example", "eve@secret.example"])
    page = me.get("/settings/").content.decode()
    assert "outside.example" not in page
    assert "secret.example" not in page


def test_saving_mine_leaves_another_owners_addresses_alone(me, owner, outsider):
    own_addresses_set(owner=outsider, add=["eve@outside.example", "ada@home.example"])
    assert save(me, addresses="").status_code == 302
    assert addresses_of(outsider) == ["eve@outside.example", "ada@home.example"]
    assert addresses_of(owner) == ["ada@work.example"]

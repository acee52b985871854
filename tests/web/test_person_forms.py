"""The add and edit person forms: every field's error at once, values kept, internal addresses."""

from __future__ import annotations

import pytest

from tests.factories import frozen
from tiebook.people.models import ContactPoint, Person

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with frozen():
        yield


@pytest.fixture
def me(client, owner):
    client.force_login(owner)
    return client


def test_the_add_form_takes_an_address_at_an_internal_domain(me):
    response = me.post("/people/new", {"name": "Bob Builder", "emails": "bob@corp.local"})
    person = Person.objects.get()
    assert response["Location"] == f"/people/{person.pk}/"
    assert list(ContactPoint.objects.values_list("value", flat=True)) == ["bob@corp.local"]
    assert "bob@corp.local" in me.get(response["Location"]).content.decode()

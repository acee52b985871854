"""The add and edit person forms: every field's error at once, values kept, internal addresses."""

from __future__ import annotations

import pytest

from tests.factories import frozen, make_person
from tiebook.people.models import ContactPoint, Person

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with frozen():
        yield


def test_the_add_form_takes_an_address_at_an_internal_domain(me):
    response = me.post("/people/new", {"name": "Bob Builder", "emails": "bob@corp.local"})
    person = Person.objects.get()
    assert response["Location"] == f"/people/{person.pk}/"
    assert list(ContactPoint.objects.values_list("value", flat=True)) == ["bob@corp.local"]
    assert "bob@corp.local" in me.get(response["Location"]).content.decode()


def _error_beside(page: str, field: str, message: str) -> None:
    """The message is shown once, after the field it is about and before the next field."""
    assert page.count(message) == 1, message
    field_at = page.index(f'name="{field}"')
    next_field = page.find('class="field', field_at)
    end = next_field if next_field != -1 else page.index("</form>")
    assert field_at < page.index(message) < end, (field, message)


FOUR_BAD = {
    "name": "",
    "organization": "Initech",
    "emails": "bob@",
    "phones": "call me",
    "every": "banana",
    "notes": "Met at the fair",
}


def test_every_bad_field_of_the_add_form_is_shown_at_once_with_what_was_typed(me):
    response = me.post("/people/new", FOUR_BAD)
    assert response.status_code == 422
    page = response.content.decode()
    _error_beside(page, "name", "A name cannot be empty.")
    _error_beside(page, "emails", "&#x27;bob@&#x27; is not an email address.")
    _error_beside(page, "phones", "&#x27;call me&#x27; is not a phone number.")
    _error_beside(
        page, "every", "&#x27;banana&#x27; is not a duration; write it like 30d, 2w, 3m or 1y."
    )
    assert 'value="Initech"' in page
    assert ">\nbob@</textarea>" in page
    assert ">\ncall me</textarea>" in page
    assert 'value="banana"' in page
    assert ">\nMet at the fair</textarea>" in page
    assert Person.objects.count() == 0


def test_every_bad_field_of_the_edit_form_is_shown_at_once_and_nothing_changes(me, owner):
    bob = make_person(owner, "Bob Builder", emails=["bob@builder.example"])
    response = me.post(
        f"/people/{bob.pk}/edit", {**FOUR_BAD, "emails": "bob@builder.example\nbob@"}
    )
    assert response.status_code == 422
    page = response.content.decode()
    _error_beside(page, "name", "A name cannot be empty.")
    _error_beside(page, "emails", "&#x27;bob@&#x27; is not an email address.")
    _error_beside(page, "phones", "&#x27;call me&#x27; is not a phone number.")
    _error_beside(page, "every", "&#x27;banana&#x27; is not a duration")
    assert ">\nbob@builder.example\nbob@</textarea>" in page
    bob.refresh_from_db()
    assert bob.display_name == "Bob Builder"
    assert bob.organization is None
    assert list(bob.contact_points.values_list("value", flat=True)) == ["bob@builder.example"]


def test_a_taken_email_on_the_web_points_at_the_add_anyway_box_not_a_command(me, owner):
    grace = make_person(owner, "Grace Hopper", emails=["grace@navy.example"])
    response = me.post("/people/new", {"name": "G. Hopper", "emails": "grace@navy.example"})
    assert response.status_code == 422
    page = response.content.decode()
    _error_beside(
        page,
        "emails",
        f"grace@navy.example already belongs to Grace Hopper (id {grace.pk}). "
        "Edit that person instead, or tick \u201cAdd anyway\u201d below.",
    )
    assert "--allow-duplicate" not in page
    assert '<label for="id_allow_duplicate">Add anyway: this is a different person</label>' in page


def test_a_taken_email_on_the_edit_form_offers_to_save_anyway(me, owner):
    make_person(owner, "Grace Hopper", emails=["grace@navy.example"])
    bob = make_person(owner, "Bob Builder")
    response = me.post(
        f"/people/{bob.pk}/edit", {"name": "Bob Builder", "emails": "grace@navy.example"}
    )
    page = response.content.decode()
    assert "Edit that person instead, or tick \u201cSave anyway\u201d below." in page
    assert "--allow-duplicate" not in page
    again = me.post(
        f"/people/{bob.pk}/edit",
        {"name": "Bob Builder", "emails": "grace@navy.example", "allow_duplicate": "on"},
    )
    assert again.status_code == 302
    assert list(bob.contact_points.values_list("value", flat=True)) == ["grace@navy.example"]


def test_the_add_form_shows_each_length_limit_beside_its_field(me):
    response = me.post(
        "/people/new",
        {"name": "A" * 5000, "organization": "O" * 201, "title": "T" * 251, "notes": "n" * 20_001},
    )
    assert response.status_code == 422
    page = response.content.decode()
    _error_beside(page, "name", "Name is too long: 5,000 characters, at most 250.")
    _error_beside(page, "organization", "Organisation is too long: 201 characters, at most 200.")
    _error_beside(page, "title", "Position or headline is too long: 251 characters, at most 250.")
    _error_beside(page, "notes", "Notes is too long: 20,001 characters, at most 20,000.")
    assert f'value="{"O" * 201}"' in page
    assert Person.objects.count() == 0


# Birthday and how you met


def test_the_add_form_takes_a_birthday_without_a_year_and_how_you_met(me):
    response = me.post(
        "/people/new",
        {"name": "Ada Lovelace", "birthday": "12-10", "how_met": "Babbage's salon"},
    )
    ada = Person.objects.get()
    assert response["Location"] == f"/people/{ada.pk}/"
    assert (ada.birthday_year, ada.birthday_month, ada.birthday_day) == (None, 12, 10)
    page = me.get(response["Location"]).content.decode()
    assert "<dt>Birthday</dt><dd>10 December</dd>" in page
    assert "<dt>How you met</dt><dd>Babbage&#x27;s salon</dd>" in page
    form = me.get(f"/people/{ada.pk}/edit").content.decode()
    assert 'name="birthday" value="12-10"' in form
    assert ">\nBabbage&#x27;s salon</textarea>" in form


def test_the_edit_form_changes_the_birthday_and_refuses_a_bad_one_beside_it(me, owner):
    ada = make_person(owner, "Ada Lovelace")
    saved = me.post(f"/people/{ada.pk}/edit", {"name": "Ada Lovelace", "birthday": "1815-12-10"})
    assert saved.status_code == 302
    assert "<dd>10 December 1815</dd>" in me.get(f"/people/{ada.pk}/").content.decode()
    refused = me.post(f"/people/{ada.pk}/edit", {"name": "Ada Lovelace", "birthday": "1815-02-30"})
    assert refused.status_code == 422
    _error_beside(
        refused.content.decode(),
        "birthday",
        "&#x27;1815-02-30&#x27; is not a birthday; write it as YYYY-MM-DD, or MM-DD without "
        "the year.",
    )
    ada.refresh_from_db()
    assert (ada.birthday_year, ada.birthday_month, ada.birthday_day) == (1815, 12, 10)


def test_an_imported_birthday_of_a_year_alone_survives_an_edit_of_something_else(me, owner):
    ada = make_person(owner, "Ada Lovelace")
    Person.objects.filter(pk=ada.pk).update(birthday_year=1815)
    form = me.get(f"/people/{ada.pk}/edit").content.decode()
    assert 'name="birthday" value="1815"' in form
    saved = me.post(
        f"/people/{ada.pk}/edit", {"name": "Ada Lovelace", "birthday": "1815", "notes": "Poet"}
    )
    assert saved.status_code == 302
    ada.refresh_from_db()
    assert (ada.birthday_year, ada.notes) == (1815, "Poet")


@pytest.mark.parametrize("every", ["99999999999d", "3000000d", "101y"])
def test_a_rhythm_over_100_years_is_an_error_beside_its_field(me, owner, every):
    response = me.post("/people/new", {"name": "Ada Lovelace", "every": every})
    assert response.status_code == 422
    message = f"&#x27;{every}&#x27; is longer than 100 years; write at most 36,500 days (100y)."
    _error_beside(response.content.decode(), "every", message)
    assert Person.objects.count() == 0
    grace = make_person(owner, "Grace Hopper")
    response = me.post(f"/people/{grace.pk}/edit", {"name": "Grace Hopper", "every": every})
    assert response.status_code == 422
    _error_beside(response.content.decode(), "every", message)
    grace.refresh_from_db()
    assert grace.interval_days is None

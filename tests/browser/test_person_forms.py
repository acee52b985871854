"""The person forms on a phone (390x844), as a new user meets them: errors, values, widths."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.test_flows import field
from tiebook.people.models import Person

pytestmark = pytest.mark.browser

PHONE_390 = {"width": 390, "height": 844}


@pytest.fixture
def phone_390(new_context, sign_in, owner):
    """A phone-sized page (390x844, mobile) signed in as the owner, on Today."""
    context = new_context(viewport=PHONE_390, is_mobile=True, has_touch=True)
    return sign_in(context.new_page(), owner)


def expect_error_beside(page, label: str, message: str) -> None:
    """The message is visible in the field's own box, right below its input, on screen."""
    box = page.locator(".field", has=field(page, label))
    error = box.locator(".error")
    expect(error).to_have_text(message)
    error.scroll_into_view_if_needed()
    expect(error).to_be_in_viewport()
    below, above = error.bounding_box(), field(page, label).bounding_box()
    assert 0 <= below["y"] - (above["y"] + above["height"]) < 80, label
    assert below["x"] >= 0, label
    assert below["x"] + below["width"] <= PHONE_390["width"], label


def test_four_mistakes_are_all_shown_beside_their_fields_after_one_submit(phone_390, owner):
    page = phone_390
    page.goto("/people/new")
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a person")
    field(page, "Organisation").fill("Initech")
    field(page, "Emails").fill("bob@")
    field(page, "Phones").fill("call me")
    field(page, "Follow up every").fill("banana")
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.get_by_role("button", name="Add", exact=True).click()
    assert answer.value.status == 422

    expect(page.locator(".field .error")).to_have_count(4)
    expect_error_beside(page, "Name", "A name cannot be empty.")
    expect_error_beside(page, "Emails", "'bob@' is not an email address.")
    expect_error_beside(page, "Phones", "'call me' is not a phone number.")
    expect_error_beside(
        page, "Follow up every", "'banana' is not a duration; write it like 30d, 2w, 3m or 1y."
    )
    expect(field(page, "Organisation")).to_have_value("Initech")
    expect(field(page, "Emails")).to_have_value("bob@")
    expect(field(page, "Phones")).to_have_value("call me")
    expect(field(page, "Follow up every")).to_have_value("banana")
    assert not Person.objects.filter(owner=owner).exists()

    field(page, "Name").fill("Bob Builder")
    field(page, "Emails").fill("bob@corp.local")
    field(page, "Phones").fill("+1 415 555 0100")
    field(page, "Follow up every").fill("3w")
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bob Builder")
    bob = Person.objects.get(owner=owner)
    assert bob.interval_days == 21
    assert bob.organization.name == "Initech"

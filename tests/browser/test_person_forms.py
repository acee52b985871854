"""The person forms on a phone (390x844), as a new user meets them: errors, values, widths."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.test_flows import field
from tests.factories import make_person
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


def page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_a_long_unbroken_name_and_organisation_fit_a_390px_phone(phone_390, owner):
    name = "Wolfeschlegelsteinhausenbergerdorff" * 4 + "x" * 10  # one 150-character word
    org = "Donaudampfschifffahrtselektrizitaetenhauptbetriebswerkbauunterbeamtengesellschaft" * 2
    assert len(name) == 150
    person = make_person(
        owner,
        name,
        types=["mentor"],
        organization=org,
        emails=[f"{'a' * 60}@{'b' * 60}.example.org"],
        headline="Chief" + "e" * 120,
        tags=["t" * 70],
    )
    page = phone_390
    widths = {}
    for path, heading in (
        ("/people/", "People"),
        (f"/people/{person.pk}/", name),
        (f"/people/{person.pk}/edit", f"Edit {name}"),
    ):
        page.goto(path)
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        widths[path] = page_width(page)
    page.goto("/people/")
    expect(page.get_by_role("link", name=name)).to_be_visible()
    wider = {path: width for path, width in widths.items() if width > PHONE_390["width"]}
    assert not wider, f"pages wider than 390px scroll sideways: {wider}"


def test_importing_a_file_with_a_long_unbroken_name_fits_a_390px_phone(phone_390, owner):
    file_name = "Contacts_" + "Exported" * 16 + ".vcf"  # 141 characters, no place to break
    page = phone_390
    widths = {}
    page.goto("/import/")
    field(page, "File").set_input_files(
        {
            "name": file_name,
            "mimeType": "text/vcard",
            "buffer": b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bob Builder\r\nEND:VCARD\r\n",
        }
    )
    page.get_by_role("button", name="Preview").click()
    expect(page.get_by_role("button", name="Confirm import")).to_be_visible()
    widths["preview"] = page_width(page)
    page.get_by_role("button", name="Confirm import").click()
    expect(page.get_by_role("button", name="Undo this import")).to_be_visible()
    widths["run"] = page_width(page)
    page.goto("/import/")
    expect(page.locator("ol.runs .run").first).to_contain_text(file_name)
    widths["/import/"] = page_width(page)
    wider = {path: width for path, width in widths.items() if width > PHONE_390["width"]}
    assert not wider, f"pages wider than 390px scroll sideways: {wider}"

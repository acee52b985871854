"""The main flows of the web app, tried as a person would, in Chromium against a live server."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from tests.factories import make_person, row_counts
from tiebook.accounts.services import signin_link_create, user_create
from tiebook.interactions.models import Interaction
from tiebook.people.models import ContactPoint, Person

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"
PHONE_WIDTH = 375


def day(value: dt.date) -> str:
    """A date as the pages print it: 30 Dec 2026."""
    return f"{value.day} {value:%b %Y}"


def field(page, label: str):
    """A form field by its label, which Django ends with a colon."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}:?$"))


def page_width(page) -> int:
    """How wide the page's content is: wider than the viewport means a sideways scroll."""
    return page.evaluate("document.documentElement.scrollWidth")


def results_count(page):
    return page.locator("#results > p.muted").first


# Signing in


def test_a_sign_in_link_signs_a_fresh_browser_in_once(new_context, live_server, owner):
    page = new_context().new_page()
    page.goto("/")
    expect(page).to_have_url(f"{live_server.url}/login?next=/")
    expect(page.get_by_role("heading", level=1, name="Sign in")).to_be_visible()

    link = signin_link_create(user=owner, base_url=live_server.url)
    page.goto(link)
    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("heading", level=1, name="Today")).to_be_visible()
    expect(page.get_by_role("navigation", name="Main")).to_contain_text("People")

    again = new_context().new_page()
    response = again.goto(link)
    assert response.status == 400
    expect(again.get_by_role("heading", level=1)).to_have_text("This link did not sign you in")
    expect(again.get_by_role("alert")).to_contain_text("already been used")
    again.goto("/")
    expect(again).to_have_url(f"{live_server.url}/login?next=/")


# Adding and editing


def test_adding_a_person_with_two_kinds_lands_on_their_page(signed_in_page, live_server, owner):
    page = signed_in_page
    page.get_by_role("navigation", name="Main").get_by_role("link", name="People").click()
    expect(page.get_by_role("heading", level=1, name="People")).to_be_visible()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Add").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a person")

    field(page, "Name").fill("Grace Hopper")
    kinds = page.get_by_role("group", name="Kinds of connection")
    kinds.get_by_label("mentor (personal)", exact=True).check()
    kinds.get_by_label("colleague (operational)", exact=True).check()
    field(page, "Emails").fill("grace@navy.example.org")
    page.get_by_role("button", name="Add", exact=True).click()

    person = Person.objects.get(owner=owner, display_name="Grace Hopper")
    expect(page).to_have_url(f"{live_server.url}/people/{person.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Grace Hopper")
    expect(page.get_by_role("status")).to_contain_text("Added Grace Hopper.")
    chips = page.locator(".person-head .chips")
    expect(chips).to_contain_text("mentor · personal")
    expect(chips).to_contain_text("colleague · operational")
    assert set(person.types.values_list("type", flat=True)) == {"mentor", "colleague"}
    assert person.next_due_on is not None
    followup = page.locator("#followup")
    expect(followup).to_contain_text(f"Next: {day(person.next_due_on)}.")
    expect(followup).to_contain_text("Every 30 days")  # a mentor's rhythm beats a colleague's
    expect(page.get_by_role("link", name="grace@navy.example.org")).to_have_attribute(
        "href", "mailto:grace@navy.example.org"
    )


def test_an_edit_with_a_malformed_email_is_refused_beside_the_field(
    signed_in_page, live_server, owner
):
    person = make_person(owner, "Ann Lee", emails=["ann@example.com"], types=["colleague"])
    before = row_counts()
    page = signed_in_page
    page.goto(f"/people/{person.pk}/")
    page.get_by_role("link", name="Edit", exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/people/{person.pk}/edit")
    expect(page.get_by_role("heading", level=1)).to_have_text("Edit Ann Lee")

    field(page, "Name").fill("Ann Lee-Smith")
    field(page, "Emails").fill("ann@example.com\nann at example")
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.get_by_role("button", name="Save").click()
    assert answer.value.status == 422
    emails_field = page.locator(".field", has=field(page, "Emails"))
    expect(emails_field.locator(".error")).to_have_text("'ann at example' is not an email address.")
    expect(field(page, "Emails")).to_have_value("ann@example.com\nann at example")
    expect(page.locator(".field .error")).to_have_count(1)  # beside Emails, nowhere else
    person.refresh_from_db()
    assert person.display_name == "Ann Lee"
    assert row_counts() == before

    field(page, "Emails").fill("ann@example.com\nann.lee@example.org")
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(f"{live_server.url}/people/{person.pk}/")
    expect(page.get_by_role("status")).to_contain_text("Saved Ann Lee-Smith.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ann Lee-Smith")
    expect(page.get_by_role("link", name="ann.lee@example.org")).to_be_visible()
    person.refresh_from_db()
    assert person.display_name == "Ann Lee-Smith"
    assert set(
        ContactPoint.objects.filter(person=person, kind="email").values_list("value", flat=True)
    ) == {"ann@example.com", "ann.lee@example.org"}


# Today: small actions update the row in place


def test_logging_a_touch_from_today_updates_the_row_in_place(signed_in_page, overdue):
    ada = overdue("Ada Lovelace")
    page = signed_in_page
    page.goto("/")
    row = page.locator(f"#due-{ada.pk}")
    expect(row).to_contain_text("overdue")
    page.evaluate("window.__marker = 1")

    row.get_by_label("What happened with Ada Lovelace").fill("Called about the engine talk")
    row.get_by_role("button", name="Log", exact=True).click()

    expect(row).to_have_class(re.compile(r"\bdone\b"))
    expect(row).to_contain_text("Logged: Called about the engine talk")
    ada.refresh_from_db()
    expect(row).to_contain_text(f"Next follow-up {day(ada.next_due_on)}.")
    assert page.evaluate("window.__marker") == 1  # the page was not reloaded
    assert Interaction.objects.filter(summary="Called about the engine talk").count() == 1


def test_snoozing_from_today_updates_the_row_in_place(signed_in_page, overdue, local_today):
    ada = overdue("Ada Lovelace")
    page = signed_in_page
    page.goto("/")
    row = page.locator(f"#due-{ada.pk}")
    page.evaluate("window.__marker = 1")

    row.get_by_label("Snooze Ada Lovelace for").select_option(label="2 weeks")
    row.get_by_role("button", name="Snooze").click()

    until = local_today + dt.timedelta(days=14)
    expect(row).to_contain_text(f"Snoozed until {day(until)}")
    expect(row).to_have_class(re.compile(r"\bdone\b"))
    assert page.evaluate("window.__marker") == 1
    ada.refresh_from_db()
    assert ada.snoozed_until == until


# People: search, filters, pages


def test_searching_filtering_and_paging_through_people(signed_in_page, live_server, owner):
    for n in range(1, 61):
        make_person(owner, f"Person {n:02d}", types=["colleague"])
    make_person(owner, "Zed Quinlan", types=["contractor"], organization="Acme Works")
    make_person(owner, "Yara Quist", types=["contractor", "friend"])
    page = signed_in_page
    page.goto("/people/")
    expect(results_count(page)).to_have_text("62 people.")
    page.evaluate("window.__marker = 1")

    page.get_by_label("Search").fill("quinlan")
    # Only the filters in use reach the address bar (sort always has a value).
    expect(page).to_have_url(re.compile(r"/people/\?q=quinlan&sort=name$"))
    expect(results_count(page)).to_have_text("1 person match.")
    expect(page.locator("#results tbody tr")).to_have_count(1)
    expect(page.locator("#results tbody")).to_contain_text("Zed Quinlan")

    page.get_by_label("Search").fill("acme")  # the organisation's name finds them too
    expect(page).to_have_url(re.compile(r"\?q=acme(&|$)"))
    expect(page.locator("#results tbody")).to_contain_text("Zed Quinlan")

    page.get_by_label("Search").fill("")
    expect(results_count(page)).to_have_text("62 people.")
    page.get_by_text("Filters and sorting").click()
    page.get_by_label("Kind", exact=True).select_option(label="contractor (strategic)")
    expect(page).to_have_url(re.compile(r"[?&]type=contractor(&|$)"))
    expect(results_count(page)).to_have_text("2 people match.")
    expect(page.locator("#results tbody tr")).to_have_count(2)
    expect(page.locator("#results tbody")).to_contain_text("Yara Quist")
    expect(page.locator("#results tbody")).not_to_contain_text("Person 01")
    assert page.evaluate("window.__marker") == 1  # all of it without a page load

    page.goto("/people/")
    pager = page.get_by_role("navigation", name="Pages")
    expect(pager).to_contain_text("Page 1 of 2")
    expect(page.locator("#results tbody tr")).to_have_count(50)
    pager.get_by_role("link", name="Next").click()
    expect(page).to_have_url(f"{live_server.url}/people/?page=2")
    expect(pager).to_contain_text("Page 2 of 2")
    expect(page.locator("#results tbody tr")).to_have_count(12)
    expect(page.locator("#results tbody")).to_contain_text("Person 60")
    expect(page.locator("#results tbody")).to_contain_text("Zed Quinlan")
    expect(page.locator("#results tbody")).not_to_contain_text("Person 50")
    pager.get_by_role("link", name="Previous").click()
    expect(page).to_have_url(f"{live_server.url}/people/?page=1")
    expect(page.locator("#results tbody")).to_contain_text("Person 01")


# A phone-sized screen


def test_today_and_a_person_fit_a_phone_screen(phone_page, overdue):
    ada = overdue(
        "Ada Lovelace",
        organization="Analytical Engine Society",
        emails=["ada.lovelace@analytical-engine.example.org"],
        urls=["https://www.linkedin.com/in/ada-lovelace-analytical-engine"],
        notes="Met at the Difference Engine demonstration; wants notes on Bernoulli numbers.",
    )
    page = phone_page
    widths = {}

    page.goto("/")
    expect(page.locator(f"#due-{ada.pk}")).to_be_visible()
    expect(page.get_by_label("What happened with Ada Lovelace")).to_be_visible()
    widths["/"] = page_width(page)

    page.get_by_role("link", name="Ada Lovelace").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ada Lovelace")
    expect(field(page, "What happened")).to_be_visible()
    widths[f"/people/{ada.pk}/"] = page_width(page)

    for path in ("/people/", "/people/new", f"/people/{ada.pk}/edit"):
        page.goto(path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        widths[path] = page_width(page)

    wider = {path: width for path, width in widths.items() if width > PHONE_WIDTH}
    assert not wider, f"pages wider than {PHONE_WIDTH}px scroll sideways: {wider}"


# Users see only their own network


def test_a_second_user_cannot_see_the_first_users_people(settings, new_context, live_server, owner):
    settings.TIEBOOK_MODE = "server"
    cache.clear()  # login throttling counts live in the cache
    owner.set_password(PASSWORD)
    owner.save()
    ada = make_person(owner, "Ada Lovelace", types=["mentor"])
    sam = user_create(username="sam", password=PASSWORD)
    make_person(sam, "Sam's Contact", types=["friend"])

    def log_in(username):
        page = new_context().new_page()
        page.goto("/login")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        expect(page).to_have_url(f"{live_server.url}/")
        expect(page.get_by_role("heading", level=1, name="Today")).to_be_visible()
        return page

    mine = log_in("me")
    assert mine.goto(f"/people/{ada.pk}/").status == 200
    expect(mine.get_by_role("heading", level=1)).to_have_text("Ada Lovelace")

    theirs = log_in("sam")
    for path in (f"/people/{ada.pk}/", f"/people/{ada.pk}/edit", f"/people/{ada.pk}/delete"):
        response = theirs.goto(path)
        assert response.status == 404, path
        expect(theirs.get_by_role("heading", level=1)).to_have_text("Nothing here")
        expect(theirs.locator("main")).not_to_contain_text("Ada Lovelace")

    theirs.goto("/people/")
    expect(results_count(theirs)).to_have_text("1 person.")
    expect(theirs.locator("#results")).to_contain_text("Sam's Contact")
    expect(theirs.locator("#results")).not_to_contain_text("Ada Lovelace")
    theirs.goto("/people/?q=ada")
    expect(theirs.locator("#results")).to_contain_text("No one matches.")
    theirs.goto("/")
    expect(theirs.locator("main")).not_to_contain_text("Ada Lovelace")


# The keyboard


def test_the_keyboard_reaches_skip_to_content_first_with_a_visible_focus(
    signed_in_page, overdue, live_server
):
    ada = overdue("Ada Lovelace")
    page = signed_in_page
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()

    def focus_outline() -> str:
        return page.evaluate("getComputedStyle(document.activeElement).outlineStyle")

    assert focus_outline() != "none"
    summary = page.get_by_label("What happened with Ada Lovelace")
    for _ in range(30):  # on through the header and the row's controls to the quick-log input
        page.keyboard.press("Tab")
        assert focus_outline() != "none", page.evaluate("document.activeElement.outerHTML")
        if summary.evaluate("element => element === document.activeElement"):
            break
    expect(summary).to_be_focused()

    summary.fill("Phoned")
    page.keyboard.press("Enter")  # the form submits from the keyboard, in place
    expect(page.locator(f"#due-{ada.pk}")).to_contain_text("Logged: Phoned")
    expect(page).to_have_url(f"{live_server.url}/")

"""The map of the network in a real browser: it draws, filters, and a click opens a person."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.factories import log, make_person
from tiebook.people.services import relationship_add

pytestmark = pytest.mark.browser


@pytest.fixture
def network(owner):
    grace = make_person(owner, "Grace Hopper", types=["mentor"], circle=5)
    ada = make_person(owner, "Ada Lovelace", types=["colleague"])
    bo = make_person(owner, "Bo Chen", types=["financial_expert"])
    relationship_add(owner=owner, person=grace, other=ada, kind="knows")
    log(owner, [ada, bo], "Budget review")
    return {"grace": grace, "ada": ada, "bo": bo}


def drawn(page):
    box = page.locator("#network-map[data-ready=true]")
    expect(box).to_have_count(1)
    return box


def test_the_map_draws_everyone_filters_and_opens_a_person_on_click(signed_in_page, network):
    page = signed_in_page
    page.goto("/insights/map/")

    box = drawn(page)
    expect(box).to_have_attribute("data-nodes", "3")
    assert page.evaluate("document.getElementById('network-map').cy.edges().length") == 2

    page.get_by_label("Category").select_option("strategic")
    page.get_by_role("button", name="Show").click()
    box = drawn(page)
    expect(box).to_have_attribute("data-nodes", "1")
    expect(page.locator("#map-summary")).to_contain_text("1 person, 0 links")

    page.get_by_label("Category").select_option("")
    page.get_by_label("Circle").select_option("5")
    page.get_by_role("button", name="Show").click()
    box = drawn(page)
    expect(box).to_have_attribute("data-nodes", "1")
    grace = network["grace"]
    point = page.evaluate(
        f"document.getElementById('network-map').cy.getElementById('{grace.pk}').renderedPosition()"
    )
    corner = box.bounding_box()
    page.mouse.click(corner["x"] + point["x"], corner["y"] + point["y"])
    expect(page).to_have_url(f"{page.url.split('/insights')[0]}/people/{grace.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Grace Hopper")


def test_keyboard_users_get_the_people_as_a_list_of_links(signed_in_page, network):
    page = signed_in_page
    page.goto("/insights/map/")
    drawn(page)

    page.get_by_text("The people on the map as a list").click()
    page.get_by_role("link", name="Bo Chen").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Bo Chen")


def test_accepting_the_suggested_circle_moves_the_follow_up_in_place(signed_in_page, owner):
    page = signed_in_page
    ann = make_person(owner, "Ann Lee", types=["colleague"])
    log(owner, ann, "Coffee")
    page.goto(f"/people/{ann.pk}/")
    followup = page.locator("#followup")
    expect(followup).to_contain_text("Every 60 days")

    followup.get_by_role("button", name="Accept circle 150").click()

    expect(followup.get_by_role("status")).to_contain_text("In circle 150: next follow-up")
    expect(followup).to_contain_text("Every 365 days")
    ann.refresh_from_db()
    assert ann.circle == 150

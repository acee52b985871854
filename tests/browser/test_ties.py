"""Who knows whom on a phone (375x812): relating two people with the picker, one-handed."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.test_flows import page_width
from tests.factories import make_person
from tiebook.followups.models import Nudge
from tiebook.people.models import Relationship

pytestmark = pytest.mark.browser


def test_relating_two_people_with_the_picker_on_a_phone(phone_page, owner):
    page = phone_page
    ada = make_person(owner, "Ada Lovelace")
    grace = make_person(owner, "Grace Hopper", organization="US Navy")
    make_person(owner, "Grace Kelly")
    page.goto(f"/people/{ada.pk}/")
    ties = page.locator("#ties")
    ties.get_by_text("Add a tie").click()
    ties.get_by_label("Ada Lovelace…").select_option("reports-to")
    ties.get_by_label("…whom").fill("grace")
    offered = ties.locator("#tie-results label.pick")
    expect(offered).to_have_count(2)
    expect(offered.first).to_contain_text("Grace Hopper")
    assert offered.first.bounding_box()["height"] >= 44  # a thumb's worth
    offered.first.click()
    ties.get_by_role("button", name="Add tie").click()
    expect(ties.get_by_role("status")).to_have_text("Ada Lovelace reports to Grace Hopper.")
    expect(ties.get_by_role("link", name="Grace Hopper")).to_be_visible()
    assert page_width(page) <= 375
    tie = Relationship.objects.get(owner=owner)
    assert (tie.from_person_id, tie.to_person_id, tie.kind) == (ada.pk, grace.pk, "reports_to")

    ties.get_by_role("button", name="Remove: reports to Grace Hopper").click()
    expect(ties.get_by_role("status")).to_have_text("Removed: reports to Grace Hopper.")
    assert not Relationship.objects.filter(owner=owner).exists()


def test_introducing_two_people_on_a_phone(phone_page, owner):
    page = phone_page
    ada = make_person(owner, "Ada Lovelace")
    make_person(owner, "Alan Turing")
    page.goto(f"/people/{ada.pk}/")
    ties = page.locator("#ties")
    ties.get_by_text("Introduce to…").click()
    ties.get_by_label("Introduce Ada Lovelace to").fill("alan")
    expect(ties.locator("#intro-results label.pick")).to_have_count(1)
    ties.get_by_label("Why they should meet").fill("both work on compilers")
    ties.get_by_role("button", name="Record the introduction").click()
    expect(ties.get_by_role("status")).to_contain_text("You introduced Ada Lovelace to Alan Turing")
    expect(ties.get_by_role("link", name="Alan Turing")).to_be_visible()
    assert Nudge.objects.filter(owner=owner, source="intro").count() == 2

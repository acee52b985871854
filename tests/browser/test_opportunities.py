"""The opportunity board in Chromium at phone width: moving an opportunity along with a tap."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tiebook.opportunities.models import Opportunity
from tiebook.opportunities.services import opportunity_create

pytestmark = pytest.mark.browser


def test_moving_an_opportunity_on_the_board_at_phone_width(phone_page, owner):
    opp = opportunity_create(owner=owner, title="Staff engineer", organization="Acme")
    page = phone_page
    page.goto("/opportunities/")
    idea = page.locator(".stage-column", has=page.locator("h2", has_text="Idea"))
    expect(idea.locator(".opp-card")).to_have_count(1)
    page.get_by_role("button", name="Move Staff engineer on to exploring").click()
    exploring = page.locator(".stage-column", has=page.locator("h2", has_text="Exploring"))
    expect(exploring.locator(".opp-card", has_text="Staff engineer")).to_be_visible()
    expect(page.get_by_role("status")).to_have_text("Moved Staff engineer from idea to exploring.")
    page.get_by_role("button", name="Move Staff engineer on to referral asked").click()
    expect(page.get_by_role("status")).to_contain_text("to referral asked")
    page.get_by_role("button", name="Move Staff engineer back to exploring").click()
    expect(page.get_by_role("status")).to_contain_text("from referral asked to exploring")
    assert Opportunity.objects.get(pk=opp.pk).stage == "exploring"
    # Nothing sticks out sideways on a phone: the board stacks its stages.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375
    card = exploring.locator(".opp-card").bounding_box()
    assert card["width"] <= 375

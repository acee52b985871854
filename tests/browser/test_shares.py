"""Logging a knowledge share on a phone and sharing it with a suggested person in one tap."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE
from tests.browser.test_flows import field, page_width
from tests.factories import make_person
from tiebook.interactions.models import KnowledgeShare

pytestmark = pytest.mark.browser


def test_logging_a_share_shows_who_else_it_helps_and_shares_with_them(phone_page, owner):
    make_person(owner, "Grace Hopper", types=["mentor"])
    make_person(owner, "Ada Lovelace", types=["colleague"])
    linus = make_person(owner, "Linus Torvalds", tags=["security"])
    page = phone_page
    page.get_by_role("navigation").get_by_role("link", name="Shares").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Knowledge shared")
    field(page, "What you shared").fill("Threat modelling checklist")
    field(page, "Link").fill("https://threats.example/checklist")
    field(page, "Topics").fill("security")
    field(page, "With").fill("grace\nada")
    page.get_by_role("button", name="Log it").click()

    result = page.locator(".share-result")
    expect(result).to_contain_text("Shared: Threat modelling checklist with Grace Hopper, Ada")
    suggestion = page.locator(f"#suggestion-{linus.pk}")
    expect(suggestion).to_contain_text("Linus Torvalds")
    expect(suggestion).to_contain_text("tag: security")
    assert page_width(page) <= PHONE["width"]

    suggestion.get_by_role("button", name="Share with them too").click()
    expect(page.locator(f"#suggestion-{linus.pk}")).to_contain_text("Shared")
    assert KnowledgeShare.objects.filter(owner=owner, person=linus).count() == 1
    assert KnowledgeShare.objects.filter(owner=owner).count() == 3


def test_a_name_that_matches_no_one_is_shown_beside_the_field(phone_page, owner):
    make_person(owner, "Grace Hopper", types=["mentor"])
    page = phone_page
    page.goto("/shares/")
    field(page, "What you shared").fill("Threat modelling checklist")
    field(page, "With").fill("grace, nobody")
    page.get_by_role("button", name="Log it").click()
    error = page.locator(".field", has=field(page, "With")).locator(".error")
    expect(error).to_contain_text("No one matches 'nobody'")
    expect(field(page, "What you shared")).to_have_value("Threat modelling checklist")
    assert not KnowledgeShare.objects.filter(owner=owner).exists()

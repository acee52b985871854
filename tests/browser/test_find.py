"""Who can help, asked from Today on a phone: the answer opens the right person."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.test_flows import page_width
from tests.factories import make_person
from tiebook.search import semantic

pytestmark = pytest.mark.browser


def test_asking_who_can_help_from_today_on_a_phone(phone_page, owner, monkeypatch):
    monkeypatch.setattr(semantic, "available", lambda: False)  # words only: quick and exact
    page = phone_page
    ines = make_person(owner, "Ines Duarte", notes="Files my VAT returns every quarter")
    make_person(owner, "Paul Okafor", expertise=["payroll"])
    page.goto("/")
    page.get_by_label("Who can help with…").fill("taxes")
    page.get_by_role("button", name="Find").click()
    answers = page.locator("ol.find-results > li")
    expect(answers).to_have_count(1)
    expect(answers.first).to_contain_text("Files my VAT returns")
    expect(answers.first.locator("mark")).to_have_text("VAT")
    assert page_width(page) <= 375
    answers.first.get_by_role("link", name="Ines Duarte").click()
    expect(page).to_have_url(f"{page.url.split('/people/')[0]}/people/{ines.pk}/")

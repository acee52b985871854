"""Who could refer me, in Chromium on a phone: pick an organisation as you type, read the paths."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.factories import make_person
from tiebook.people.models import Person, Relationship

pytestmark = pytest.mark.browser


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_picking_an_organisation_and_reading_who_could_refer_me_on_a_phone(phone_page, owner):
    li = make_person(owner, "Li Wei", organization="Acme Robotics")
    ana = make_person(owner, "Ana Silva")
    Relationship.objects.create(owner=owner, from_person=ana, to_person=li)
    Person.objects.filter(pk=li.pk).update(tie_strength=35)
    page = phone_page
    page.goto("/insights/refer/")
    page.get_by_label("Organisation").fill("acme r")
    expect(page.locator("#refer-org-options option")).to_have_attribute("value", "Acme Robotics")
    page.get_by_label("Organisation").fill("Acme Robotics")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Who could refer me at Acme Robotics")
    rows = page.locator("#refer-results .due-row")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("Li Wei")
    expect(rows.nth(1)).to_contain_text("knows Li Wei at Acme Robotics")
    assert fits(page)
    rows.nth(1).get_by_role("link", name="Ana Silva").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ana Silva")

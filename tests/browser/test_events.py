"""Events in Chromium at phone width: "met someone" one-handed at an event."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.factories import make_person
from tiebook.events.models import EventPerson
from tiebook.events.services import EventInput, event_create

pytestmark = pytest.mark.browser


def test_met_someone_at_an_event_on_a_phone(phone_page, owner, local_today):
    event = event_create(owner=owner, data=EventInput(name="PyCon Lisbon", starts_on=local_today))
    make_person(owner, "Grace Hopper", emails=["grace@navy.example"])
    page = phone_page
    page.get_by_role("link", name="Events").click()
    page.get_by_role("link", name="PyCon Lisbon").click()
    form = page.locator("#event-met form")
    # The quick form is the first thing on the page, and fits the phone's width.
    heading = page.get_by_role("heading", name="Met someone").bounding_box()
    assert heading["y"] < 400
    name = form.get_by_label("Name")
    box = name.bounding_box()
    assert box["height"] >= 44
    assert box["x"] + box["width"] <= 375
    name.fill("Ada Byron")
    form.get_by_label("Organisation").fill("Analytical")
    form.get_by_label("Note").fill("Engines")
    form.get_by_role("button", name="Add").click()
    met = page.locator("#event-met .met-list")
    expect(met).to_contain_text("Ada Byron")
    expect(page.locator("#event-met")).to_contain_text("Added Ada Byron.")
    expect(page.locator("#event-met form").get_by_label("Name")).to_have_value("")
    # Someone already in the network is matched, not added twice.
    page.locator("#event-met form").get_by_label("Name").fill("Grace Hopper")
    page.locator("#event-met form").get_by_label("Email").fill("GRACE@navy.example")
    page.locator("#event-met form").get_by_role("button", name="Add").click()
    expect(page.locator("#event-met")).to_contain_text("Matched Grace Hopper.")
    expect(met).to_contain_text("Grace Hopper")
    assert EventPerson.objects.filter(event=event, role="met").count() == 2
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375

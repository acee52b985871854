"""Today and a person's page in Chromium: counts, promises, the timeline, their buttons."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_logging_in_place_updates_todays_counts(signed_in_page, overdue):
    page = signed_in_page
    overdue("Ada Lovelace")
    overdue("Grace Hopper")
    page.reload()
    counts = page.locator("#due-counts")
    expect(counts).to_have_text("2 overdue.")
    row = page.locator(".due-row", has_text="Ada Lovelace")
    row.get_by_label("What happened with Ada Lovelace").fill("Coffee")
    row.get_by_role("button", name="Log").click()
    expect(row).to_contain_text("Logged: Coffee")
    expect(counts).to_have_text("1 overdue.")
    grace = page.locator(".due-row", has_text="Grace Hopper")
    grace.get_by_label("Snooze Grace Hopper for").select_option(label="1 month")
    grace.get_by_role("button", name="Snooze").click()
    expect(grace).to_contain_text("Snoozed until")
    expect(counts).to_have_text("No one else is due this week.")


def test_archive_and_delete_sit_on_one_line_at_one_height(signed_in_page, owner):
    from tests.factories import make_person

    grace = make_person(owner, "Grace Hopper", types=["mentor"])
    page = signed_in_page
    page.goto(f"/people/{grace.pk}/")
    archive = page.get_by_role("button", name="Archive").bounding_box()
    delete = page.get_by_role("link", name="Delete…").bounding_box()
    assert archive["y"] == delete["y"]
    assert archive["height"] == delete["height"]

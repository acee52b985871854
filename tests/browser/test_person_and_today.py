"""Today and a person's page in Chromium: counts, promises, the timeline, their buttons."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.factories import make_person

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
    grace = make_person(owner, "Grace Hopper", types=["mentor"])
    page = signed_in_page
    page.goto(f"/people/{grace.pk}/")
    archive = page.get_by_role("button", name="Archive").bounding_box()
    delete = page.get_by_role("link", name="Delete…").bounding_box()
    assert archive["y"] == delete["y"]
    assert archive["height"] == delete["height"]


def test_a_promise_made_and_kept_and_a_talk_paged_corrected_and_deleted(
    signed_in_page, owner, local_today
):
    import datetime as dt
    import re

    from tests.factories import TODAY, log
    from tiebook.interactions.models import Interaction, Task

    grace = make_person(owner, "Grace Hopper", types=["mentor"])
    for n in range(25):
        log(owner, grace, f"Talk {n}", days_ago=(TODAY - local_today).days + 100 - n)
    page = signed_in_page
    page.goto(f"/people/{grace.pk}/")
    entries = page.locator("ol.timeline > li[id^=interaction-]")
    expect(entries).to_have_count(20)
    page.get_by_role("link", name="Show older").click()
    expect(entries).to_have_count(25)
    expect(page.get_by_role("link", name="Show older")).to_have_count(0)

    page.get_by_text("Add a promise").click()
    page.get_by_label("What was promised").fill("Send the COBOL paper")
    page.get_by_label("By").fill((local_today - dt.timedelta(days=1)).isoformat())
    page.get_by_role("button", name="Add promise").click()
    promise = page.locator("li.promise", has_text="Send the COBOL paper")
    expect(promise).to_have_class(re.compile(r"\boverdue\b"))
    promise.get_by_role("button", name=re.compile("^Done")).click()
    expect(page.locator("#followup")).to_contain_text("Kept: Send the COBOL paper")
    assert Task.objects.get().done_at is not None

    newest = entries.first
    newest.get_by_role("link", name=re.compile("^Edit")).click()
    editing = page.locator("li.editing")
    editing.get_by_label("What happened").fill("Talk about COBOL")
    editing.get_by_role("button", name="Save").click()
    expect(page.locator("#followup")).to_contain_text("Saved: Talk about COBOL")
    page.once("dialog", lambda dialog: dialog.accept())
    entries.first.get_by_role("button", name=re.compile("^Delete")).click()
    expect(page.locator("#followup")).to_contain_text("Deleted: Talk about COBOL")
    expect(page.locator("#timeline-heading")).to_have_text("Timeline (24)")
    assert not Interaction.objects.filter(summary="Talk about COBOL").exists()

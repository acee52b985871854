"""Import and Duplicates in Chromium: upload, preview, confirm, undo; merge; a phone's width."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_flows import PHONE_WIDTH, field, page_width
from tests.factories import make_person
from tiebook.interchange.models import ImportRun
from tiebook.people.models import ContactPoint, Person

pytestmark = pytest.mark.browser

VCARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nORG:Analytical Engine Society\r\n"
    "EMAIL:ada.lovelace@analytical-engine.example.org\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Grace Hopper\r\nTEL:+1 202 555 0100\r\nEND:VCARD\r\n"
)


@pytest.fixture(autouse=True)
def home(settings, tmp_path):
    settings.BASE_DIR = tmp_path  # the live server runs in this process: uploads land here
    return tmp_path


def test_uploading_a_vcard_previews_confirms_and_undoes(signed_in_page, live_server, owner):
    page = signed_in_page
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Import").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import")
    expect(page.locator("main")).to_contain_text("No imports yet.")

    field(page, "File").set_input_files(
        {"name": "phone.vcf", "mimeType": "text/vcard", "buffer": VCARD.encode()}
    )
    page.get_by_role("button", name="Preview").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Preview of phone.vcf")
    expect(page.locator(".counts")).to_contain_text("new2")
    records = page.locator("table.records tbody")
    expect(records).to_contain_text("Ada Lovelace")
    expect(records).to_contain_text("Grace Hopper")
    assert Person.objects.filter(owner=owner).count() == 0  # a preview writes nothing

    page.get_by_role("button", name="Confirm import").click()
    run = ImportRun.objects.get(owner=owner)
    expect(page).to_have_url(f"{live_server.url}/import/runs/{run.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Import {run.pk}: phone.vcf")
    expect(page.get_by_role("status")).to_contain_text("Imported phone.vcf: 2 new")
    assert Person.objects.filter(owner=owner).count() == 2
    page.get_by_role("link", name="See your people").click()
    expect(page.locator("#results tbody")).to_contain_text("Ada Lovelace")

    page.goto(f"/import/runs/{run.pk}/")
    page.get_by_role("button", name="Undo this import").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Undo import {run.pk}?")
    page.get_by_role("button", name="Undo this import").click()
    expect(page).to_have_url(f"{live_server.url}/import/")
    expect(page.get_by_role("status")).to_contain_text(f"Undid import {run.pk} (phone.vcf).")
    expect(page.locator(f"#run-{run.pk}")).to_contain_text("undone")
    assert Person.objects.filter(owner=owner).count() == 0


def test_merging_a_pair_from_the_duplicates_page(signed_in_page, owner):
    ada = make_person(owner, "Ada Lovelace", emails=["ada@example.com"])
    make_person(owner, "A. Lovelace", emails=["ada@example.com"], phones=["+1 202 555 0100"])
    page = signed_in_page
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Duplicates").click()
    pair = page.locator(".dup-pair")
    expect(pair).to_have_count(1)
    expect(pair).to_contain_text("same email: ada@example.com")

    pair.get_by_role("button", name="Merge into left").click()
    expect(page.get_by_role("status")).to_contain_text("into Ada Lovelace")
    expect(page.locator("main")).to_contain_text("No likely duplicates.")
    assert list(Person.objects.filter(owner=owner)) == [ada]
    assert ContactPoint.objects.filter(person=ada).count() == 2


def test_import_and_duplicates_fit_a_phone_screen(phone_page, owner):
    for n in range(2):
        make_person(
            owner,
            "Ada Lovelace",
            organization="Analytical Engine Society of Extraordinarily Long Names",
            emails=["ada.lovelace.the.countess@analytical-engine-society.example.org"],
            urls=["https://www.linkedin.com/in/ada-lovelace-analytical-engine"],
            phones=[f"+1 202 555 010{n}"],
        )
    page = phone_page
    widths = {}

    page.goto("/import/")
    field(page, "File").set_input_files(
        {
            "name": "a-rather-long-file-name-from-a-phone-export.vcf",
            "mimeType": "text/vcard",
            "buffer": VCARD.encode(),
        }
    )
    widths["/import/"] = page_width(page)
    page.get_by_role("button", name="Preview").click()
    expect(page.get_by_role("button", name="Confirm import")).to_be_visible()
    widths["preview"] = page_width(page)
    page.get_by_role("button", name="Confirm import").click()
    expect(page.get_by_role("button", name="Undo this import")).to_be_visible()
    widths["run"] = page_width(page)
    page.goto("/import/")
    expect(page.locator("ol.runs .run").first).to_be_visible()
    widths["/import/ with a past import"] = page_width(page)

    page.goto("/duplicates/")
    expect(page.locator(".dup-pair").first).to_contain_text("same email")
    expect(page.get_by_role("button", name=re.compile("^Merge into left")).first).to_be_visible()
    widths["/duplicates/"] = page_width(page)

    wider = {path: width for path, width in widths.items() if width > PHONE_WIDTH}
    assert not wider, f"pages wider than {PHONE_WIDTH}px scroll sideways: {wider}"

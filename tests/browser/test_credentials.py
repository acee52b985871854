"""Credentials in Chromium at phone width: a renewal on Today, marked renewed on its page."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from tests.credentials.helpers import make_credential
from tests.factories import TODAY, make_person
from tiebook.credentials.models import Credential

pytestmark = pytest.mark.browser


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_marking_a_credential_renewed_on_a_phone(phone_page, owner, local_today):
    ada = make_person(owner, "Ada Byron", types=["licensing_authority"])
    shift = (local_today - TODAY).days
    credential = make_credential(
        owner, "CPA licence", expires_in=60 + shift, contacts=[ada], issuer="State Board"
    )
    page = phone_page
    page.reload()
    row = page.locator(".due-row", has_text="Ada Byron")
    expect(row).to_contain_text("CPA licence expires on")
    expect(row).to_contain_text("renew with State Board")

    page.goto("/credentials/")
    expect(page.locator(".credential-card", has_text="CPA licence")).to_contain_text("60 days")
    assert fits(page)
    page.get_by_role("link", name="CPA licence").click()
    assert fits(page)
    new_expiry = local_today + dt.timedelta(days=3 * 365)
    page.get_by_label("New expiry date").fill(new_expiry.isoformat())
    page.get_by_role("button", name="Mark renewed").click()
    expect(page.locator("#credential-body [role=status]")).to_contain_text("Renewed until")
    expect(page.locator(".expiry")).to_contain_text(f"{new_expiry.day} {new_expiry:%b %Y}")
    expect(page.locator(".expiry")).to_contain_text("renewed")
    assert Credential.objects.get(pk=credential.pk).cycle == 2

    page.goto("/")
    expect(page.get_by_role("heading", level=1, name="Today")).to_be_visible()
    expect(page.locator(".due-row", has_text="Ada Byron")).to_have_count(0)
    expect(page.get_by_text("CPA licence expires on")).to_have_count(0)


def test_logging_ce_hours_and_adding_a_contact_on_a_phone(phone_page, owner):
    make_person(owner, "Grace Hopper")
    credential = make_credential(owner, "PE licence", expires_in=400)
    page = phone_page
    page.goto(f"/credentials/{credential.pk}/")
    page.get_by_role("textbox", name="Hours:").fill("7.5")
    page.get_by_label("Activity").fill("Ethics seminar")
    page.get_by_role("button", name="Log hours").click()
    expect(page.locator("#credential-body")).to_contain_text("7.5 of 30 h")
    # A fresh page: the suggestions box of a body htmx has just swapped in may not listen yet.
    page.reload()
    page.get_by_label("Person").fill("grac")
    expect(page.locator("#person-options option")).to_have_attribute("value", "Grace Hopper")
    page.get_by_label("Person").fill("Grace Hopper")
    page.get_by_label("Role").fill("registrar")
    page.get_by_role("button", name="Add contact").click()
    expect(page.locator("#credential-body .contacts")).to_contain_text("Grace Hopper registrar")
    assert fits(page)

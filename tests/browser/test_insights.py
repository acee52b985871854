"""The Insights page in Chromium: every chart is drawn, with no script error, on a desktop and
a phone."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE
from tests.factories import TODAY, log, make_person

pytestmark = pytest.mark.browser

CHARTS = ("categories", "strength", "touches", "circles", "followups")
# How many pixels of a chart's canvas are not transparent: 0 when nothing was drawn.
INKED = """canvas => {
  const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
  let inked = 0;
  for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) inked++;
  return inked;
}"""


@pytest.fixture
def network(owner, local_today):
    shift = (TODAY - local_today).days
    ana = make_person(owner, "Ana Silva", types=["colleague"], organization="Acme", circle=5)
    bo = make_person(owner, "Bo Berg", types=["mentor", "friend"], circle=15)
    make_person(owner, "Cy Tax", types=["financial_expert"])
    log(owner, ana, "Standup", days_ago=3 + shift)
    log(owner, [ana, bo], "Lunch", days_ago=40 + shift)


def _errors(page) -> list[str]:
    found = []
    page.on("console", lambda m: found.append(m.text) if m.type == "error" else None)
    return found


def _check_charts(page) -> None:
    for key in CHARTS:
        figure = page.locator(f"#chart-{key}")
        expect(figure).to_have_class("chart drawn")
        assert figure.locator("canvas").evaluate(INKED) > 0, key


def test_the_insights_page_draws_every_chart(signed_in_page, network):
    page = signed_in_page
    errors = _errors(page)
    page.get_by_role("navigation").get_by_role("link", name="Insights").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Insights")
    _check_charts(page)
    page.get_by_text("Balance of the three categories as a table").click()
    table = page.locator("#chart-categories table")
    expect(table).to_be_visible()
    expect(table.get_by_role("row", name="operational 1")).to_be_visible()
    assert errors == []


def test_the_charts_fit_a_phone(new_context, sign_in, owner, network):
    page = sign_in(new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page(), owner)
    errors = _errors(page)
    page.goto("/insights/")
    _check_charts(page)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert errors == []

"""The Insights page: the health findings with their charts' data and tables, for the owner
only."""

from __future__ import annotations

import json
import re

import pytest

from tests.factories import frozen, log, make_person
from tiebook.web.middleware import CSP

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with frozen():
        yield


@pytest.fixture
def network(owner, outsider):
    ana = make_person(owner, "Ana Silva", types=["colleague"], organization="Acme", circle=5)
    old = make_person(owner, "Olga Old", types=["mentor"], added_days_ago=2600)
    log(owner, ana, "Standup", days_ago=3)
    for days in (2400, 2200, 2000, 1900, 1700, 1500):
        log(owner, old, "Mentoring", days_ago=days)
    secret = make_person(outsider, "Secret Person", types=["licensing_authority"])
    log(outsider, secret, "Secret meeting", days_ago=1)
    return {"ana": ana, "old": old}


def _charts(page: str) -> dict:
    found = re.search(r'<script id="health-charts" type="application/json">(.*?)</script>', page)
    return json.loads(found.group(1))


def test_the_page_tells_the_owner_what_their_network_lacks_and_whom_to_reconnect_with(me, network):
    response = me.get("/insights/")
    page = response.content.decode()
    assert response.status_code == 200
    assert '<a href="/insights/" aria-current="page">Insights</a>' in page
    assert "Types covered: 2 of 12" in page
    assert "<strong>licensing authority</strong>" in page
    assert "certification and licensing boards you must stay in good standing with" in page
    assert 'Acme</strong> <span class="muted">(where most of your colleagues work)' in page
    assert f'href="/people/{network["old"].pk}/">Olga Old</a>' in page
    assert "6 talks over 2 years, last in 2022" in page
    assert "Secret" not in page


def test_the_charts_data_and_their_tables_hold_the_same_figures(me, network):
    page = me.get("/insights/").content.decode()
    charts = _charts(page)
    assert charts["categories"] == {
        "labels": ["operational", "strategic", "personal"],
        "series": {"people": [1, 0, 1]},
    }
    assert charts["strength"]["labels"] == ["strong", "moderate", "weak", "dormant", "new"]
    assert sum(charts["strength"]["series"]["people"]) == 2
    assert charts["touches"]["labels"][-1] == "2026-11 so far"
    assert charts["touches"]["series"]["interactions"][-1] == 1
    assert charts["circles"]["series"] == {"people within": [1, 1, 1, 1], "about": [5, 15, 50, 150]}
    assert charts["followups"]["series"] == {"on time": [1, 0, 0], "overdue": [0, 0, 1]}
    table = page.split('id="chart-followups"', 1)[1].split("</figure>", 1)[0]
    assert '<th scope="col">on time</th><th scope="col">overdue</th>' in table
    assert '<tr><th scope="row">personal</th><td>0</td><td>1</td></tr>' in table
    assert "Follow-ups on time and overdue as a table" in table


def test_the_page_runs_no_inline_script_under_its_policy(me, network):
    response = me.get("/insights/")
    page = response.content.decode()
    assert response["Content-Security-Policy"] == CSP
    assert "script-src 'self';" in CSP  # no inline script runs
    for attributes in re.findall(r"<script([^>]*)>", page):
        assert 'src="' in attributes or 'type="application/json"' in attributes, attributes
    assert "/static/tiebook/vendor/chart-4.6.2.umd.min.js" in page
    assert "/static/tiebook/insights.js" in page


def test_an_outsider_sees_only_their_own_network(client, owner, outsider, network):
    client.force_login(outsider)
    page = client.get("/insights/").content.decode()
    assert "1 person, on 30 November 2026" in page
    assert "Ana Silva" not in page
    assert "Olga Old" not in page
    assert _charts(page)["categories"]["series"]["people"] == [0, 1, 0]


def test_the_page_asks_to_sign_in_first(client, owner):
    response = client.get("/insights/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login?next=")


def test_an_empty_network_says_what_to_do(me):
    page = me.get("/insights/").content.decode()
    assert "Your current employer is unknown" in page
    assert "No one has a type yet" in page
    assert "No recent ties yet" in page

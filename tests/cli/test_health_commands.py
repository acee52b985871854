"""`tiebook health`: the report, line by line, and its JSON twin."""

from __future__ import annotations

import pytest

from tests.factories import log, make_person
from tiebook.people.services import relationship_add

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(tb, owner):
    """Ana and Bo at Acme, Cy a friend elsewhere; Ana knows Cy, and Bo and Cy lunched together.
    Dee was a mentor for years and went quiet four years ago."""
    tb("me", "--headline", "Data engineer at Acme")
    ana = make_person(owner, "Ana Silva", types=["direct_supervisor"], organization="Acme")
    bo = make_person(owner, "Bo Berg", types=["colleague"], organization="Acme", circle=5)
    cy = make_person(owner, "Cy Tan", types=["friend"], organization="Globex")
    dee = make_person(owner, "Dee Old", types=["mentor"], added_days_ago=2600)
    log(owner, ana, "1:1", days_ago=2)
    log(owner, [bo, cy], "Lunch", days_ago=12)
    for days in (2400, 2200, 2000, 1800, 1600, 1460):
        log(owner, dee, "Mentoring", days_ago=days)
    relationship_add(owner=owner, person=ana, other=cy, kind="knows")
    return {"ana": ana, "bo": bo, "cy": cy, "dee": dee}


def test_health_prints_each_finding_with_its_why(tb, network):
    result = tb("health")
    assert result.exit_code == 0
    lines = [line.rstrip() for line in result.stdout.splitlines()]
    dee = network["dee"].pk
    assert lines[:3] == ["Network health on 2026-11-30: 4 people", "", "Worth your attention"]
    assert (
        "  - Find interdepartmental, consultant, contractor, financial expert, government"
        in (lines[3])
    )
    assert "Types covered: 4 of 12" in lines
    assert (
        "  missing licensing authority (strategic): certification and licensing boards you "
        "must stay in good standing with" in lines
    )
    assert "Dependence on your employer: Acme (from your headline)" in lines
    assert "Reconnect: former strong ties now dormant (1)" in lines
    assert f"{dee:<2}  Dee Old  6 talks over 2 years, last in 2022" in lines
    assert (
        "1 person you were once close to has gone quiet: reconnected dormant ties give new "
        "information as efficiently as current ones, and the trust is already there (Levin, "
        "Walter & Murnighan 2011)." in lines
    )
    assert "People who bridge otherwise separate groups:" in lines
    assert any(line.startswith("Of your 3 closest ties, 2 pairs know each other") for line in lines)
    assert "Touches per month, last 12 months (this one so far)" in lines
    assert lines[-1].startswith("Among your closest ties and the people tied to them (3 people")


def test_health_json_holds_the_same_findings(tb, network):
    data = tb.json("health")
    assert data["today"] == "2026-11-30"
    assert data["people"] == 4
    assert data["coverage"]["covered"] == 4
    assert data["employer"]["employer"] == "Acme"
    assert (data["employer"]["close_ties"], data["employer"]["at_employer"]) == (
        data["strength"]["strong"] + data["strength"]["moderate"],
        2,
    )
    assert data["reconnect"]["people"] == [
        {
            "person_id": network["dee"].pk,
            "name": "Dee Old",
            "talks": 6,
            "first_on": "2020-05-05",
            "last_on": "2022-12-01",
            "why": "6 talks over 2 years, last in 2022",
        }
    ]
    # Ana knows Cy, and Cy lunched with Bo: Cy is the one between them.
    assert [b["name"] for b in data["brokerage"]["brokers"]] == ["Cy Tan"]
    assert data["touches"][-1] == {"month": "2026-11", "touches": 2}
    assert set(data) >= {"attention", "categories", "followups", "give_ask", "family", "circles"}


def test_health_on_an_empty_network_says_what_to_do(tb):
    result = tb("health")
    assert result.exit_code == 0
    assert "Your current employer is unknown: say where you work in your headline" in result.stdout
    assert "No one is in a circle yet: put your closest few in circle 5" in result.stdout

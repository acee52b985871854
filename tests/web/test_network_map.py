"""The map of the network: the page, its JSON, its filters, and no one else's people."""

from __future__ import annotations

import pytest

from tests.factories import frozen, log, make_person
from tiebook.insights import network_map as map_module
from tiebook.people.services import relationship_add

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with frozen():
        yield


@pytest.fixture
def network(owner, outsider):
    """Grace (mentor, circle 5) knows Ada (colleague); Ada and Bo (accountant) met together;
    Cy has no type and no link. The outsider's Zed met Grace's namesake."""
    grace = make_person(owner, "Grace Hopper", types=["mentor"], circle=5)
    ada = make_person(owner, "Ada Lovelace", types=["colleague", "friend"])
    bo = make_person(owner, "Bo Chen", types=["financial_expert"])
    cy = make_person(owner, "Cy Dee")
    relationship_add(owner=owner, person=grace, other=ada, kind="knows")
    log(owner, [ada, bo], "Budget review", days_ago=3)
    log(owner, [ada, bo], "Budget follow-up", days_ago=1)
    log(owner, grace, days_ago=2)
    zed = make_person(outsider, "Zed Other", types=["mentor"])
    log(outsider, [zed, make_person(outsider, "Yan Other")], days_ago=1)
    return {"grace": grace, "ada": ada, "bo": bo, "cy": cy}


def names(data: dict) -> set[str]:
    return {node["name"] for node in data["nodes"]}


def test_the_json_has_people_coloured_by_category_and_edges_of_each_kind(me, network):
    data = me.get("/insights/map.json").json()

    assert names(data) == {"Grace Hopper", "Ada Lovelace", "Bo Chen", "Cy Dee"}
    by_name = {node["name"]: node for node in data["nodes"]}
    assert by_name["Grace Hopper"]["category"] == "personal"
    assert by_name["Grace Hopper"]["circle"] == 5
    assert by_name["Ada Lovelace"]["category"] == "operational"  # colleague comes first
    assert by_name["Ada Lovelace"]["types"] == ["colleague", "friend"]
    assert by_name["Bo Chen"]["category"] == "strategic"
    assert by_name["Cy Dee"]["category"] is None
    ids = {name: node["id"] for name, node in by_name.items()}
    edges = {
        (e["source"], e["target"]): {k: v for k, v in e.items() if k not in ("source", "target")}
        for e in data["edges"]
    }
    grace_ada = tuple(sorted((ids["Grace Hopper"], ids["Ada Lovelace"])))
    ada_bo = tuple(sorted((ids["Ada Lovelace"], ids["Bo Chen"])))
    assert edges == {
        ada_bo: {"meeting": 2, "weight": 2},
        grace_ada: {"relationship": 1, "weight": 1},
    }
    assert (data["total"], data["shown"], data["capped"]) == (4, 4, False)
    assert all(isinstance(node["x"], float) for node in data["nodes"])


def test_an_outsider_sees_only_their_own_people_and_links(client, network, outsider):
    client.force_login(outsider)

    data = client.get("/insights/map.json").json()
    page = client.get("/insights/map/").content.decode()

    assert names(data) == {"Zed Other", "Yan Other"}
    assert len(data["edges"]) == 1
    assert "Grace Hopper" not in page
    assert "Zed Other" in page


def test_the_map_asks_to_sign_in_first(client, network):
    for url in ("/insights/map/", "/insights/map.json"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/login?next=")


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"category": "strategic"}, {"Bo Chen"}),
        ({"category": "operational"}, {"Ada Lovelace"}),
        ({"type": "friend"}, {"Ada Lovelace"}),
        ({"circle": "5"}, {"Grace Hopper"}),
        ({"category": "personal", "type": "mentor"}, {"Grace Hopper"}),
    ],
)
def test_the_filters_narrow_the_people_and_their_links(me, network, params, expected):
    data = me.get("/insights/map.json", params).json()

    assert names(data) == expected
    assert data["edges"] == []


@pytest.mark.parametrize(
    "params", [{"category": "nope"}, {"type": "boss"}, {"circle": "7"}, {"circle": "9" * 25}]
)
def test_a_filter_that_is_no_category_type_or_circle_filters_nothing_out(me, network, params):
    assert len(me.get("/insights/map.json", params).json()["nodes"]) == 4
    assert me.get("/insights/map/", params).status_code == 200


def test_the_page_has_the_graph_the_filters_and_a_text_list(me, network):
    page = me.get("/insights/map/", {"category": "operational"}).content.decode()

    assert "<h1>Map of your network</h1>" in page
    assert 'data-json="/insights/map.json?category=operational"' in page
    assert 'data-person-url="/people/0/"' in page
    assert '<option value="operational" selected>operational</option>' in page
    ada = network["ada"]
    assert f'<a href="/people/{ada.pk}/">Ada Lovelace</a>' in page
    assert "operational, strength" in page
    assert "Bo Chen" not in page
    assert '1 person<span id="map-links"></span>. Lines join' in page
    assert "vendor/cytoscape-3.35.0.min.js" in page
    assert "<script>" not in page  # the content security policy forbids inline scripts


def test_a_bigger_network_shows_the_strongest_and_says_so(me, owner, network, monkeypatch):
    monkeypatch.setattr(
        "tiebook.web.views.network_map.network_map",
        lambda **kw: map_module.network_map(**kw, limit=2),
    )
    monkeypatch.setattr(
        "tiebook.web.views.network_map.network_people",
        lambda **kw: map_module.network_people(**kw, limit=2),
    )

    data = me.get("/insights/map.json").json()
    page = me.get("/insights/map/").content.decode()

    strongest = sorted([network[k] for k in network], key=lambda p: (-_strength(p), p.pk))[:2]
    assert names(data) == {p.display_name for p in strongest}
    assert (data["total"], data["shown"], data["capped"]) == (4, 2, True)
    assert "Showing the 2 strongest ties of 4 people" in page


def _strength(person) -> int:
    person.refresh_from_db()
    return person.tie_strength


def test_an_empty_network_says_how_to_fill_it(me):
    page = me.get("/insights/map/").content.decode()

    assert "No one to draw" in page
    assert "network_map.js" not in page


def test_a_big_meeting_pairs_only_its_strongest_ties():
    strength = {pk: 100 - pk for pk in range(20)}

    pairs = map_module.group_pairs([list(range(20))], strength, cap=4)

    assert set(pairs) == {(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)}

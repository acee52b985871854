"""The "Who could refer me" page: the form, the ranked people with paths, and owners kept apart."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import NOW, frozen, make_person
from tiebook.people.models import Person, Relationship

pytestmark = pytest.mark.django_db


@pytest.fixture
def acme(owner):
    li = make_person(owner, "Li Wei", organization="Acme")
    ana = make_person(owner, "Ana Silva", types=["family"])
    Relationship.objects.create(owner=owner, from_person=ana, to_person=li)
    old = NOW - dt.timedelta(days=4 * 365)
    Person.objects.filter(pk=li.pk).update(tie_strength=35, last_interaction_at=old)
    return li, ana


def test_the_page_shows_the_form_and_nothing_else_without_an_organisation(me, acme):
    response = me.get("/insights/refer/")
    page = response.content.decode()
    assert response.status_code == 200
    assert 'name="org"' in page
    assert "Li Wei" not in page
    assert response.context["nav"] == "insights"


def test_the_page_ranks_people_with_their_paths_flags_and_links(me, acme):
    li, ana = acme
    with frozen():
        page = me.get("/insights/refer/", {"org": "acme"}).content.decode()
    assert "<h1>Who could refer me at Acme</h1>" in page
    assert "2 people who could refer you at Acme" in page
    assert page.index(f'href="/people/{li.pk}/">Li Wei</a>') < page.index(
        f'href="/people/{ana.pk}/">Ana Silva</a>'
    )
    assert "knows Li Wei at Acme" in page
    assert f'(ask <a href="/people/{li.pk}/">Li Wei</a>)' in page
    assert '<span class="badge soon">dormant: worth reviving</span>' in page
    assert "<strong>Caution:</strong> Ana Silva (referrer) is family: lean on family" in page


def test_an_unknown_organisation_is_said_beside_the_field(me, acme):
    response = me.get("/insights/refer/", {"org": "Acne"})
    assert response.status_code == 404
    assert (
        "No organisation in your network is called &#x27;Acne&#x27;. Did you mean &#x27;Acme&#x27;?"
        in response.content.decode()
    )


def test_an_outsider_sees_none_of_the_owners_organisations_or_people(client, outsider, acme):
    client.force_login(outsider)
    response = client.get("/insights/refer/", {"org": "Acme"})
    page = response.content.decode()
    assert response.status_code == 404
    assert "Li Wei" not in page
    assert "Ana Silva" not in page
    assert "Did you mean" not in page
    options = client.get("/insights/refer/organizations", {"org": "ac"}).content.decode()
    assert "Acme" not in options


def test_signed_out_the_page_asks_to_sign_in(client, acme):
    response = client.get("/insights/refer/", {"org": "Acme"})
    assert response.status_code == 302
    assert "Li Wei" not in response.content.decode()


def test_the_picker_offers_organisation_names(me, owner, acme):
    make_person(owner, "Bo Chen", organization="Acme Labs")
    options = me.get("/insights/refer/organizations", {"org": "acm"}).content.decode()
    assert options.split("\n")[:2] == [
        '<option value="Acme">Acme</option>',
        '<option value="Acme Labs">Acme Labs</option>',
    ]


def test_the_person_and_opportunity_pages_link_to_it(me, owner, acme):
    from tiebook.opportunities.services import opportunity_create

    li, _ = acme
    person_page = me.get(f"/people/{li.pk}/").content.decode()
    assert 'href="/insights/refer/?org=Acme">Who could refer me at Acme</a>' in person_page
    opp = opportunity_create(owner=owner, title="Staff engineer", organization="Acme")
    opp_page = me.get(f"/opportunities/{opp.pk}/").content.decode()
    assert 'href="/insights/refer/?org=Acme">Everyone who could refer you at Acme</a>' in opp_page

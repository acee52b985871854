"""The Shares page: log an item for several people, then share it with the suggested ones."""

from __future__ import annotations

import pytest

from tests.factories import HTMX, frozen, make_person
from tiebook.interactions.models import Interaction, KnowledgeShare
from tiebook.interactions.shares import ShareInput, share_log, shares_of_interaction

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with frozen():
        yield


@pytest.fixture
def people(owner):
    return {
        "grace": make_person(owner, "Grace Hopper", types=["mentor"]),
        "ada": make_person(owner, "Ada Lovelace", headline="Security engineer"),
        "linus": make_person(owner, "Linus Torvalds", tags=["security"]),
    }


def _share(owner, person, title="Threat models", topics=("security",)):
    interaction = share_log(
        owner=owner, people=[person], data=ShareInput(title=title, topics=list(topics))
    )
    return shares_of_interaction(owner=owner, interaction=interaction)[0]


def test_logging_a_share_with_two_people_shows_the_suggestions_in_place(me, people):
    response = me.post(
        "/shares/",
        {"title": "Threat models", "topics": "security", "people": "grace, bob", "link": ""},
        **HTMX,
    )
    assert response.status_code == 200  # htmx swaps in the form with the error beside "With"
    assert "No one matches &#x27;bob&#x27;" in response.content.decode()
    assert KnowledgeShare.objects.count() == 0
    response = me.post(
        "/shares/",
        {"title": "Threat models", "topics": "security", "people": "grace\nada"},
        **HTMX,
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert page.startswith('<section id="share-panel"')
    assert "Shared:</strong> Threat models" in page
    assert "It could help them too" in page
    assert "Linus Torvalds" in page
    assert "tag: security" in page
    assert Interaction.objects.get().people.count() == 2


def test_share_with_them_too_is_one_click(me, owner, people):
    share = _share(owner, people["grace"])
    response = me.post(f"/shares/{share.pk}/again", {"person": people["linus"].pk}, **HTMX)
    assert response.status_code == 200
    assert '<span class="badge ok">Shared</span>' in response.content.decode()
    assert KnowledgeShare.objects.filter(person=people["linus"], title="Threat models").exists()


def test_without_htmx_logging_goes_to_the_share(me, people):
    response = me.post("/shares/", {"title": "Threat models", "people": "grace"})
    share = KnowledgeShare.objects.get()
    assert response.status_code == 302
    assert response.url == f"/shares/{share.pk}/"
    page = me.get(response.url).content.decode()
    assert "Threat models" in page
    assert "It could help them too" in page


def test_the_page_lists_shares_and_a_person_link_fills_the_name(me, owner, people):
    _share(owner, people["grace"], title="COBOL notes")
    page = me.get(f"/shares/?with={people['ada'].pk}").content.decode()
    assert "COBOL notes" in page
    assert ">\nAda Lovelace</textarea>" in page


def test_the_person_page_offers_to_share(me, people):
    page = me.get(f"/people/{people['ada'].pk}/").content.decode()
    ada = people["ada"].pk
    assert f'href="/shares/?with={ada}&amp;person={ada}"' in page


def test_an_outsider_reaches_none_of_it(client, owner, outsider, people):
    share = _share(owner, people["grace"])
    client.force_login(outsider)
    assert client.get(f"/shares/{share.pk}/").status_code == 404
    assert client.post(f"/shares/{share.pk}/again", {"person": people["ada"].pk}).status_code == 404
    theirs = make_person(outsider, "Their Person")
    assert client.post(f"/shares/{share.pk}/again", {"person": theirs.pk}).status_code == 404
    assert client.get(f"/shares/?with={people['ada'].pk}").status_code == 404
    assert client.get(f"/shares/?person={people['ada'].pk}").status_code == 404
    assert "Threat models" not in client.get("/shares/").content.decode()
    client.force_login(owner)
    assert client.post(f"/shares/{share.pk}/again", {"person": theirs.pk}).status_code == 404


def test_the_page_lists_one_persons_shares(me, owner, people):
    _share(owner, people["grace"], title="COBOL notes")
    _share(owner, people["ada"], title="Threat models")
    page = me.get(f"/shares/?person={people['ada'].pk}").content.decode()
    assert "Given and received with Ada Lovelace" in page
    assert "Threat models" in page
    assert "COBOL notes" not in page

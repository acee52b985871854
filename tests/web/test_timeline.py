"""A person's timeline: the newest 20, then "Show older" brings the next ones in place."""

from __future__ import annotations

import re

import pytest

from tests.factories import HTMX, frozen, log, make_person
from tiebook.interactions.models import Interaction

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with frozen():
        yield


@pytest.fixture
def grace(owner):
    """53 talks with Grace, several on the same day (the order still holds)."""
    person = make_person(owner, "Grace Hopper", types=["mentor"], added_days_ago=400)
    for n in range(53):
        log(owner, person, f"Talk {n}", days_ago=300 - (n // 3) * 10)
    return person


def shown(page: str) -> list[str]:
    return re.findall(r"</span> (Talk \d+)", page)


def older_link(page: str) -> str | None:
    found = re.search(r'hx-get="(/people/\d+/timeline\?before=\d+)"', page)
    return found.group(1) if found else None


def newest_first() -> list[str]:
    return list(
        Interaction.objects.order_by("-occurred_at", "-id").values_list("summary", flat=True)
    )


def test_show_older_pages_through_the_whole_timeline_in_place(me, grace):
    page = me.get(f"/people/{grace.pk}/").content.decode()
    assert 'Timeline <span class="muted">(53)</span>' in page
    seen = shown(page)
    assert len(seen) == 20
    link = older_link(page)
    while link:
        more = me.get(link, **HTMX).content.decode()
        assert more.startswith('<li id="interaction-')
        seen += shown(more)
        link = older_link(more)
    assert seen == newest_first()


def test_the_last_page_has_no_show_older(me, grace):
    last = Interaction.objects.order_by("-occurred_at", "-id")[39]
    more = me.get(f"/people/{grace.pk}/timeline?before={last.pk}", **HTMX).content.decode()
    assert len(shown(more)) == 13
    assert "Show older" not in more


def test_a_short_timeline_has_no_show_older(me, owner):
    ada = make_person(owner, "Ada Lovelace")
    log(owner, ada, "Talk 1")
    assert "Show older" not in me.get(f"/people/{ada.pk}/").content.decode()


def test_without_htmx_older_entries_are_a_page_of_their_own(me, grace):
    link = older_link(me.get(f"/people/{grace.pk}/").content.decode())
    page = me.get(link).content.decode()
    assert "Older interactions with" in page
    assert len(shown(page)) == 20


def test_an_outsider_cannot_page_through_my_timeline(client, outsider, grace):
    client.force_login(outsider)
    assert client.get(f"/people/{grace.pk}/timeline", **HTMX).status_code == 404

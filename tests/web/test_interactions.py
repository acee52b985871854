"""Correcting and deleting a logged interaction from a person's timeline."""

from __future__ import annotations

import pytest

from tests.factories import HTMX, days_ago, frozen, log, make_person
from tiebook.interactions.models import Interaction
from tiebook.people.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with frozen():
        yield


@pytest.fixture
def grace(owner):
    return make_person(owner, "Grace Hopper", types=["mentor"], added_days_ago=100)


@pytest.fixture
def lunch(owner, grace):
    log(owner, grace, "Coffee", days_ago=40)
    return log(owner, grace, "Lunch after the talk", days_ago=2, kind="meal")


def edit(lunch, **fields):
    data = {"kind": "meal", "summary": "Lunch after the talk", "on": days_ago(2).isoformat()}
    return {**data, **fields}


def test_each_timeline_entry_can_be_edited_and_deleted(me, grace, lunch):
    page = me.get(f"/people/{grace.pk}/").content.decode()
    assert f'href="/interactions/{lunch.pk}/edit?person={grace.pk}"' in page
    assert f'hx-post="/interactions/{lunch.pk}/delete"' in page
    assert "hx-confirm=" in page


def test_the_edit_form_opens_in_place_with_what_was_logged(me, grace, lunch):
    response = me.get(f"/interactions/{lunch.pk}/edit?person={grace.pk}", **HTMX)
    page = response.content.decode()
    assert page.startswith(f'<li id="interaction-{lunch.pk}" class="editing">')
    assert 'value="Lunch after the talk"' in page
    assert 'value="2026-11-28"' in page


def test_moving_an_interaction_back_moves_the_follow_up_in_place(me, grace, lunch):
    response = me.post(
        f"/interactions/{lunch.pk}/edit",
        edit(lunch, on="2026-11-10", kind="call", person=grace.pk),
        **HTMX,
    )
    page = response.content.decode()
    assert page.startswith('<div id="followup"')
    assert "Saved: Lunch after the talk" in page
    assert "Next: <strong>10 Dec 2026</strong>" in page
    lunch.refresh_from_db()
    assert (lunch.kind, lunch.occurred_at.date().isoformat()) == ("call", "2026-11-10")
    assert Person.objects.get(pk=grace.pk).next_due_on.isoformat() == "2026-12-10"


def test_a_bad_edit_comes_back_with_the_error_and_changes_nothing(me, grace, lunch):
    response = me.post(f"/interactions/{lunch.pk}/edit", edit(lunch, on="2027-01-05"), **HTMX)
    assert "2027-01-05 is in the future; log what has happened." in response.content.decode()
    lunch.refresh_from_db()
    assert lunch.occurred_at.date() == days_ago(2)


def test_without_htmx_the_edit_is_a_page_and_goes_back_to_the_person(me, grace, lunch):
    assert "Edit an interaction" in me.get(f"/interactions/{lunch.pk}/edit").content.decode()
    response = me.post(f"/interactions/{lunch.pk}/edit", edit(lunch, summary="Long lunch"))
    assert response["Location"] == f"/people/{grace.pk}/"
    assert Interaction.objects.filter(summary="Long lunch").exists()


def test_deleting_asks_first_then_counts_the_follow_up_again(me, grace, lunch):
    ask = me.get(f"/interactions/{lunch.pk}/delete?person={grace.pk}").content.decode()
    assert "Delete this interaction?" in ask
    assert Interaction.objects.filter(pk=lunch.pk).exists()
    response = me.post(f"/interactions/{lunch.pk}/delete", {"person": grace.pk}, **HTMX)
    page = response.content.decode()
    assert "Deleted: Lunch after the talk" in page
    assert f'id="interaction-{lunch.pk}"' not in page
    assert not Interaction.objects.filter(pk=lunch.pk).exists()
    assert Person.objects.get(pk=grace.pk).last_interaction_at.date() == days_ago(40)


def test_an_outsider_can_neither_see_nor_change_my_interaction(client, outsider, lunch):
    client.force_login(outsider)
    for url in (f"/interactions/{lunch.pk}/edit", f"/interactions/{lunch.pk}/delete"):
        assert client.get(url).status_code == 404
        assert client.post(
            url, {"summary": "x", "kind": "call", "on": "2026-11-01"}
        ).status_code == (404)
    assert Interaction.objects.get(pk=lunch.pk).summary == "Lunch after the talk"

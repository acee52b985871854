"""The circle on a person's page: the suggestion with its why, Accept, and setting another."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.factories import HTMX, frozen, log, make_person
from tiebook.people.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with frozen():
        yield


@pytest.fixture
def grace(owner):
    """A mentor talked to monthly for a year: strong, and suggested for the inner 5."""
    person = make_person(owner, "Grace Hopper", types=["mentor"], added_days_ago=400)
    for n in range(12):
        log(owner, person, days_ago=2 + 30 * n, they_reached_out=n % 2 == 0)
    return person


def test_the_page_shows_the_circle_and_the_suggestion_with_why(me, grace):
    page = me.get(f"/people/{grace.pk}/").content.decode()

    assert "Circle: <strong>none</strong>" in page
    assert "suggested: <strong>5</strong>" in page
    assert "(strong (75), 12 touches this year: inner 5)" in page
    assert "Accept circle 5</button>" in page
    assert f'hx-post="/people/{grace.pk}/circle"' in page


def test_accepting_sets_the_circle_and_the_follow_up_line_follows(me, grace):
    response = me.post(f"/people/{grace.pk}/circle", {"circle": "5"}, **HTMX)

    page = response.content.decode()
    assert page.startswith('<div id="followup" class="panels">')
    assert "In circle 5: next follow-up 5 Dec 2026" in page
    assert 'Every 7 days <span class="muted">(circle 5)</span>' in page
    assert "Circle: <strong>5</strong>" in page
    assert "Accept circle" not in page  # the suggestion is what is set now
    grace.refresh_from_db()
    assert (grace.circle, grace.followup_interval_days, grace.next_due_on.isoformat()) == (
        5,
        7,
        "2026-12-05",
    )


def test_setting_none_takes_them_out_of_circles(me, owner):
    ann = make_person(owner, "Ann Lee", types=["colleague"], circle=15)

    response = me.post(f"/people/{ann.pk}/circle", {"circle": "none"})

    assert response.status_code == 302
    ann.refresh_from_db()
    assert (ann.circle, ann.followup_interval_days) == (None, 60)
    page = me.get(response["Location"]).content.decode()
    assert "In no circle: next follow-up" in page


def test_a_circle_that_is_no_layer_is_said_and_changes_nothing(me, grace):
    response = me.post(f"/people/{grace.pk}/circle", {"circle": "7"}, **HTMX)

    assert "Circle must be one of 5, 15, 50 or 150; got &#x27;7&#x27;." in response.content.decode()
    grace.refresh_from_db()
    assert grace.circle is None


def test_an_outsider_cannot_set_my_persons_circle(client, grace, outsider):
    client.force_login(outsider)

    response = client.post(f"/people/{grace.pk}/circle", {"circle": "5"})

    assert response.status_code == 404
    assert Person.objects.get(pk=grace.pk).circle is None


def test_setting_a_circle_needs_the_csrf_token(owner, grace):
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)

    response = client.post(f"/people/{grace.pk}/circle", {"circle": "5"})

    assert response.status_code == 403
    assert Person.objects.get(pk=grace.pk).circle is None

"""Promises on the web: made and kept on a person's page, listed and kept on Today."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import HTMX, TODAY, frozen, make_person
from tiebook.interactions.models import Task
from tiebook.interactions.services import task_create

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with frozen():
        yield


@pytest.fixture
def grace(owner):
    return make_person(owner, "Grace Hopper", types=["mentor"])


def test_it_adds_a_promise_with_a_due_date_in_place(me, owner, grace):
    response = me.post(
        f"/people/{grace.pk}/promises",
        {"description": "Send the COBOL paper", "due_on": "2026-12-15"},
        **HTMX,
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert page.startswith('<div id="followup"')
    assert "Promised: Send the COBOL paper" in page
    assert "You owe them:" in page
    assert "by 15 Dec 2026" in page
    task = Task.objects.get(owner=owner)
    assert (task.person_id, task.description, task.due_on, task.direction) == (
        grace.pk,
        "Send the COBOL paper",
        dt.date(2026, 12, 15),
        Task.I_OWE,
    )


def test_a_promise_they_owe_me_says_so(me, owner, grace):
    me.post(f"/people/{grace.pk}/promises", {"description": "An intro", "they_owe": "on"}, **HTMX)
    assert Task.objects.get(owner=owner).direction == Task.THEY_OWE
    assert "They owe you:" in me.get(f"/people/{grace.pk}/").content.decode()


def test_an_empty_promise_is_refused_beside_the_field(me, owner, grace):
    response = me.post(f"/people/{grace.pk}/promises", {"description": " "}, **HTMX)
    assert "This field is required." in response.content.decode()
    assert Task.objects.count() == 0


def test_without_htmx_adding_a_promise_goes_back_to_the_person(me, grace):
    response = me.post(f"/people/{grace.pk}/promises", {"description": "Call back"})
    assert response.status_code == 302
    assert response["Location"] == f"/people/{grace.pk}/"
    assert "Promised: Call back" in me.get(response["Location"]).content.decode()


def test_marking_a_promise_done_on_the_person_page(me, owner, grace):
    task = task_create(owner=owner, person=grace, description="Send the paper")
    response = me.post(f"/promises/{task.pk}/done", **HTMX)
    page = response.content.decode()
    assert "Kept: Send the paper" in page
    assert "No open promises." in page
    task.refresh_from_db()
    assert task.done_at is not None


def test_today_lists_open_promises_with_the_overdue_ones_highlighted(me, owner, grace):
    late = task_create(
        owner=owner, person=grace, description="Return the book", due_on=TODAY - dt.timedelta(1)
    )
    task_create(owner=owner, person=grace, description="Send slides", due_on=TODAY)
    page = me.get("/").content.decode()
    assert f'<li class="promise overdue" id="promise-{late.pk}">' in page
    assert "overdue since 29 Nov 2026" in page
    assert "Send slides" in page
    assert "by 30 Nov 2026" in page
    assert page.count('class="promise overdue"') == 1


def test_keeping_a_promise_from_today_replaces_its_row(me, owner, grace):
    task = task_create(owner=owner, person=grace, description="Return the book")
    response = me.post(f"/promises/{task.pk}/done", {"from": "today"}, **HTMX)
    page = response.content.decode()
    assert page.startswith('<li class="promise kept" id="promise-')
    assert "Kept" in page
    assert "Return the book" in page
    assert "Return the book" not in me.get("/").content.decode()


def test_an_outsider_can_neither_keep_my_promise_nor_promise_for_my_person(
    client, owner, outsider, grace
):
    task = task_create(owner=owner, person=grace, description="Return the book")
    client.force_login(outsider)
    assert client.post(f"/promises/{task.pk}/done").status_code == 404
    assert client.post(f"/people/{grace.pk}/promises", {"description": "x"}).status_code == 404
    task.refresh_from_db()
    assert task.done_at is None
    assert Task.objects.count() == 1

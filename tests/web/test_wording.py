"""Counts read as English and days are written one way on every page."""

from __future__ import annotations

import re

import pytest

from tests.factories import HTMX, frozen, log, make_person
from tiebook.followups.services import person_snooze
from tiebook.interactions.models import KnowledgeShare
from tiebook.interchange.models import ImportRun

pytestmark = pytest.mark.django_db

ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@pytest.fixture(autouse=True)
def _clock():
    with frozen():
        yield


def text(page: str) -> str:
    """What a reader sees: the page without its tags (and so without attribute values)."""
    return re.sub(r"<[^>]*>", " ", page)


def test_past_imports_say_1_interaction(me, owner):
    ImportRun.objects.create(
        owner=owner, source="mail", file_name="one.eml", file_hash="0", created=1, interactions=1
    )
    page = me.get("/import/").content.decode()
    assert "0 with problems, 1 interaction</p>" in page


def test_one_person_is_a_person(me, owner):
    make_person(owner, "Grace Hopper", types=["mentor"])
    assert "1 person." in text(me.get("/people/").content.decode())
    assert "1 person." in text(me.get("/").content.decode())


def test_settings_greets_me_by_the_name_i_saved(me, owner):
    assert "Signed in as <strong>me</strong>" in me.get("/settings/").content.decode()
    me.post("/settings/profile", {"name": "Ada Lovelace", "email": ""})
    assert "Signed in as <strong>Ada Lovelace</strong>" in me.get("/settings/").content.decode()


def test_a_person_page_writes_every_day_one_way(me, owner):
    grace = make_person(owner, "Grace Hopper", types=["mentor"], added_days_ago=100)
    talk = log(owner, grace, "Coffee", days_ago=40, gave=["An intro"])
    assert KnowledgeShare.objects.filter(interaction=talk).exists()
    response = me.post(f"/people/{grace.pk}/snooze", {"days": "90"}, **HTMX)
    assert "Snoozed until 28 Feb 2027" in response.content.decode()
    page = text(me.get(f"/people/{grace.pk}/").content.decode())
    assert "snoozed until 28 Feb 2027" in page
    assert "Next:  28 Feb 2027" in page
    assert "21 Oct 2026" in page  # the talk and what was given at it
    assert ISO_DAY.findall(page) == []


def test_today_writes_every_day_one_way(me, owner):
    grace = make_person(owner, "Grace Hopper", types=["mentor"], added_days_ago=100)
    person_snooze(owner=owner, person=grace, days=3)
    page = text(me.get("/").content.decode())
    assert "Monday 30 Nov 2026" in page
    assert "snoozed until 3 Dec 2026" in page
    assert ISO_DAY.findall(page) == []

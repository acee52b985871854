"""An opportunity's dated next step is a nudge on Today and in `tiebook due`, kept in step."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import TODAY, frozen
from tiebook.followups.nudges import nudges_open
from tiebook.opportunities.services import (
    opportunity_create,
    opportunity_delete,
    opportunity_move,
    opportunity_set_next,
    opportunity_update,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with frozen():
        yield


def whys(owner) -> list[tuple[str, dt.date]]:
    return [(n.why, n.due_on) for n in nudges_open(owner=owner, source="opportunity")]


@pytest.fixture
def staff(owner):
    return opportunity_create(
        owner=owner,
        title="Staff engineer",
        organization="Acme",
        next_step="Ask Ana",
        next_step_on=TODAY,
    )


def test_a_dated_next_step_is_a_nudge_without_a_person(owner, staff):
    [nudge] = nudges_open(owner=owner, source="opportunity", source_id=staff.pk)
    assert (nudge.person_id, nudge.why, nudge.due_on, nudge.closes_on_contact) == (
        None,
        "next step for Staff engineer at Acme: Ask Ana",
        TODAY,
        False,
    )


def test_changing_the_step_moves_the_one_nudge(owner, staff):
    later = TODAY + dt.timedelta(days=5)
    opportunity_set_next(owner=owner, opportunity=staff, text="Send CV", on=later)
    assert whys(owner) == [("next step for Staff engineer at Acme: Send CV", later)]
    opportunity_update(owner=owner, opportunity=staff, title="Principal engineer")
    assert whys(owner) == [("next step for Principal engineer at Acme: Send CV", later)]


def test_an_undated_or_cleared_step_has_no_nudge(owner, staff):
    opportunity_set_next(owner=owner, opportunity=staff, text="Someday", on=None)
    assert whys(owner) == []
    opportunity_set_next(owner=owner, opportunity=staff, text="Soon", on=TODAY)
    opportunity_set_next(owner=owner, opportunity=staff, text="", on=None)
    assert whys(owner) == []


@pytest.mark.parametrize("stage", ["won", "lost", "closed"])
def test_ending_the_opportunity_clears_its_nudge_and_reopening_brings_it_back(owner, staff, stage):
    opportunity_move(owner=owner, opportunity=staff, stage=stage)
    assert whys(owner) == []
    opportunity_move(owner=owner, opportunity=staff, stage="offer")
    assert len(whys(owner)) == 1


def test_deleting_clears_its_nudge(owner, staff):
    opportunity_delete(owner=owner, opportunity=staff)
    assert whys(owner) == []


def test_it_is_on_today_under_coming_up(client, owner, staff):
    client.force_login(owner)
    page = client.get("/").content.decode()
    assert "Coming up" in page
    assert "next step for Staff engineer at Acme: Ask Ana" in page

"""Nudges: dated reasons to reach someone, written by the networking apps, read by the due list."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import NOW, TODAY, frozen, log, make_person
from tiebook.core.errors import NotFound, ValidationError
from tiebook.followups import engine
from tiebook.followups.models import Nudge
from tiebook.followups.nudges import (
    agenda_due,
    nudge_done,
    nudge_set,
    nudges_clear,
    nudges_of,
    nudges_open,
)
from tiebook.followups.selectors import people_due
from tiebook.followups.services import person_snooze
from tiebook.people.merging import person_merge
from tiebook.people.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with frozen():
        yield


def fresh(person: Person) -> Person:
    return Person.objects.get(pk=person.pk)


def met(owner, person, *, days: int = 2, since=None) -> Nudge:
    return nudge_set(
        owner=owner,
        source="event",
        source_id=7,
        person=person,
        due_on=TODAY + dt.timedelta(days=days),
        why="met at PyCon Lisbon on 30 Nov",
        since=since,
    )


# -- the engine, without a database --------------------------------------------------------------


def test_a_reason_sooner_than_the_rhythm_sets_the_due_date_and_leads_the_why():
    state = engine.FollowupState(
        types=("colleague",),
        added_on=TODAY,
        reasons=(engine.Reason(TODAY + dt.timedelta(days=2), "met at PyCon", 2),),
    )
    assert engine.next_due(state) == TODAY + dt.timedelta(days=2)
    assert engine.interval_in_effect(state) == 2
    assert engine.why(state, TODAY) == (
        "met at PyCon; colleague - never contacted, added today, every 60 days"
    )


def test_a_reason_later_than_the_rhythm_leaves_the_rhythm_in_charge():
    state = engine.FollowupState(
        types=("colleague",),
        added_on=TODAY,
        reasons=(engine.Reason(TODAY + dt.timedelta(days=80), "renew the licence", 90),),
    )
    assert engine.next_due(state) == TODAY + dt.timedelta(days=60)
    assert engine.interval_in_effect(state) == 60


def test_a_reason_alone_makes_someone_without_a_rhythm_due():
    state = engine.FollowupState(reasons=(engine.Reason(TODAY, "met at PyCon", 2),))
    assert engine.next_due(state) == TODAY
    assert engine.why(state, TODAY) == "met at PyCon"
    assert engine.priority(state, TODAY).overdue_days == 0


def test_a_snooze_still_wins_over_a_reason():
    state = engine.FollowupState(
        reasons=(engine.Reason(TODAY, "met at PyCon", 2),),
        snoozed_until=TODAY + dt.timedelta(days=5),
    )
    assert engine.next_due(state) == TODAY + dt.timedelta(days=5)


# -- writing and reading them ---------------------------------------------------------------------


def test_it_makes_a_person_due_with_the_reason_in_their_why(owner):
    ann = make_person(owner, "Ann Lee", types=["colleague"])
    met(owner, ann)

    assert fresh(ann).next_due_on == TODAY + dt.timedelta(days=2)
    assert fresh(ann).followup_interval_days == 2
    [item] = people_due(owner=owner, today=TODAY, within_days=7).items
    assert item.priority.why.startswith("met at PyCon Lisbon on 30 Nov; colleague - ")
    assert [(r.source, r.source_id, r.why) for r in item.reasons] == [
        ("event", 7, "met at PyCon Lisbon on 30 Nov")
    ]


def test_setting_it_again_updates_the_one_nudge(owner):
    ann = make_person(owner, "Ann Lee")
    met(owner, ann, days=2)
    met(owner, ann, days=5)

    assert Nudge.objects.filter(owner=owner).count() == 1
    assert fresh(ann).next_due_on == TODAY + dt.timedelta(days=5)


def test_an_interaction_after_it_closes_it_and_one_before_does_not(owner):
    ann = make_person(owner, "Ann Lee")
    log(owner, ann, "Met at the stand")  # today 00:00, before the nudge below
    nudge = met(owner, ann, since=NOW)
    assert fresh(ann).next_due_on == TODAY + dt.timedelta(days=2)

    with frozen(NOW + dt.timedelta(days=1)):
        log(owner, ann, "Thanks for the chat", days_ago=-1)

    nudge.refresh_from_db()
    assert nudge.done_at is not None
    assert nudges_open(owner=owner) == []
    assert fresh(ann).next_due_on is None  # no rhythm, nothing open


def test_one_that_does_not_close_on_contact_stays_open(owner):
    li = make_person(owner, "Li Wei", types=["licensing_authority"])
    nudge_set(
        owner=owner,
        source="credential",
        source_id=3,
        person=li,
        due_on=TODAY - dt.timedelta(days=30),
        why="Nursing licence expires on 2027-01-29: renew with the Board",
        closes_on_contact=False,
    )
    with frozen(NOW + dt.timedelta(days=1)):
        log(owner, li, "Asked about the forms", days_ago=-1)

    assert [n.why[:16] for n in nudges_open(owner=owner)] == ["Nursing licence "]
    [item] = people_due(owner=owner, today=TODAY).items
    assert item.priority.overdue_days == 30


def test_clearing_them_moves_the_person_back_to_their_rhythm(owner):
    ann = make_person(owner, "Ann Lee", types=["colleague"])
    bob = make_person(owner, "Bob Stone")
    met(owner, ann)
    met(owner, bob)

    assert nudges_clear(owner=owner, source="event", source_id=7, person=bob) == 1
    assert fresh(bob).next_due_on is None
    assert nudges_clear(owner=owner, source="event", source_id=7) == 1
    assert fresh(ann).next_due_on == TODAY + dt.timedelta(days=60)


def test_done_by_hand_it_leaves_the_due_list(owner):
    ann = make_person(owner, "Ann Lee")
    nudge = met(owner, ann, days=0)
    nudge_done(owner=owner, nudge_id=nudge.pk)

    assert people_due(owner=owner, today=TODAY).total == 0
    assert [n.done_at is not None for n in nudges_of(owner=owner, source="event", source_id=7)] == [
        True
    ]


def test_a_snooze_keeps_the_nudge_but_moves_the_day(owner):
    ann = make_person(owner, "Ann Lee")
    met(owner, ann, days=0)
    person_snooze(owner=owner, person=ann, days=3)

    assert fresh(ann).next_due_on == TODAY + dt.timedelta(days=3)
    assert len(nudges_open(owner=owner)) == 1


def test_one_without_a_person_is_on_the_agenda(owner):
    nudge_set(
        owner=owner,
        source="opportunity",
        source_id=4,
        person=None,
        due_on=TODAY + dt.timedelta(days=3),
        why="next step for Staff engineer at Acme: send the portfolio",
        closes_on_contact=False,
    )
    nudge_set(
        owner=owner,
        source="opportunity",
        source_id=5,
        person=None,
        due_on=TODAY + dt.timedelta(days=30),
        why="later",
    )

    [item] = agenda_due(owner=owner, today=TODAY, within_days=7)
    assert (item.source, item.source_id, item.due_on) == ("opportunity", 4, TODAY + dt.timedelta(3))
    assert people_due(owner=owner, today=TODAY, within_days=7).total == 0


def test_it_refuses_an_empty_why_and_another_owners_person(owner, outsider):
    ann = make_person(owner, "Ann Lee")
    with pytest.raises(ValidationError):
        nudge_set(owner=owner, source="event", source_id=1, person=ann, due_on=TODAY, why="  ")
    with pytest.raises(NotFound):
        nudge_set(owner=outsider, source="event", source_id=1, person=ann, due_on=TODAY, why="x")
    with pytest.raises(NotFound):
        nudge_done(owner=outsider, nudge_id=met(owner, ann).pk)


def test_an_outsider_sees_none_of_them(owner, outsider):
    met(owner, make_person(owner, "Ann Lee"), days=0)
    nudge_set(owner=owner, source="opportunity", source_id=4, person=None, due_on=TODAY, why="x")

    assert nudges_open(owner=outsider) == []
    assert agenda_due(owner=outsider, today=TODAY) == []
    assert people_due(owner=outsider, today=TODAY).total == 0


def test_merging_moves_them_and_keeps_one_per_record(owner):
    keep = make_person(owner, "Ann Lee")
    other = make_person(owner, "Ann Lee")
    met(owner, keep, days=4)
    met(owner, other, days=2)  # the same event's nudge: one survives, keep's
    nudge_set(owner=owner, source="intro", source_id=9, person=other, due_on=TODAY, why="intro")

    person_merge(owner=owner, keep=keep, other=other)

    assert sorted(Nudge.objects.values_list("source", "person_id", "due_on")) == [
        ("event", keep.pk, TODAY + dt.timedelta(days=4)),
        ("intro", keep.pk, TODAY),
    ]
    assert fresh(keep).next_due_on == TODAY

"""Writes that keep follow-ups current: snoozes, per-type intervals and the cached due date."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import TODAY, frozen, log, make_person, row_counts
from tiebook.core.errors import ValidationError
from tiebook.followups.models import TypeInterval
from tiebook.followups.services import (
    people_refresh_due,
    person_snooze,
    type_interval_set,
    type_intervals_for,
)
from tiebook.people.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with frozen():
        yield


def fresh(person: Person) -> Person:
    return Person.objects.get(pk=person.pk)


def in_days(days: int) -> dt.date:
    return TODAY + dt.timedelta(days=days)


# person_snooze


def test_it_snoozes_an_overdue_person(owner):
    ann = make_person(owner, "Ann Lee", types=["mentor"], added_days_ago=100)
    log(owner, ann, days_ago=45)
    assert fresh(ann).next_due_on == in_days(-15)

    person_snooze(owner=owner, person=fresh(ann), days=7)

    stored = fresh(ann)
    assert (stored.snoozed_until, stored.next_due_on) == (in_days(7), in_days(7))


def test_it_never_makes_someone_due_earlier_by_snoozing(owner):
    ann = make_person(owner, "Ann Lee", types=["friend"], added_days_ago=100)
    log(owner, ann, days_ago=5)
    assert fresh(ann).next_due_on == in_days(40)

    person_snooze(owner=owner, person=fresh(ann), days=3)

    stored = fresh(ann)
    assert stored.next_due_on == in_days(40)
    assert stored.snoozed_until == in_days(3)


def test_it_keeps_a_longer_snooze_when_snoozed_again_for_less(owner):
    ann = make_person(owner, "Ann Lee", types=["mentor"], added_days_ago=100)

    person_snooze(owner=owner, person=fresh(ann), days=30)
    person_snooze(owner=owner, person=fresh(ann), days=2)

    stored = fresh(ann)
    assert (stored.snoozed_until, stored.next_due_on) == (in_days(30), in_days(30))


@pytest.mark.parametrize("days", [1, 7, 29, 30, 31, 90, 400])
@pytest.mark.parametrize("last_talk_days_ago", [None, 0, 10, 29, 30, 60, 500])
def test_it_puts_the_due_date_at_the_later_of_the_rhythm_and_the_snooze(
    owner, days, last_talk_days_ago
):
    ann = make_person(owner, "Ann Lee", types=["mentor"], added_days_ago=600)
    if last_talk_days_ago is not None:
        log(owner, ann, days_ago=last_talk_days_ago)
    before = fresh(ann).next_due_on

    person_snooze(owner=owner, person=fresh(ann), days=days)

    after = fresh(ann).next_due_on
    assert after >= before
    assert after == max(before, in_days(days))


def test_it_snoozes_from_the_day_given(owner):
    ann = make_person(owner, "Ann Lee", types=["mentor"], added_days_ago=100)

    person_snooze(owner=owner, person=fresh(ann), days=5, today=dt.date(2026, 12, 10))

    assert fresh(ann).snoozed_until == dt.date(2026, 12, 15)


def test_it_lets_a_later_interaction_keep_the_snooze_when_the_snooze_is_later(owner):
    ann = make_person(owner, "Ann Lee", types=["mentor"], added_days_ago=100)
    person_snooze(owner=owner, person=fresh(ann), days=60)

    log(owner, fresh(ann), "Coffee")

    assert fresh(ann).next_due_on == in_days(60)


# type_interval_set


def test_it_changes_a_types_interval_and_moves_its_people(owner, outsider):
    ann = make_person(owner, "Ann Lee", types=["colleague"], added_days_ago=10)
    both = make_person(owner, "Bo Chen", types=["colleague", "mentor"], added_days_ago=10)
    cy = make_person(owner, "Cy Dee", types=["mentor"], added_days_ago=10)
    custom = make_person(owner, "Di Eve", types=["colleague"], interval_days=100)
    theirs = make_person(outsider, "Ed Other", types=["colleague"], added_days_ago=10)
    assert [fresh(p).next_due_on for p in (ann, both, cy)] == [
        in_days(50),
        in_days(20),
        in_days(20),
    ]

    moved = type_interval_set(owner=owner, type_code="Colleague", days=14)

    assert moved == 3
    assert type_intervals_for(owner=owner) == {"colleague": 14}
    assert fresh(ann).next_due_on == in_days(4)
    assert fresh(both).next_due_on == in_days(4)  # now shorter than the mentor's 30 days
    assert fresh(cy).next_due_on == in_days(20)
    assert fresh(custom).next_due_on == in_days(100)  # their own setting wins
    assert fresh(theirs).next_due_on == in_days(50)
    assert type_intervals_for(owner=outsider) == {}


def test_it_restores_a_types_default_interval(owner):
    ann = make_person(owner, "Ann Lee", types=["colleague"], added_days_ago=10)
    type_interval_set(owner=owner, type_code="colleague", days=14)
    type_interval_set(owner=owner, type_code="colleague", days=21)
    assert TypeInterval.objects.filter(owner=owner).count() == 1
    assert fresh(ann).next_due_on == in_days(11)

    type_interval_set(owner=owner, type_code="colleague", days=None)

    assert type_intervals_for(owner=owner) == {}
    assert fresh(ann).next_due_on == in_days(50)


def test_it_uses_a_changed_interval_for_people_added_later(owner):
    type_interval_set(owner=owner, type_code="friend", days=10)

    ann = make_person(owner, "Ann Lee", types=["friend"])
    log(owner, ann, days_ago=2)

    assert fresh(ann).next_due_on == in_days(8)


def test_it_refuses_an_unknown_type_and_writes_nothing(owner):
    make_person(owner, "Ann Lee", types=["colleague"])
    before = row_counts()

    with pytest.raises(ValidationError):
        type_interval_set(owner=owner, type_code="wizard", days=14)

    assert row_counts() == before


# people_refresh_due


def test_it_recomputes_the_cached_follow_up_facts(owner):
    ann = make_person(owner, "Ann Lee", types=["mentor"], added_days_ago=100)
    log(owner, ann, days_ago=10)
    expected = fresh(ann)
    Person.objects.filter(pk=ann.pk).update(
        last_interaction_at=None, next_due_on=None, tie_strength=0
    )

    assert people_refresh_due(owner=owner, people=[ann.pk]) == 1

    stored = fresh(ann)
    assert (stored.last_interaction_at, stored.next_due_on, stored.tie_strength) == (
        expected.last_interaction_at,
        in_days(20),
        expected.tie_strength,
    )
    assert stored.tie_strength > 0


def test_it_refreshes_only_the_owners_people(owner, outsider):
    theirs = make_person(outsider, "Ed Other", types=["mentor"])
    Person.objects.filter(pk=theirs.pk).update(next_due_on=None)

    assert people_refresh_due(owner=owner, people=[theirs]) == 0
    assert fresh(theirs).next_due_on is None


def test_it_keeps_each_persons_count_of_interactions(owner):
    """The count the reconnect list reads: kept by logging, deleting and merging."""
    from tiebook.interactions.models import Participant
    from tiebook.interactions.services import interaction_delete
    from tiebook.people.merging import person_merge

    ann, bob = make_person(owner, "Ann Lee"), make_person(owner, "Bob Stone")
    first = log(owner, ann, days_ago=30)
    log(owner, ann, days_ago=20)
    log(owner, bob, days_ago=10)
    assert (fresh(ann).interaction_count, fresh(bob).interaction_count) == (2, 1)

    interaction_delete(owner=owner, interaction=first)
    assert fresh(ann).interaction_count == 1

    person_merge(owner=owner, keep=fresh(ann), other=fresh(bob))
    assert fresh(ann).interaction_count == 2 == Participant.objects.filter(person=ann).count()

"""Logging what happened with people, and promises: each log moves their follow-ups on."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import NOW, TODAY, days_ago, frozen, log, make_person, row_counts
from tiebook.core.errors import ValidationError
from tiebook.interactions.models import Interaction, KnowledgeShare, Participant, Task
from tiebook.interactions.selectors import (
    person_interaction_count,
    person_open_tasks,
    person_shares,
    person_timeline,
    tasks_open,
)
from tiebook.interactions.services import (
    InteractionInput,
    interaction_log,
    task_complete,
    task_create,
)
from tiebook.people.models import Person

pytestmark = pytest.mark.django_db

MIDDAY = dt.time(12, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _clock():
    with frozen():
        yield


def fresh(person: Person) -> Person:
    return Person.objects.get(pk=person.pk)


# interaction_log


def test_it_logs_an_interaction_with_several_people_and_moves_their_follow_ups(owner):
    ann = make_person(owner, "Ann Lee", types=["mentor", "educator"], added_days_ago=100)
    bo = make_person(owner, "Bo Chen", types=["friend"], added_days_ago=100)

    interaction = interaction_log(
        owner=owner,
        people=[ann, bo],
        data=InteractionInput(
            summary="  Lunch   at the\tconference ", kind="meal", notes=" talked shop "
        ),
    )

    stored = Interaction.objects.get(pk=interaction.pk)
    assert (stored.owner, stored.kind, stored.direction) == (owner, "meal", "outgoing")
    assert (stored.summary, stored.notes) == ("Lunch at the conference", "talked shop")
    assert stored.occurred_at == NOW
    assert stored.source == "manual"
    assert set(
        Participant.objects.filter(interaction=stored).values_list("person_id", "occurred_at")
    ) == {
        (ann.pk, NOW),
        (bo.pk, NOW),
    }
    ann, bo = fresh(ann), fresh(bo)
    assert ann.last_interaction_at == bo.last_interaction_at == NOW
    # Mentor (30 days) beats educator (180 days); a friend is every 45 days.
    assert ann.next_due_on == dt.date(2026, 12, 30)
    assert bo.next_due_on == dt.date(2027, 1, 14)
    assert ann.tie_strength > 0


def test_it_logs_a_backdated_interaction_at_midday_of_that_day(owner):
    ann = make_person(owner, "Ann Lee", types=["mentor"], added_days_ago=100)

    interaction = log(owner, ann, "Call", days_ago=10, kind="call")

    assert interaction.occurred_at == dt.datetime.combine(days_ago(10), MIDDAY)
    assert fresh(ann).last_interaction_at == interaction.occurred_at
    assert fresh(ann).next_due_on == dt.date(2026, 12, 20)


def test_it_records_that_they_reached_out(owner):
    ann = make_person(owner, "Ann Lee")

    interaction = log(owner, ann, "She called about a job", they_reached_out=True)

    assert interaction.direction == Interaction.INCOMING
    assert Interaction.objects.get(pk=interaction.pk).direction == "incoming"


def test_it_records_knowledge_given_and_received_with_each_person(owner):
    ann = make_person(owner, "Ann Lee")
    bo = make_person(owner, "Bo Chen")

    interaction = log(
        owner,
        [ann, bo],
        "Reading group",
        days_ago=2,
        gave=["Designing Data-Intensive Applications", "  "],
        received=[" A talk on CRDTs "],
    )

    shares = set(
        KnowledgeShare.objects.values_list(
            "owner_id", "person_id", "interaction_id", "direction", "title", "occurred_at"
        )
    )
    when = dt.datetime.combine(days_ago(2), MIDDAY)
    assert shares == {
        (owner.pk, ann.pk, interaction.pk, "gave", "Designing Data-Intensive Applications", when),
        (owner.pk, bo.pk, interaction.pk, "gave", "Designing Data-Intensive Applications", when),
        (owner.pk, ann.pk, interaction.pk, "received", "A talk on CRDTs", when),
        (owner.pk, bo.pk, interaction.pk, "received", "A talk on CRDTs", when),
    }
    # Newest first; within one log, the last recorded first.
    assert [s.title for s in person_shares(owner=owner, person=ann)] == [
        "A talk on CRDTs",
        "Designing Data-Intensive Applications",
    ]


def test_it_never_rewinds_the_last_touch_with_an_older_log(owner):
    ann = make_person(owner, "Ann Lee", types=["mentor"], added_days_ago=100)
    log(owner, ann, "Coffee", days_ago=5)
    before = fresh(ann)

    log(owner, ann, "Remembered an older call", days_ago=40, kind="call")

    after = fresh(ann)
    assert after.last_interaction_at == before.last_interaction_at
    assert after.last_interaction_at == dt.datetime.combine(days_ago(5), MIDDAY)
    assert after.next_due_on == before.next_due_on == dt.date(2026, 12, 25)
    assert person_interaction_count(owner=owner, person=ann) == 2


def test_it_counts_each_person_once_when_named_twice(owner):
    ann = make_person(owner, "Ann Lee")

    interaction = log(owner, [ann, fresh(ann)], "Coffee")

    assert Participant.objects.filter(interaction=interaction).count() == 1


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"on": TODAY + dt.timedelta(days=1)}, "on"),
        ({"summary": ""}, "summary"),
        ({"summary": "  \t "}, "summary"),
        ({"summary": "x" * 501}, "summary"),
        ({"kind": "telepathy"}, "kind"),
        ({"kind": "Meeting"}, "kind"),
    ],
)
def test_it_refuses_a_bad_log_and_writes_nothing(owner, fields, field):
    ann = make_person(owner, "Ann Lee", types=["mentor"])
    log(owner, ann, "Coffee", days_ago=3)
    before_rows = row_counts()
    before = fresh(ann)
    data = {"summary": "Lunch", "gave": ["a book"], **fields}

    with pytest.raises(ValidationError) as caught:
        interaction_log(owner=owner, people=[ann], data=InteractionInput(**data))

    assert caught.value.field == field
    assert row_counts() == before_rows
    after = fresh(ann)
    assert (after.last_interaction_at, after.next_due_on, after.tie_strength) == (
        before.last_interaction_at,
        before.next_due_on,
        before.tie_strength,
    )


def test_it_says_why_a_future_date_is_refused(owner):
    ann = make_person(owner, "Ann Lee")

    with pytest.raises(ValidationError) as caught:
        interaction_log(
            owner=owner,
            people=[ann],
            data=InteractionInput(summary="Lunch", on=dt.date(2026, 12, 1)),
        )

    assert caught.value.message == "2026-12-01 is in the future; log what has happened."


def test_it_needs_at_least_one_person(owner):
    with pytest.raises(ValidationError) as caught:
        interaction_log(owner=owner, people=[], data=InteractionInput(summary="Lunch"))

    assert caught.value.field == "people"
    assert row_counts()["Interaction"] == 0


def test_it_shows_the_newest_interactions_first_with_everyone_there(owner):
    ann = make_person(owner, "Ann Lee")
    bo = make_person(owner, "Bo Chen")
    log(owner, ann, "Old call", days_ago=30)
    log(owner, [ann, bo], "Dinner", days_ago=2)
    log(owner, bo, "Bo only", days_ago=1)

    timeline = person_timeline(owner=owner, person=ann)

    assert [i.summary for i in timeline] == ["Dinner", "Old call"]
    assert [p.person.display_name for p in timeline[0].participants.all()] == [
        "Ann Lee",
        "Bo Chen",
    ]


def test_it_shows_no_interactions_of_another_owner(owner, outsider):
    ann = make_person(owner, "Ann Lee")
    log(owner, ann, "Coffee")

    assert person_timeline(owner=outsider, person=ann) == []
    assert person_interaction_count(owner=outsider, person=ann) == 0


# tasks (promises)


def test_it_creates_promises_both_ways(owner):
    ann = make_person(owner, "Ann Lee")

    mine = task_create(
        owner=owner, person=ann, description="  Send the   deck ", due_on=dt.date(2026, 12, 5)
    )
    theirs = task_create(owner=owner, person=ann, description="Intro to Bo", they_owe=True)

    assert (mine.description, mine.direction, mine.due_on, mine.done_at) == (
        "Send the deck",
        Task.I_OWE,
        dt.date(2026, 12, 5),
        None,
    )
    assert (theirs.direction, theirs.due_on) == (Task.THEY_OWE, None)
    assert Task.objects.get(pk=mine.pk).created_at == NOW
    assert [t.pk for t in person_open_tasks(owner=owner, person=ann)] == [mine.pk, theirs.pk]


def test_it_refuses_an_empty_promise(owner):
    ann = make_person(owner, "Ann Lee")

    with pytest.raises(ValidationError) as caught:
        task_create(owner=owner, person=ann, description="   ")

    assert caught.value.field == "description"
    assert Task.objects.count() == 0


def test_it_completes_a_promise(owner):
    ann = make_person(owner, "Ann Lee")
    task = task_create(owner=owner, person=ann, description="Send the deck")
    other = task_create(owner=owner, person=ann, description="Book a table")

    task_complete(owner=owner, task=task)

    assert Task.objects.get(pk=task.pk).done_at == NOW
    assert [t.pk for t in person_open_tasks(owner=owner, person=ann)] == [other.pk]
    assert [t.pk for t in tasks_open(owner=owner)] == [other.pk]


def test_it_lists_open_promises_by_due_date_with_undated_ones_last(owner):
    ann = make_person(owner, "Ann Lee")
    undated = task_create(owner=owner, person=ann, description="Someday")
    later = task_create(owner=owner, person=ann, description="Later", due_on=dt.date(2027, 1, 1))
    sooner = task_create(owner=owner, person=ann, description="Soon", due_on=dt.date(2026, 12, 1))

    assert [t.pk for t in tasks_open(owner=owner)] == [sooner.pk, later.pk, undated.pk]
    assert tasks_open(owner=owner, limit=1)[0].pk == sooner.pk


def test_it_refuses_a_promise_longer_than_500_characters(owner):
    ann = make_person(owner, "Ann Lee")

    with pytest.raises(ValidationError, match="at most 500 characters") as caught:
        task_create(owner=owner, person=ann, description="x" * 501)

    assert caught.value.field == "description"
    assert Task.objects.count() == 0


def test_no_one_completes_another_owners_promise(owner, outsider):
    from tiebook.core.errors import NotFound

    task = task_create(owner=owner, person=make_person(owner), description="Send the deck")

    with pytest.raises(NotFound):
        task_complete(owner=outsider, task=task)

    assert Task.objects.get(pk=task.pk).done_at is None


# correcting and deleting


def test_moving_the_newest_interaction_back_moves_the_last_touch_back(owner):
    from tiebook.interactions.services import InteractionChanges, interaction_update

    ann = make_person(owner, "Ann Lee", types=["mentor"])
    log(owner, ann, "Old coffee", days_ago=40)
    newest = log(owner, ann, "Lunch", days_ago=2)

    interaction_update(owner=owner, interaction=newest, changes=InteractionChanges(on=days_ago(50)))

    assert fresh(ann).last_interaction_at.date() == days_ago(40)
    assert fresh(ann).next_due_on == days_ago(40) + dt.timedelta(days=30)


def test_no_one_edits_or_deletes_another_owners_interaction(owner, outsider):
    from tiebook.core.errors import NotFound
    from tiebook.interactions.services import (
        InteractionChanges,
        interaction_delete,
        interaction_update,
    )

    talk = log(owner, make_person(owner, "Ann Lee"), "Lunch")

    with pytest.raises(NotFound):
        interaction_update(
            owner=outsider, interaction=talk, changes=InteractionChanges(summary="Mine now")
        )
    with pytest.raises(NotFound):
        interaction_delete(owner=outsider, interaction=talk)

    assert Interaction.objects.get().summary == "Lunch"


def test_a_page_of_the_timeline_is_found_by_its_key_in_a_fixed_number_of_queries(
    owner, django_assert_num_queries
):
    from tiebook.interactions.selectors import person_timeline_page

    ann, bo = make_person(owner, "Ann Lee"), make_person(owner, "Bo Chen")
    talks = [log(owner, [ann, bo], f"Talk {n}", days_ago=n // 2) for n in range(7)]
    newest_first = sorted(talks, key=lambda i: (i.occurred_at, i.pk), reverse=True)

    with django_assert_num_queries(4):
        page = person_timeline_page(owner=owner, person=ann, before_id=newest_first[2].pk, limit=3)

    assert [i.pk for i in page.interactions] == [i.pk for i in newest_first[3:6]]
    assert page.more
    last = person_timeline_page(owner=owner, person=ann, before_id=newest_first[5].pk, limit=3)
    assert ([i.pk for i in last.interactions], last.more) == ([newest_first[6].pk], False)

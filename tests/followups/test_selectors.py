"""Who is due and why, and the network counted by type and category, per owner."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import TODAY, frozen, log, make_person
from tiebook import taxonomy
from tiebook.followups.selectors import people_due, taxonomy_summary
from tiebook.followups.services import type_interval_set
from tiebook.interactions.services import task_complete, task_create
from tiebook.people.services import PersonChanges, person_archive, person_update

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with frozen():
        yield


def due_names(due) -> list[str]:
    return [item.name for item in due.items]


@pytest.fixture
def network(owner, outsider):
    """Four people due within ten days, one archived, one not due, one of the outsider's."""
    people = {
        # due 90 days ago
        "bo": make_person(owner, "Bo Chen", types=["colleague"], added_days_ago=200),
        # due 15 days ago
        "ann": make_person(
            owner, "Ann Lee", types=["mentor", "educator"], organization="Acme", added_days_ago=200
        ),
        # due 15 days ago, never contacted, weak tie
        "ed": make_person(owner, "Ed New", types=["friend"], added_days_ago=60),
        # due in 5 days: not overdue, so after Ed whatever the scores
        "cy": make_person(owner, "Cy Dee", types=["friend"], added_days_ago=200),
        "archived": make_person(owner, "Di Gone", types=["mentor"], added_days_ago=200),
        "later": make_person(owner, "Fay Later", types=["educator"], added_days_ago=200),
        "theirs": make_person(outsider, "Gus Other", types=["mentor"], added_days_ago=200),
    }
    log(owner, people["bo"], days_ago=150)
    log(owner, people["ann"], days_ago=45)
    log(owner, people["cy"], days_ago=40)
    log(owner, people["archived"], days_ago=100)
    log(owner, people["later"], days_ago=10)
    log(outsider, people["theirs"], days_ago=100)
    person_archive(owner=owner, person=people["archived"])
    return people


# people_due


def test_it_lists_the_overdue_first_then_by_priority(owner, network):
    due = people_due(owner=owner, today=TODAY, within_days=10)

    # Ann (a mentor and educator, 15 days late, a closer tie) before Bo (a colleague going
    # cold, 90 days late): lateness saturates, tie strength weighs in.
    assert due_names(due) == ["Ann Lee", "Bo Chen", "Ed New", "Cy Dee"]
    assert [item.priority.overdue_days for item in due.items] == [15, 90, 15, -5]
    assert (due.total, due.overdue, due.today, due.until) == (
        4,
        3,
        TODAY,
        TODAY + dt.timedelta(days=10),
    )


def test_it_says_why_someone_is_due(owner, network):
    items = {item.name: item for item in people_due(owner=owner, today=TODAY).items}

    ann = items["Ann Lee"]
    assert ann.priority.why == "mentor - last talk 45 days ago, every 30 days"
    assert items["Ed New"].priority.why == (
        "friend - never contacted, added 60 days ago, every 45 days"
    )
    assert (ann.person_id, ann.organization, ann.types) == (
        network["ann"].pk,
        "Acme",
        ("mentor", "educator"),
    )
    assert ann.next_due_on == TODAY - dt.timedelta(days=15)
    assert ann.last_interaction_on == TODAY - dt.timedelta(days=45)
    assert items["Bo Chen"].organization == ""


def test_it_lists_only_who_is_due_by_today_unless_asked_to_look_ahead(owner, network):
    assert due_names(people_due(owner=owner, today=TODAY)) == ["Ann Lee", "Bo Chen", "Ed New"]
    assert due_names(people_due(owner=owner, today=TODAY, within_days=4)) == [
        "Ann Lee",
        "Bo Chen",
        "Ed New",
    ]
    assert "Cy Dee" in due_names(people_due(owner=owner, today=TODAY, within_days=5))


def test_it_shows_at_most_the_limit_but_counts_everyone(owner, network):
    due = people_due(owner=owner, today=TODAY, within_days=10, limit=2)

    assert due_names(due) == ["Ann Lee", "Bo Chen"]
    assert (due.total, due.overdue) == (4, 3)
    assert len(people_due(owner=owner, today=TODAY, within_days=10, limit=None).items) == 4


def test_it_leaves_out_archived_people_and_other_owners(owner, outsider, network):
    names = due_names(people_due(owner=owner, today=TODAY, within_days=365))

    assert "Di Gone" not in names
    assert "Gus Other" not in names
    assert due_names(people_due(owner=outsider, today=TODAY)) == ["Gus Other"]


def test_it_leaves_out_people_without_a_rhythm(owner):
    make_person(owner, "No Type", added_days_ago=400)

    assert people_due(owner=owner, today=TODAY, within_days=365).items == []


def test_it_names_a_promise_i_owe_and_raises_the_priority(owner, network):
    task_create(owner=owner, person=network["cy"], description="Send the conference slides")
    task_create(owner=owner, person=network["cy"], description="Buy me lunch", they_owe=True)

    items = {i.name: i for i in people_due(owner=owner, today=TODAY, within_days=10).items}

    cy = items["Cy Dee"]
    assert cy.priority.why == (
        "friend - last talk 40 days ago, every 45 days; you promised: Send the conference slides"
    )
    assert cy.priority.score == pytest.approx(0.7718 + 0.5, abs=1e-3)
    # Still after the overdue, whatever its score.
    assert due_names(people_due(owner=owner, today=TODAY, within_days=10))[-1] == "Cy Dee"


def test_it_names_the_most_pressing_promise_first(owner, network):
    task_create(owner=owner, person=network["ann"], description="Someday: a book")
    task_create(
        owner=owner,
        person=network["ann"],
        description="The intro to Bo",
        due_on=TODAY + dt.timedelta(days=3),
    )

    items = {i.name: i for i in people_due(owner=owner, today=TODAY).items}

    assert items["Ann Lee"].priority.why.endswith("; you promised: The intro to Bo")


def test_it_forgets_a_promise_once_kept_or_owed_to_me(owner, network):
    task = task_create(owner=owner, person=network["ann"], description="Send the deck")
    task_create(owner=owner, person=network["ann"], description="Their intro", they_owe=True)
    task_complete(owner=owner, task=task)

    items = {i.name: i for i in people_due(owner=owner, today=TODAY).items}

    assert items["Ann Lee"].priority.why == "mentor - last talk 45 days ago, every 30 days"


def test_it_says_when_someone_is_snoozed(owner, network):
    from tiebook.followups.services import person_snooze

    person_snooze(owner=owner, person=network["ann"], days=3, today=TODAY)

    assert "Ann Lee" not in due_names(people_due(owner=owner, today=TODAY))
    items = {i.name: i for i in people_due(owner=owner, today=TODAY, within_days=3).items}
    assert items["Ann Lee"].priority.why == (
        "mentor - last talk 45 days ago, every 30 days, snoozed until 2026-12-03"
    )


def _make_due(owner, count: int, start: int) -> None:
    for n in range(start, start + count):
        person = make_person(
            owner,
            f"Person {n:03d}",
            types=["mentor", "colleague"],
            organization=f"Org {n % 3}",
            added_days_ago=100,
        )
        task_create(owner=owner, person=person, description=f"Promise {n}")


def _queries(fn) -> int:
    with CaptureQueriesContext(connection) as queries:
        fn()
    return len(queries)


def test_it_finds_who_is_due_in_a_fixed_number_of_queries(owner):
    type_interval_set(owner=owner, type_code="colleague", days=20)
    _make_due(owner, 5, 0)
    few = _queries(lambda: people_due(owner=owner, today=TODAY))
    _make_due(owner, 25, 5)
    many = _queries(lambda: people_due(owner=owner, today=TODAY))

    assert len(people_due(owner=owner, today=TODAY, limit=None).items) == 30
    assert few == many == 7


# taxonomy_summary


def counts(summary) -> dict[str, int]:
    return {t.type.code: t.people for c in summary.categories for t in c.types}


def test_it_counts_people_per_type_and_distinct_people_per_category(owner, outsider):
    make_person(owner, "Ann Lee", types=["colleague", "interdepartmental", "mentor"])
    make_person(owner, "Bo Chen", types=["colleague"])
    make_person(owner, "Cy Dee", types=["contractor", "friend"])
    make_person(owner, "Di Eve")
    gone = make_person(owner, "Ed Gone", types=["colleague", "government_body"])
    person_archive(owner=owner, person=gone)
    make_person(outsider, "Fay Other", types=["colleague", "family"])

    summary = taxonomy_summary(owner=owner)

    assert [c.category for c in summary.categories] == list(taxonomy.Category)
    assert {c.category.value: c.people for c in summary.categories} == {
        "operational": 2,
        "strategic": 1,
        "personal": 2,
    }
    assert counts(summary) == {
        **dict.fromkeys(taxonomy.CODES, 0),
        "colleague": 2,
        "interdepartmental": 1,
        "mentor": 1,
        "contractor": 1,
        "friend": 1,
    }
    assert (summary.people, summary.untyped) == (4, 1)
    operational = summary.categories[0]
    assert [t.type.code for t in operational.types] == [
        "direct_supervisor",
        "colleague",
        "interdepartmental",
        "consultant",
    ]


def test_it_shows_each_types_interval_and_whether_it_was_changed(owner):
    type_interval_set(owner=owner, type_code="mentor", days=14)

    summary = taxonomy_summary(owner=owner)

    by_code = {t.type.code: t for c in summary.categories for t in c.types}
    assert (by_code["mentor"].interval_days, by_code["mentor"].interval_changed) == (14, True)
    assert (by_code["friend"].interval_days, by_code["friend"].interval_changed) == (45, False)


def test_it_summarises_an_empty_network(owner, outsider):
    make_person(outsider, "Fay Other", types=["colleague"])

    summary = taxonomy_summary(owner=owner)

    assert (summary.people, summary.untyped) == (0, 0)
    assert all(c.people == 0 for c in summary.categories)
    assert set(counts(summary).values()) == {0}


def test_it_summarises_the_taxonomy_in_a_fixed_number_of_queries(owner):
    def add(count: int, start: int) -> None:
        codes = taxonomy.CODES
        for n in range(start, start + count):
            make_person(owner, f"Person {n:03d}", types=[codes[n % 12], codes[(n + 5) % 12]])

    add(5, 0)
    few = _queries(lambda: taxonomy_summary(owner=owner))
    add(25, 5)
    many = _queries(lambda: taxonomy_summary(owner=owner))

    assert taxonomy_summary(owner=owner).people == 30
    assert few == many


def test_it_counts_a_type_once_per_person_after_edits(owner):
    ann = make_person(owner, "Ann Lee", types=["mentor"])
    person_update(owner=owner, person=ann, changes=PersonChanges(add_types=["Mentor", "friend"]))

    summary = taxonomy_summary(owner=owner)

    assert counts(summary)["mentor"] == 1
    assert summary.categories[2].people == 1


def test_its_fast_ranking_agrees_with_the_engine_for_a_varied_network(owner):
    import random

    rng = random.Random(5)
    for n in range(40):
        person = make_person(
            owner,
            f"Person {n:02d}",
            types=rng.sample(taxonomy.CODES, rng.randint(1, 2)),
            added_days_ago=rng.randint(0, 900),
        )
        if rng.random() < 0.8:
            log(owner, person, days_ago=rng.randint(0, min(800, 900)))
        if rng.random() < 0.2:
            task_create(owner=owner, person=person, description=f"Promise {n}")

    due = people_due(owner=owner, today=TODAY, within_days=60, limit=None)
    top = people_due(owner=owner, today=TODAY, within_days=60, limit=7)

    keys = [(i.priority.is_overdue, i.priority.score, i.priority.overdue_days) for i in due.items]
    assert len(keys) > 20
    assert keys == sorted(keys, reverse=True)
    assert [i.person_id for i in top.items] == [i.person_id for i in due.items][:7]
    assert (top.total, top.overdue) == (due.total, due.overdue)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_its_first_page_is_the_whole_rankings_first_page_when_many_are_overdue(owner, seed):
    """With more overdue than a page holds, only the strong and the boosted are ranked: the
    page must still be exactly the first of the whole ranking."""
    import random

    rng = random.Random(seed)
    for n in range(60):
        person = make_person(
            owner,
            f"Person {n:02d}",
            types=rng.sample(taxonomy.CODES, rng.randint(1, 2)),
            added_days_ago=rng.randint(300, 3000),
        )
        for _ in range(rng.choice([0, 1, 2, 7])):  # some dormant with a history to revive
            log(owner, person, days_ago=rng.choice([rng.randint(1, 400), rng.randint(1200, 2900)]))
        if rng.random() < 0.15:
            task_create(owner=owner, person=person, description=f"Promise {n}")

    everyone = people_due(owner=owner, today=TODAY, within_days=14, limit=None)
    assert everyone.overdue > 10
    for limit in (3, 5, 10):
        first = people_due(owner=owner, today=TODAY, within_days=14, limit=limit)
        assert [i.person_id for i in first.items] == [i.person_id for i in everyone.items[:limit]]


def test_it_raises_a_dormant_former_strong_tie_and_says_why(owner):
    old_friend = make_person(owner, "Old Friend", types=["colleague"], added_days_ago=3000)
    lapsed = make_person(owner, "Lapsed Acquaintance", types=["colleague"], added_days_ago=3000)
    ann = make_person(owner, "Ann Lee", types=["mentor"], added_days_ago=400)
    for n in range(8):
        log(owner, old_friend, days_ago=1500 + 30 * n)
    log(owner, lapsed, days_ago=1500)
    for days in (60, 90, 120):
        log(owner, ann, days_ago=days)

    due = people_due(owner=owner, today=TODAY)

    # Without its history Old Friend would rank with Lapsed, after Ann who is 30 days late.
    assert due_names(due) == ["Old Friend", "Ann Lee", "Lapsed Acquaintance"]
    scores = [item.priority.score for item in due.items]
    assert scores == sorted(scores, reverse=True)  # the database's order is the engine's
    assert due.items[0].priority.why == (
        "worth reviving: 8 touches, then 4 years of quiet; "
        "colleague - last talk 1500 days ago, every 60 days"
    )
    assert not due.items[2].priority.why.startswith("worth reviving")


def _counted(owner, today, within_days):
    """Who is due and overdue, counted person by person (what the kept counts must equal)."""
    from tiebook.people.models import Person

    until = today + dt.timedelta(days=within_days)
    due = Person.objects.filter(
        owner=owner, archived_at__isnull=True, followup_interval_days__isnull=False
    )
    return (
        due.filter(next_due_on__lte=until).count(),
        due.filter(next_due_on__lt=today).count(),
    )


def _kept(owner, today, within_days):
    from tiebook.followups.selectors import due_counts

    counts = due_counts(owner=owner, today=today, within_days=within_days)
    return (counts.total, counts.overdue)


def test_its_kept_counts_follow_every_kind_of_change(owner, outsider):
    from tiebook.followups.services import person_snooze
    from tiebook.people.merging import person_merge
    from tiebook.people.services import person_delete

    people = [
        make_person(owner, f"Person {n}", types=["colleague"], added_days_ago=20 * n)
        for n in range(8)
    ]
    make_person(outsider, "Someone Else", types=["mentor"], added_days_ago=400)
    checks = []

    def check():
        for within in (0, 7, 90):
            checks.append((_kept(owner, TODAY, within), _counted(owner, TODAY, within)))

    check()
    log(owner, people[3], days_ago=1)  # due again in a while
    person_snooze(owner=owner, person=people[4], days=30)
    person_archive(owner=owner, person=people[5])
    check()
    person_archive(owner=owner, person=people[5], archived=False)
    person_update(owner=owner, person=people[6], changes=PersonChanges(remove_types=["colleague"]))
    person_delete(owner=owner, person=people[7])
    person_merge(owner=owner, keep=people[1], other=people[2])
    check()
    assert all(kept == counted for kept, counted in checks), checks
    assert checks[0][1] != checks[-1][1]  # the changes did move the counts
    assert _kept(outsider, TODAY, 0) == _counted(outsider, TODAY, 0) == (1, 1)


def test_its_type_counts_follow_types_given_and_taken_and_people_deleted(owner):
    from tiebook.people.services import person_delete

    ann = make_person(owner, "Ann Lee", types=["mentor"])
    bob = make_person(owner, "Bob Stone", types=["mentor", "friend"])
    assert counts(taxonomy_summary(owner=owner))["mentor"] == 2
    person_update(
        owner=owner,
        person=ann,
        changes=PersonChanges(add_types=["friend"], remove_types=["mentor"]),
    )
    assert counts(taxonomy_summary(owner=owner))["mentor"] == 1
    person_delete(owner=owner, person=bob)
    summary = taxonomy_summary(owner=owner)
    assert (counts(summary)["mentor"], counts(summary)["friend"], summary.people) == (0, 1, 1)

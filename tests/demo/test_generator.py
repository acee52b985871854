"""The demo network: deterministic, realistic, consistent with the caches, and cheap in queries."""

from __future__ import annotations

import collections
import datetime as dt
import re

import pytest
from django.db import connection
from django.db.models import Count, Max, Min
from django.test.utils import CaptureQueriesContext

from tiebook import taxonomy
from tiebook.core.errors import Conflict, ValidationError
from tiebook.demo import generator
from tiebook.demo.generator import DemoSummary, demo_generate
from tiebook.followups.engine import FollowupState, is_dormant, next_due
from tiebook.interactions.models import Interaction, KnowledgeShare, Participant, Task
from tiebook.people.models import (
    ContactPoint,
    Organization,
    Person,
    PersonType,
    Relationship,
)
from tiebook.people.normalize import normalize_email, normalize_phone, normalize_url, text_key

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 6, 1)


@pytest.fixture
def demo(owner) -> DemoSummary:
    return demo_generate(owner=owner, people=200, seed=7, today=TODAY)


def people_snapshot(owner) -> list[tuple]:
    people = Person.objects.filter(owner=owner).order_by("id").prefetch_related("types")
    return [
        (
            p.display_name, p.created_at, p.headline, sorted(t.type for t in p.types.all()),
            p.last_interaction_at, p.next_due_on, p.tie_strength, p.circle,
        )
        for p in people
    ]  # fmt: skip


def interactions_snapshot(owner) -> list[tuple]:
    rows = Interaction.objects.filter(owner=owner).order_by("id").prefetch_related("people")
    return [
        (
            i.kind,
            i.occurred_at,
            i.direction,
            i.summary,
            sorted(p.display_name for p in i.people.all()),
        )
        for i in rows
    ]


# determinism


def test_it_makes_the_same_network_from_the_same_seed_and_day(owner, outsider):
    demo_generate(owner=owner, people=120, seed=3, today=TODAY)
    demo_generate(owner=outsider, people=120, seed=3, today=TODAY)

    assert people_snapshot(owner) == people_snapshot(outsider)
    assert interactions_snapshot(owner) == interactions_snapshot(outsider)


def test_it_makes_another_network_from_another_seed(owner, outsider):
    demo_generate(owner=owner, people=60, seed=1, today=TODAY)
    demo_generate(owner=outsider, people=60, seed=2, today=TODAY)

    assert people_snapshot(owner) != people_snapshot(outsider)


def test_it_dates_everything_from_today_not_the_clock(owner, outsider):
    demo_generate(owner=owner, people=40, seed=5, today=TODAY)
    demo_generate(owner=outsider, people=40, seed=5, today=TODAY + dt.timedelta(days=10))

    mine = [(p[1], p[4]) for p in people_snapshot(owner)]
    theirs = [(p[1], p[4]) for p in people_snapshot(outsider)]
    shifted = [(a + dt.timedelta(days=10), b and b + dt.timedelta(days=10)) for a, b in mine]
    assert theirs == shifted


def test_it_never_reaches_past_today(owner, demo):
    midnight = dt.datetime.combine(TODAY, dt.time(), tzinfo=dt.UTC)
    assert (
        Interaction.objects.filter(owner=owner).aggregate(last=Max("occurred_at"))["last"]
        < midnight
    )
    assert Person.objects.filter(owner=owner).aggregate(last=Max("updated_at"))["last"] < midnight


# what it makes


def test_it_reports_what_it_made(owner, demo):
    assert demo.people == Person.objects.filter(owner=owner).count() == 200
    assert demo.organizations == Organization.objects.filter(owner=owner).count() >= 16
    assert demo.interactions == Interaction.objects.filter(owner=owner).count()
    assert demo.relationships == Relationship.objects.filter(owner=owner).count()
    assert demo.knowledge_shares == KnowledgeShare.objects.filter(owner=owner).count() > 0
    assert demo.tasks == Task.objects.filter(owner=owner, done_at=None).count() > 0


def test_it_holds_about_ten_interactions_per_person(demo):
    assert 7 <= demo.interactions / demo.people <= 14


def test_it_uses_all_twelve_types_at_two_hundred_people(owner, demo):
    types = PersonType.objects.filter(owner=owner).values_list("type", flat=True)
    assert set(types) == set(taxonomy.CODES)


def test_it_makes_colleagues_and_friends_most_common(owner, demo):
    counts = dict(
        PersonType.objects.filter(owner=owner).values_list("type").annotate(n=Count("id"))
    )
    top_two = sorted(counts, key=counts.get, reverse=True)[:2]
    assert set(top_two) == {"colleague", "friend"}
    assert counts["licensing_authority"] < counts["colleague"] / 4


def test_it_gives_some_people_two_types(owner, demo):
    doubles = Person.objects.filter(owner=owner).annotate(n=Count("types")).filter(n=2).count()
    assert 10 <= doubles <= 60


def test_it_fills_names_and_keys(owner, demo):
    for person in Person.objects.filter(owner=owner):
        assert person.display_name == f"{person.given_name} {person.family_name}"
        assert person.search_name == text_key(person.display_name)
    for org in Organization.objects.filter(owner=owner):
        assert org.name_key == text_key(org.name)
        assert org.domain.endswith(".example")
        assert org.industry


def test_it_gives_unique_ascii_emails_and_normalised_phones_and_profiles(owner, demo):
    points = ContactPoint.objects.filter(owner=owner)
    emails = [p.value for p in points.filter(kind="email")]
    assert len(emails) == len(set(emails)) > 150
    assert all(email.isascii() and email == email.lower() for email in emails)
    assert all(normalize_email(email) == email for email in emails[:40])
    for phone in points.filter(kind="phone"):
        assert phone.value.startswith("+1 ")
        assert " 555 01" in phone.value
        assert phone.normalized == normalize_phone(phone.value)
    profiles = points.filter(kind="social")
    assert profiles.count() > 100
    assert all(p.normalized == normalize_url(p.value) for p in profiles)


def test_it_writes_headlines_that_fit_the_type(owner, demo):
    officials = Person.objects.filter(owner=owner, types__type="government_body")
    assert all(", " in p.headline and p.organization for p in officials)


def test_it_reads_back_through_the_orm(owner, demo):
    person = Person.objects.filter(owner=owner).exclude(expertise=[]).first()
    assert isinstance(person.expertise, list)
    share = KnowledgeShare.objects.filter(owner=owner).first()
    assert share.direction in ("gave", "received")
    assert share.topics
    assert share.interaction.people.filter(pk=share.person_id).exists()
    interaction = Interaction.objects.filter(owner=owner).first()
    assert interaction.occurred_at.tzinfo is not None
    assert interaction.source == "demo"
    assert interaction.external_id == ""


def test_it_gives_a_few_group_interactions(owner, demo):
    groups = Interaction.objects.filter(owner=owner).annotate(n=Count("participants"))
    sizes = set(groups.values_list("n", flat=True))
    assert sizes <= {1, 2, 3}
    assert {2, 3} & sizes


def test_it_counts_each_persons_interactions_as_the_services_would(owner, demo):
    counted = Person.objects.filter(owner=owner).annotate(n=Count("participations"))
    assert {p.interaction_count for p in counted} != {0}
    assert [(p.pk, p.interaction_count) for p in counted] == [(p.pk, p.n) for p in counted]


def test_it_ties_people_into_a_graph(owner, demo):
    ties = Relationship.objects.filter(owner=owner)
    kinds = set(ties.values_list("kind", flat=True))
    assert {"knows", "colleague_of"} <= kinds
    # Ties an import never brings were entered by hand; introductions add theirs.
    assert set(ties.values_list("source", flat=True)) == {"demo", "manual", "intro"}
    assert 1 <= ties.filter(kind="knows").count() / demo.people <= 2
    pairs = [tuple(sorted(pair)) for pair in ties.values_list("from_person", "to_person")]
    assert len(pairs) == len(set(pairs))


def test_it_keeps_circles_and_overrides_rare(owner, demo):
    people = Person.objects.filter(owner=owner)
    assert 0 < people.exclude(circle=None).count() <= 30
    assert people.filter(circle=5).count() <= 5
    assert people.exclude(interval_days=None).count() < 20


# history and caches


def test_it_adds_people_before_first_meeting_them(owner, demo):
    people = Person.objects.filter(owner=owner).annotate(first=Min("participations__occurred_at"))
    assert all(p.first is None or p.created_at < p.first for p in people)


def test_it_copies_the_moment_onto_participants(owner, demo):
    participants = Participant.objects.filter(owner=owner).select_related("interaction")
    assert all(p.occurred_at == p.interaction.occurred_at for p in participants)


def test_it_caches_the_last_interaction(owner, demo):
    people = Person.objects.filter(owner=owner).annotate(last=Max("participations__occurred_at"))
    assert all(p.last_interaction_at == p.last for p in people)


def test_it_caches_the_next_due_date_as_the_engine_says(owner, demo):
    from tiebook.followups.services import open_reasons

    people = Person.objects.filter(owner=owner).prefetch_related("types")
    reasons = open_reasons(owner, [p.pk for p in people])  # the networking parts' nudges
    for person in people:
        last = person.last_interaction_at
        state = FollowupState(
            types=tuple(t.type for t in person.types.all()),
            interval_override=person.interval_days,
            circle=person.circle,
            added_on=person.created_at.date(),
            last_interaction_on=last.date() if last else None,
            reasons=tuple(reasons[person.pk]),
        )
        assert person.next_due_on == next_due(state)


def test_it_caches_a_tie_strength_that_follows_contact(owner, demo):
    people = Person.objects.filter(owner=owner)
    never = [p.tie_strength for p in people.filter(last_interaction_at=None)]
    recent = [
        p.tie_strength
        for p in people.filter(last_interaction_at__date__gte=TODAY - dt.timedelta(days=30))
    ]
    assert all(0 <= p.tie_strength <= 100 for p in people)
    assert max(never) < sum(recent) / len(recent)


def test_it_leaves_some_ties_dormant_and_some_never_contacted(owner, demo):
    people = list(Person.objects.filter(owner=owner))
    dormant = [
        p
        for p in people
        if p.last_interaction_at and is_dormant(p.last_interaction_at.date(), TODAY)
    ]
    never = [p for p in people if p.last_interaction_at is None]
    assert 8 <= len(dormant) <= 40
    assert 3 <= len(never) <= 20
    assert not Participant.objects.filter(person__in=never).exists()


def test_it_spreads_history_over_about_six_years(owner, demo):
    first = Interaction.objects.filter(owner=owner).aggregate(first=Min("occurred_at"))["first"]
    assert TODAY.year - 7 < first.year <= TODAY.year - 5


def test_it_leaves_a_few_open_promises_due_around_today(owner, demo):
    tasks = Task.objects.filter(owner=owner)
    assert {t.direction for t in tasks} <= {"i_owe", "they_owe"}
    assert all(abs((t.due_on - TODAY).days) <= 60 for t in tasks)
    assert tasks.count() < demo.people / 10


def test_it_leaves_the_keys_free_for_what_comes_next(owner, demo):
    person = Person.objects.create(owner=owner, display_name="Ada Lovelace", search_name="ada")
    interaction = Interaction.objects.create(
        owner=owner, occurred_at=dt.datetime(2025, 6, 1, 9, tzinfo=dt.UTC), summary="Tea"
    )

    assert person.pk > Person.objects.exclude(pk=person.pk).aggregate(m=Max("pk"))["m"]
    assert (
        interaction.pk > Interaction.objects.exclude(pk=interaction.pk).aggregate(m=Max("pk"))["m"]
    )


# refusals


def test_it_refuses_a_network_that_already_has_people(owner):
    Person.objects.create(owner=owner, display_name="Ada Lovelace", search_name="ada lovelace")

    with pytest.raises(Conflict) as error:
        demo_generate(owner=owner, people=10, today=TODAY)

    assert str(error.value) == "The demo fills an empty network; this one already has 1 people."
    assert Person.objects.filter(owner=owner).count() == 1


def test_it_fills_one_owner_while_another_has_people(owner, outsider):
    Person.objects.create(owner=outsider, display_name="Ada Lovelace", search_name="ada lovelace")

    assert demo_generate(owner=owner, people=10, today=TODAY).people == 10


@pytest.mark.parametrize("people", [0, -5, 1_000_001])
def test_it_rejects_sizes_out_of_range(owner, people):
    with pytest.raises(ValidationError):
        demo_generate(owner=owner, people=people, today=TODAY)


def test_it_makes_a_network_of_one(owner):
    assert demo_generate(owner=owner, people=1, today=TODAY).people == 1


# cost


def test_its_queries_do_not_grow_with_the_network(owner, outsider):
    with CaptureQueriesContext(connection) as small:
        demo_generate(owner=owner, people=100, today=TODAY)
    with CaptureQueriesContext(connection) as large:
        demo_generate(owner=outsider, people=400, today=TODAY)

    # The networking parts each add a fixed handful; rows go a hundred to a statement, in one
    # executemany and at most one more for the rest, so a table may take one more statement.
    def statements(captured):
        shapes = [re.sub(r"^\d+ times: |SAVEPOINT \S+", "", q["sql"])[:80] for q in captured]
        return collections.Counter(shapes)

    few, many = statements(small.captured_queries), statements(large.captured_queries)
    assert set(few) == set(many)
    assert all(few[shape] <= many[shape] <= few[shape] + 1 for shape in few)
    assert len(large.captured_queries) < 70


def test_it_reports_progress_after_each_chunk(owner, monkeypatch):
    monkeypatch.setattr(generator, "CHUNK", 50)
    calls = []

    demo_generate(owner=owner, people=120, today=TODAY, progress=lambda *a: calls.append(a))

    assert calls == [(50, 120), (100, 120), (120, 120)]


def test_it_keeps_caches_true_across_chunks(owner, monkeypatch):
    monkeypatch.setattr(generator, "CHUNK", 40)

    demo_generate(owner=owner, people=150, today=TODAY)

    people = Person.objects.filter(owner=owner).annotate(last=Max("participations__occurred_at"))
    assert all(p.last_interaction_at == p.last for p in people)
    cross = Relationship.objects.filter(owner=owner, kind="knows")
    assert cross.count() > 100

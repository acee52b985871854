"""The demo's profile, ties entered by hand and introductions."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models import Count, Max

from tiebook.accounts.selectors import profile_get
from tiebook.demo.generator import demo_generate
from tiebook.interactions.models import Interaction
from tiebook.people.models import Person, Relationship

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 6, 1)


@pytest.fixture
def demo(owner):
    return demo_generate(owner=owner, people=900, today=TODAY)


def test_the_demo_owner_has_a_profile(owner, demo):
    profile = profile_get(owner=owner)
    assert profile.headline
    assert profile.skills
    assert profile.roles
    assert profile.offer


def test_ties_an_import_never_brings_were_entered_by_hand(owner, demo):
    manual = Relationship.objects.filter(owner=owner, source="manual")
    assert set(manual.values_list("kind", flat=True)) <= {"reports_to", "mentor_of", "family"}
    assert manual.exists()


def test_introductions_tie_two_people_before_both_were_last_in_touch(owner, demo):
    intros = Interaction.objects.filter(owner=owner, source="intro").annotate(
        n=Count("participants")
    )
    assert intros.count() == 2  # one per 400 people
    for intro in intros:
        assert intro.n == 2
        assert intro.kind == "note"
        assert intro.summary.startswith("Introduced ")
        a, b = intro.participants.order_by("pk").values_list("person", flat=True)
        assert Relationship.objects.filter(
            owner=owner, kind="knows", from_person__in=[a, b], to_person__in=[a, b]
        ).exists()
    people = Person.objects.filter(owner=owner).annotate(last=Max("participations__occurred_at"))
    assert all(p.last_interaction_at == p.last for p in people)

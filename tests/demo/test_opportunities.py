"""The demo's opportunities and referrals: plausible numbers, every stage, on the timelines."""

from __future__ import annotations

import datetime as dt

import pytest

from tiebook.demo.generator import demo_generate
from tiebook.followups.nudges import nudges_open
from tiebook.opportunities.models import Opportunity, OpportunityPerson, Referral, StageChange

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 6, 1)


def test_it_adds_opportunities_with_people_history_and_referrals(owner):
    demo_generate(owner=owner, people=400, seed=7, today=TODAY)
    opps = Opportunity.objects.filter(owner=owner)
    assert opps.count() == 6
    assert OpportunityPerson.objects.filter(owner=owner).count() >= 6
    for opp in opps:
        history = list(StageChange.objects.filter(opportunity=opp).order_by("changed_on", "id"))
        assert history[0].from_stage == ""
        assert history[-1].stage == opp.stage
        assert all(c.changed_on <= TODAY for c in history)
    stepped = opps.filter(next_step_on__isnull=False)
    assert sorted(n.source_id for n in nudges_open(owner=owner, source="opportunity")) == sorted(
        o.pk for o in stepped
    )
    referrals = Referral.objects.filter(owner=owner).select_related("interaction")
    assert referrals.count() > 0
    for referral in referrals:
        interaction = referral.interaction
        assert interaction.source == "referral"
        assert interaction.participants.get().person_id == referral.person_id
        assert referral.occurred_on <= TODAY


def test_a_large_network_gets_about_one_opportunity_per_two_thousand_people(owner, monkeypatch):
    from tiebook.demo import opportunities

    monkeypatch.setattr(opportunities, "PEOPLE_PER_OPPORTUNITY", 50)
    demo_generate(owner=owner, people=500, seed=7, today=TODAY)
    assert Opportunity.objects.filter(owner=owner).count() == 10
    assert len(set(Opportunity.objects.values_list("stage", flat=True))) >= 4

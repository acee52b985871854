"""The give/ask balance: its reading (pure) and its counts (per person and overall)."""

from __future__ import annotations

import pytest

from tests.factories import frozen, log, make_person
from tiebook.insights.ledger import (
    Balance,
    balance_overall,
    balance_reading,
    person_balance,
    person_opportunities_panel,
)
from tiebook.interactions.models import Interaction
from tiebook.opportunities.referrals import referral_record
from tiebook.opportunities.services import opportunity_create, opportunity_link


@pytest.mark.parametrize(
    ("balance", "reading"),
    [
        (
            Balance(),
            "nothing given or asked with Ana yet: give something useful before you need to ask",
        ),
        (Balance(gave=1, asked=3), "you ask more than you give with Ana: share something first"),
        (Balance(gave=1, received=4), "Ana gave you more than you gave back: return the favour"),
        (
            Balance(gave=3),
            "you give to Ana without asking: a fair footing for an ask when you need one",
        ),
        (Balance(gave=3, asked=1), "balanced with Ana: you give at least as much as you ask"),
    ],
)
def test_the_reading_says_what_to_do(balance, reading):
    assert balance_reading(balance, name="Ana") == reading


def test_the_overall_reading_names_no_one():
    assert balance_reading(Balance(asked=1)) == "you ask more than you give: share something first"
    assert balance_reading(Balance(received=2)) == (
        "your network gave you more than you gave back: return the favour"
    )


@pytest.mark.django_db
def test_it_counts_shares_introductions_and_referrals(owner, outsider):
    with frozen():
        ana = make_person(owner, "Ana Lima")
        bo = make_person(owner, "Bo Chen")
        log(owner, ana, "Coffee", gave=["A paper", "A link"], received=["A book"])
        intro = log(owner, [ana, bo], "Introduced Ana and Bo")
        Interaction.objects.filter(pk=intro.pk).update(source="intro")
        referral_record(owner=owner, person=ana, direction="asked")
        referral_record(owner=owner, person=ana, direction="given", kind="favour")
        referral_record(owner=owner, person=ana, direction="received")
        referral_record(owner=owner, person=bo, direction="asked", kind="introduction")
        referral_record(owner=owner, person=bo, direction="asked")
        other = make_person(outsider, "Theirs")
        referral_record(owner=outsider, person=other, direction="given")
    assert person_balance(owner=owner, person=ana).balance == Balance(gave=4, asked=1, received=2)
    assert person_balance(owner=owner, person=bo).balance == Balance(gave=1, asked=2)
    overall = balance_overall(owner=owner)
    assert overall.balance == Balance(gave=5, asked=3, received=2)
    assert [(p.name, p.reading) for p in overall.owed] == [
        ("Bo Chen", "you ask more than you give with Bo Chen: share something first")
    ]


@pytest.mark.django_db
def test_the_person_panel_shows_the_caution_for_a_family_advocate(owner):
    with frozen():
        rosa = make_person(owner, "Rosa Lima", types=["family"])
        opp = opportunity_create(owner=owner, title="Staff engineer", organization="Acme")
        opportunity_link(owner=owner, opportunity=opp, person=rosa, role="reference")
    panel = person_opportunities_panel(owner=owner, person=rosa)
    assert panel.is_family
    assert [link.opportunity.title for link in panel.links] == ["Staff engineer"]
    assert panel.cautions == [
        "Rosa Lima (reference) is family: lean on family sparingly as advocates; others may see "
        "their advocacy as biased"
    ]


@pytest.mark.django_db
def test_a_family_champion_needs_no_caution(owner):
    with frozen():
        rosa = make_person(owner, "Rosa Lima", types=["family"])
        opp = opportunity_create(owner=owner, title="Staff engineer")
        opportunity_link(owner=owner, opportunity=opp, person=rosa, role="champion")
    assert person_opportunities_panel(owner=owner, person=rosa).cautions == []


@pytest.mark.django_db
def test_the_person_panel_reads_in_a_fixed_number_of_queries(owner, django_assert_num_queries):
    with frozen():
        ana = make_person(owner, "Ana Lima", types=["family"])
        for n in range(4):
            opp = opportunity_create(owner=owner, title=f"Job {n}", organization="Acme")
            opportunity_link(owner=owner, opportunity=opp, person=ana, role="referrer")
            referral_record(owner=owner, person=ana, direction="asked", opportunity=opp)
    with django_assert_num_queries(6):
        panel = person_opportunities_panel(owner=owner, person=ana)
        assert [link.opportunity.organization.name for link in panel.links] == ["Acme"] * 4
        assert [r.opportunity.organization.name for r in panel.referrals] == ["Acme"] * 4

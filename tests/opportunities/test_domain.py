"""The pure thinking about opportunities: stages, roles, the family caution, who could refer me."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tiebook.core.errors import ValidationError
from tiebook.opportunities import domain
from tiebook.opportunities.domain import Advocate, Insider, Tie


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("referral-asked", "referral_asked"),
        ("Referral asked", "referral_asked"),
        ("referral_asked", "referral_asked"),
        ("negotiating", "offer"),
        ("offer-or-negotiating", "offer"),
        ("WON", "won"),
        ("pitched", "applied"),
    ],
)
def test_it_reads_a_stage_as_people_type_it(typed, code):
    assert domain.parse_stage(typed) == code


def test_an_unknown_stage_lists_the_stages_and_suggests_one():
    with pytest.raises(ValidationError) as caught:
        domain.parse_stage("interveiwing")
    assert caught.value.message == (
        "Unknown stage 'interveiwing'; use one of idea, exploring, referral-asked, applied, "
        "interviewing, offer, won, lost, closed."
    )
    assert caught.value.hint == "Did you mean 'interviewing'?"


def test_it_reads_roles_with_dashes():
    assert domain.parse_role("hiring-manager") == "hiring_manager"
    assert domain.parse_role("Reference") == "reference"
    with pytest.raises(ValidationError, match="Unknown role 'boss'"):
        domain.parse_role("boss")


def test_the_pipeline_steps_forward_and_back():
    assert domain.next_stage("idea") == "exploring"
    assert domain.next_stage("offer") == "won"
    assert domain.next_stage("won") is None
    assert domain.next_stage("lost") is None
    assert domain.previous_stage("idea") is None
    assert domain.previous_stage("won") == "offer"
    assert domain.previous_stage("lost") == "offer"


@given(st.sampled_from(domain.PIPELINE))
def test_next_then_previous_comes_back(stage):
    after = domain.next_stage(stage)
    if after is not None:
        assert domain.previous_stage(after) == stage


def test_a_family_referrer_or_reference_gets_the_caution_once():
    cautions = domain.family_cautions(
        [
            Advocate(1, "Rosa Lima", "referrer", True),
            Advocate(1, "Rosa Lima", "reference", True),
            Advocate(1, "Rosa Lima", "champion", True),
            Advocate(2, "Ana Lima", "referrer", False),
            Advocate(3, "Tio Lima", "interviewer", True),
        ]
    )
    assert cautions == [
        "Rosa Lima (referrer and reference) is family: lean on family sparingly as advocates; "
        "others may see their advocacy as biased"
    ]


def test_no_family_no_caution():
    assert domain.family_cautions([Advocate(2, "Ana", "referrer", False)]) == []


def test_reach_is_an_inverted_u_over_tie_strength():
    assert domain.reach(35) == 100
    assert domain.reach(35) > domain.reach(80) > domain.reach(0)
    assert domain.reach(20) > domain.reach(5)
    assert domain.reach(100) == 70


@given(st.integers(0, 100))
def test_reach_stays_between_40_and_100(strength):
    assert 40 <= domain.reach(strength) <= 100


def test_who_could_refer_names_the_link_and_ranks_moderate_insiders_first():
    insiders = [Insider(1, "Li Wei", 35), Insider(2, "Max Strong", 95)]
    ties = [
        Tie(3, "Ana Lima", 40, "knows", 1),
        Tie(4, "Old Friend", 90, "colleague of", 2),
        Tie(1, "Li Wei", 35, "knows", 2),  # an insider known to another: kept as an insider
        Tie(5, "Nobody", 30, "knows", 99),  # not linked to anyone there
    ]
    found = domain.who_could_refer(organization="Acme", insiders=insiders, ties=ties)
    assert [(s.name, s.link) for s in found] == [
        ("Li Wei", "works at Acme"),
        ("Max Strong", "works at Acme"),
        ("Old Friend", "colleague of Max Strong at Acme"),
        ("Ana Lima", "knows Li Wei at Acme"),
    ]


def test_who_could_refer_leaves_out_people_already_linked_and_keeps_each_person_once():
    insiders = [Insider(1, "Li Wei", 40), Insider(2, "Kim Park", 40)]
    ties = [Tie(3, "Ana Lima", 40, "knows", 1), Tie(3, "Ana Lima", 40, "mentor of", 2)]
    found = domain.who_could_refer(organization="Acme", insiders=insiders, ties=ties, exclude=[1])
    assert [s.name for s in found] == ["Kim Park", "Ana Lima"]
    assert found[1].link in {"knows Li Wei at Acme", "mentor of Kim Park at Acme"}


def test_who_could_refer_is_empty_without_insiders():
    assert domain.who_could_refer(organization="Acme", insiders=[], ties=[]) == []


def test_a_crowd_at_the_organisation_leaves_room_for_friends_of_insiders():
    insiders = [Insider(n, f"Insider {n:02}", 35) for n in range(1, 21)]
    ties = [Tie(100 + n, f"Friend {n}", 10, "knows", 1) for n in range(5)]
    found = domain.who_could_refer(organization="Acme", insiders=insiders, ties=ties, limit=9)
    assert len(found) == 9
    assert sum(s.link.startswith("works at") for s in found) == 6
    few = domain.who_could_refer(organization="Acme", insiders=insiders[:2], ties=ties, limit=9)
    assert len(few) == 7

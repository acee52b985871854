"""The pure thinking about opportunities: stages, roles, the family caution."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tiebook.core.errors import ValidationError
from tiebook.opportunities import domain
from tiebook.opportunities.domain import Advocate


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

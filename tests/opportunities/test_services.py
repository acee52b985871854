"""Writing opportunities and referrals: history, links, timelines, and owners kept apart."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import TODAY, frozen, make_person
from tiebook.core.errors import NotFound, ValidationError
from tiebook.interactions.models import Interaction, Participant
from tiebook.opportunities.models import Opportunity, OpportunityPerson, Referral, StageChange
from tiebook.opportunities.referrals import referral_delete, referral_record, referral_set_outcome
from tiebook.opportunities.selectors import (
    opportunities_board,
    opportunity_record,
    opportunity_resolve,
    referrals_list,
)
from tiebook.opportunities.services import (
    opportunity_create,
    opportunity_delete,
    opportunity_link,
    opportunity_move,
    opportunity_set_next,
    opportunity_unlink,
)
from tiebook.people.models import Organization, Relationship

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with frozen():
        yield


@pytest.fixture
def staff(owner):
    return opportunity_create(owner=owner, title="Staff engineer", kind="job", organization="Acme")


def test_it_creates_the_organisation_by_name_and_starts_the_history(owner, staff):
    assert staff.organization.name == "Acme"
    assert Organization.objects.filter(owner=owner).count() == 1
    again = opportunity_create(owner=owner, title="Data lead", organization="ACME")
    assert again.organization_id == staff.organization_id
    assert list(
        StageChange.objects.filter(opportunity=staff).values_list("stage", "changed_on")
    ) == [("idea", TODAY)]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"title": "  "}, "Give the opportunity a title."),
        ({"title": "x" * 301}, "Keep the title under 300 characters."),
        ({"title": "Job", "kind": "gig"}, "Unknown kind 'gig'"),
        ({"title": "Job", "next_step_on": TODAY}, "Say what the next step is, not only when."),
    ],
)
def test_it_refuses_bad_input_and_writes_nothing(owner, fields, message):
    with pytest.raises(ValidationError, match=message):
        opportunity_create(owner=owner, **fields)
    assert Opportunity.objects.count() == 0


def test_moving_records_each_stage_with_its_day(owner, staff):
    opportunity_move(owner=owner, opportunity=staff, stage="referral-asked")
    opportunity_move(
        owner=owner, opportunity=staff, stage="applied", on=TODAY + dt.timedelta(days=2)
    )
    opportunity_move(owner=owner, opportunity=staff, stage="applied")  # no change, no history
    history = opportunity_record(owner=owner, opportunity_id=staff.pk).history
    assert [(c.from_stage, c.stage, c.changed_on.day) for c in history] == [
        ("", "idea", 30),
        ("idea", "referral_asked", 30),
        ("referral_asked", "applied", 2),
    ]
    staff.refresh_from_db()
    assert staff.stage == "applied"


def test_next_step_is_set_replaced_and_cleared(owner, staff):
    opportunity_set_next(owner=owner, opportunity=staff, text="Send CV", on=TODAY)
    staff.refresh_from_db()
    assert (staff.next_step, staff.next_step_on) == ("Send CV", TODAY)
    opportunity_set_next(owner=owner, opportunity=staff, text="", on=None)
    staff.refresh_from_db()
    assert (staff.next_step, staff.next_step_on) == ("", None)


def test_linking_twice_keeps_one_link_and_unlinking_removes_it(owner, staff):
    ana = make_person(owner, "Ana Lima")
    opportunity_link(owner=owner, opportunity=staff, person=ana, role="referrer")
    opportunity_link(owner=owner, opportunity=staff, person=ana, role="referrer")
    opportunity_link(owner=owner, opportunity=staff, person=ana, role="champion")
    assert OpportunityPerson.objects.count() == 2
    assert opportunity_unlink(owner=owner, opportunity=staff, person=ana, role="champion") == 1
    assert opportunity_unlink(owner=owner, opportunity=staff, person=ana) == 1
    with pytest.raises(NotFound, match="Ana Lima is not linked to Staff engineer"):
        opportunity_unlink(owner=owner, opportunity=staff, person=ana)


def test_a_family_referrer_makes_the_caution(owner, staff):
    rosa = make_person(owner, "Rosa Lima", types=["family"])
    opportunity_link(owner=owner, opportunity=staff, person=rosa, role="referrer")
    record = opportunity_record(owner=owner, opportunity_id=staff.pk)
    assert record.family_ids == {rosa.pk}
    assert record.cautions == [
        "Rosa Lima (referrer) is family: lean on family sparingly as advocates; others may "
        "see their advocacy as biased"
    ]


def test_the_record_reads_in_a_fixed_number_of_queries(owner, staff, django_assert_max_num_queries):
    li = make_person(owner, "Li Wei", organization="Acme")
    for n in range(5):
        friend = make_person(owner, f"Friend {n}")
        Relationship.objects.create(owner=owner, from_person=friend, to_person=li)
        opportunity_link(owner=owner, opportunity=staff, person=friend, role="champion")
        referral_record(owner=owner, person=friend, direction="asked", opportunity=staff)
    with django_assert_max_num_queries(8):
        opportunity_record(owner=owner, opportunity_id=staff.pk)


def test_the_board_has_every_stage_in_order(owner, staff):
    won = opportunity_create(owner=owner, title="Client X", kind="client", stage="won")
    columns = opportunities_board(owner=owner)
    assert [c.stage for c in columns][:3] == ["idea", "exploring", "referral_asked"]
    assert [o.pk for o in columns[0].opportunities] == [staff.pk]
    assert [o.pk for o in columns[6].opportunities] == [won.pk]


def test_an_opportunity_is_found_by_number_or_title(owner, staff):
    opportunity_create(owner=owner, title="Staff engineer (backup)", stage="lost")
    assert opportunity_resolve(owner=owner, ref=str(staff.pk)) == staff
    assert opportunity_resolve(owner=owner, ref="staff engineer") == staff  # the exact title
    with pytest.raises(NotFound, match="No opportunity matches 'designer'"):
        opportunity_resolve(owner=owner, ref="designer")


def test_an_ambiguous_title_lists_the_candidates(owner):
    opportunity_create(owner=owner, title="Engineer at A")
    opportunity_create(owner=owner, title="Engineer at B")
    from tiebook.core.errors import Ambiguous

    with pytest.raises(Ambiguous) as caught:
        opportunity_resolve(owner=owner, ref="engineer")
    assert len(caught.value.candidates) == 2


def test_another_owner_cannot_reach_or_change_them(owner, outsider, staff):
    theirs = make_person(outsider, "Zed")
    with pytest.raises(NotFound):
        opportunity_resolve(owner=outsider, ref=str(staff.pk))
    with pytest.raises(NotFound):
        opportunity_resolve(owner=outsider, ref="Staff")
    with pytest.raises(NotFound):
        opportunity_move(owner=outsider, opportunity=staff, stage="won")
    with pytest.raises(NotFound):
        opportunity_link(owner=owner, opportunity=staff, person=theirs, role="referrer")
    with pytest.raises(NotFound):
        referral_record(owner=owner, person=theirs, direction="asked")
    assert opportunities_board(owner=outsider)[0].opportunities == []


def test_deleting_keeps_the_referrals(owner, staff):
    ana = make_person(owner, "Ana Lima")
    referral = referral_record(owner=owner, person=ana, direction="asked", opportunity=staff)
    opportunity_delete(owner=owner, opportunity=staff)
    referral.refresh_from_db()
    assert referral.opportunity_id is None
    assert Opportunity.objects.count() == StageChange.objects.count() == 0


# -- referrals -------------------------------------------------------------------------------------


def test_a_referral_is_on_the_timelines_of_both_people(owner, staff):
    ana = make_person(owner, "Ana Lima")
    li = make_person(owner, "Li Wei")
    referral = referral_record(
        owner=owner, person=ana, to_person=li, direction="asked", opportunity=staff
    )
    interaction = referral.interaction
    assert interaction.source == "referral"
    assert interaction.summary == ("Referral asked for Staff engineer at Acme (to Li Wei): pending")
    assert set(
        Participant.objects.filter(interaction=interaction).values_list("person_id", flat=True)
    ) == {
        ana.pk,
        li.pk,
    }
    ana.refresh_from_db()
    assert ana.last_interaction_at is not None


def test_an_outcome_changes_the_timeline_entry(owner):
    ana = make_person(owner, "Ana Lima")
    referral = referral_record(owner=owner, person=ana, direction="received", what="a lead")
    referral_set_outcome(owner=owner, referral=referral, outcome="no-answer", note="Silence")
    interaction = Interaction.objects.get(pk=referral.interaction_id)
    assert interaction.summary == "Referral received for a lead: no answer"
    assert interaction.notes == "Silence"
    assert interaction.direction == "incoming"


def test_deleting_a_referral_removes_its_timeline_entry(owner):
    ana = make_person(owner, "Ana Lima")
    referral = referral_record(owner=owner, person=ana, direction="given", kind="favour")
    referral_delete(owner=owner, referral=referral)
    assert Referral.objects.count() == Interaction.objects.count() == 0
    ana.refresh_from_db()
    assert ana.last_interaction_at is None


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"direction": "begged"}, "Unknown direction 'begged'"),
        ({"direction": "asked", "kind": "bribe"}, "Unknown kind 'bribe'"),
        ({"direction": "asked", "on": TODAY + dt.timedelta(days=1)}, "is in the future"),
        ({"direction": "asked", "what": "x" * 501}, "at most 500 characters"),
    ],
)
def test_a_bad_referral_is_refused_and_nothing_is_written(owner, fields, message):
    ana = make_person(owner, "Ana Lima")
    with pytest.raises(ValidationError, match=message):
        referral_record(owner=owner, person=ana, **fields)
    assert Referral.objects.count() == Interaction.objects.count() == 0


def test_a_person_s_referrals_include_those_that_reach_them(owner):
    ana = make_person(owner, "Ana Lima")
    li = make_person(owner, "Li Wei")
    referral_record(owner=owner, person=ana, to_person=li, direction="asked")
    assert len(referrals_list(owner=owner, person=li)) == 1


def test_the_board_reads_in_two_queries_however_many(owner, django_assert_num_queries):
    for n in range(6):
        opp = opportunity_create(owner=owner, title=f"Job {n}", organization=f"Org {n}")
        opportunity_link(
            owner=owner, opportunity=opp, person=make_person(owner, f"P {n}"), role="referrer"
        )
    with django_assert_num_queries(2):
        columns = opportunities_board(owner=owner)
        assert sum(len(c.opportunities) for c in columns) == 6
        assert all(o.organization.name for c in columns for o in c.opportunities)
        assert all(
            k.person.display_name for c in columns for o in c.opportunities for k in o.links.all()
        )

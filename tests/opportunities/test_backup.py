"""Opportunities, their people, history, referrals and next-step nudges survive a backup and a
restore, byte for byte, and a merge of two people keeps them."""

from __future__ import annotations

import copy

import pytest

from tests.factories import TODAY, frozen, make_person
from tests.interchange.test_backup import numbered
from tiebook.followups.models import Nudge
from tiebook.interchange.backup import backup_dump, backup_read, backup_restore, backup_write
from tiebook.opportunities.models import Opportunity, OpportunityPerson, Referral, StageChange
from tiebook.opportunities.referrals import referral_record, referral_set_outcome
from tiebook.opportunities.services import (
    opportunity_create,
    opportunity_link,
    opportunity_move,
    opportunity_set_next,
)
from tiebook.people.merging import person_merge

pytestmark = pytest.mark.django_db

MODELS = (Opportunity, OpportunityPerson, StageChange, Referral)


def network(owner):
    with frozen():
        ana = make_person(owner, "Ana Lima", types=["friend"])
        li = make_person(owner, "Li Wei", organization="Acme")
        staff = opportunity_create(
            owner=owner, title="Staff engineer", kind="job", organization="Acme", notes="Remote"
        )
        opportunity_move(owner=owner, opportunity=staff, stage="referral_asked")
        opportunity_set_next(owner=owner, opportunity=staff, text="Send CV", on=TODAY)
        opportunity_link(owner=owner, opportunity=staff, person=ana, role="referrer")
        opportunity_link(owner=owner, opportunity=staff, person=li, role="hiring_manager")
        referral = referral_record(
            owner=owner, person=ana, to_person=li, direction="asked", opportunity=staff
        )
        referral_set_outcome(owner=owner, referral=referral, outcome="helped", note="Interview")
        referral_record(owner=owner, person=li, direction="given", kind="favour", what="A review")
        opportunity_create(owner=owner, title="Keynote", kind="speaking", stage="won")
    return ana, li, staff


def counts(user) -> dict[str, int]:
    return {m.__name__: m.objects.filter(owner=user).count() for m in MODELS}


def test_a_backup_carries_every_opportunity_field(owner):
    network(owner)
    document = backup_dump(owner=owner)
    assert [o["title"] for o in document["opportunities"]] == ["Staff engineer", "Keynote"]
    assert len(document["opportunity_people"]) == 2
    assert len(document["stage_changes"]) == 3
    assert [r["outcome"] for r in document["referrals"]] == ["helped", "pending"]
    assert [n["why"] for n in document["nudges"]] == [
        "next step for Staff engineer at Acme: Send CV"
    ]


def test_it_round_trips_into_another_owner(owner, outsider):
    network(owner)
    document = backup_dump(owner=owner)
    summary = backup_restore(owner=outsider, document=copy.deepcopy(document))
    assert numbered(backup_dump(owner=outsider)) == numbered(document)
    assert counts(outsider) == counts(owner)
    assert (summary.opportunities, summary.referrals) == (2, 2)
    restored = Opportunity.objects.get(owner=outsider, title="Staff engineer")
    nudge = Nudge.objects.get(owner=outsider)
    assert (nudge.source, nudge.source_id) == ("opportunity", restored.pk)
    referral = Referral.objects.get(owner=outsider, outcome="helped")
    assert referral.interaction.owner_id == outsider.pk
    assert referral.interaction.summary.endswith(": helped")


def test_backup_restore_backup_is_byte_identical(owner, outsider, tmp_path):
    network(owner)
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    backup_write(owner=owner, path=first)
    owner.delete()
    backup_restore(owner=outsider, document=backup_read(path=first))
    backup_write(owner=outsider, path=second)
    assert first.read_bytes() == second.read_bytes()
    assert counts(outsider)["Referral"] == 2


def test_merging_two_people_keeps_their_links_and_referrals(owner):
    ana, _li, staff = network(owner)
    with frozen():
        twin = make_person(owner, "Ana Lima")
        opportunity_link(owner=owner, opportunity=staff, person=twin, role="referrer")
        opportunity_link(owner=owner, opportunity=staff, person=twin, role="champion")
        referral_record(owner=owner, person=twin, direction="received")
        person_merge(owner=owner, keep=ana, other=twin)
    roles = set(OpportunityPerson.objects.filter(person=ana).values_list("role", flat=True))
    assert roles == {"referrer", "champion"}
    assert Referral.objects.filter(person=ana).count() == 2
    assert OpportunityPerson.objects.filter(opportunity=staff).count() == 3

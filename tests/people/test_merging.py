"""Merging two records of one person keeps everything of both; likely duplicates are found."""

from __future__ import annotations

import pytest

from tests.factories import frozen, log, make_person
from tiebook.core.errors import ValidationError
from tiebook.interactions.models import KnowledgeShare, Participant, Task
from tiebook.interactions.services import task_create
from tiebook.people.merging import duplicates_find, person_merge
from tiebook.people.models import Person, Relationship

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with frozen():
        yield


def test_it_keeps_every_interaction_contact_type_tag_and_note_of_both(owner):
    keep = make_person(
        owner,
        "Grace Hopper",
        types=["mentor"],
        emails=["grace@navy.example"],
        tags=["navy"],
        notes="Met at the compiler talk.",
    )
    other = make_person(
        owner,
        "G. Hopper",
        types=["educator", "mentor"],
        organization="Yale",
        emails=["grace@navy.example", "grace@yale.example"],
        tags=["yale"],
        notes="Taught the COBOL course.",
    )
    friend = make_person(owner, "Ada Lovelace")
    log(owner, keep, "Coffee", days_ago=10)
    log(owner, [other, friend], "Panel", days_ago=5, gave=["A paper"])
    log(owner, [keep, other], "Dinner", days_ago=3)
    task_create(owner=owner, person=other, description="Send the slides")
    Relationship.objects.create(owner=owner, from_person=other, to_person=friend)
    Relationship.objects.create(owner=owner, from_person=keep, to_person=other)

    merged = person_merge(owner=owner, keep=keep, other=other)

    assert not Person.objects.filter(pk=other.pk).exists()
    assert merged.display_name == "Grace Hopper"
    assert merged.organization.name == "Yale"
    assert merged.notes == "Met at the compiler talk.\n\nTaught the COBOL course."
    assert sorted(merged.types.values_list("type", flat=True)) == ["educator", "mentor"]
    assert sorted(merged.contact_points.values_list("normalized", flat=True)) == [
        "grace@navy.example",
        "grace@yale.example",
    ]
    assert merged.contact_points.filter(is_primary=True).count() == 1
    assert sorted(merged.person_tags.values_list("tag__name", flat=True)) == ["navy", "yale"]
    summaries = sorted(
        Participant.objects.filter(person=merged).values_list("interaction__summary", flat=True)
    )
    assert summaries == ["Coffee", "Dinner", "Panel"]
    assert KnowledgeShare.objects.filter(person=merged).count() == 1
    assert Task.objects.get().person_id == merged.pk
    assert list(Relationship.objects.values_list("from_person_id", "to_person_id")) == [
        (merged.pk, friend.pk)
    ]
    assert merged.next_due_on.isoformat() == "2026-12-27"


def test_it_refuses_a_person_merged_with_themselves_or_someone_elses(owner, outsider):
    mine = make_person(owner, "Grace Hopper")
    theirs = make_person(outsider, "Grace Hopper")
    with pytest.raises(ValidationError):
        person_merge(owner=owner, keep=mine, other=mine)
    with pytest.raises(ValidationError):
        person_merge(owner=owner, keep=mine, other=theirs)
    assert Person.objects.count() == 2


def test_it_finds_likely_duplicates_with_their_evidence(owner, outsider):
    a = make_person(owner, "Grace Hopper", emails=["grace@navy.example"])
    b = make_person(owner, "G. Hopper", emails=["grace@navy.example"])
    c = make_person(owner, "Hopper Grace")
    make_person(owner, "Ada Lovelace")
    make_person(outsider, "Grace Hopper", emails=["grace@navy.example"])
    pairs = [(p.first.pk, p.second.pk, p.evidence) for p in duplicates_find(owner=owner)]
    assert pairs == [
        (a.pk, b.pk, "same email: grace@navy.example"),
        (a.pk, c.pk, "same name"),
        (b.pk, c.pk, "similar names (initial)"),  # 'Hopper Grace' is Grace Hopper reordered
    ]

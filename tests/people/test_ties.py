"""Ties entered by hand: words, directions, refusals, the reading from each side, merges."""

from __future__ import annotations

import pytest

from tests.factories import frozen, make_person
from tiebook.core.errors import Conflict, NotFound, ValidationError
from tiebook.people import ties
from tiebook.people.merging import person_merge
from tiebook.people.models import Person, Relationship
from tiebook.people.selectors import people_named, person_relationships
from tiebook.people.services import relationship_add, relationship_delete, relationship_remove

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with frozen():
        yield


def test_every_word_is_kept_as_a_relationship_kind_and_read_back_both_ways():
    kinds = {k for k, _ in Relationship.KINDS}
    for word in ties.WORDS.values():
        assert word.kind in kinds
        assert ties.tie_label(word.kind, outgoing=True)
        assert ties.tie_label(word.kind, outgoing=False)
    assert ties.tie_word(" Reports To ").word == "reports-to"
    assert ties.tie_ends(ties.tie_word("introduced_by"), 1, 2) == (2, 1)
    with pytest.raises(ValidationError):
        ties.tie_word("enemy-of")


def test_a_tie_is_read_from_each_side(owner):
    ada, grace = make_person(owner, "Ada Lovelace"), make_person(owner, "Grace Hopper")
    relationship_add(owner=owner, person=ada, other=grace, kind="mentors")
    [from_ada] = person_relationships(owner=owner, person=ada)
    [from_grace] = person_relationships(owner=owner, person=grace)
    assert (from_ada.relation, from_ada.name) == ("mentors", "Grace Hopper")
    assert (from_grace.relation, from_grace.name) == ("mentee of", "Ada Lovelace")


def test_it_refuses_people_of_another_owner(owner, outsider):
    ada = make_person(owner, "Ada Lovelace")
    theirs = make_person(outsider, "Grace Hopper")
    with pytest.raises(NotFound):
        relationship_add(owner=owner, person=ada, other=theirs, kind="knows")
    tie = relationship_add(
        owner=outsider, person=theirs, other=make_person(outsider, "Bo"), kind="knows"
    )
    with pytest.raises(NotFound):
        relationship_delete(owner=owner, relationship_id=tie.pk)
    assert Relationship.objects.filter(pk=tie.pk).exists()


def test_a_symmetric_tie_already_kept_the_other_way_is_a_conflict(owner):
    ada, grace = make_person(owner, "Ada Lovelace"), make_person(owner, "Grace Hopper")
    relationship_add(owner=owner, person=ada, other=grace, kind="family-of")
    with pytest.raises(Conflict):
        relationship_add(owner=owner, person=grace, other=ada, kind="family-of")
    assert relationship_remove(owner=owner, person=grace, other=ada, kind="family-of") == 1


def test_merging_two_people_keeps_manual_ties_both_ways(owner):
    keep, other = make_person(owner, "Ada Lovelace"), make_person(owner, "A. Lovelace")
    grace, alan = make_person(owner, "Grace Hopper"), make_person(owner, "Alan Turing")
    relationship_add(owner=owner, person=other, other=grace, kind="reports-to")
    relationship_add(owner=owner, person=alan, other=other, kind="mentors")
    relationship_add(owner=owner, person=keep, other=grace, kind="knows")
    person_merge(owner=owner, keep=keep, other=other)
    assert not Person.objects.filter(pk=other.pk).exists()
    seen = {(t.relation, t.name) for t in person_relationships(owner=owner, person=keep)}
    assert seen == {
        ("reports to", "Grace Hopper"),
        ("mentee of", "Alan Turing"),
        ("knows", "Grace Hopper"),
    }


def test_the_picker_finds_a_few_active_people_by_name_but_not_the_person_itself(owner, outsider):
    ada = make_person(owner, "Ada Lovelace")
    make_person(owner, "Ada Byron")
    make_person(outsider, "Ada King")
    names = [p.display_name for p in people_named(owner=owner, query="ada", exclude_id=ada.pk)]
    assert names == ["Ada Byron"]
    assert people_named(owner=owner, query="  ") == []
    assert [p.display_name for p in people_named(owner=owner, query="love ada")] == ["Ada Lovelace"]

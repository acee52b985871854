"""Knowledge shares: one interaction with everyone, suggestions from the database, merges."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import TODAY, frozen, make_person
from tiebook.core.errors import NotFound
from tiebook.interactions.models import KnowledgeShare, Vouch
from tiebook.interactions.references import reference_add
from tiebook.interactions.shares import ShareInput, share_log, share_suggestions
from tiebook.people.merging import person_merge

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with frozen():
        yield


def test_suggestions_read_a_fixed_number_of_queries(owner):
    for i in range(8):
        make_person(owner, f"Sec {i}", tags=["security"], headline="Security lead")
    make_person(owner, "Unrelated", notes="gardening")
    with CaptureQueriesContext(connection) as queries:
        found = share_suggestions(owner=owner, title="Threat models", topics=["security"])
    assert len(found) == 8
    assert found[0].matches == ("tag: security", "headline: security")
    assert len(queries) <= 3


def test_suggestions_never_name_another_owners_people(owner, outsider):
    make_person(outsider, "Their Expert", tags=["security"])
    assert share_suggestions(owner=owner, title="", topics=["security"]) == []


def test_sharing_with_someone_else_s_person_is_refused(owner, outsider):
    theirs = make_person(outsider, "Their Person")
    with pytest.raises(NotFound):
        share_log(owner=owner, people=[theirs], data=ShareInput(title="A link"))
    assert KnowledgeShare.objects.count() == 0


def test_merging_two_people_keeps_their_shares_and_references(owner):
    keep = make_person(owner, "Grace Hopper")
    other = make_person(owner, "G. Hopper")
    share_log(
        owner=owner,
        people=[other],
        data=ShareInput(title="COBOL notes", link="https://c.example", topics=["cobol"]),
    )
    reference_add(owner=owner, person=other, skill="COBOL", today=TODAY, agreed=True)
    person_merge(owner=owner, keep=keep, other=other)
    share = KnowledgeShare.objects.get()
    assert (share.person_id, share.link, share.topics) == (keep.pk, "https://c.example", ["cobol"])
    ref = Vouch.objects.get(kind="reference")
    assert (ref.person_id, ref.agreed, ref.confirmed_on) == (keep.pk, True, TODAY)


def test_merging_two_references_for_one_skill_keeps_one(owner):
    keep = make_person(owner, "Grace Hopper")
    other = make_person(owner, "G. Hopper")
    reference_add(owner=owner, person=keep, skill="COBOL", today=TODAY, agreed=True)
    reference_add(owner=owner, person=other, skill="COBOL", today=TODAY)
    reference_add(owner=owner, person=other, skill="Fortran", today=TODAY, agreed=False)
    person_merge(owner=owner, keep=keep, other=other)
    refs = Vouch.objects.filter(kind="reference").order_by("skill")
    assert [(r.person_id, r.skill, r.agreed) for r in refs] == [
        (keep.pk, "COBOL", True),
        (keep.pk, "Fortran", False),
    ]

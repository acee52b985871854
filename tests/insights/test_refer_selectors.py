"""Who could refer me at an organisation, read from the database: the organisation found by name
or domain, insiders now and before, paths over relationships both ways, owners kept apart."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import NOW, frozen, make_person
from tiebook.core.errors import Ambiguous, NotFound, ValidationError
from tiebook.insights.refer_selectors import (
    organization_find,
    organization_names,
    refer_at,
    referrers_at,
)
from tiebook.people.models import Organization, Person, Relationship

pytestmark = pytest.mark.django_db


def person(owner, name: str, strength: int, *, last_days_ago: int | None = None, **fields):
    made = make_person(owner, name, **fields)
    last = NOW - dt.timedelta(days=last_days_ago) if last_days_ago is not None else None
    Person.objects.filter(pk=made.pk).update(tie_strength=strength, last_interaction_at=last)
    return made


def tie(owner, a, b, kind: str = "knows") -> None:
    Relationship.objects.create(owner=owner, from_person=a, to_person=b, kind=kind)


@pytest.fixture
def acme(owner):
    """Acme (acme.com): two people there, one by email only, one who left, friends around."""
    li = person(owner, "Li Wei", 35, organization="Acme")
    Organization.objects.filter(owner=owner, name="Acme").update(domain="acme.com")
    kim = person(owner, "Kim Park", 80, organization="Acme", last_days_ago=4 * 365)
    person(owner, "Ola Nord", 20, emails=["ola@acme.com"])
    person(owner, "Max Berg", 35, organization="Globex", emails=["max@eu.acme.com"])
    gone = person(owner, "Carl Gone", 35, organization="Acme")
    Person.objects.filter(pk=gone.pk).update(archived_at=NOW)
    ana = person(owner, "Ana Silva", 35)
    tie(owner, ana, li)
    tie(owner, person(owner, "Dee Ray", 35), kim, "mentor_of")
    tie(owner, li, person(owner, "Rosa Lima", 35, types=["family"]), "family")
    tie(owner, person(owner, "Bo Chen", 35), ana)
    tie(owner, person(owner, "Cy Far", 35), gone)  # only through someone archived
    person(owner, "Nina Else", 35, organization="Globex", emails=["nina@notacme.com"])
    return Organization.objects.get(owner=owner, name="Acme")


def test_it_ranks_insiders_then_friends_then_friends_of_friends_with_their_paths(owner, acme):
    with frozen():
        found = referrers_at(owner=owner, organization=acme)
    assert [(s.name, s.link) for s in found] == [
        ("Li Wei", "works at Acme"),
        ("Max Berg", "worked at Acme (acme.com email; now at Globex)"),
        ("Kim Park", "works at Acme"),
        ("Ola Nord", "works at Acme (acme.com email)"),
        ("Dee Ray", "mentors Kim Park at Acme"),
        ("Ana Silva", "knows Li Wei at Acme"),
        ("Rosa Lima", "family of Li Wei at Acme"),
        ("Bo Chen", "knows Ana Silva, who knows Li Wei at Acme"),
    ]
    by_name = {s.name: s for s in found}
    assert by_name["Kim Park"].flags == ["dormant: worth reviving"]
    assert by_name["Rosa Lima"].caution.startswith("Rosa Lima (referrer) is family: lean on")
    assert [s.caution for s in found].count(None) == 7
    assert [p.name for p in by_name["Bo Chen"].path] == ["Ana Silva", "Li Wei"]


def test_it_reads_in_a_fixed_number_of_queries(owner, acme, django_assert_max_num_queries):
    with django_assert_max_num_queries(9):
        small = referrers_at(owner=owner, organization=acme)
    li = Person.objects.get(owner=owner, display_name="Li Wei")
    for n in range(30):
        friend = person(owner, f"Friend {n:02}", n)
        tie(owner, friend, li)
        tie(owner, person(owner, f"Far {n:02}", n), friend)
    with django_assert_max_num_queries(9):
        more = referrers_at(owner=owner, organization=acme, limit=100)
    assert len(more) > len(small)


def test_people_already_linked_are_left_out(owner, acme):
    li = Person.objects.get(owner=owner, display_name="Li Wei")
    found = referrers_at(owner=owner, organization=acme, exclude={li.pk})
    assert "Li Wei" not in [s.name for s in found]
    assert "Ana Silva" in [s.name for s in found]


@pytest.mark.parametrize("typed", ["Acme", "ACME", "  acme ", "Ácme", "acme.com", "li@acme.com"])
def test_the_organisation_is_found_by_name_or_domain(owner, acme, typed):
    assert organization_find(owner=owner, name=typed) == acme


def test_a_unique_start_of_a_name_finds_it_and_a_shared_one_asks_for_more(owner, acme):
    make_person(owner, "Ann Lee", organization="Globex Bank")
    assert organization_find(owner=owner, name="acm") == acme
    with pytest.raises(Ambiguous) as caught:
        organization_find(owner=owner, name="glob")
    assert caught.value.candidates == ["Globex", "Globex Bank"]


def test_an_unknown_organisation_is_one_sentence_with_the_closest_name(owner, acme):
    with pytest.raises(NotFound) as caught:
        organization_find(owner=owner, name="Acne")
    assert (
        str(caught.value)
        == "No organisation in your network is called 'Acne'. Did you mean 'Acme'?"
    )
    with pytest.raises(NotFound) as caught:
        organization_find(owner=owner, name="Zyzzyva")
    assert str(caught.value) == "No organisation in your network is called 'Zyzzyva'."
    with pytest.raises(ValidationError):
        organization_find(owner=owner, name="   ")


def test_another_owners_organisation_and_people_stay_theirs(owner, outsider, acme):
    with pytest.raises(NotFound):
        refer_at(owner=outsider, org="Acme")
    theirs = make_person(outsider, "Their Person", organization="Acme")
    found = refer_at(owner=outsider, org="Acme")
    assert [s.person_id for s in found.suggestions] == [theirs.pk]
    assert "Their Person" not in [s.name for s in refer_at(owner=owner, org="Acme").suggestions]


def test_the_picker_suggests_names_starting_with_then_containing_what_was_typed(owner, acme):
    make_person(owner, "Ann Lee", organization="Big Acme Holdings")
    assert organization_names(owner=owner, prefix="acm") == ["Acme", "Big Acme Holdings"]
    assert organization_names(owner=owner, prefix="") == ["Acme", "Big Acme Holdings", "Globex"]


def test_without_a_domain_kept_the_one_most_of_its_people_share_tells_who_was_there(owner):
    person(owner, "Li Wei", 35, organization="Initech", emails=["li@initech.com"])
    person(owner, "Kim Park", 35, organization="Initech", emails=["kim@initech.com"])
    person(owner, "Sam Home", 35, organization="Initech", emails=["sam@gmail.com"])
    person(owner, "Max Berg", 35, organization="Globex", emails=["max@initech.com"])
    found = refer_at(owner=owner, org="Initech").suggestions
    assert [(s.name, s.link) for s in found][-1] == (
        "Max Berg",
        "worked at Initech (initech.com email; now at Globex)",
    )


def test_a_public_mail_service_or_a_lone_address_is_no_evidence(owner):
    person(owner, "Li Wei", 35, organization="Initech", emails=["li@gmail.com"])
    person(owner, "Kim Park", 35, organization="Initech", emails=["kim@gmail.com"])
    person(owner, "Sam Solo", 35, organization="Hooli", emails=["sam@hooli.xyz"])
    person(owner, "Max Berg", 35, organization="Globex", emails=["max@gmail.com", "m@hooli.xyz"])
    assert "Max Berg" not in [s.name for s in refer_at(owner=owner, org="Initech").suggestions]
    assert "Max Berg" not in [s.name for s in refer_at(owner=owner, org="Hooli").suggestions]

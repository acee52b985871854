"""Reads of people: resolving what the user typed, and listing with filters, per owner."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import NOW, TODAY, frozen, log, make_person
from tiebook.core.errors import Ambiguous, NotFound, ValidationError
from tiebook.followups.engine import DORMANT_AFTER_DAYS
from tiebook.followups.services import people_refresh_due
from tiebook.interactions.models import Participant
from tiebook.people.selectors import (
    PeopleFilter,
    people_count,
    people_list,
    people_list_by_ids,
    person_get,
    person_resolve,
    person_with_details,
)
from tiebook.people.services import person_archive

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with frozen():
        yield


def names(page) -> list[str]:
    return [p.display_name for p in page.people]


# person_resolve


def test_it_resolves_a_person_by_id(owner):
    make_person(owner, "Ann Lee")
    bo = make_person(owner, "Bo Chen")

    assert person_resolve(owner=owner, ref=str(bo.pk)) == bo
    assert person_resolve(owner=owner, ref=f" {bo.pk} ") == bo


def test_it_resolves_a_person_by_a_fragment_of_their_name(owner):
    ada = make_person(owner, "Ada Lovelace")
    make_person(owner, "Grace Hopper")

    assert person_resolve(owner=owner, ref="lovel") == ada
    assert person_resolve(owner=owner, ref="ADA") == ada


def test_it_resolves_a_person_by_a_fragment_of_their_email(owner):
    make_person(owner, "Ada Lovelace", emails=["ada@engine.example"])
    grace = make_person(owner, "Grace Hopper", emails=["G.Hopper@Navy.example"])

    assert person_resolve(owner=owner, ref="hopper@navy") == grace
    assert person_resolve(owner=owner, ref="G.HOPPER@navy.example") == grace


def test_it_resolves_names_without_minding_accents_or_case(owner):
    jose = make_person(owner, "José Núñez")
    zoe = make_person(owner, "Zoe Saldana")

    assert person_resolve(owner=owner, ref="jose nunez") == jose
    assert person_resolve(owner=owner, ref="NÚÑEZ") == jose
    assert person_resolve(owner=owner, ref="Zoë Saldaña") == zoe


def test_it_lists_the_candidates_when_a_reference_is_ambiguous(owner):
    ann = make_person(owner, "Ann Lee", organization="Acme")
    smith = make_person(owner, "Ann Smith")
    make_person(owner, "Bo Chen")

    with pytest.raises(Ambiguous) as caught:
        person_resolve(owner=owner, ref="ann")

    assert caught.value.message == "'ann' matches 2 people; use an id or more of the name."
    assert caught.value.candidates == [f"{ann.pk}  Ann Lee, Acme", f"{smith.pk}  Ann Smith"]
    assert caught.value.exit_code == 2


def test_it_lists_active_people_before_archived_ones(owner):
    archer = make_person(owner, "Ann Archer")
    ann = make_person(owner, "Ann Lee")
    smith = make_person(owner, "Ann Smith")
    person_archive(owner=owner, person=archer)

    with pytest.raises(Ambiguous) as caught:
        person_resolve(owner=owner, ref="ann")

    assert caught.value.candidates == [
        f"{ann.pk}  Ann Lee",
        f"{smith.pk}  Ann Smith",
        f"{archer.pk}  Ann Archer (archived)",
    ]


def test_it_prefers_the_one_active_match_over_archived_ones(owner):
    old = make_person(owner, "Ann Archer")
    ann = make_person(owner, "Ann Lee")
    person_archive(owner=owner, person=old)

    assert person_resolve(owner=owner, ref="ann") == ann
    assert person_resolve(owner=owner, ref="archer") == old


def test_it_lets_an_exact_full_name_win_over_fragments(owner):
    ann = make_person(owner, "Ann Lee")
    make_person(owner, "Ann Leeds")
    make_person(owner, "Joann Leek")

    assert person_resolve(owner=owner, ref="ann lee") == ann
    assert person_resolve(owner=owner, ref="  ANN   LÉE ") == ann


def test_it_lets_an_exact_name_win_even_among_many_fragments(owner):
    for given in ("Abe", "Bea", "Cal", "Dee", "Eve", "Fay", "Gus", "Hal", "Ida", "Jon", "Kim"):
        make_person(owner, f"{given} Lee")
    lee = make_person(owner, "Lee")

    assert person_resolve(owner=owner, ref="lee") == lee


def test_it_says_when_there_are_more_candidates_than_it_shows(owner):
    for n in range(12):
        make_person(owner, f"Ann Number{n:02d}")

    with pytest.raises(Ambiguous) as caught:
        person_resolve(owner=owner, ref="ann")

    assert (
        caught.value.message == "'ann' matches more than 10 people; use an id or more of the name."
    )
    assert len(caught.value.candidates) == 10


def test_it_raises_not_found_when_no_one_matches(owner):
    make_person(owner, "Ann Lee")

    with pytest.raises(NotFound) as caught:
        person_resolve(owner=owner, ref="Zed")

    assert caught.value.message == "No one matches 'Zed'."
    with pytest.raises(NotFound, match="No person with id 999999"):
        person_resolve(owner=owner, ref="999999")


@pytest.mark.parametrize("ref", ["", "   ", None])
def test_it_asks_for_a_reference_when_given_none(owner, ref):
    with pytest.raises(ValidationError):
        person_resolve(owner=owner, ref=ref)


def test_it_never_resolves_another_owners_person(owner, outsider):
    ann = make_person(owner, "Ann Lee", emails=["ann@example.com"])

    for ref in (str(ann.pk), "Ann", "Ann Lee", "ann@example"):
        with pytest.raises(NotFound):
            person_resolve(owner=outsider, ref=ref)
    with pytest.raises(NotFound):
        person_get(owner=outsider, person_id=ann.pk)
    with pytest.raises(NotFound):
        person_with_details(owner=outsider, person_id=ann.pk)
    assert people_list_by_ids(owner=outsider, ids=[ann.pk]) == []


def test_it_resolves_only_the_owners_namesake(owner, outsider):
    mine = make_person(owner, "Ann Lee")
    make_person(outsider, "Ann Lee")
    make_person(outsider, "Ann Smith")

    assert person_resolve(owner=owner, ref="ann") == mine


# people_list


def test_it_lists_people_by_name_with_organization_types_and_tags(owner):
    make_person(owner, "Émile Zola", types=["friend", "mentor"], tags=["writers", "Paris"])
    make_person(owner, "Bo Chen", organization="Acme")
    make_person(owner, "ada Lovelace")

    page = people_list(owner=owner, filters=PeopleFilter())

    assert names(page) == ["ada Lovelace", "Bo Chen", "Émile Zola"]
    assert (page.total, page.limit, page.offset) == (3, 50, 0)
    emile = page.people[2]
    assert [t.type for t in emile.types.all()] == ["friend", "mentor"]
    assert [pt.tag.name for pt in emile.person_tags.all()] == ["Paris", "writers"]
    assert page.people[1].organization.name == "Acme"


def test_it_leaves_out_archived_people_unless_asked(owner):
    make_person(owner, "Ann Lee")
    old = make_person(owner, "Bo Chen")
    person_archive(owner=owner, person=old)

    assert names(people_list(owner=owner, filters=PeopleFilter())) == ["Ann Lee"]
    everyone = people_list(owner=owner, filters=PeopleFilter(include_archived=True))
    assert names(everyone) == ["Ann Lee", "Bo Chen"]
    assert people_count(owner=owner) == 2
    assert people_count(owner=owner, include_archived=False) == 1


def test_it_filters_by_category(owner):
    make_person(owner, "Ann Lee", types=["colleague", "friend"])
    make_person(owner, "Bo Chen", types=["contractor"])
    make_person(owner, "Cy Dee", types=["mentor"])
    make_person(owner, "Di Eve")

    assert names(people_list(owner=owner, filters=PeopleFilter(category="personal"))) == [
        "Ann Lee",
        "Cy Dee",
    ]
    assert names(people_list(owner=owner, filters=PeopleFilter(category="Strategic"))) == [
        "Bo Chen"
    ]


def test_it_filters_by_type_in_the_words_people_type(owner):
    make_person(owner, "Ann Lee", types=["direct_supervisor"])
    make_person(owner, "Bo Chen", types=["colleague"])

    page = people_list(owner=owner, filters=PeopleFilter(type="boss"))

    assert names(page) == ["Ann Lee"]
    assert page.total == 1


def test_it_filters_by_tag_whatever_its_case_or_accents(owner):
    make_person(owner, "Ann Lee", tags=["Café"])
    make_person(owner, "Bo Chen", tags=["tea"])

    assert names(people_list(owner=owner, filters=PeopleFilter(tag="CAFE"))) == ["Ann Lee"]


def test_it_filters_by_a_fragment_of_the_organization(owner):
    make_person(owner, "Ann Lee", organization="Société Générale")
    make_person(owner, "Bo Chen", organization="Acme")
    make_person(owner, "Cy Dee")

    assert names(people_list(owner=owner, filters=PeopleFilter(organization="GENERALE"))) == [
        "Ann Lee"
    ]


def test_it_filters_by_due_date(owner):
    make_person(owner, "Ann Lee", types=["mentor"], added_days_ago=40)  # due 10 days ago
    make_person(owner, "Bo Chen", types=["friend"])  # due in 45 days
    make_person(owner, "Cy Dee")  # no rhythm, never due

    assert names(people_list(owner=owner, filters=PeopleFilter(due_by=TODAY))) == ["Ann Lee"]
    later = PeopleFilter(due_by=TODAY + dt.timedelta(days=45))
    assert names(people_list(owner=owner, filters=later)) == ["Ann Lee", "Bo Chen"]


def test_it_filters_people_dormant_for_three_years(owner):
    asleep = make_person(owner, "Ann Lee", added_days_ago=2000)
    borderline = make_person(owner, "Bo Chen", added_days_ago=2000)
    awake = make_person(owner, "Cy Dee", added_days_ago=2000)
    make_person(owner, "Di Eve", added_days_ago=2000)  # never contacted: not dormant
    log(owner, asleep, days_ago=1500)
    log(owner, borderline, days_ago=DORMANT_AFTER_DAYS)
    log(owner, awake, days_ago=DORMANT_AFTER_DAYS - 1)

    page = people_list(owner=owner, filters=PeopleFilter(dormant_on=TODAY))

    assert names(page) == ["Ann Lee", "Bo Chen"]


def test_it_calls_dormant_whoever_was_last_seen_three_years_ago_at_any_hour(owner):
    bo = make_person(owner, "Bo Chen", added_days_ago=2000)
    log(owner, bo, days_ago=DORMANT_AFTER_DAYS)
    # Imported with its time of day: late in the afternoon, three years ago to the day.
    evening = NOW.replace(hour=18) - dt.timedelta(days=DORMANT_AFTER_DAYS)
    Participant.objects.filter(person=bo).update(occurred_at=evening)
    people_refresh_due(owner=owner, people=[bo])

    page = people_list(owner=owner, filters=PeopleFilter(dormant_on=TODAY))

    assert names(page) == ["Bo Chen"]


def test_it_combines_filters(owner):
    make_person(owner, "Ann Lee", types=["mentor"], organization="Acme", tags=["ml"])
    make_person(owner, "Bo Chen", types=["mentor"], organization="Initech", tags=["ml"])
    make_person(owner, "Cy Dee", types=["colleague"], organization="Acme", tags=["ml"])

    filters = PeopleFilter(category="personal", tag="ML", organization="acme")

    assert names(people_list(owner=owner, filters=filters)) == ["Ann Lee"]


def test_it_pages_through_people(owner):
    for name in ("Ann", "Bo", "Cy", "Di", "Ed"):
        make_person(owner, name)

    first = people_list(owner=owner, filters=PeopleFilter(), limit=2)
    third = people_list(owner=owner, filters=PeopleFilter(), limit=2, offset=4)
    beyond = people_list(owner=owner, filters=PeopleFilter(), limit=2, offset=10)

    assert (names(first), first.total) == (["Ann", "Bo"], 5)
    assert names(people_list(owner=owner, filters=PeopleFilter(), limit=2, offset=2)) == [
        "Cy",
        "Di",
    ]
    assert (names(third), third.total, third.offset) == (["Ed"], 5, 4)
    assert (names(beyond), beyond.total) == ([], 5)


@pytest.mark.parametrize(
    ("filters", "limit"),
    [
        (PeopleFilter(), 0),
        (PeopleFilter(category="cosmic"), 50),
        (PeopleFilter(type="wizard"), 50),
    ],
)
def test_it_refuses_a_bad_listing(owner, filters, limit):
    with pytest.raises(ValidationError):
        people_list(owner=owner, filters=filters, limit=limit)


def test_it_never_lists_another_owners_people(owner, outsider):
    make_person(owner, "Ann Lee", types=["mentor"], organization="Acme", tags=["ml"])

    for filters in (
        PeopleFilter(),
        PeopleFilter(include_archived=True),
        PeopleFilter(category="personal"),
        PeopleFilter(type="mentor"),
        PeopleFilter(tag="ml"),
        PeopleFilter(organization="acme"),
        PeopleFilter(due_by=TODAY + dt.timedelta(days=365)),
    ):
        page = people_list(owner=outsider, filters=filters)
        assert (page.people, page.total) == ([], 0)
    assert people_count(owner=outsider) == 0


def _queries_to_list(owner, count: int, start: int, filters: PeopleFilter) -> int:
    for n in range(start, start + count):
        make_person(
            owner,
            f"Person {n:03d}",
            types=["mentor", "colleague"],
            organization=f"Org {n % 4}",
            tags=["ml", f"tag {n % 3}"],
        )
    with CaptureQueriesContext(connection) as queries:
        page = people_list(owner=owner, filters=filters)
        for person in page.people:
            _ = person.organization.name
            _ = [t.type for t in person.types.all()]
            _ = [pt.tag.name for pt in person.person_tags.all()]
    return len(queries)


@pytest.mark.parametrize(
    "filters", [PeopleFilter(), PeopleFilter(category="personal", tag="ml", organization="org")]
)
def test_it_lists_people_in_a_fixed_number_of_queries(owner, filters):
    few = _queries_to_list(owner, 5, 0, filters)
    many = _queries_to_list(owner, 25, 5, filters)

    assert few == many == 4

"""Names one person may go by: nicknames and initials, never merged unasked."""

from __future__ import annotations

import pytest

from tests.factories import make_person
from tiebook.people.merging import duplicates_find
from tiebook.people.names import given_family, name_key, similar


def test_name_keys_ignore_order_case_accents_and_punctuation():
    assert name_key("Hopper, Grace") == name_key("grace  HOPPER") == "grace hopper"
    assert name_key("José Núñez") == name_key("Jose Nunez")


@pytest.mark.parametrize(
    ("a", "b", "why"),
    [
        ("William Gates", "Bill Gates", "nickname"),
        ("Bill Gates", "william gates", "nickname"),
        ("Margaret Hamilton", "Peggy Hamilton", "nickname"),
        ("Grace Hopper", "G. Hopper", "initial"),
        ("Hopper, Grace", "G Hopper", "initial"),
        ("Grace Brewster Hopper", "Grace Hopper", "middle name"),
        ("John A. Smith", "John B. Smith", ""),
        ("iCal Chair/CoffeeBean", "iCal Participant/CoffeeBean", ""),
        ("Smith, John A.", "John Smith", "middle name"),
        ("Smith, John A.", "Alice Smith", ""),
        ("Hopper, Grace Brewster", "Grace Hopper", "middle name"),
        ("Jane Doe, CPA", "J. Doe", "initial"),
        ("Dr. Grace Hopper", "G Hopper", "initial"),
        ("Grace Hopper", "Grace Hopper", ""),  # the same name is not "similar": it is equal
        ("Grace Hopper", "Greta Hopper", ""),
        ("William Gates", "Bill Murray", ""),
        ("Grace Hopper", "H. Hopper", ""),
        ("Cher", "Cher", ""),
    ],
)
def test_similar_names(a, b, why):
    assert similar(a, b) == why
    assert similar(b, a) == why


def test_given_family():
    assert given_family("Hopper, Grace") == ("grace", "hopper")
    assert given_family("Smith, John A.") == ("john", "smith")
    assert given_family("Jane Doe, CPA") == ("jane", "doe")
    assert given_family("Dr. Martin Luther King Jr.") == ("martin", "king")
    assert given_family("Grace Brewster Hopper") == ("grace", "hopper")


@pytest.mark.django_db
def test_dupes_lists_sure_pairs_first_then_names_to_review(owner, outsider):
    william = make_person(owner, "William Gates", emails=["bill@gates.example"])
    bill = make_person(owner, "Bill Gates")
    grace = make_person(owner, "Grace Hopper")
    initial = make_person(owner, "G. Hopper", emails=["g@navy.example"])
    same = make_person(owner, "Grace Hopper", emails=["g@navy.example"])
    make_person(outsider, "Billy Gates")
    pairs = [(p.first.pk, p.second.pk, p.evidence, p.sure) for p in duplicates_find(owner=owner)]
    assert pairs == [
        (initial.pk, same.pk, "same email: g@navy.example", True),
        (grace.pk, same.pk, "same name", False),
        (william.pk, bill.pk, "similar names (nickname)", False),
        (grace.pk, initial.pk, "similar names (initial)", False),
    ]


@pytest.mark.django_db
def test_namesakes_with_different_profiles_are_not_a_pair(owner):
    make_person(owner, "Maria Santos", urls=["https://www.linkedin.com/in/maria-santos-tailspin"])
    make_person(owner, "Maria Santos", urls=["https://www.linkedin.com/in/msantos-litware"])
    make_person(owner, "M. Santos", urls=["https://www.linkedin.com/in/msantos-other"])
    assert duplicates_find(owner=owner) == []


@pytest.mark.django_db
def test_a_value_shared_by_a_crowd_pairs_nobody(owner):
    from tiebook.people.merging import CROWD

    for n in range(CROWD + 1):
        make_person(owner, f"Caller {n} Desk", phones=["+1 415 555 0100"])
    for _ in range(CROWD + 1):
        make_person(owner, "Sam Lee")
    pair = [make_person(owner, "Ann Ho", phones=["+1 415 555 0199"]) for _ in range(2)]
    assert [(p.first, p.second) for p in duplicates_find(owner=owner)] == [tuple(pair)]


@pytest.mark.django_db
def test_a_pair_set_apart_stays_apart_after_a_merge(owner):
    from tiebook.people.merging import pair_set_apart, person_merge

    first, second, third = (make_person(owner, "Bob Stone") for _ in range(3))
    pair_set_apart(owner=owner, first=second, second=third)
    person_merge(owner=owner, keep=first, other=second)
    assert duplicates_find(owner=owner) == []

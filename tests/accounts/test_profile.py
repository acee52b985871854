"""The owner's profile: profile_set, profile_change and profile_get."""

from __future__ import annotations

import pytest

from tiebook.accounts.selectors import ProfileData, profile_get
from tiebook.accounts.services import ProfileChanges, profile_change, profile_set
from tiebook.core.errors import NotFound, ValidationError

pytestmark = pytest.mark.django_db


def test_an_owner_without_a_profile_has_the_empty_one(owner):
    assert profile_get(owner=owner) == ProfileData()
    assert profile_get(owner=owner).is_empty


def test_it_keeps_each_item_once_trimmed_and_in_order(owner):
    profile_set(
        owner=owner,
        data=ProfileData(skills=(" Python ", "SQL", "python", ""), topics=("ML",)),
    )
    assert profile_get(owner=owner) == ProfileData(skills=("Python", "SQL"), topics=("ML",))


def test_profiles_are_per_owner(owner, outsider):
    profile_set(owner=owner, data=ProfileData(headline="Mine"))
    assert profile_get(owner=outsider).headline == ""
    profile_set(owner=outsider, data=ProfileData(headline="Theirs"))
    assert profile_get(owner=owner).headline == "Mine"


def test_it_reports_every_bad_field_at_once(owner):
    with pytest.raises(ValidationError) as caught:
        profile_set(
            owner=owner,
            data=ProfileData(headline="h" * 201, skills=tuple(f"s{i}" for i in range(51))),
        )
    assert [p.field for p in caught.value.problems] == ["headline", "skills"]
    assert profile_get(owner=owner).is_empty


def test_changes_add_and_remove_whatever_the_case(owner):
    profile_set(owner=owner, data=ProfileData(skills=("Python", "SQL"), offer="Reviews"))
    changed = profile_change(
        owner=owner, changes=ProfileChanges(add={"skills": ["Go"]}, remove={"skills": ["sql"]})
    )
    assert changed == ProfileData(skills=("Python", "Go"), offer="Reviews")
    with pytest.raises(NotFound, match="'Rust' is not one of your skills"):
        profile_change(owner=owner, changes=ProfileChanges(remove={"skills": ["Rust"]}))

"""Values longer than a person's fields hold: an import cuts them to the limits and goes on."""

from __future__ import annotations

import pytest

from tests.factories import frozen
from tiebook.interchange.importing import import_file
from tiebook.interchange.records import Labeled, ParseResult, PersonRecord
from tiebook.people import limits
from tiebook.people.models import Organization, Person

pytestmark = pytest.mark.django_db

LONG_ORG = "Analytical " * 30  # 330 characters


@pytest.fixture(autouse=True)
def _clock():
    with frozen():
        yield


def long_records() -> list[PersonRecord]:
    return [
        PersonRecord(
            ref="line 2",
            name="Ada " + "L" * 400,
            organization=LONG_ORG,
            title="T" * 300,
            notes="n" * 30_000,
            tags=["g" * 100],
            emails=[Labeled("ada@engines.example")],
        ),
        PersonRecord(ref="line 3", name="Bo Chen", organization=LONG_ORG + "Engines"),
    ]


def test_overlong_values_are_cut_to_the_limits_and_the_organisation_is_kept(owner, source):
    report = import_file(owner=owner, path=source(ParseResult(people=long_records())))
    assert report.counts["created"] == 2
    assert report.problems == []
    assert report.notes == [
        f"line 2: Ada {'L' * 56}…: name, position, notes, organisation, a tag cut to the length "
        "tiebook keeps.",
        "line 3: Bo Chen: organisation cut to the length tiebook keeps.",
    ]
    ada = Person.objects.get(owner=owner, display_name__startswith="Ada")
    assert len(ada.display_name) == limits.NAME
    assert len(ada.headline) == limits.HEADLINE
    assert len(ada.notes) == limits.NOTES
    assert [len(t) for t in ada.person_tags.values_list("tag__name", flat=True)] == [limits.TAG]
    assert ada.organization.name == LONG_ORG.strip()[: limits.ORGANIZATION]
    bo = Person.objects.get(owner=owner, display_name="Bo Chen")
    assert bo.organization == ada.organization  # the same first 200 characters: one organisation
    assert Organization.objects.filter(owner=owner).count() == 1


def test_importing_overlong_values_again_changes_nothing(owner, source):
    path = source(ParseResult(people=long_records()))
    import_file(owner=owner, path=path)
    again = import_file(owner=owner, path=path)
    assert (again.counts["created"], again.counts["updated"], again.counts["skipped"]) == (0, 0, 2)
    assert Person.objects.filter(owner=owner).count() == 2

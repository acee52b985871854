"""An import matches outside the write lock: a write made meanwhile is seen, never overwritten."""

from __future__ import annotations

import pytest

from tests.factories import frozen, make_person
from tiebook.interchange.importing import import_file
from tiebook.interchange.records import Labeled, ParseResult, PersonRecord
from tiebook.people.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with frozen():
        yield


def records() -> ParseResult:
    return ParseResult(
        people=[PersonRecord(ref="line 2", name="Ada Lovelace", emails=[Labeled("ada@x.example")])]
    )


def test_someone_added_while_the_file_is_matched_is_merged_into_not_duplicated(owner, source):
    def meanwhile(stage, done, total):
        if stage == "Matching" and done == 0 and not Person.objects.exists():
            make_person(owner, "Ada Lovelace", emails=["ada@x.example"])  # from the web app

    report = import_file(owner=owner, path=source(records()), progress=meanwhile)
    assert (report.counts["created"], report.counts["skipped"]) == (0, 1)
    assert Person.objects.filter(owner=owner).count() == 1

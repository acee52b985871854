"""The search index stays right whatever writes: edits, renames, logged history, merges, deletes,
imports and their undo; and it never shows one owner another's people."""

from __future__ import annotations

import pytest

from tests.factories import frozen, log, make_person
from tiebook.core.errors import ValidationError
from tiebook.interactions.services import InteractionChanges, interaction_update
from tiebook.interchange.importing import import_file
from tiebook.interchange.undo import import_undo
from tiebook.people.merging import person_merge
from tiebook.people.models import Organization
from tiebook.people.selectors import PeopleFilter
from tiebook.people.services import PersonChanges, person_delete, person_update
from tiebook.search import index
from tiebook.search.selectors import find, people_page

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("words_only")]


def names(owner, words: str) -> list[str]:
    page = people_page(owner=owner, filters=PeopleFilter(query=words), limit=50)
    return [p.display_name for p in page.people]


def found(owner, question: str) -> list[str]:
    return [r.name for r in find(owner=owner, question=question).results]


def test_the_search_box_ignores_accents_and_case_and_matches_word_starts(owner):
    make_person(owner, "José García", organization="Núñez Ltd", emails=["jg@example.org"])
    make_person(owner, "Joseph Garner")
    assert names(owner, "garc") == ["José García"]
    assert names(owner, "GARCÍA jose") == ["José García"]
    assert names(owner, "jos gar") == ["José García", "Joseph Garner"]
    assert names(owner, "nunez") == ["José García"]
    assert names(owner, "jg@example.org") == ["José García"]
    assert names(owner, "arcia") == []  # the middle of a word is not its start


def test_the_search_box_finds_expertise_and_notes_but_not_history(owner):
    ana = make_person(owner, "Ana Silva", expertise=["Kubernetes"], notes="Met at KubeCon")
    make_person(owner, "Li Wei")
    log(owner, ana, "Talked about Terraform")
    assert names(owner, "kubernetes") == ["Ana Silva"]
    assert names(owner, "kubecon") == ["Ana Silva"]
    assert names(owner, "terraform") == []
    assert found(owner, "terraform") == ["Ana Silva"]


def test_an_edit_shows_in_search_at_once(owner):
    ana = make_person(owner, "Ana Silva", notes="Knows payroll")
    assert found(owner, "payroll") == ["Ana Silva"]
    person_update(owner=owner, person=ana, changes=PersonChanges(notes="Knows VAT"))
    assert found(owner, "payroll") == []
    assert found(owner, "VAT") == ["Ana Silva"]
    person_update(owner=owner, person=ana, changes=PersonChanges(add_expertise=["GDPR"]))
    assert names(owner, "gdpr") == ["Ana Silva"]


def test_renaming_an_organisation_reindexes_its_people(owner):
    make_person(owner, "Ana Silva", organization="Acme")
    Organization.objects.filter(owner=owner).update(name="Globex")
    assert names(owner, "globex") == ["Ana Silva"]
    assert names(owner, "acme") == []


def test_history_is_found_and_corrected_with_its_interaction(owner):
    ana = make_person(owner, "Ana Silva")
    bo = make_person(owner, "Bo Berg")
    meeting = log(owner, [ana, bo], "HIPAA audit walkthrough")
    assert sorted(found(owner, "HIPAA")) == ["Ana Silva", "Bo Berg"]
    interaction_update(
        owner=owner, interaction=meeting, changes=InteractionChanges(summary="Lunch")
    )
    assert found(owner, "HIPAA") == []


def test_a_merge_leaves_one_person_with_both_histories(owner):
    ana = make_person(owner, "Ana Silva", notes="tax returns")
    other = make_person(owner, "Ana M. Silva")
    log(owner, other, "Payroll questions")
    person_merge(owner=owner, keep=ana, other=other)
    assert found(owner, "payroll") == ["Ana Silva"]
    assert found(owner, "tax") == ["Ana Silva"]
    assert names(owner, "silva") == ["Ana Silva"]


def test_a_deleted_person_leaves_the_index(owner):
    ana = make_person(owner, "Ana Silva", notes="tax returns")
    assert found(owner, "tax") == ["Ana Silva"]
    person_delete(owner=owner, person=ana)
    assert found(owner, "tax") == []
    assert names(owner, "ana") == []


def test_an_import_is_found_and_its_undo_is_not(owner, tmp_path):
    card = tmp_path / "people.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ines Duarte\r\nORG:Duarte & Filhos\r\n"
        "TITLE:Tax accountant\r\nNOTE:Files my VAT returns\r\nEND:VCARD\r\n"
    )
    with frozen():
        report = import_file(owner=owner, path=card)
    assert found(owner, "VAT") == ["Ines Duarte"]
    assert names(owner, "duarte") == ["Ines Duarte"]
    import_undo(owner=owner, run_id=report.run_id)
    assert found(owner, "VAT") == []
    assert names(owner, "duarte") == []


def test_search_never_shows_another_owners_people(owner, outsider):
    make_person(outsider, "Ana Silva", notes="tax returns", expertise=["Kubernetes"])
    mine = make_person(owner, "Bo Berg")
    assert found(owner, "tax kubernetes") == []
    assert names(owner, "ana") == []
    assert [r.person_id for r in find(owner=outsider, question="tax").results] != [mine.pk]


def test_reindex_rebuilds_a_lost_index(owner, django_db_blocker):
    make_person(owner, "Ana Silva", notes="tax returns")
    assert found(owner, "tax") == ["Ana Silva"]
    from django.db import connection

    with connection.cursor() as cursor:
        tables = ["search_document"]
        if connection.vendor == "sqlite":
            tables += ["search_people", "search_terms"]
        for table in tables:
            cursor.execute(f"DELETE FROM {table}")
    assert found(owner, "tax") == []
    assert index.rebuild(owner) == 1
    assert found(owner, "tax") == ["Ana Silva"]


def test_a_question_of_nothing_is_refused(owner):
    with pytest.raises(ValidationError, match="Say what you need help with"):
        find(owner=owner, question="  ?! ")
    with pytest.raises(ValidationError, match="between 1 and 100"):
        find(owner=owner, question="tax", limit=0)


def _queue_everyone(owner) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO search_pending (person_id, owner_id) SELECT id, owner_id "
            "FROM people_person WHERE owner_id = %s ON CONFLICT (person_id) DO UPDATE "
            "SET stage = 0, version = search_pending.version + 1",
            [owner.pk],
        )


def test_indexing_a_chunk_asks_the_same_queries_for_few_people_as_for_many(owner):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_to_index(people: int) -> int:
        for n in range(people):
            ana = make_person(owner, f"Ana Silva {n}", emails=[f"ana{n}@example.org"])
            log(owner, ana, f"Talked about Terraform {n}")
        _queue_everyone(owner)
        with CaptureQueriesContext(connection) as seen:
            index.refresh(owner)
        return len(seen)

    assert queries_to_index(2) == queries_to_index(40)
    assert len(names(owner, "silva")) == 42
    assert found(owner, "terraform 39")[0] == "Ana Silva 39"


def test_indexing_new_people_says_so_when_search_by_meaning_cannot_read_them(owner, monkeypatch):
    make_person(owner, "Ana Silva", notes="Knows payroll")
    monkeypatch.setattr(index.semantic, "available", lambda: True)

    def no_model(owner, batch):
        raise OSError("no model")

    monkeypatch.setattr(index, "_write_vectors", no_model)
    note = index.index_new(owner, vectors=10)
    assert note == (
        "Search by meaning could not read the new people (OSError); they are saved, and "
        "tiebook reindex reads them later."
    )
    monkeypatch.setattr(index.semantic, "available", lambda: False)
    assert found(owner, "payroll") == ["Ana Silva"]
    assert index.index_new(owner, vectors=10) == ""  # nothing left to index

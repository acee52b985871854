"""The matching-and-merge engine, the import log and undo, with a format stubbed in."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import frozen, make_person, network_dump
from tiebook.core.errors import Conflict
from tiebook.interactions.models import Interaction
from tiebook.interchange.importing import import_file
from tiebook.interchange.models import ImportRun
from tiebook.interchange.records import (
    InteractionRecord,
    Labeled,
    ParseResult,
    PersonRecord,
    PersonRef,
    Problem,
)
from tiebook.interchange.undo import import_undo
from tiebook.people.models import ContactPoint, Person
from tiebook.people.names import name_key

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with frozen():
        yield


def grace(**fields) -> PersonRecord:
    base = {
        "ref": "line 2",
        "name": "Grace Hopper",
        "organization": "US Navy",
        "emails": [Labeled("grace@navy.example", "work")],
        "tags": ["navy"],
    }
    return PersonRecord(**{**base, **fields})


def test_name_keys_ignore_order_case_accents_and_commas():
    assert name_key("Hopper, Grace") == name_key("grace  HOPPER") == "grace hopper"
    assert name_key("José Núñez") == name_key("Nunez Jose")


def test_it_creates_people_with_their_details_and_logs_the_run(owner, source):
    report = import_file(owner=owner, path=source(ParseResult(people=[grace()])))
    person = Person.objects.get(owner=owner)
    assert (person.display_name, person.organization.name) == ("Grace Hopper", "US Navy")
    assert list(person.contact_points.values_list("normalized", "label", "is_primary")) == [
        ("grace@navy.example", "work", True)
    ]
    assert list(person.person_tags.values_list("tag__name", flat=True)) == ["navy"]
    run = ImportRun.objects.get()
    assert (run.pk, run.created, run.updated, run.source) == (report.run_id, 1, 0, "stub")


def test_importing_the_same_file_again_changes_nothing(owner, source):
    path = source(
        ParseResult(
            people=[
                grace(),
                grace(ref="line 3", name="Ada Lovelace", emails=[Labeled("ada@example.org")]),
            ]
        )
    )
    import_file(owner=owner, path=path)
    before = network_dump(owner=owner)
    again = import_file(owner=owner, path=path)
    assert (again.counts["created"], again.counts["updated"], again.counts["skipped"]) == (0, 0, 2)
    assert network_dump(owner=owner) == before


def test_a_shared_email_merges_into_the_person_without_overwriting(owner, source):
    existing = make_person(
        owner, "Grace B. Hopper", emails=["GRACE@navy.example"], organization="Navy"
    )
    report = import_file(
        owner=owner,
        path=source(
            ParseResult(
                people=[grace(title="Rear Admiral", phones=[Labeled("+1 415 555 0100", "mobile")])]
            )
        ),
    )
    assert report.counts["updated"] == 1
    assert report.outcomes[0]["why"] == "same email grace@navy.example"
    existing.refresh_from_db()
    assert existing.display_name == "Grace B. Hopper"
    assert existing.organization.name == "Navy"
    assert existing.headline == "Rear Admiral"
    assert sorted(existing.contact_points.values_list("normalized", flat=True)) == [
        "+14155550100",
        "grace@navy.example",
    ]


def test_the_same_name_at_the_same_organisation_is_the_same_person(owner, source):
    make_person(owner, "Grace Hopper", organization="US Navy")
    report = import_file(
        owner=owner, path=source(ParseResult(people=[grace(name="Hopper, Grace", emails=[])]))
    )
    assert report.outcomes[0]["outcome"] == "updated"
    assert report.outcomes[0]["why"] == "same name and organisation"
    assert Person.objects.count() == 1


def test_the_same_name_elsewhere_is_a_new_person(owner, source):
    make_person(owner, "Grace Hopper", organization="Yale")
    import_file(owner=owner, path=source(ParseResult(people=[grace(emails=[])])))
    assert Person.objects.count() == 2


def test_two_records_of_one_person_in_a_file_make_one_person(owner, source):
    report = import_file(
        owner=owner,
        path=source(
            ParseResult(
                people=[
                    grace(),
                    grace(ref="line 9", name="G. Hopper", phones=[Labeled("+1 415 555 0100")]),
                ]
            )
        ),
    )
    assert (report.counts["created"], report.counts["merged"]) == (1, 1)
    person = Person.objects.get()
    assert person.contact_points.count() == 2


def test_a_record_matching_two_people_is_reported_not_imported(owner, source):
    make_person(owner, "Grace Hopper", emails=["grace@navy.example"])
    make_person(owner, "Grace Hopper", phones=["+1 415 555 0100"])
    report = import_file(
        owner=owner, path=source(ParseResult(people=[grace(phones=[Labeled("+1 415 555 0100")])]))
    )
    message = (
        "Grace Hopper: its email grace@navy.example and phone +14155550100 belongs to 2 people "
        "(Grace Hopper, Grace Hopper) and the name does not tell which; not imported (merge "
        "them if they are one person)."
    )
    assert report.problems == [{"ref": "line 2", "message": message, "line": f"line 2: {message}"}]
    assert Person.objects.count() == 2


def test_a_record_sharing_a_phone_with_someone_else_goes_to_the_one_its_name_is(owner, source):
    hopper = make_person(owner, "Grace Hopper", emails=["grace@navy.example"])
    make_person(owner, "Grace Murray", phones=["+1 415 555 0100"])
    report = import_file(
        owner=owner, path=source(ParseResult(people=[grace(phones=[Labeled("+1 415 555 0100")])]))
    )
    assert report.outcomes[0]["outcome"] == "updated"
    assert report.outcomes[0]["why"] == "same email grace@navy.example"
    assert "+14155550100" in hopper.contact_points.values_list("normalized", flat=True)


def test_malformed_values_are_problems_and_the_rest_imports(owner, source):
    report = import_file(
        owner=owner,
        path=source(
            ParseResult(
                people=[grace(emails=[Labeled("grace@"), Labeled("grace@navy.example")])],
                problems=[Problem("line 7", "line 7 has no name, email or phone; skipped.")],
            )
        ),
    )
    assert [p["line"] for p in report.problems] == [
        "line 7 has no name, email or phone; skipped.",
        "line 2: 'grace@' is not an email address.",
    ]
    assert ContactPoint.objects.get().normalized == "grace@navy.example"


def test_a_dry_run_says_what_would_happen_and_writes_nothing(owner, source):
    report = import_file(owner=owner, path=source(ParseResult(people=[grace()])), dry_run=True)
    assert report.outcomes == [
        {
            "ref": "line 2",
            "name": "Grace Hopper",
            "outcome": "created",
            "why": "no one with the same email, phone, profile, or name and org",
        }
    ]
    assert (Person.objects.count(), ImportRun.objects.count()) == (0, 0)


def test_undo_puts_the_network_back_exactly(owner, source):
    make_person(owner, "Grace B. Hopper", emails=["grace@navy.example"], types=["mentor"])
    before = network_dump(owner=owner)
    report = import_file(
        owner=owner,
        path=source(
            ParseResult(
                people=[
                    grace(
                        title="Rear Admiral",
                        types=["educator"],
                        phones=[Labeled("+1 415 555 0100")],
                    ),
                    PersonRecord(
                        ref="line 3", name="Ada Lovelace", organization="Engines Ltd", tags=["math"]
                    ),
                ]
            )
        ),
    )
    assert network_dump(owner=owner) != before
    import_undo(owner=owner, run_id=report.run_id)
    assert network_dump(owner=owner) == before


def test_undo_refuses_twice_and_out_of_order(owner, source):
    first = import_file(owner=owner, path=source(ParseResult(people=[grace()])))
    second = import_file(
        owner=owner,
        path=source(ParseResult(people=[PersonRecord(ref="line 2", name="Ada Lovelace")])),
    )
    with pytest.raises(Conflict, match=rf"Imports after it \({second.run_id}\)"):
        import_undo(owner=owner, run_id=first.run_id)
    import_undo(owner=owner, run_id=second.run_id)
    with pytest.raises(Conflict, match="already undone"):
        import_undo(owner=owner, run_id=second.run_id)
    import_undo(owner=owner, run_id=first.run_id)
    assert Person.objects.count() == 0


def test_an_import_never_touches_another_owners_people(owner, outsider, source):
    mine = make_person(owner, "Grace Hopper", emails=["grace@navy.example"])
    import_file(owner=outsider, path=source(ParseResult(people=[grace(title="Admiral")])))
    mine.refresh_from_db()
    assert mine.headline == ""
    assert Person.objects.filter(owner=outsider).count() == 1


def test_interactions_link_to_people_by_profile_once(owner, source):
    make_person(owner, "Grace Hopper", urls=["https://www.linkedin.com/in/grace/"])
    message = InteractionRecord(
        ref="line 2",
        occurred_at=dt.datetime(2026, 1, 5, 10, tzinfo=dt.UTC),
        kind="message",
        summary="About the talk",
        external_id="linkedin:c1:1",
        participants=[PersonRef(name="Grace H", profile_url="linkedin.com/in/Grace")],
    )
    path = source(ParseResult(interactions=[message]))
    assert import_file(owner=owner, path=path).counts["interactions"] == 1
    assert import_file(owner=owner, path=path).counts["interactions"] == 0
    interaction = Interaction.objects.get()
    assert [p.display_name for p in interaction.people.all()] == ["Grace Hopper"]


def test_namesakes_at_one_employer_with_different_profiles_stay_two_people(owner, source):
    import_file(
        owner=owner,
        path=source(
            ParseResult(
                people=[
                    grace(emails=[], urls=[Labeled("https://www.linkedin.com/in/grace-1")]),
                    grace(
                        ref="line 3",
                        emails=[],
                        urls=[Labeled("https://www.linkedin.com/in/grace-2")],
                    ),
                ]
            )
        ),
    )
    assert Person.objects.count() == 2


def test_a_nickname_or_initial_is_a_new_person_to_review_never_merged(owner, source):
    william = make_person(owner, "William Gates")
    path = source(
        ParseResult(
            people=[
                PersonRecord(ref="card 1", name="Bill Gates"),
                PersonRecord(ref="card 2", name="A. Lovelace"),
            ]
        )
    )
    report = import_file(owner=owner, path=path, dry_run=True)
    assert (report.counts["created"], report.counts["review"]) == (2, 1)
    assert report.outcomes[0]["why"] == (
        "perhaps William Gates (nickname), to review among the duplicates"
    )
    import_file(owner=owner, path=path)
    bill = Person.objects.get(display_name="Bill Gates")
    assert bill.pk != william.pk
    from tiebook.people.merging import duplicates_find

    assert [(p.first, p.second, p.sure) for p in duplicates_find(owner=owner)] == [
        (william, bill, False)
    ]


def test_progress_hears_every_stage_in_order(owner, source):
    heard = []
    path = source(ParseResult(people=[grace(), grace(ref="line 3", name="Ada Lovelace")]))
    import_file(owner=owner, path=path, progress=lambda *a: heard.append(a))
    assert heard == [
        ("Reading contacts.stub", 0, None),
        ("Matching", 0, 2),
        ("Matching", 2, 2),
        ("Writing people", 0, 6),
        ("Writing details", 1, 6),
        ("Linking interactions", 2, 6),
        ("Keeping the undo log", 3, 6),
        ("Scheduling follow-ups", 4, 6),
        ("Committing", 5, 6),
    ]


def test_a_large_import_refreshes_the_query_planners_statistics(owner, source):
    from django.db import connection

    from tiebook.interchange.importing import BIG_WRITE

    people = [
        grace(ref=f"line {n}", name=f"Person {n}", emails=[Labeled(f"p{n}@example.org")])
        for n in range(BIG_WRITE)
    ]
    import_file(owner=owner, path=source(ParseResult(people=people)))
    one = ContactPoint.objects.filter(owner=owner, person_id__in=[1, 2, 3])
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # Analysed, SQLite finds a person's contact points by person, not by reading all
            # of the owner's.
            assert "person_id" in one.explain()
        else:
            cursor.execute(
                "SELECT last_analyze IS NOT NULL FROM pg_stat_user_tables WHERE relname = %s",
                ["people_contactpoint"],
            )
            assert cursor.fetchone() == (True,)


def test_an_id_is_never_given_twice_even_after_an_undo(owner, source):
    first = import_file(owner=owner, path=source(ParseResult(people=[grace()])))
    gone = Person.objects.get().pk
    import_undo(owner=owner, run_id=first.run_id)
    import_file(owner=owner, path=source(ParseResult(people=[grace(name="Ada Lovelace")])))
    assert Person.objects.get().pk > gone  # exported UIDs and links never change meaning


def test_undo_refuses_when_someone_it_added_has_gained_details_since(owner, source):
    from tiebook.people.merging import person_merge

    mine = make_person(owner, "Grace Hopper", emails=["grace@old.example"])
    run = import_file(owner=owner, path=source(ParseResult(people=[grace(name="Grace B. Hopper")])))
    added = Person.objects.get(display_name="Grace B. Hopper")
    person_merge(owner=owner, keep=added, other=mine)  # kept the imported record
    before = network_dump(owner=owner)
    with pytest.raises(Conflict, match=r"^Grace B\. Hopper \(id \d+\), added by import"):
        import_undo(owner=owner, run_id=run.run_id)
    assert network_dump(owner=owner) == before


def _imported_talk(owner, source):
    """Grace, already in the network, and a message with her brought by an import."""
    make_person(owner, "Grace Hopper", urls=["https://www.linkedin.com/in/grace/"])
    message = InteractionRecord(
        ref="line 2",
        occurred_at=dt.datetime(2026, 11, 5, 10, tzinfo=dt.UTC),
        kind="message",
        summary="About the talk",
        external_id="linkedin:c1:1",
        participants=[PersonRef(name="Grace H", profile_url="linkedin.com/in/grace")],
    )
    before = network_dump(owner=owner)
    run = import_file(owner=owner, path=source(ParseResult(interactions=[message])))
    return before, run, Interaction.objects.get()


def test_undo_after_deleting_an_imported_interaction_puts_the_rest_back(owner, source):
    from tiebook.interactions.services import interaction_delete

    before, run, talk = _imported_talk(owner, source)
    interaction_delete(owner=owner, interaction=talk)
    import_undo(owner=owner, run_id=run.run_id)
    assert network_dump(owner=owner) == before


def test_undo_removes_an_imported_interaction_edited_since_as_it_does_edited_people(owner, source):
    from tiebook.interactions.services import InteractionChanges, interaction_update

    before, run, talk = _imported_talk(owner, source)
    changes = InteractionChanges(on=dt.date(2026, 11, 20), summary="About the keynote")
    interaction_update(owner=owner, interaction=talk, changes=changes)
    assert Person.objects.get().last_interaction_at.date() == dt.date(2026, 11, 20)
    import_undo(owner=owner, run_id=run.run_id)
    assert network_dump(owner=owner) == before
    assert Person.objects.get().last_interaction_at is None


def test_undo_deletes_what_hangs_off_the_people_it_added_and_clears_links_to_them(owner, source):
    from tiebook.people.models import DistinctPair

    before_people = make_person(owner, "Ada Lovelace")
    run = import_file(
        owner=owner,
        path=source(ParseResult(people=[grace(), PersonRecord(ref="line 3", name="Alan Turing")])),
    )
    grace_, alan = (Person.objects.get(display_name=n) for n in ("Grace Hopper", "Alan Turing"))
    DistinctPair.objects.create(owner=owner, first=grace_, second=alan)  # "not one person"
    Person.objects.filter(pk=before_people.pk).update(introduced_by=grace_)
    import_undo(owner=owner, run_id=run.run_id)
    assert list(Person.objects.values_list("display_name", "introduced_by")) == [
        ("Ada Lovelace", None)
    ]
    assert not DistinctPair.objects.exists()


def test_undo_of_many_people_asks_a_number_of_queries_that_does_not_grow_with_them(
    owner, source, django_assert_max_num_queries
):
    many = [PersonRecord(ref=f"line {n}", name=f"Person {n}") for n in range(2, 1900)]
    run = import_file(owner=owner, path=source(ParseResult(people=many)))
    # Three chunks of people; a query per relation and chunk at most, not one per person.
    with django_assert_max_num_queries(200):
        import_undo(owner=owner, run_id=run.run_id)
    assert not Person.objects.exists()

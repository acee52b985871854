"""Writes to people: create, edit, tag, archive and delete, all or nothing, per owner."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import NOW, frozen, log, make_person, row_counts
from tiebook.core.errors import Conflict, ValidationError
from tiebook.interactions.models import Interaction, KnowledgeShare, Participant, Task
from tiebook.interactions.services import task_create
from tiebook.people.models import ContactPoint, Organization, Person, PersonTag, PersonType, Tag
from tiebook.people.services import (
    PersonChanges,
    PersonInput,
    person_archive,
    person_create,
    person_delete,
    person_tag,
    person_untag,
    person_update,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with frozen():
        yield


def types_of(person: Person) -> set[str]:
    return set(PersonType.objects.filter(person=person).values_list("type", flat=True))


def contacts_of(person: Person) -> list[tuple[str, str, str, bool]]:
    return list(
        ContactPoint.objects.filter(person=person)
        .order_by("id")
        .values_list("kind", "value", "normalized", "is_primary")
    )


def tags_of(person: Person) -> set[str]:
    return set(PersonTag.objects.filter(person=person).values_list("tag__name", flat=True))


# person_create


def test_it_creates_a_person_with_everything_given(owner):
    person = person_create(
        owner=owner,
        data=PersonInput(
            name="  José   Núñez ",
            types=["Mentor", "colleague", "mentor"],
            organization="Acme Corp",
            headline=" Staff engineer ",
            emails=["Jose.Nunez@Example.com", "jose@home.example"],
            phones=["+1 (415) 555-2671"],
            urls=["https://www.linkedin.com/in/Jose-Nunez/", "https://jose.example/blog/"],
            tags=["Python", "Berlin"],
            notes=" Met at PyCon ",
        ),
    )

    stored = Person.objects.get(pk=person.pk)
    assert stored.owner == owner
    assert (stored.display_name, stored.given_name, stored.family_name) == (
        "José Núñez",
        "José",
        "Núñez",
    )
    assert stored.search_name == "jose nunez"
    assert stored.headline == "Staff engineer"
    assert stored.notes == "Met at PyCon"
    assert stored.organization.name == "Acme Corp"
    assert stored.organization.name_key == "acme corp"
    assert stored.organization.owner == owner
    assert types_of(stored) == {"mentor", "colleague"}
    assert PersonType.objects.filter(person=stored).count() == 2
    assert contacts_of(stored) == [
        ("email", "Jose.Nunez@Example.com", "jose.nunez@example.com", True),
        ("email", "jose@home.example", "jose@home.example", False),
        ("phone", "+1 (415) 555-2671", "+14155552671", True),
        ("social", "https://www.linkedin.com/in/Jose-Nunez/", "linkedin.com/in/jose-nunez", True),
        ("url", "https://jose.example/blog/", "jose.example/blog", True),
    ]
    assert tags_of(stored) == {"Python", "Berlin"}
    assert stored.created_at == NOW
    assert stored.last_interaction_at is None
    assert stored.archived_at is None
    # Never contacted: due one mentor interval (the shorter of 30 and 60 days) after being added.
    assert stored.next_due_on == dt.date(2026, 12, 30)


def test_it_creates_a_person_from_a_name_alone(owner):
    person = person_create(owner=owner, data=PersonInput(name="Cher"))

    assert (person.display_name, person.given_name, person.family_name) == ("Cher", "Cher", "")
    assert person.organization is None
    assert types_of(person) == set()
    assert contacts_of(person) == []
    assert person.next_due_on is None  # no type, circle or interval: no rhythm yet
    assert row_counts()["Person"] == 1


def test_it_takes_the_type_words_people_type(owner):
    person = person_create(
        owner=owner, data=PersonInput(name="Ann Lee", types=["boss", "Financial-Expert"])
    )

    assert types_of(person) == {"direct_supervisor", "financial_expert"}


def test_it_sets_circle_and_interval_override(owner):
    circled = person_create(owner=owner, data=PersonInput(name="Ann Lee", circle=5))
    overridden = person_create(
        owner=owner, data=PersonInput(name="Bo Chen", types=["mentor"], interval_days=10)
    )

    assert circled.circle == 5
    assert circled.next_due_on == dt.date(2026, 12, 7)
    assert overridden.interval_days == 10
    assert overridden.next_due_on == dt.date(2026, 12, 10)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"name": "   "}, "name"),
        ({"types": ["mentor", "wizard"]}, "type"),
        ({"emails": ["new@example.com", "not-an-email"]}, "email"),
        ({"phones": ["call me maybe"]}, "phone"),
        ({"urls": ["not a url"]}, "url"),
        ({"circle": 7}, "circle"),
        ({"circle": "inner"}, "circle"),
        ({"organization": "   "}, "organization"),
        ({"tags": ["fine", "   "]}, "tag"),
    ],
)
def test_it_refuses_bad_input_and_writes_nothing(owner, fields, field):
    make_person(owner, "Bo Chen", types=["colleague"], organization="Acme", tags=["old"])
    before = row_counts()
    data = {"name": "Ann Lee", "types": ["mentor"], "organization": "Initech", "tags": ["new"]}
    data.update(fields)

    with pytest.raises(ValidationError) as caught:
        person_create(owner=owner, data=PersonInput(**data))

    assert caught.value.field == field
    assert row_counts() == before


def test_it_refuses_an_unknown_type_with_a_suggestion(owner):
    with pytest.raises(ValidationError) as caught:
        person_create(owner=owner, data=PersonInput(name="Ann Lee", types=["mentr"]))

    assert caught.value.message == "Unknown connection type 'mentr'."
    assert caught.value.hint == "Did you mean 'mentor'?"


def test_it_refuses_an_email_already_on_someone_else(owner):
    bo = make_person(owner, "Bo Chen", emails=["bo@example.com"])
    before = row_counts()

    with pytest.raises(Conflict) as caught:
        person_create(
            owner=owner,
            data=PersonInput(name="Robert Chen", types=["friend"], emails=["BO@Example.com"]),
        )

    assert caught.value.message == f"bo@example.com already belongs to Bo Chen (id {bo.pk})."
    assert caught.value.field == "email"
    assert row_counts() == before


def test_it_refuses_a_profile_url_already_on_someone_else(owner):
    make_person(owner, "Bo Chen", urls=["https://www.linkedin.com/in/bochen"])

    with pytest.raises(Conflict):
        person_create(
            owner=owner, data=PersonInput(name="B. Chen", urls=["linkedin.com/in/BoChen/"])
        )


def test_it_creates_a_duplicate_when_asked_to(owner):
    bo = make_person(owner, "Bo Chen", emails=["bo@example.com"])

    twin = person_create(
        owner=owner,
        data=PersonInput(name="Robert Chen", emails=["bo@example.com"]),
        allow_duplicate=True,
    )

    assert twin.pk != bo.pk
    assert ContactPoint.objects.filter(owner=owner, normalized="bo@example.com").count() == 2


def test_it_lets_people_share_a_phone_or_a_company_website(owner):
    make_person(owner, "Bo Chen", phones=["+1 415 555 2671"], urls=["https://www.netflix.com/"])

    ann = person_create(
        owner=owner,
        data=PersonInput(name="Ann Lee", phones=["+14155552671"], urls=["netflix.com"]),
    )

    assert [c[2] for c in contacts_of(ann)] == ["+14155552671", "netflix.com"]


def test_it_ignores_another_owners_people_when_checking_duplicates(owner, outsider):
    make_person(outsider, "Bo Chen", emails=["bo@example.com"], organization="Acme")

    bo = person_create(
        owner=owner,
        data=PersonInput(name="Bo Chen", emails=["bo@example.com"], organization="Acme"),
    )

    assert bo.owner == owner
    assert bo.organization.owner == owner
    assert Organization.objects.filter(name_key="acme").count() == 2


# organisations and tags are reused


def test_it_reuses_an_organization_whatever_its_case_or_accents(owner):
    first = make_person(owner, "Ann Lee", organization="Société Générale")
    second = make_person(owner, "Bo Chen", organization="SOCIETE   generale")

    assert first.organization_id == second.organization_id
    assert Organization.objects.filter(owner=owner).count() == 1
    assert second.organization.name == "Société Générale"


def test_it_reuses_tags_whatever_their_case_or_accents(owner):
    ann = make_person(owner, "Ann Lee", tags=["Café", "café", "Python"])
    bo = make_person(owner, "Bo Chen", tags=["CAFE", "python"])

    assert Tag.objects.filter(owner=owner).count() == 2
    assert tags_of(ann) == tags_of(bo) == {"Café", "Python"}


def test_it_counts_only_new_tags_when_tagging(owner):
    ann = make_person(owner, "Ann Lee", tags=["python"])
    bo = make_person(owner, "Bo Chen")

    assert person_tag(owner=owner, people=[ann, bo], tags=["Python", "ml"]) == 3
    assert person_tag(owner=owner, people=[ann, bo], tags=["ML"]) == 0
    assert person_untag(owner=owner, people=[ann, bo], tags=["PYTHON"]) == 2
    assert tags_of(ann) == tags_of(bo) == {"ml"}


# person_update


def test_it_adds_and_removes_types(owner):
    ann = make_person(owner, "Ann Lee", types=["colleague", "friend"])
    assert ann.next_due_on == dt.date(2027, 1, 14)  # friend: 45 days

    ann = person_update(
        owner=owner,
        person=ann,
        changes=PersonChanges(add_types=["mentor", "Colleague"], remove_types=["friend"]),
    )

    assert types_of(ann) == {"colleague", "mentor"}
    assert ann.next_due_on == dt.date(2026, 12, 30)  # mentor: 30 days


def test_it_adds_and_removes_contact_points(owner):
    ann = make_person(
        owner,
        "Ann Lee",
        emails=["Ann@Example.com", "ann@home.example"],
        phones=["+1 (415) 555-2671"],
        urls=["https://www.linkedin.com/in/annlee/"],
    )

    ann = person_update(
        owner=owner,
        person=ann,
        changes=PersonChanges(
            add_emails=["ann@newjob.example"],
            add_phones=["+44 20 7946 0958"],
            remove_contacts=["ann@example.com", "+14155552671", "linkedin.com/in/AnnLee"],
        ),
    )

    assert [(kind, norm) for kind, _, norm, _ in contacts_of(ann)] == [
        ("email", "ann@home.example"),
        ("email", "ann@newjob.example"),
        ("phone", "+442079460958"),
    ]


def test_it_refuses_to_remove_a_contact_point_they_do_not_have(owner):
    ann = make_person(owner, "Ann Lee", emails=["ann@example.com"])
    before = row_counts()

    with pytest.raises(ValidationError) as caught:
        person_update(
            owner=owner,
            person=ann,
            changes=PersonChanges(
                name="Ann Smith", add_types=["mentor"], remove_contacts=["bo@example.com"]
            ),
        )

    assert caught.value.message == "Ann Lee has no contact point 'bo@example.com'."
    assert row_counts() == before
    assert Person.objects.get(pk=ann.pk).display_name == "Ann Lee"


def test_it_adds_and_removes_tags(owner):
    ann = make_person(owner, "Ann Lee", tags=["python", "berlin"])

    ann = person_update(
        owner=owner,
        person=ann,
        changes=PersonChanges(add_tags=["ML", "Python"], remove_tags=["BERLIN"]),
    )

    assert tags_of(ann) == {"python", "ML"}
    assert Tag.objects.filter(owner=owner).count() == 3  # an unused tag stays for later


def test_it_renames_moves_and_clears_the_organization(owner):
    ann = make_person(owner, "Ann Lee", organization="Acme")

    ann = person_update(
        owner=owner,
        person=ann,
        changes=PersonChanges(name="Ann  Lee-Smith", organization="ACME", headline=" CTO "),
    )
    assert (ann.display_name, ann.search_name, ann.headline) == (
        "Ann Lee-Smith",
        "ann lee-smith",
        "CTO",
    )
    assert ann.organization.name == "Acme"
    assert Organization.objects.filter(owner=owner).count() == 1

    ann = person_update(owner=owner, person=ann, changes=PersonChanges(organization=""))
    assert ann.organization is None
    assert Person.objects.get(pk=ann.pk).organization_id is None


def test_it_leaves_unnamed_fields_alone(owner):
    ann = make_person(owner, "Ann Lee", organization="Acme", headline="CTO", notes="likes tea")

    ann = person_update(owner=owner, person=ann, changes=PersonChanges(add_tags=["x"]))

    assert (ann.organization.name, ann.headline, ann.notes) == ("Acme", "CTO", "likes tea")


def test_it_moves_the_due_date_when_the_interval_or_circle_changes(owner):
    ann = make_person(owner, "Ann Lee", types=["educator"])
    assert ann.next_due_on == dt.date(2027, 5, 29)

    ann = person_update(owner=owner, person=ann, changes=PersonChanges(interval_days=14))
    assert ann.next_due_on == dt.date(2026, 12, 14)

    ann = person_update(
        owner=owner, person=ann, changes=PersonChanges(interval_days=None, circle=15)
    )
    assert ann.next_due_on == dt.date(2026, 12, 30)

    ann = person_update(owner=owner, person=ann, changes=PersonChanges(circle=None))
    assert ann.next_due_on == dt.date(2027, 5, 29)


@pytest.mark.parametrize(
    "changes",
    [
        PersonChanges(name="Ann Smith", add_types=["wizard"]),
        PersonChanges(name="Ann Smith", remove_types=["wizard"]),
        PersonChanges(name="Ann Smith", add_emails=["nope"]),
        PersonChanges(name="Ann Smith", add_phones=["nope"]),
        PersonChanges(name="Ann Smith", add_urls=["no pe"]),
        PersonChanges(name="Ann Smith", circle=12),
        PersonChanges(name="   "),
        PersonChanges(name="Ann Smith", add_tags=["  "]),
    ],
)
def test_it_refuses_a_bad_edit_and_writes_nothing(owner, changes):
    ann = make_person(owner, "Ann Lee", types=["friend"], tags=["python"])
    before = row_counts()

    with pytest.raises(ValidationError):
        person_update(owner=owner, person=ann, changes=changes)

    assert row_counts() == before
    stored = Person.objects.get(pk=ann.pk)
    assert (stored.display_name, stored.circle) == ("Ann Lee", None)
    assert types_of(stored) == {"friend"}


def test_it_refuses_an_edit_that_takes_someone_elses_email(owner):
    make_person(owner, "Bo Chen", emails=["bo@example.com"])
    ann = make_person(owner, "Ann Lee", emails=["ann@example.com"])
    before = row_counts()

    with pytest.raises(Conflict):
        person_update(
            owner=owner,
            person=ann,
            changes=PersonChanges(name="Ann Smith", add_emails=["Bo@example.com"]),
        )

    assert row_counts() == before
    assert Person.objects.get(pk=ann.pk).display_name == "Ann Lee"


def test_it_lets_a_person_keep_their_own_email(owner):
    ann = make_person(owner, "Ann Lee", emails=["ann@example.com"])

    ann = person_update(
        owner=owner, person=ann, changes=PersonChanges(add_emails=["ANN@example.com"])
    )

    assert len(contacts_of(ann)) == 1


# person_archive


def test_it_archives_and_restores_a_person(owner):
    ann = make_person(owner, "Ann Lee", types=["mentor"])

    person_archive(owner=owner, person=ann)
    assert Person.objects.get(pk=ann.pk).archived_at == NOW
    assert Person.objects.get(pk=ann.pk).is_archived

    person_archive(owner=owner, person=ann, archived=False)
    assert Person.objects.get(pk=ann.pk).archived_at is None
    assert types_of(ann) == {"mentor"}


# person_delete


def test_it_deletes_a_person_with_what_only_they_took_part_in(owner):
    ann = make_person(owner, "Ann Lee", types=["friend"], emails=["ann@example.com"], tags=["x"])
    bo = make_person(owner, "Bo Chen", types=["friend"], tags=["x"])
    alone = log(owner, ann, "Lunch with Ann", days_ago=3, gave=["CV tips"])
    group = log(owner, [ann, bo], "Team dinner", days_ago=2)
    bo_alone = log(owner, bo, "Call with Bo", days_ago=5)
    task_create(owner=owner, person=ann, description="Send the deck")
    bo_last = Person.objects.get(pk=bo.pk).last_interaction_at

    person_delete(owner=owner, person=ann)

    assert not Person.objects.filter(pk=ann.pk).exists()
    assert not Interaction.objects.filter(pk=alone.pk).exists()
    assert set(Interaction.objects.values_list("pk", flat=True)) == {group.pk, bo_alone.pk}
    assert list(
        Participant.objects.filter(interaction=group).values_list("person_id", flat=True)
    ) == [bo.pk]
    assert not ContactPoint.objects.filter(person_id=ann.pk).exists()
    assert not PersonType.objects.filter(person_id=ann.pk).exists()
    assert not KnowledgeShare.objects.exists()
    assert not Task.objects.exists()
    assert tags_of(bo) == {"x"}
    assert Person.objects.get(pk=bo.pk).last_interaction_at == bo_last


def test_it_deletes_only_the_owners_person(owner, outsider):
    mine = make_person(owner, "Ann Lee")
    theirs = make_person(outsider, "Ann Lee")
    log(outsider, theirs, "Their coffee")

    person_delete(owner=owner, person=mine)

    assert list(Person.objects.values_list("pk", flat=True)) == [theirs.pk]
    assert Interaction.objects.filter(owner=outsider).count() == 1


def test_a_rhythm_in_days_over_100_years_is_refused(owner):
    with pytest.raises(ValidationError) as caught:
        person_create(owner=owner, data=PersonInput(name="Ann Lee", interval_days=3_000_000))
    assert str(caught.value) == (
        "3,000,000 days is longer than 100 years; write at most 36,500 days (100y)."
    )
    assert caught.value.field == "every"
    assert Person.objects.count() == 0
    assert person_create(owner=owner, data=PersonInput(name="Ann Lee", interval_days=36_500))


# people_circle_set


def test_it_sets_many_circles_at_once_and_their_due_dates_follow(owner):
    from tiebook.people.services import people_circle_set

    ann = make_person(owner, "Ann Lee", types=["colleague"])
    bo = make_person(owner, "Bo Chen", types=["mentor"], circle=5)
    cy = make_person(owner, "Cy Dee", types=["friend"])

    moved = people_circle_set(owner=owner, circles={ann.pk: 15, bo.pk: None, cy.pk: "150"})

    assert moved == 3
    rows = {p.display_name: p for p in Person.objects.filter(owner=owner)}
    assert {name: (p.circle, p.followup_interval_days) for name, p in rows.items()} == {
        "Ann Lee": (15, 30),
        "Bo Chen": (None, 30),
        "Cy Dee": (150, 365),
    }
    assert rows["Ann Lee"].next_due_on == NOW.date() + dt.timedelta(days=30)
    assert rows["Ann Lee"].updated_at == NOW


def test_it_sets_no_circle_when_one_is_bad_or_not_mine(owner, outsider):
    from tiebook.core.errors import NotFound
    from tiebook.people.services import people_circle_set

    ann = make_person(owner, "Ann Lee")
    theirs = make_person(outsider, "Zed Other")

    with pytest.raises(ValidationError, match="Circle must be one of 5, 15, 50 or 150"):
        people_circle_set(owner=owner, circles={ann.pk: 5, theirs.pk: 7})
    with pytest.raises(NotFound, match="One of those people is not in your network"):
        people_circle_set(owner=owner, circles={ann.pk: 5, theirs.pk: 5})

    assert Person.objects.get(pk=ann.pk).circle is None
    assert Person.objects.get(pk=theirs.pk).circle is None

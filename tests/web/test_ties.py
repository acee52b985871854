"""Who knows whom on a person's page: the picker, adding and removing ties; and the profile
section of Settings. An outsider reaches none of it."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import HTMX, NOW, frozen, make_person
from tiebook.accounts.selectors import ProfileData, profile_get
from tiebook.followups.models import Nudge
from tiebook.interactions.models import Interaction
from tiebook.intros.services import introduction_record
from tiebook.people.models import Relationship
from tiebook.people.services import relationship_add

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with frozen():
        yield


@pytest.fixture
def ada(owner):
    return make_person(owner, "Ada Lovelace")


@pytest.fixture
def grace(owner):
    return make_person(owner, "Grace Hopper", organization="US Navy")


def test_the_person_page_lists_ties_read_from_the_person_with_remove_buttons(me, owner, ada, grace):
    tie = relationship_add(owner=owner, person=ada, other=grace, kind="reports-to")
    page = me.get(f"/people/{grace.pk}/").content.decode()
    assert '<h2 id="ties-heading">Knows</h2>' in page
    assert f'manages <a href="/people/{ada.pk}/">Ada Lovelace</a>' in page
    assert f'action="/people/{grace.pk}/ties/{tie.pk}/remove"' in page
    assert "Introduce to…" in page


def test_the_picker_offers_a_few_people_by_name_but_not_the_person(me, owner, ada, grace):
    make_person(owner, "Grace Kelly")
    page = me.get(f"/people/{grace.pk}/pick", {"q": "grace"}, **HTMX).content.decode()
    assert "Grace Kelly" in page
    assert "Grace Hopper" not in page
    assert 'type="radio" name="other"' in page
    nobody = me.get(f"/people/{grace.pk}/pick", {"q": "zzz"}, **HTMX).content.decode()
    assert "No one in your network matches “zzz”." in nobody


def test_it_adds_a_picked_tie_in_place(me, owner, ada, grace):
    response = me.post(
        f"/people/{ada.pk}/ties", {"kind": "reports-to", "other": str(grace.pk)}, **HTMX
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert page.startswith('<section id="ties"')
    assert "Ada Lovelace reports to Grace Hopper." in page
    tie = Relationship.objects.get(owner=owner)
    assert (tie.from_person_id, tie.to_person_id, tie.kind, tie.source) == (
        ada.pk,
        grace.pk,
        "reports_to",
        "manual",
    )


def test_without_a_pick_the_typed_name_finds_the_person_and_without_htmx_it_goes_back(
    me, owner, ada, grace
):
    response = me.post(f"/people/{ada.pk}/ties", {"kind": "knows", "q": "Grace Hopper"})
    assert response.status_code == 302
    assert response["Location"] == f"/people/{ada.pk}/"
    assert Relationship.objects.filter(owner=owner, kind="knows").count() == 1


def test_a_tie_already_there_or_no_one_found_is_said_beside_the_picker(me, owner, ada, grace):
    relationship_add(owner=owner, person=ada, other=grace, kind="knows")
    page = me.post(
        f"/people/{grace.pk}/ties", {"kind": "knows", "other": str(ada.pk)}, **HTMX
    ).content.decode()
    assert "That tie is already there: Grace Hopper knows Ada Lovelace." in page
    assert 'id="tie-error"' in page
    response = me.post(f"/people/{grace.pk}/ties", {"kind": "knows", "q": "nobody"})
    assert response.status_code == 422
    assert "No one matches &#x27;nobody&#x27;." in response.content.decode()
    assert Relationship.objects.count() == 1


def test_it_removes_a_tie_from_either_side(me, owner, ada, grace):
    tie = relationship_add(owner=owner, person=ada, other=grace, kind="mentors")
    page = me.post(f"/people/{grace.pk}/ties/{tie.pk}/remove", **HTMX).content.decode()
    assert "Removed: mentee of Ada Lovelace." in page
    assert not Relationship.objects.exists()


def test_a_tie_of_someone_else_cannot_be_removed_from_this_page(me, owner, ada, grace):
    bob = make_person(owner, "Bob")
    tie = relationship_add(owner=owner, person=ada, other=grace, kind="knows")
    assert me.post(f"/people/{bob.pk}/ties/{tie.pk}/remove").status_code == 404
    assert Relationship.objects.count() == 1


def test_an_outsider_gets_404_on_every_tie_url(client, outsider, owner, ada, grace):
    tie = relationship_add(owner=owner, person=ada, other=grace, kind="knows")
    client.force_login(outsider)
    theirs = make_person(outsider, "Their Person")
    assert client.get(f"/people/{ada.pk}/pick", {"q": "gr"}).status_code == 404
    assert client.post(f"/people/{ada.pk}/ties", {"other": str(grace.pk)}).status_code == 404
    assert client.post(f"/people/{theirs.pk}/ties", {"other": str(grace.pk)}).status_code == 404
    assert client.post(f"/people/{ada.pk}/ties/{tie.pk}/remove").status_code == 404
    assert client.post(f"/people/{theirs.pk}/ties/{tie.pk}/remove").status_code == 404
    assert client.post(f"/people/{ada.pk}/intro", {"other": str(grace.pk)}).status_code == 404
    assert client.post(f"/people/{theirs.pk}/intro", {"other": str(grace.pk)}).status_code == 404
    assert not Interaction.objects.exists()
    assert Relationship.objects.count() == 1
    found = client.get(f"/people/{theirs.pk}/pick", {"q": "Ada"}).content.decode()
    assert "Lovelace" not in found


def test_settings_shows_and_saves_the_profile(me, owner):
    page = me.get("/settings/").content.decode()
    assert '<h2 id="about-me-heading">Your profile</h2>' in page
    response = me.post(
        "/settings/about",
        {
            "headline": "Data engineer",
            "skills": "Python\nSQL\npython",
            "experiences": "Built a data platform, in 2024",
            "offer": "Pipeline reviews",
            "roles": "Staff engineer",
            "organizations": "Acme, Inc.",
            "topics": "",
        },
    )
    assert response.status_code == 302
    assert profile_get(owner=owner) == ProfileData(
        headline="Data engineer",
        skills=("Python", "SQL"),
        experiences=("Built a data platform, in 2024",),
        offer="Pipeline reviews",
        roles=("Staff engineer",),
        organizations=("Acme, Inc.",),
    )
    assert "Python\nSQL</textarea>" in me.get("/settings/").content.decode()


def test_settings_says_a_bad_profile_field_beside_it_and_keeps_the_old_one(me, owner):
    me.post("/settings/about", {"headline": "Engineer"})
    response = me.post("/settings/about", {"headline": "x" * 201, "skills": "Go"})
    page = response.content.decode()
    assert response.status_code == 422
    assert 'id="id_headline_error">Your headline has at most 200 characters.' in page
    assert profile_get(owner=owner) == ProfileData(headline="Engineer")


def test_an_outsider_sees_and_changes_only_their_own_profile(client, owner, outsider):
    me_ = client
    me_.force_login(owner)
    me_.post("/settings/about", {"headline": "Mine"})
    client.force_login(outsider)
    assert "Mine" not in client.get("/settings/").content.decode()
    client.post("/settings/about", {"headline": "Theirs"})
    assert profile_get(owner=owner).headline == "Mine"


def test_it_records_an_introduction_from_the_page(me, owner, ada, grace):
    response = me.post(
        f"/people/{ada.pk}/intro", {"other": str(grace.pk), "note": "compilers"}, **HTMX
    )
    page = response.content.decode()
    assert "You introduced Ada Lovelace to Grace Hopper; both are due in a week" in page
    assert (
        f'knows <a href="/people/{grace.pk}/">Grace Hopper</a> <span class="muted">· intro' in page
    )
    intro = Interaction.objects.get(owner=owner)
    assert (intro.source, intro.notes) == ("intro", "compilers")
    assert Nudge.objects.filter(owner=owner, source="intro", source_id=intro.pk).count() == 2


def test_an_introduction_to_no_one_is_refused_beside_the_picker(me, owner, ada):
    response = me.post(f"/people/{ada.pk}/intro", {"q": "", "note": "kept"}, **HTMX)
    page = response.content.decode()
    assert 'id="intro-error"' in page
    assert "Name a person" in page
    assert ">kept</textarea>" in page
    assert not Interaction.objects.exists()


def test_a_week_after_an_introduction_today_says_to_ask_both_how_it_went(client, owner, ada, grace):
    introduction_record(owner=owner, person=ada, other=grace)
    client.force_login(owner)
    with frozen(NOW + dt.timedelta(days=7)):
        page = client.get("/").content.decode()
    why = "you introduced Ada Lovelace to Grace Hopper on 30 Nov 2026: ask how it went"
    assert page.count(why) == 2


def test_a_typed_name_matching_several_people_asks_to_pick_one_of_those_listed(me, owner, ada):
    make_person(owner, "Grace Hopper")
    make_person(owner, "Grace Kelly")
    page = me.post(f"/people/{ada.pk}/ties", {"q": "grace"}, **HTMX).content.decode()
    assert "More than one person matches &#x27;grace&#x27;; pick one." in page
    assert page.count('type="radio" name="other"') == 2
    assert not Relationship.objects.exists()

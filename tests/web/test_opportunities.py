"""Opportunities on the web: the board and its moves, the page, the person panel, and an
outsider who reaches none of it."""

from __future__ import annotations

import pytest

from tests.factories import HTMX, frozen, make_person
from tiebook.opportunities.models import Opportunity, OpportunityPerson, Referral, StageChange
from tiebook.opportunities.referrals import referral_record
from tiebook.opportunities.services import opportunity_create, opportunity_link
from tiebook.people.models import Relationship

pytestmark = pytest.mark.django_db

CAUTION = "family: lean on family sparingly as advocates; others may see their advocacy as biased"


@pytest.fixture(autouse=True)
def _clock():
    with frozen():
        yield


@pytest.fixture
def staff(owner):
    return opportunity_create(owner=owner, title="Staff engineer", organization="Acme")


def test_the_board_shows_every_stage_and_the_balance(me, staff):
    page = me.get("/opportunities/").content.decode()
    for label in ("Idea", "Exploring", "Referral asked", "Offer or negotiating", "Won", "Lost"):
        assert f'>{label} <span class="count">' in page
    assert "Staff engineer" in page
    assert "Give and ask" in page
    assert 'aria-current="page">Opportunities</a>' in page


def test_adding_from_the_board_goes_to_the_new_opportunity(me, owner):
    response = me.post(
        "/opportunities/new",
        {"title": "Client X", "kind": "client", "organization": "Initech", "next_step": ""},
    )
    opp = Opportunity.objects.get(owner=owner)
    assert response.status_code == 302
    assert response["Location"] == f"/opportunities/{opp.pk}/"
    assert (opp.title, opp.kind, opp.organization.name) == ("Client X", "client", "Initech")


def test_a_bad_opportunity_is_refused_beside_its_field(me):
    response = me.post("/opportunities/new", {"title": " ", "kind": "job"})
    assert response.status_code == 422
    assert "Give the opportunity a title." in response.content.decode()
    assert Opportunity.objects.count() == 0


def test_a_move_on_the_board_swaps_the_board_in_place(me, staff):
    response = me.post(
        f"/opportunities/{staff.pk}/move", {"stage": "exploring", "from": "board"}, **HTMX
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert page.startswith('<div id="board"')
    assert "Moved Staff engineer from idea to exploring." in page
    staff.refresh_from_db()
    assert staff.stage == "exploring"
    assert StageChange.objects.filter(opportunity=staff).count() == 2


def test_without_htmx_a_move_goes_back_where_it_came_from(me, staff):
    response = me.post(f"/opportunities/{staff.pk}/move", {"stage": "applied", "from": "board"})
    assert response["Location"] == "/opportunities/"
    response = me.post(f"/opportunities/{staff.pk}/move", {"stage": "interviewing"})
    assert response["Location"] == f"/opportunities/{staff.pk}/"


def test_an_unknown_stage_moves_nothing(me, staff):
    me.post(f"/opportunities/{staff.pk}/move", {"stage": "hired", "from": "board"}, **HTMX)
    staff.refresh_from_db()
    assert staff.stage == "idea"


def test_the_page_shows_people_history_referrals_and_who_could_refer(me, owner, staff):
    li = make_person(owner, "Li Wei", organization="Acme")
    ana = make_person(owner, "Ana Lima")
    Relationship.objects.create(owner=owner, from_person=ana, to_person=li)
    bo = make_person(owner, "Bo Chen")
    opportunity_link(owner=owner, opportunity=staff, person=bo, role="hiring_manager")
    referral_record(owner=owner, person=bo, direction="asked", opportunity=staff)
    page = me.get(f"/opportunities/{staff.pk}/").content.decode()
    assert "Bo Chen</a> · hiring manager" in page
    assert "knows Li Wei at Acme" in page
    assert "works at Acme" in page
    assert "Referral asked" in page
    assert "Caution" not in page


def test_a_family_referrer_shows_the_caution_on_the_opportunity_and_person_pages(me, owner, staff):
    rosa = make_person(owner, "Rosa Lima", types=["family"])
    response = me.post(
        f"/opportunities/{staff.pk}/link", {"person": "Rosa Lima", "role": "referrer"}
    )
    assert response.status_code == 302
    caution = f"<strong>Caution:</strong> Rosa Lima (referrer) is {CAUTION}."
    assert caution in me.get(f"/opportunities/{staff.pk}/").content.decode()
    person_page = me.get(f"/people/{rosa.pk}/").content.decode()
    assert caution in person_page
    assert "Referrer for <a" in person_page


def test_linking_someone_unknown_says_so_beside_the_field(me, staff):
    response = me.post(f"/opportunities/{staff.pk}/link", {"person": "Nobody", "role": "referrer"})
    assert response.status_code == 422
    assert "No one matches &#x27;Nobody&#x27;." in response.content.decode()
    assert OpportunityPerson.objects.count() == 0


def test_next_step_unlink_referral_and_outcome(me, owner, staff):
    ana = make_person(owner, "Ana Lima")
    opportunity_link(owner=owner, opportunity=staff, person=ana, role="champion")
    me.post(
        f"/opportunities/{staff.pk}/next",
        {"next_step": "Send CV", "next_step_on": "2026-12-03"},
    )
    staff.refresh_from_db()
    assert staff.next_step == "Send CV"
    me.post(f"/opportunities/{staff.pk}/unlink/{ana.pk}", {"role": "champion"})
    assert OpportunityPerson.objects.count() == 0
    response = me.post(
        f"/opportunities/{staff.pk}/referrals",
        {"person": "Ana", "direction": "asked", "kind": "referral", "to": "", "what": ""},
    )
    assert response.status_code == 302
    referral = Referral.objects.get()
    me.post(f"/referrals/{referral.pk}/outcome", {"outcome": "declined"})
    referral.refresh_from_db()
    assert referral.outcome == "declined"
    assert "Referral asked for Staff engineer at Acme: declined" in (
        me.get(f"/people/{ana.pk}/").content.decode()
    )


def test_deleting_from_its_page(me, staff):
    response = me.post(f"/opportunities/{staff.pk}/delete")
    assert response["Location"] == "/opportunities/"
    assert Opportunity.objects.count() == 0


def test_the_person_page_shows_the_give_ask_balance(me, owner):
    ana = make_person(owner, "Ana Lima")
    referral_record(owner=owner, person=ana, direction="asked")
    page = me.get(f"/people/{ana.pk}/").content.decode()
    assert "You gave 0, asked 1, received 0." in page
    assert "You ask more than you give with Ana Lima: share something first." in page


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", "/opportunities/{opp}/"),
        ("post", "/opportunities/{opp}/move"),
        ("post", "/opportunities/{opp}/next"),
        ("post", "/opportunities/{opp}/link"),
        ("post", "/opportunities/{opp}/unlink/{person}"),
        ("post", "/opportunities/{opp}/delete"),
        ("post", "/opportunities/{opp}/referrals"),
        ("post", "/referrals/{referral}/outcome"),
    ],
)
def test_an_outsider_gets_404_on_every_url(client, outsider, owner, staff, method, url):
    ana = make_person(owner, "Ana Lima")
    opportunity_link(owner=owner, opportunity=staff, person=ana, role="referrer")
    referral = referral_record(owner=owner, person=ana, direction="asked", opportunity=staff)
    client.force_login(outsider)
    address = url.format(opp=staff.pk, person=ana.pk, referral=referral.pk)
    data = {"stage": "won", "person": "Ana", "role": "referrer", "outcome": "helped"}
    response = getattr(client, method)(address, data)
    assert response.status_code == 404
    staff.refresh_from_db()
    assert staff.stage == "idea"
    assert OpportunityPerson.objects.count() == Referral.objects.count() == 1


def test_an_outsider_sees_none_of_it_on_their_board(client, outsider, staff):
    client.force_login(outsider)
    assert "Staff engineer" not in client.get("/opportunities/").content.decode()


def test_a_referral_is_recorded_from_the_person_page(me, owner):
    ana = make_person(owner, "Ana Lima")
    make_person(owner, "Li Wei")
    response = me.post(
        f"/people/{ana.pk}/referrals",
        {"direction": "given", "kind": "introduction", "what": "data team", "to": "Li Wei"},
    )
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert (referral.person_id, referral.direction, referral.to_person.display_name) == (
        ana.pk,
        "given",
        "Li Wei",
    )
    page = me.get(f"/people/{ana.pk}/").content.decode()
    assert "Introduction given for data team (to Li Wei): pending" in page
    assert "You gave 1, asked 0, received 0." in page


def test_a_bad_referral_from_the_person_page_says_why_beside_the_field(me, owner):
    ana = make_person(owner, "Ana Lima")
    response = me.post(
        f"/people/{ana.pk}/referrals",
        {"direction": "asked", "kind": "favour", "on": "2027-01-01", "to": "Nobody"},
    )
    page = response.content.decode()
    assert response.status_code == 422
    assert "No one matches &#x27;Nobody&#x27;." in page
    assert Referral.objects.count() == 0


def test_an_outsider_cannot_record_a_referral_with_my_person(client, outsider, owner):
    ana = make_person(owner, "Ana Lima")
    client.force_login(outsider)
    response = client.post(f"/people/{ana.pk}/referrals", {"direction": "asked"})
    assert response.status_code == 404
    assert Referral.objects.count() == 0

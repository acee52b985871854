"""The References page: the 12-month list, ask again, add, confirm, download."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import TODAY, frozen, make_person
from tiebook.interactions.models import Vouch
from tiebook.interactions.references import reference_add

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with frozen():
        yield


@pytest.fixture
def refs(owner):
    grace = make_person(owner, "Grace Hopper", types=["mentor"], emails=["grace@navy.example"])
    ada = make_person(owner, "Ada Lovelace", types=["colleague"])
    kim = make_person(owner, "Kim Expert")
    reference_add(owner=owner, person=grace, skill="COBOL", today=TODAY, agreed=True)
    old, _ = reference_add(
        owner=owner, person=ada, skill="Python", today=TODAY, confirmed_on=dt.date(2025, 11, 1)
    )
    Vouch.objects.create(owner=owner, person=kim, kind="endorsement", skill="Go")
    return {"grace": grace, "ada": ada, "kim": kim, "old": old}


def _section(page: str, start: str, end: str) -> str:
    return page.split(start, 1)[1].split(end, 1)[0]


def test_a_reference_not_confirmed_within_12_months_is_listed_to_ask_again(me, refs):
    page = me.get("/references/").content.decode()
    listed = _section(page, 'id="reference-list"', "</section>")
    again = _section(page, 'id="ask-again"', "</section>")
    assert "Grace Hopper" in listed
    assert "Ada Lovelace" not in listed
    assert "Ada Lovelace" in again
    assert "last confirmed 2025-11-01, over 12 months ago" in again
    assert "Kim Expert" in page
    assert "Ask them to be a reference" in page


def test_confirming_moves_them_onto_the_list(me, refs):
    response = me.post(f"/references/{refs['old'].pk}/confirm")
    assert response.status_code == 302
    page = me.get("/references/").content.decode()
    assert "Ada Lovelace" in _section(page, 'id="reference-list"', "</section>")


def test_adding_by_name_and_asking_an_endorser(me, refs):
    response = me.post("/references/add", {"person": "grace", "skill": "Fortran", "answer": "yes"})
    assert response.status_code == 302
    assert Vouch.objects.get(skill="Fortran").confirmed_on == TODAY
    me.post("/references/add", {"person_id": refs["kim"].pk, "skill": "Go"})
    asked = Vouch.objects.get(kind="reference", person=refs["kim"])
    assert (asked.skill, asked.agreed, asked.asked_on) == ("Go", None, TODAY)


def test_a_bad_reference_shows_beside_the_field(me, refs):
    response = me.post("/references/add", {"person": "grace", "skill": " "})
    assert response.status_code == 422
    assert "Name the skill they would speak for" in response.content.decode()
    response = me.post("/references/add", {"person": "nobody", "skill": "Go"})
    assert 'id="id_person-error"' in response.content.decode()


def test_downloads(me, refs):
    md = me.get("/references/download.md")
    assert md["Content-Disposition"] == 'attachment; filename="references.md"'
    assert md.content.decode().startswith("# References\n\n## COBOL\n\n**Grace Hopper**")
    csv = me.get("/references/download.csv?skill=python").content.decode()
    assert csv.splitlines()[1].startswith("ask again,Ada Lovelace,")
    assert me.get("/references/download.pdf").status_code == 404


def test_the_person_page_shows_their_references(me, refs):
    page = me.get(f"/people/{refs['ada'].pk}/").content.decode()
    assert "Reference for you" in page
    assert "Python" in page
    assert "ask again" in page
    response = me.post(f"/references/{refs['old'].pk}/confirm", {"back": "person"})
    assert response.url == f"/people/{refs['ada'].pk}/"


def test_an_outsider_reaches_none_of_it(client, owner, outsider, refs):
    client.force_login(outsider)
    assert client.post(f"/references/{refs['old'].pk}/confirm").status_code == 404
    response = client.post("/references/add", {"person_id": refs["ada"].pk, "skill": "Go"})
    assert response.status_code == 404
    page = client.get("/references/").content.decode()
    assert "Grace Hopper" not in page
    assert "Kim Expert" not in page
    assert "Grace" not in client.get("/references/download.md").content.decode()
    assert Vouch.objects.filter(owner=outsider).count() == 0


def test_the_markdown_names_the_owner_when_they_gave_a_name(me, owner, refs):
    owner.first_name = "Ada Byron"
    owner.save()
    md = me.get("/references/download.md").content.decode()
    assert md.startswith("# References for Ada Byron\n")

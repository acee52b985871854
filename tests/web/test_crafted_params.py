"""Crafted addresses and forms: a bad number is a form error, the first page or no one, never a
500; a redirect target from the request leaves the site never."""

from __future__ import annotations

import pytest

from tests.factories import frozen, log, make_person
from tiebook.people.models import Person

pytestmark = pytest.mark.django_db

TWENTY_FIVE_NINES = "9" * 25


@pytest.fixture(autouse=True)
def _clock():
    with frozen():
        yield


@pytest.fixture
def sixty(owner):
    """Two pages of people: 'Person 00' to 'Person 59'."""
    return [make_person(owner, f"Person {n:02d}") for n in range(60)]


@pytest.mark.parametrize("page", ["²", "٣", "0", "-1", "abc", "1\x00", ""])
def test_a_page_that_is_not_a_page_number_shows_the_first_page(me, sixty, page):
    response = me.get("/people/", {"page": page})
    assert response.status_code == 200
    text = response.content.decode()
    assert "Page 1 of 2" in text
    assert "Person 00" in text


@pytest.mark.parametrize("page", ["3", "99999999999999999", TWENTY_FIVE_NINES])
def test_a_page_past_the_last_shows_the_last_page(me, sixty, page):
    response = me.get("/people/", {"page": page})
    assert response.status_code == 200
    text = response.content.decode()
    assert "Page 2 of 2" in text
    assert "Person 59" in text
    assert "Person 00" not in text


@pytest.mark.parametrize("circle", ["²", TWENTY_FIVE_NINES, "-5"])
def test_a_circle_that_is_no_number_filters_nothing_out(me, owner, circle):
    make_person(owner, "Ada Lovelace", circle=5)
    response = me.get("/people/", {"circle": circle})
    assert response.status_code == 200
    assert "Ada Lovelace" in response.content.decode()


def test_the_export_reads_the_same_filters(me, owner):
    make_person(owner, "Ada Lovelace")
    response = me.get("/export/csv", {"circle": "²", "page": TWENTY_FIVE_NINES})
    assert response.status_code == 200
    assert b"Ada Lovelace" in b"".join(response.streaming_content)


@pytest.mark.parametrize("ids", ["²", TWENTY_FIVE_NINES, "0", "-1"])
def test_bulk_with_an_id_that_is_no_id_asks_to_tick_someone(me, owner, ids):
    ada = make_person(owner, "Ada Lovelace")
    response = me.post("/people/bulk", {"ids": ids, "add_tag": "math"}, follow=True)
    assert response.status_code == 200
    assert "Tick at least one person" in response.content.decode()
    assert ada.person_tags.count() == 0


def test_bulk_keeps_the_good_ids_beside_bad_ones(me, owner):
    ada = make_person(owner, "Ada Lovelace")
    me.post("/people/bulk", {"ids": ["²", TWENTY_FIVE_NINES, ada.pk], "add_tag": "math"})
    assert list(ada.person_tags.values_list("tag__name", flat=True)) == ["math"]


@pytest.mark.parametrize("view", ["merge", "apart"])
@pytest.mark.parametrize("bad", ["²", TWENTY_FIVE_NINES])
def test_duplicates_with_an_id_that_is_no_id_is_not_found(me, owner, view, bad):
    ada = make_person(owner, "Ada Lovelace")
    fields = ("keep", "other") if view == "merge" else ("first", "second")
    response = me.post(f"/duplicates/{view}", {fields[0]: bad, fields[1]: ada.pk})
    assert response.status_code == 404
    assert Person.objects.count() == 1


@pytest.mark.parametrize("bad", ["²", TWENTY_FIVE_NINES])
def test_an_interaction_opened_from_a_person_that_is_no_id_opens_from_its_first(me, owner, bad):
    ada = make_person(owner, "Ada Lovelace")
    coffee = log(owner, ada, "Coffee")
    response = me.get(f"/interactions/{coffee.pk}/edit", {"person": bad})
    assert response.status_code == 200
    assert f'href="/people/{ada.pk}/"' in response.content.decode()


@pytest.mark.parametrize("bad", ["²", TWENTY_FIVE_NINES, "-3"])
def test_a_timeline_before_an_id_that_is_no_id_starts_at_the_newest(me, owner, bad):
    ada = make_person(owner, "Ada Lovelace")
    log(owner, ada, "Coffee")
    response = me.get(f"/people/{ada.pk}/timeline", {"before": bad})
    assert response.status_code == 200
    assert "Coffee" in response.content.decode()


ELSEWHERE = [
    "https://evil.example/people/",
    "//evil.example/people/",
    "/\\evil.example/people/",
    "/\t/evil.example/people/",
    "javascript:alert(1)",
    "http://testserver.evil.example/",
    "people",
    "web:today",
]


@pytest.mark.parametrize("back", ELSEWHERE)
@pytest.mark.parametrize("tick", [False, True])
def test_bulk_goes_back_to_people_instead_of_another_site(me, owner, back, tick):
    ada = make_person(owner, "Ada Lovelace")
    data = {"back": back, "add_tag": "math", **({"ids": ada.pk} if tick else {})}
    response = me.post("/people/bulk", data)
    assert response.status_code == 302
    assert response["Location"] == "/people/"


@pytest.mark.parametrize("tick", [False, True])
def test_bulk_goes_back_to_the_page_it_was_sent_from(me, owner, tick):
    ada = make_person(owner, "Ada Lovelace")
    back = "/people/?q=ada&page=2"
    data = {"back": back, "add_tag": "math", **({"ids": ada.pk} if tick else {})}
    assert me.post("/people/bulk", data)["Location"] == back


@pytest.mark.parametrize("key", ["q", "tag", "org"])
def test_a_nul_character_in_a_search_is_left_out(me, owner, key):
    make_person(owner, "Ada Lovelace", organization="Engines", tags=["math"])
    make_person(owner, "Grace Hopper")
    value = {"q": "Ada\x00", "tag": "math\x00", "org": "\x00Engines"}[key]
    for url in ("/people/", "/export/csv"):
        response = me.get(url, {key: value})
        assert response.status_code == 200
        body = response.content if url == "/people/" else b"".join(response.streaming_content)
        assert b"Ada Lovelace" in body
        assert b"Grace Hopper" not in body

"""Who can help: the question box on Today and its page of answers."""

from __future__ import annotations

import pytest
from django.utils.html import escape

from tests.factories import make_person
from tiebook.search import semantic

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _words_only(monkeypatch):
    monkeypatch.setattr(semantic, "available", lambda: False)


def test_today_asks_who_can_help_once_there_is_a_network(me, owner):
    assert "Who can help with" not in me.get("/").content.decode()
    make_person(owner, "Ines Duarte")
    page = me.get("/").content.decode()
    assert 'action="/find/"' in page
    assert "Who can help with" in page


def test_the_answers_show_why_with_the_words_marked_and_the_rest_escaped(me, owner):
    ines = make_person(owner, "Ines <b>Duarte</b>", notes="Files my VAT returns <script>x</script>")
    page = me.get("/find/", {"q": "vat"}).content.decode()
    assert f'<a href="/people/{ines.pk}/">Ines &lt;b&gt;Duarte&lt;/b&gt;</a>' in page
    assert "notes:</span> Files my <mark>VAT</mark> returns &lt;script&gt;" in page
    assert "new tie, never contacted" in page
    assert escape(semantic.HOW_TO_TURN_ON) in page


def test_no_match_and_an_empty_question_say_so(me, owner):
    make_person(owner, "Ines Duarte")
    assert (
        "Nobody in your network matches “kubernetes” yet."
        in me.get("/find/", {"q": "kubernetes"}).content.decode()
    )
    assert "Say what you need help with" in me.get("/find/", {"q": "?!"}).content.decode()
    assert "<ol" not in me.get("/find/").content.decode()


def test_another_owners_people_never_answer(client, owner, outsider):
    make_person(owner, "Ines Duarte", notes="VAT returns")
    client.force_login(outsider)
    page = client.get("/find/", {"q": "vat"}).content.decode()
    assert "Ines" not in page
    assert "Nobody in your network matches" in page

"""tiebook find, tiebook reindex and tiebook list --search."""

from __future__ import annotations

import pytest

from tiebook.people.models import Person
from tiebook.search import semantic


@pytest.fixture
def network(tb, monkeypatch):
    monkeypatch.setattr(semantic, "available", lambda: False)
    assert (
        tb(
            "add", "Ines Duarte", "--org", "Duarte & Filhos", "--note", "Files my VAT returns"
        ).exit_code
        == 0
    )
    assert tb("add", "Paul Okafor", "--org", "Brightpay", "--expertise", "payroll").exit_code == 0
    assert tb("log", "Paul", "Call about the VAT registration").exit_code == 0
    return tb


def pk(name: str) -> int:
    return Person.objects.get(display_name=name).pk


def test_find_ranks_with_why_and_says_once_that_meaning_is_off(network):
    result = network("find", "VAT returns")
    assert result.exit_code == 0
    ines, paul = pk("Ines Duarte"), pk("Paul Okafor")
    # Column widths follow the ids, which differ between databases: compare the words.
    assert [" ".join(line.split()) for line in result.stdout.splitlines()] == [
        "# Person Why",
        f"1 Ines Duarte (id {ines}) notes: Files my [VAT] [returns]; new tie, never contacted",
        "Duarte & Filhos",
        f"2 Paul Okafor (id {paul}) history: Call about the [VAT] registration; moderate tie, "
        "last talk today",
        "Brightpay",
    ]
    assert result.stderr == semantic.HOW_TO_TURN_ON + "\n"


def test_find_as_json_gives_each_result_its_why(network):
    data = network.json("find", "payroll", "--limit", "1")
    assert data["question"] == "payroll"
    assert data["meaning"] is False
    [paul] = data["results"]
    assert paul["name"] == "Paul Okafor"
    assert paul["field"] == "expertise"
    assert paul["why"] == "knows about: [payroll]; moderate tie, last talk today"


def test_find_says_when_nobody_matches_and_refuses_an_empty_question(network):
    assert network("find", "kubernetes").stdout == (
        'Nobody in your network matches "kubernetes" yet.\n'
    )
    empty = network("find", "  ")
    assert empty.exit_code == 1
    assert empty.stderr.startswith("Error: Say what you need help with")
    assert network("find", "tax", "--limit", "500").exit_code == 1


def test_list_search_uses_the_index(network):
    data = network.json("list", "--search", "duarte filh")
    assert [p["name"] for p in data["people"]] == ["Ines Duarte"]
    assert network.json("list", "--search", "vat")["people"][0]["name"] == "Ines Duarte"


def test_reindex_counts_what_it_read(network):
    result = network("reindex")
    assert result.stdout == f"Indexed 2 people. {semantic.HOW_TO_TURN_ON}\n"
    assert network.json("reindex") == {"people": 2, "meaning": False}

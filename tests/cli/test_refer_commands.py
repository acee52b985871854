"""`tiebook refer ORG`: the ranked table, its JSON twin, and one sentence for an unknown org."""

from __future__ import annotations

import pytest

from tiebook.people.models import Organization, Person

pytestmark = pytest.mark.django_db

CAUTION = "family: lean on family sparingly as advocates; others may see their advocacy as biased"
FOOT = (
    "Moderately weak ties come first: they move more people into new jobs than close friends do "
    "(Rajkumar et al., Science 2022).\n"
)


def pid(name: str) -> int:
    return Person.objects.get(display_name=name).pk


@pytest.fixture
def network(tb):
    tb("add", "Li Wei", "--org", "Acme")
    tb("add", "Kim Park", "--org", "Acme")
    tb("add", "Max Berg", "--org", "Globex", "--email", "max@acme.com")
    tb("add", "Ana Silva")
    tb("add", "Rosa Lima", "--type", "family")
    tb("relate", "Ana Silva", "Li Wei", "--as", "knows")
    tb("relate", "Rosa Lima", "Ana Silva", "--as", "family-of")
    Organization.objects.filter(name="Acme").update(domain="acme.com")
    for name, strength in [("Li Wei", 35), ("Kim Park", 90), ("Max Berg", 35), ("Ana Silva", 20)]:
        Person.objects.filter(display_name=name).update(tie_strength=strength)
    Person.objects.filter(display_name="Rosa Lima").update(tie_strength=60)
    return tb


def test_refer_prints_the_ranked_table_with_paths_and_the_family_caution(network):
    result = network("refer", "acme")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Who could refer you at Acme:"
    assert lines[1].split() == ["#", "person", "strength", "path", "why"]
    rows = [" ".join(line.split()) for line in lines[2:6]]
    likely = "the kind of tie most likely to lead to a new job"
    assert rows == [
        f"1 Li Wei (id {pid('Li Wei')}) 35 moderately weak works at Acme can refer you directly; "
        + likely,
        f"2 Max Berg (id {pid('Max Berg')}) 35 moderately weak worked at Acme (acme.com email; "
        f"now at Globex) can refer you directly; {likely}",
        f"3 Kim Park (id {pid('Kim Park')}) 90 strong works at Acme can refer you directly; "
        "trusted to vouch for you",
        f"4 Ana Silva (id {pid('Ana Silva')}) 20 moderately weak knows Li Wei at Acme one "
        f"introduction away; {likely}",
    ]
    assert " ".join(lines[6].split()) == (
        f"5 Rosa Lima (id {pid('Rosa Lima')}) 60 strong family of Ana Silva, who knows Li Wei at "
        "Acme two introductions away; trusted to vouch for you; family: lean on them sparingly"
    )
    assert lines[7:] == [f"Caution: Rosa Lima (referrer) is {CAUTION}", FOOT.strip()]


def test_refer_json_gives_the_same_data(network):
    data = network.json("refer", "Acme", "--limit", "2")
    assert data["organization"] == {"id": Organization.objects.get(name="Acme").pk, "name": "Acme"}
    assert [s["name"] for s in data["suggestions"]] == ["Li Wei", "Max Berg"]
    assert data["suggestions"][1] == {
        "person_id": pid("Max Berg"),
        "name": "Max Berg",
        "tie_strength": 35,
        "strength": "moderately weak",
        "score": 115,
        "hops": 0,
        "former": True,
        "link": "worked at Acme (acme.com email; now at Globex)",
        "path": [],
        "why": "can refer you directly; the kind of tie most likely to lead to a new job",
        "flags": [],
        "caution": None,
    }
    rosa = network.json("refer", "Acme")["suggestions"][-1]
    assert rosa["path"] == [
        {"person_id": pid("Ana Silva"), "name": "Ana Silva", "relation": "family of"},
        {"person_id": pid("Li Wei"), "name": "Li Wei", "relation": "knows"},
    ]
    assert rosa["caution"] == f"Rosa Lima (referrer) is {CAUTION}"


def test_an_unknown_organisation_is_one_sentence_and_exit_1(network):
    result = network("refer", "Acne")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert (
        result.stderr
        == "Error: No organisation in your network is called 'Acne'. Did you mean 'Acme'?\n"
    )


def test_an_organisation_no_one_is_tied_to_says_so(network):
    network("add", "Lone Wolf", "--org", "Initech")
    network("archive", "Lone Wolf")
    result = network("refer", "initech")
    assert result.exit_code == 0
    assert result.stdout == "No one in your network is at Initech or knows someone there yet.\n"

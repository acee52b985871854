"""tiebook relate, unrelate and ties: who knows whom, entered by hand."""

from __future__ import annotations

import pytest

from tiebook.people.models import Person, Relationship


@pytest.fixture
def people(tb):
    for name in ("Ada Lovelace", "Grace Hopper", "Alan Turing"):
        assert tb("add", name).exit_code == 0
    return tb


def pk(name: str) -> int:
    return Person.objects.get(display_name=name).pk


def test_relate_reads_from_the_first_person_and_ties_from_each_side(people):
    tb = people
    assert tb("relate", "Ada", "Grace", "--as", "reports-to").stdout == (
        "Ada Lovelace reports to Grace Hopper.\n"
    )
    assert tb("relate", "Alan", "Grace", "--as", "mentors").stdout == (
        "Alan Turing mentors Grace Hopper.\n"
    )
    assert tb("relate", "Ada", "Alan").stdout == "Ada Lovelace knows Alan Turing.\n"
    ada, grace, alan = pk("Ada Lovelace"), pk("Grace Hopper"), pk("Alan Turing")
    assert tb("ties", "Grace").stdout == (
        "Grace Hopper (2 ties):\n"
        f"  manages Ada Lovelace (id {ada})\n"
        f"  mentee of Alan Turing (id {alan})\n"
    )
    assert tb("ties", "Alan").stdout == (
        f"Alan Turing (2 ties):\n  knows Ada Lovelace (id {ada})\n"
        f"  mentors Grace Hopper (id {grace})\n"
    )


def test_introduced_by_is_kept_as_the_other_introducing_the_first(people):
    tb = people
    assert tb("relate", "Ada", "Grace", "--as", "introduced-by").stdout == (
        "Ada Lovelace was introduced by Grace Hopper.\n"
    )
    tie = Relationship.objects.get()
    assert (tie.from_person.display_name, tie.to_person.display_name, tie.kind, tie.source) == (
        "Grace Hopper",
        "Ada Lovelace",
        "introduced",
        "manual",
    )
    assert tb.json("ties", "Grace")["ties"] == [
        {
            "id": tie.pk,
            "person_id": pk("Ada Lovelace"),
            "name": "Ada Lovelace",
            "relation": "introduced",
            "kind": "introduced",
            "source": "manual",
        }
    ]


def test_relate_refuses_one_person_twice_and_a_tie_already_there_either_way(people):
    tb = people
    same = tb("relate", "Ada", str(pk("Ada Lovelace")))
    assert (same.exit_code, same.stderr) == (1, "Error: A tie needs two different people.\n")
    tb("relate", "Ada", "Grace", "--as", "works-with")
    again = tb("relate", "Grace", "Ada", "--as", "works-with")
    assert again.exit_code == 1
    assert again.stderr == (
        "Error: That tie is already there: Grace Hopper works with Ada Lovelace.\n"
    )
    # Directed ties are two different facts each way.
    assert tb("relate", "Ada", "Grace", "--as", "reports-to").exit_code == 0
    assert tb("relate", "Grace", "Ada", "--as", "reports-to").exit_code == 0
    assert Relationship.objects.count() == 3


def test_relate_refuses_an_unknown_kind_naming_the_known_ones(people):
    result = people("relate", "Ada", "Grace", "--as", "friend")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: Unknown kind of tie 'friend'; use one of knows, works-with, reports-to, mentors, "
        "family-of, introduced-by.\n"
    )


def test_unrelate_removes_one_kind_or_every_tie(people):
    tb = people
    tb("relate", "Ada", "Grace", "--as", "family-of")
    tb("relate", "Grace", "Ada", "--as", "mentors")
    tb("relate", "Ada", "Alan")
    assert tb("unrelate", "Grace", "Ada", "--as", "family-of").stdout == (
        "Removed 1 tie between Grace Hopper and Ada Lovelace.\n"
    )
    assert tb.json("unrelate", "Ada", "Alan") == {"removed": 1}
    missing = tb("unrelate", "Ada", "Alan")
    assert (missing.exit_code, missing.stderr) == (
        1,
        "Error: Ada Lovelace and Alan Turing have no tie.\n",
    )
    wrong = tb("unrelate", "Ada", "Grace", "--as", "mentors")  # Grace mentors Ada, not back
    assert wrong.stderr == "Error: Ada Lovelace and Grace Hopper have no 'mentors' tie.\n"
    assert tb("unrelate", "Ada", "Grace").stdout == (
        "Removed 1 tie between Ada Lovelace and Grace Hopper.\n"
    )


def test_ties_of_someone_without_any_says_how_to_add_one(people):
    assert people("ties", "Ada").stdout == (
        "Ada Lovelace has no ties yet; add one with: "
        f"tiebook relate {pk('Ada Lovelace')} PERSON --as knows\n"
    )


def test_show_lists_the_ties_read_from_the_person(people):
    tb = people
    tb("relate", "Ada", "Grace", "--as", "reports-to")
    shown = f"Relationships:\n  manages Ada Lovelace (id {pk('Ada Lovelace')})\n"
    assert shown in tb("show", "Grace").stdout

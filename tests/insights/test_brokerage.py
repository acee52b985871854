"""Brokerage on textbook graphs: constraint as networkx computes it, and the bridge found."""

from __future__ import annotations

import itertools

import networkx as nx
import pytest

from tiebook.insights.brokerage import (
    OWNER,
    brokerage,
    brokers,
    constraint_of,
    ego_constraint,
    group_edges,
    undirected,
)

# Two cliques of four, {1,2,3,4} and {6,7,8,9}, joined only through person 5.
LEFT, RIGHT, BRIDGE = (1, 2, 3, 4), (6, 7, 8, 9), 5
BARBELL = {
    *itertools.combinations(LEFT, 2),
    *itertools.combinations(RIGHT, 2),
    (4, BRIDGE),
    (BRIDGE, 6),
}
NAMES = {n: f"P{n}" for n in range(1, 10)}


def test_the_person_joining_two_cliques_is_the_first_broker_and_names_both_sides():
    found, graph, sampled = brokers(undirected(BARBELL), NAMES)
    assert not sampled
    assert found[0].person_id == BRIDGE
    # 16 of the 28 pairs of others have every shortest path through 5: (9-1 choose 2) = 28.
    assert found[0].betweenness == pytest.approx(16 / 28)
    assert found[0].why == "links 2 people who are not tied to each other: P4 and P6"
    assert found[0].betweenness == nx.betweenness_centrality(graph)[BRIDGE]
    # The clique members at the joins come next; the others bridge nothing.
    assert {b.person_id for b in found[1:]} == {4, 6}


def test_constraint_matches_networkx_on_every_node_of_a_textbook_graph():
    graph = nx.Graph(BARBELL)
    graph.add_edges_from([(1, 10), (10, 11)])
    expected = nx.constraint(graph)
    for node in graph:
        assert constraint_of(graph, node) == pytest.approx(expected[node])


def test_the_owners_constraint_over_contacts_who_do_not_know_each_other_is_one_over_n():
    found = ego_constraint([1, 2, 3, 4], set())
    assert found.constraint == pytest.approx(0.25)
    assert (found.least, found.effective_size, found.ties_among) == (0.25, 4, 0)
    assert found.why.startswith(
        "Of your 4 closest ties, 0 pairs know each other: constraint 0.250, between 0.250 "
        "(none know each other) and 0.766 (all do); they mostly do not know each other"
    )


def test_the_owners_constraint_over_a_clique_is_the_most_and_matches_networkx():
    contacts = [1, 2, 3, 4]
    edges = undirected(itertools.combinations(contacts, 2))
    found = ego_constraint(contacts, edges)
    graph = nx.Graph(edges)
    graph.add_edges_from((OWNER, c) for c in contacts)
    assert found.constraint == pytest.approx(nx.constraint(graph, nodes=[OWNER])[OWNER])
    assert found.constraint == pytest.approx(found.most)
    assert found.most == pytest.approx(4 * (1 / 4 + 3 / 16) ** 2)
    assert found.effective_size == pytest.approx(4 - 2 * 6 / 4)
    assert "many know each other, so what they tell you overlaps" in found.why


def test_the_ego_network_counts_only_ties_among_the_contacts():
    found = ego_constraint([1, 2], {(1, 2), (2, 3), (3, 4)})
    assert (found.contacts, found.ties_among) == (2, 1)


def test_no_contacts_and_one_contact():
    assert ego_constraint([], set()).constraint is None
    assert ego_constraint([], set()).why.startswith("No recent ties yet")
    assert ego_constraint([7], set()).why == "One recent tie: brokerage needs at least two."


def test_groups_larger_than_the_cap_add_no_ties():
    edges = group_edges([[1, 2, 3], [4, 5], list(range(10, 30)), [6]], largest=12)
    assert edges == {(1, 2), (1, 3), (2, 3), (4, 5)}


def test_undirected_keeps_each_tie_once_and_drops_self_ties():
    assert undirected([(2, 1), (1, 2), (3, 3)]) == {(1, 2)}


def test_a_large_graph_is_sampled_with_a_fixed_seed():
    edges = undirected(nx.barbell_graph(80, 3).edges())
    names = {n: f"P{n}" for n in range(200)}
    first, _, sampled = brokers(edges, names)
    again, _, _ = brokers(edges, names)
    assert sampled
    assert [b.person_id for b in first] == [b.person_id for b in again]
    assert first[0].person_id in range(79, 84)  # on the path between the two cliques


def test_brokerage_says_how_it_was_computed_and_what_to_do_without_ties():
    found = brokerage(contacts=[1, 4, 6], edges=BARBELL, names=NAMES)
    assert (found.people, found.ties) == (9, 14)
    assert "(9 people, 14 ties from relationships, shared interactions and events)" in found.why
    assert "betweenness, exact" in found.why
    empty = brokerage(contacts=[1], edges=[], names=NAMES)
    assert empty.brokers == []
    assert empty.why.startswith("No one bridges separate groups yet")

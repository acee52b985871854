"""Brokerage: how far the owner's closest ties know one another (Burt's constraint) and which
people bridge otherwise separate groups (betweenness). Pure: ids and edges in, figures out."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

EGO_SIZE = 150  # Dunbar's meaningful contacts: the ties whose overlap shapes what you hear
SAMPLE_SOURCES = 100  # betweenness from this many sampled sources once the graph is larger
SEED = 11  # a fixed sample: the same network gives the same figures
BROKER_LIMIT = 10
NAMED_NEIGHBOURS = 3
OWNER = "me"  # the owner's node in the ego network; people are their ids


@dataclass(frozen=True)
class EgoConstraint:
    contacts: int  # the closest ties counted
    ties_among: int  # ties between two of those contacts
    constraint: float | None  # Burt's constraint on the owner: 1/contacts .. about 4/contacts
    least: float | None  # what it would be if none of them knew each other
    most: float | None  # ... and if all of them did
    effective_size: float | None  # contacts less their redundancy (Burt 1992)
    why: str


@dataclass(frozen=True)
class Broker:
    person_id: int
    name: str
    betweenness: float  # share of shortest paths between others that pass through them
    ties: int  # people they are tied to in the graph
    apart: int  # of those, how many are tied to none of the others
    why: str


@dataclass(frozen=True)
class Brokerage:
    ego: EgoConstraint
    brokers: list[Broker]
    people: int  # the graph the brokers come from
    ties: int
    sampled: bool
    why: str


def undirected(edges: Iterable[tuple[int, int]]) -> set[tuple[int, int]]:
    """Each tie once, as (smaller id, larger id), without self-ties."""
    return {(min(a, b), max(a, b)) for a, b in edges if a != b}


def group_edges(groups: Iterable[Iterable[int]], *, largest: int) -> set[tuple[int, int]]:
    """Ties between everyone in each group (an interaction, an event), for groups of at most
    `largest`: a 200-person conference says little about who knows whom, and its pairs would
    swamp the graph."""
    edges: set[tuple[int, int]] = set()
    for group in groups:
        members = sorted(set(group))
        if len(members) > largest:
            continue
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                edges.add((a, b))
    return edges


def constraint_of(graph: nx.Graph, node) -> float:
    """Burt's constraint on `node`, as networkx.constraint computes it for an unweighted graph,
    in time linear in the node's ties and theirs (networkx's loop is cubic in the degree: 3 s
    for 150 contacts)."""
    contacts = set(graph[node])
    own = 1 / len(contacts)
    total = 0.0
    for j in contacts:
        shared = contacts.intersection(graph[j])
        indirect = sum(own / len(graph[q]) for q in shared)
        total += (own + indirect) ** 2
    return total


def ego_constraint(contacts: list[int], edges: set[tuple[int, int]]) -> EgoConstraint:
    """The owner tied to each contact, and the contacts to each other where `edges` says so."""
    if not contacts:
        return EgoConstraint(0, 0, None, None, None, None, _ego_why(0, 0, None, None, None))
    members = set(contacts)
    among = [(a, b) for a, b in edges if a in members and b in members]
    graph = nx.Graph()
    graph.add_edges_from((OWNER, c) for c in contacts)
    graph.add_edges_from(among)
    n = len(contacts)
    value = constraint_of(graph, OWNER)
    least = 1 / n
    most = n * (1 / n + (n - 1) / (n * n)) ** 2  # every contact tied to every other
    effective = n - 2 * len(among) / n
    return EgoConstraint(
        n, len(among), value, least, most, effective, _ego_why(n, len(among), value, least, most)
    )


def _ego_why(n: int, among: int, value, least, most) -> str:
    if n == 0:
        return "No recent ties yet: brokerage needs people you have talked to in three years."
    if n == 1:
        return "One recent tie: brokerage needs at least two."
    place = (value - least) / (most - least) if most > least else 0.0
    reading = (
        "they mostly do not know each other, so they bring you news from different places"
        if place < 1 / 3
        else "many know each other, so what they tell you overlaps; ties outside the group "
        "would bring newer information"
    )
    return (
        f"Of your {n} closest ties, {among} pairs know each other: constraint {value:.3f}, "
        f"between {least:.3f} (none know each other) and {most:.3f} (all do); {reading}."
    )


def brokers(
    edges: set[tuple[int, int]],
    names: dict[int, str],
    *,
    limit: int = BROKER_LIMIT,
    sample: int = SAMPLE_SOURCES,
    seed: int = SEED,
) -> tuple[list[Broker], nx.Graph, bool]:
    """The people through whom most shortest paths between the others run, each with the
    people on either side of them named."""
    graph = nx.Graph()
    graph.add_edges_from(edges)
    n = graph.number_of_nodes()
    if n < 3:
        return [], graph, False
    sampled = n > sample
    scores = nx.betweenness_centrality(graph, k=sample if sampled else None, seed=seed)
    ranked = sorted(
        (node for node, score in scores.items() if score > 0),
        key=lambda node: (-scores[node], names.get(node, "").casefold(), node),
    )
    return [_broker(graph, node, scores[node], names) for node in ranked[:limit]], graph, sampled


def _broker(graph: nx.Graph, node: int, score: float, names: dict[int, str]) -> Broker:
    neighbours = sorted(graph[node], key=lambda p: (names.get(p, "").casefold(), p))
    apart = _apart(graph, neighbours)
    shown = [names.get(p, f"#{p}") for p in apart[:NAMED_NEIGHBOURS]]
    more = len(apart) - len(shown)
    named = f"{', '.join(shown)} and {more} more" if more > 0 else _list_names(shown)
    why = f"links {len(apart)} people who are not tied to each other: {named}"
    return Broker(node, names.get(node, f"#{node}"), score, len(neighbours), len(apart), why)


def _apart(graph: nx.Graph, neighbours: list[int]) -> list[int]:
    """The neighbours in different groups: each tied to none of the neighbours kept before it."""
    kept: list[int] = []
    reach: dict[int, set[int]] = defaultdict(set)
    for p in neighbours:
        if any(q in reach[p] for q in kept):
            continue
        kept.append(p)
        for q in graph[p]:
            reach[q].add(p)
        reach[p].update(graph[p])
    return kept


def _list_names(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def brokerage(
    *,
    contacts: list[int],
    edges: Iterable[tuple[int, int]],
    names: dict[int, str],
    limit: int = BROKER_LIMIT,
) -> Brokerage:
    """Constraint over the closest ties, and the brokers of the graph around them."""
    ties = undirected(edges)
    ego = ego_constraint(contacts, ties)
    found, graph, sampled = brokers(ties, names, limit=limit)
    how = f"sampled from {SAMPLE_SOURCES} people" if sampled else "exact"
    why = (
        f"Among your closest ties and the people tied to them ({graph.number_of_nodes()} people, "
        f"{graph.number_of_edges()} ties from relationships, shared interactions and events), "
        f"these people lie on the most shortest paths between others (betweenness, {how}): "
        "each links groups that would otherwise be apart, so they are the ones to ask for an "
        "introduction."
    )
    if not found:
        why = (
            "No one bridges separate groups yet: record who knows whom (tiebook relate A B), "
            "or log meetings and events with several people."
        )
    return Brokerage(ego, found, graph.number_of_nodes(), graph.number_of_edges(), sampled, why)

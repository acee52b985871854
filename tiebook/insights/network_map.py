"""The map of the network: the strongest ties as nodes, and edges from relationships, shared
meetings and shared events, as the JSON the map page draws."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

import networkx as nx

from tiebook import taxonomy
from tiebook.events.models import EventPerson
from tiebook.interactions.models import Participant
from tiebook.people.models import Person, PersonType, Relationship

MAP_LIMIT = 2000  # people drawn at most: the strongest ties when the network is bigger
GROUP_CAP = 12  # of a meeting or event with more people, only its strongest ties are paired
EDGE_LIMIT = 20000  # the heaviest edges, so that a dense network still draws quickly
EDGE_KINDS = ("relationship", "meeting", "event")


@dataclass(frozen=True)
class MapFilters:
    category: str | None = None  # a taxonomy category's value
    type: str | None = None  # a connection type's code
    circle: int | None = None


# -- the pure part: pairs out of groups --------------------------------------------------------


def group_pairs(
    groups: Iterable[list[int]], strength: Mapping[int, int], cap: int = GROUP_CAP
) -> Counter[tuple[int, int]]:
    """How many groups each pair of people shares; a group larger than `cap` pairs only its
    `cap` strongest members, so one all-hands meeting does not draw a hairball."""
    pairs: Counter[tuple[int, int]] = Counter()
    for members in groups:
        unique = sorted(set(members), key=lambda pk: (-strength.get(pk, 0), pk))[:cap]
        pairs.update(combinations(sorted(unique), 2))
    return pairs


def primary_category(types: Iterable[str]) -> str | None:
    """The category a person is coloured by: that of their first type in the taxonomy's order."""
    codes = sorted(types, key=taxonomy.CODES.index)
    return taxonomy.BY_CODE[codes[0]].category.value if codes else None


def merge_edges(kinds: Mapping[str, Counter[tuple[int, int]]], limit: int) -> list[dict]:
    """One edge per pair with what links them, heaviest first, at most `limit`."""
    merged: dict[tuple[int, int], dict] = {}
    for kind, pairs in kinds.items():
        for pair, count in pairs.items():
            edge = merged.setdefault(pair, {"source": pair[0], "target": pair[1], "weight": 0})
            edge[kind] = count
            edge["weight"] += count
    ordered = sorted(merged.values(), key=lambda e: (-e["weight"], e["source"], e["target"]))
    return ordered[:limit]


SECTORS: tuple[str | None, ...] = (*(c.value for c in taxonomy.Category), None)
INNER_RADIUS = 80
RING_WIDTH = 700  # from the strongest tie (100) at the centre to the weakest (0) outside


def communities(edges: Iterable[dict]) -> dict[int, int]:
    """A group number per linked person (label propagation: linear in the edges, and the same
    answer every time), so that people who know each other sit side by side."""
    graph = nx.Graph((e["source"], e["target"]) for e in edges)
    groups = sorted(nx.community.label_propagation_communities(graph), key=lambda g: -len(g))
    return {pk: number for number, group in enumerate(groups) for pk in group}


def radial_layout(
    nodes: Sequence[dict], group_of: Mapping[int, int]
) -> dict[int, tuple[float, float]]:
    """Where each person goes: a slice of the disc per category (sized by its people), the
    strongest ties nearest the centre, each slice ordered by group so links stay short.

    A force layout of 2,000 people takes the browser tens of seconds; this takes milliseconds.
    """
    by_sector: dict[str | None, list[dict]] = defaultdict(list)
    for node in nodes:
        by_sector[node["category"]].append(node)
    positions: dict[int, tuple[float, float]] = {}
    start = 0.0
    for sector in SECTORS:
        members = sorted(
            by_sector.get(sector, []),
            key=lambda n: (group_of.get(n["id"], len(group_of)), -n["strength"], n["id"]),
        )
        span = 2 * math.pi * len(members) / max(len(nodes), 1)
        for index, node in enumerate(members):
            angle = start + span * (index + 0.5) / len(members)
            # Alternate rings a little so neighbours with the same strength do not overlap.
            radius = INNER_RADIUS + RING_WIDTH * (100 - node["strength"]) / 100 + 18 * (index % 3)
            positions[node["id"]] = (
                round(radius * math.cos(angle), 1),
                round(radius * math.sin(angle), 1),
            )
        start += span
    return positions


# -- the selector ------------------------------------------------------------------------------


def _people(owner, filters: MapFilters):
    people = Person.objects.filter(owner=owner, archived_at__isnull=True)
    if filters.type:
        people = people.filter(types__type=filters.type)
    if filters.category:
        codes = [t.code for t in taxonomy.types_in(taxonomy.Category(filters.category))]
        people = people.filter(
            pk__in=PersonType.objects.filter(owner=owner, type__in=codes).values("person_id")
        )
    if filters.circle:
        people = people.filter(circle=filters.circle)
    return people


def _groups(rows: Iterable[tuple[int, int]]) -> list[list[int]]:
    groups: dict[int, list[int]] = defaultdict(list)
    for group_id, person_id in rows:
        groups[group_id].append(person_id)
    return [members for members in groups.values() if len(members) > 1]


def _edges(owner, ids: list[int], strength: Mapping[int, int]) -> list[dict]:
    relationships = Counter(
        tuple(sorted(pair))
        for pair in Relationship.objects.filter(
            owner=owner, from_person_id__in=ids, to_person_id__in=ids
        ).values_list("from_person_id", "to_person_id")
        if pair[0] != pair[1]
    )
    meetings = Participant.objects.filter(owner=owner, person_id__in=ids).values_list(
        "interaction_id", "person_id"
    )
    events = EventPerson.objects.filter(owner=owner, person_id__in=ids).values_list(
        "event_id", "person_id"
    )
    kinds = {
        "relationship": Counter(dict.fromkeys(relationships, 1)),
        "meeting": group_pairs(_groups(meetings), strength),
        "event": group_pairs(_groups(events), strength),
    }
    return merge_edges(kinds, EDGE_LIMIT)


def network_people(*, owner, filters: MapFilters, limit: int = MAP_LIMIT) -> dict:
    """The people matching the filters, the `limit` strongest ties when there are more: what
    the map's page lists (without the links, which cost most)."""
    people = _people(owner, filters)
    total = people.count()
    rows = list(
        people.order_by("-tie_strength", "pk").values_list(
            "pk", "display_name", "circle", "tie_strength"
        )[:limit]
    )
    types: dict[int, list[str]] = defaultdict(list)
    for person_id, code in PersonType.objects.filter(
        owner=owner, person_id__in=[row[0] for row in rows]
    ).values_list("person_id", "type"):
        types[person_id].append(code)
    nodes = [
        {
            "id": pk,
            "name": name,
            "category": primary_category(types[pk]),
            "types": sorted(types[pk], key=taxonomy.CODES.index),
            "circle": circle,
            "strength": tie,
        }
        for pk, name, circle, tie in rows
    ]
    return {"nodes": nodes, "total": total, "shown": len(nodes), "capped": total > len(nodes)}


def network_map(*, owner, filters: MapFilters, limit: int = MAP_LIMIT) -> dict:
    """The people as network_people finds them, placed on the map, and the edges among them."""
    found = network_people(owner=owner, filters=filters, limit=limit)
    nodes = found["nodes"]
    strength = {node["id"]: node["strength"] for node in nodes}
    edges = _edges(owner, list(strength), strength) if nodes else []
    positions = radial_layout(nodes, communities(edges))
    for node in nodes:
        node["x"], node["y"] = positions[node["id"]]
    return {**found, "nodes": nodes, "edges": edges}

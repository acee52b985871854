"""Planning the ties among demo people: who knows whom, colleagues, reports, mentors, family."""

from __future__ import annotations

from array import array
from typing import NamedTuple

from tiebook.demo.people import PersonPlan
from tiebook.demo.world import World

# 'knows' ties join people this many places apart in the demo's (random) order: near and far
# pairs, so the graph spans every chunk.
OFFSETS = (1, 2, 3, 5, 8, 13, 21, 55, 144, 377, 987, 2584, 6765, 17711, 46368)
KNOWS_PER_PERSON = 1.5
_MASK = (1 << 64) - 1


class EdgePlan(NamedTuple):
    source: int  # global indexes
    target: int
    kind: str
    created_at: int  # minutes from the start of today


def _mix(value: int) -> int:
    """splitmix64's finaliser: a fixed, well-spread hash of an integer."""
    value = ((value ^ (value >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    value = ((value ^ (value >> 27)) * 0x94D049BB133111EB) & _MASK
    return value ^ (value >> 31)


class Knows:
    """'knows' ties as a pure function of the pair, so each end counts its ties on its own.

    A chunk written early already knows how many ties its people will have with people in
    chunks not yet planned, so its cached tie strengths stay true once they are written.
    """

    def __init__(self, key: int, people: int):
        self.key = key
        self.people = people
        self.offsets = [offset for offset in OFFSETS if offset < people]
        share = min(0.5, KNOWS_PER_PERSON / max(1, len(self.offsets)))
        self.threshold = int(share * (1 << 64))

    def forward(self, index: int) -> int:
        """A bit per offset: does the person at `index` know the one `offset` places later?"""
        key, threshold, bits = self.key + index * 64, self.threshold, 0
        for slot, offset in enumerate(self.offsets):
            if index + offset < self.people and _mix(key + slot) < threshold:
                bits |= 1 << slot
        return bits

    def backward(self, index: int, masks: array) -> list[int]:
        """The people earlier in the order who know the person at `index`."""
        return [
            index - offset
            for slot, offset in enumerate(self.offsets)
            if offset <= index and masks[index - offset] >> slot & 1
        ]


class _Edges:
    def __init__(self, world: World, people: list[PersonPlan], start: int):
        self.world, self.people, self.start = world, people, start
        self.pairs: set[tuple[int, int]] = set()
        self.edges: list[EdgePlan] = []

    def add(self, source: int, target: int, kind: str, *, count_source: bool = True) -> None:
        """Add a tie between two global indexes, once per pair; count it on chunk ends."""
        pair = (source, target) if source < target else (target, source)
        if source == target or pair in self.pairs:
            return
        self.pairs.add(pair)
        added = min(self.world.added_ago[source], self.world.added_ago[target])
        self.edges.append(EdgePlan(source, target, kind, self.world.at(added, 600)))
        for index, counted in ((source, count_source), (target, True)):
            if counted and index >= self.start:
                self.people[index - self.start].degree += 1


def plan_edges(world: World, people: list[PersonPlan], start: int) -> list[EdgePlan]:
    """Every tie whose later end is in this chunk, and each person's number of ties."""
    edges = _Edges(world, people, start)
    knows, masks = Knows(world.knows_key, world.people), world.knows_masks
    for local, person in enumerate(people):
        masks[start + local] = knows.forward(start + local)
        person.degree += masks[start + local].bit_count()
    for local in range(len(people)):
        for earlier in knows.backward(start + local, masks):
            # The earlier end counted this tie already, among its forward ones.
            edges.add(earlier, start + local, "knows", count_source=False)
    _workplace_ties(world, edges)
    _personal_ties(world, edges)
    return edges.edges


def _workplace_ties(world: World, edges: _Edges) -> None:
    """Colleagues at the same organisation (a few each, not all pairs) and who reports to whom."""
    rng = world.rng
    members: dict[int, list[int]] = {}
    boss: dict[int, int] = {}
    for local, person in enumerate(edges.people):
        if person.org is None:
            continue
        index, group = edges.start + local, members.setdefault(person.org, [])
        if group and rng.random() < 0.8:
            window = group[-30:]
            for other in rng.sample(window, min(len(window), 1 + (rng.random() < 0.4))):
                edges.add(index, other, "colleague_of")
        reports = person.org in boss and {"colleague", "interdepartmental"} & set(person.types)
        if reports and rng.random() < 0.4:
            edges.add(index, boss[person.org], "reports_to")
        if person.types[0] == "direct_supervisor":
            boss[person.org] = index
        group.append(index)


def _personal_ties(world: World, edges: _Edges) -> None:
    """Introductions, mentors of others in the network, and relatives who know each other."""
    rng = world.rng
    relatives: list[int] = []
    for local, person in enumerate(edges.people):
        index = edges.start + local
        if person.introducer is not None:
            edges.add(edges.start + person.introducer, index, "introduced")
        if "mentor" in person.types and rng.random() < 0.3:
            edges.add(index, edges.start + rng.randrange(len(edges.people)), "mentor_of")
        if "family" in person.types:
            if relatives and rng.random() < 0.5:
                edges.add(index, rng.choice(relatives[-10:]), "family")
            relatives.append(index)

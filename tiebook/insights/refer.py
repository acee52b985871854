"""Who could refer me at an organisation, over plain data: people there (now or before) and people
one or two relationships away from one of them, ranked with an inverted U over tie strength."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import chain

from tiebook.followups.engine import is_dormant
from tiebook.opportunities.domain import Advocate, family_cautions

PEAK = 35  # the tie strength that reaches furthest: a moderately weak tie
INSIDER_BONUS = 25  # someone inside can refer you directly; a friend of theirs has to ask them
FORMER_BONUS = 15  # a former insider still knows people there, a little less well
FORMER_REACH = 0.8  # ... and so do their friends, through them
TWO_HOPS = 0.8  # each introduction along the way costs something
FAMILY = 0.85  # employers read a relative's referral as biased: a little further down
DORMANT_FLAG = "dormant: worth reviving"
WEAK_BELOW = 15  # reach() scores below these ...
STRONG_ABOVE = 55  # ... and above these are what the why line calls weak and strong ties


def reach(tie_strength: float) -> float:
    """An inverted U over tie strength, 40-100: moderately weak ties (about 35) score highest,
    since they moved most people into new jobs (Rajkumar et al., Science 2022), while strong
    ties keep a good score for the trust they bring and the weakest count for little."""
    if tie_strength <= PEAK:
        return 40 + 60 * tie_strength / PEAK
    return 100 - 30 * (tie_strength - PEAK) / (100 - PEAK)


@dataclass(frozen=True)
class Contact:
    """Someone in the owner's network, as far as a referral cares."""

    person_id: int
    name: str
    tie_strength: int
    last_contact_on: date | None = None
    family: bool = False  # holds the family connection type: a weak signal to employers


@dataclass(frozen=True)
class Insider:
    """Someone at the organisation: now, or before (`former`), with how we know (`detail`)."""

    person_id: int
    former: bool = False
    detail: str = ""  # 'acme.com email', 'acme.com email; now at Globex'


@dataclass(frozen=True)
class Edge:
    """A relationship, worded from each side: 'reports to' from `a`, 'manages' from `b`."""

    a: int
    b: int
    a_to_b: str
    b_to_a: str


@dataclass(frozen=True)
class Step:
    """One person along the path, and how the one before them is tied to them."""

    person_id: int
    name: str
    relation: str


@dataclass(frozen=True)
class Suggestion:
    person_id: int
    name: str
    tie_strength: int
    score: int
    hops: int  # 0: at the organisation; 1: knows someone there; 2: through someone else
    former: bool  # at the organisation before, not now (hops 0), or the insider on the path is
    path: tuple[Step, ...]  # from the suggestion to the insider; empty for an insider
    link: str  # 'works at Acme', 'knows Ana Silva, who knows Li Wei at Acme'
    why: str
    dormant: bool
    caution: str | None  # the family caution, when they are family

    @property
    def strength(self) -> str:
        return strength_label(self.tie_strength)

    @property
    def flags(self) -> list[str]:
        return [DORMANT_FLAG] if self.dormant else []


@dataclass(frozen=True)
class _Way:
    score: float
    hops: int
    former: bool
    path: tuple[Step, ...]
    link: str


def strength_label(tie_strength: int) -> str:
    if tie_strength > STRONG_ABOVE:
        return "strong"
    return "moderately weak" if tie_strength >= WEAK_BELOW else "weak"


_REASONS = {
    "strong": "trusted to vouch for you",
    "moderately weak": "the kind of tie most likely to lead to a new job",
    "weak": "reconnect before you ask",
}


_HOPS = ("can refer you directly", "one introduction away", "two introductions away")
FAMILY_NOTE = "family: lean on them sparingly"


def who_could_refer(
    *,
    organization: str,
    contacts: Mapping[int, Contact],
    insiders: Sequence[Insider],
    edges: Iterable[Edge],
    today: date,
    exclude: Iterable[int] = (),
    limit: int = 20,
) -> list[Suggestion]:
    """Each person once, with the path that serves them best, best first. People missing from
    `contacts` (archived, or cut off by a bound) are never suggested nor passed through."""
    inside = {i.person_id: i for i in insiders if i.person_id in contacts}
    neighbours = _neighbours(edges, contacts)
    near = _nearest_insiders(neighbours, inside, contacts)
    ways: dict[int, _Way] = {}
    for person_id, way in chain(
        _insider_ways(inside, contacts, organization),
        _one_hop_ways(near, contacts, organization),
        _two_hop_ways(neighbours, near, inside, contacts, organization),
    ):
        if contacts[person_id].family:
            way = _Way(way.score * FAMILY, way.hops, way.former, way.path, way.link)
        held = ways.get(person_id)
        if held is None or way.score > held.score:
            ways[person_id] = way
    skip = set(exclude)
    chosen = _chosen([(pid, way) for pid, way in ways.items() if pid not in skip], contacts, limit)
    return [_suggestion(contacts[pid], way, today) for pid, way in chosen]


_Near = dict[int, tuple[float, Step, Insider]]


def _insider_ways(inside: dict[int, Insider], contacts: Mapping[int, Contact], organization: str):
    for i in inside.values():
        bonus = FORMER_BONUS if i.former else INSIDER_BONUS
        score = reach(contacts[i.person_id].tie_strength) + bonus
        yield i.person_id, _Way(score, 0, i.former, (), _at(i, organization))


def _nearest_insiders(neighbours: dict, inside: dict[int, Insider], contacts) -> _Near:
    """The best insider each person knows, and how far that gets a friend of theirs."""
    near: _Near = {}
    for person_id, ties in neighbours.items():
        for other, relation in ties:
            if other in inside:
                i = inside[other]
                pull = _pull(contacts[other]) * (FORMER_REACH if i.former else 1)
                held = near.get(person_id)
                if held is None or _better(pull, other, relation, held):
                    near[person_id] = (pull, Step(other, contacts[other].name, relation), i)
    return near


def _one_hop_ways(near: _Near, contacts: Mapping[int, Contact], organization: str):
    for person_id, (pull, step, i) in near.items():
        score = reach(contacts[person_id].tie_strength) * pull
        yield person_id, _Way(score, 1, i.former, (step,), _one_hop(step, i, organization))


def _two_hop_ways(neighbours: dict, near: _Near, inside, contacts, organization: str):
    for person_id, ties in neighbours.items():
        if person_id in near or person_id in inside:
            continue  # the nearest path is the one to name: each introduction is a favour
        best = None
        for other, relation in ties:
            if other in near and other not in inside:
                pull = _pull(contacts[other]) * near[other][0]
                if best is None or _better(pull, other, relation, best):
                    best = (pull, Step(other, contacts[other].name, relation), near[other])
        if best is not None:
            pull, step, (_, last, i) = best
            score = reach(contacts[person_id].tie_strength) * pull * TWO_HOPS
            link = f"{step.relation} {step.name}, who {_one_hop(last, i, organization)}"
            yield person_id, _Way(score, 2, i.former, (step, last), link)


def _better(pull: float, other: int, relation: str, held: tuple) -> bool:
    """Further first; between equals, the same one whatever order the ties came in."""
    step = held[1]
    return (pull, -other, relation) > (held[0], -step.person_id, step.relation)


def _pull(insider: Contact) -> float:
    """A friend of a strong insider gets further than a friend of a stranger."""
    return 0.5 + insider.tie_strength / 200


def _at(insider: Insider, organization: str) -> str:
    verb = "worked at" if insider.former else "works at"
    return f"{verb} {organization}" + (f" ({insider.detail})" if insider.detail else "")


def _one_hop(step: Step, insider: Insider, organization: str) -> str:
    if insider.former:
        return f"{step.relation} {step.name}, who worked at {organization}"
    return f"{step.relation} {step.name} at {organization}"


def _neighbours(edges: Iterable[Edge], contacts: Mapping[int, Contact]) -> dict[int, list]:
    """Each person's ties, worded from their side."""
    found: dict[int, list[tuple[int, str]]] = {}
    for e in edges:
        if e.a in contacts and e.b in contacts and e.a != e.b:
            found.setdefault(e.a, []).append((e.b, e.a_to_b))
            found.setdefault(e.b, []).append((e.a, e.b_to_a))
    return found


def _suggestion(contact: Contact, way: _Way, today: date) -> Suggestion:
    dormant = is_dormant(contact.last_contact_on, today)
    caution = None
    if contact.family:
        advocate = Advocate(contact.person_id, contact.name, "referrer", True)
        caution = family_cautions([advocate])[0]
    label = strength_label(contact.tie_strength)
    why = [_HOPS[way.hops], _REASONS[label]]
    if dormant:
        why.append(DORMANT_FLAG)
    if caution:
        why.append(FAMILY_NOTE)
    return Suggestion(
        person_id=contact.person_id,
        name=contact.name,
        tie_strength=contact.tie_strength,
        score=round(way.score),
        hops=way.hops,
        former=way.former,
        path=way.path,
        link=way.link,
        why="; ".join(why),
        dormant=dormant,
        caution=caution,
    )


def _chosen(ways: list[tuple[int, _Way]], contacts: Mapping[int, Contact], limit: int) -> list:
    """Best first; a crowd at the organisation keeps room for a third of friends of insiders."""
    ranked = sorted(ways, key=lambda w: (-w[1].score, contacts[w[0]].name.casefold(), w[0]))
    inside = [w for w in ranked if w[1].hops == 0]
    outside = [w for w in ranked if w[1].hops > 0]
    room = limit - min(len(outside), limit // 3)
    chosen = {pid for pid, _ in inside[:room]}
    chosen |= {pid for pid, _ in outside[: limit - min(room, len(inside))]}
    return [w for w in ranked if w[0] in chosen]


def suggestion_dict(s: Suggestion) -> dict:
    return {
        "person_id": s.person_id,
        "name": s.name,
        "tie_strength": s.tie_strength,
        "strength": s.strength,
        "score": s.score,
        "hops": s.hops,
        "former": s.former,
        "link": s.link,
        "path": [
            {"person_id": p.person_id, "name": p.name, "relation": p.relation} for p in s.path
        ],
        "why": s.why,
        "flags": s.flags,
        "caution": s.caution,
    }

"""The demo's side of who knows whom: the owner's profile, ties entered by hand, and the
introductions the owner made. A fixed number of statements whatever the network's size."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from tiebook.accounts.models import Profile
from tiebook.demo.rows import Writer
from tiebook.demo.world import World
from tiebook.interactions.models import Interaction, Participant
from tiebook.people.models import Person, Relationship

INTRO_EVERY = 400  # people per introduction made
INTRO_MOST = 250
# Ties an import never brings, so that in a real network they were entered by hand.
BY_HAND = ("reports_to", "mentor_of", "family")
REASONS = (
    "both work on data platforms",
    "she is hiring and he is looking",
    "he asked for advice on pricing",
    "both are moving to Lisbon",
    "she needs an auditor who knows start-ups",
    "both speak at the same meetup",
    "he wants to learn about licensing renewals",
    "both mentor junior engineers",
)
PROFILE = {
    "headline": "Product engineer moving into data platforms",
    "skills": ["Python", "SQL", "Data modelling", "Mentoring", "Public speaking"],
    "experiences": [
        "Led the payments data migration at a fintech (2021-2024)",
        "Organised a monthly Python meetup for three years",
    ],
    "offer": "Reviews of data pipelines and talk proposals; introductions to meetup organisers.",
    "looking_for_roles": ["Staff data engineer", "Engineering manager, data"],
    "looking_for_orgs": ["Northwind Analytics", "Contoso Health"],
    "looking_for_topics": ["data contracts", "stream processing"],
}


@dataclass(frozen=True)
class NetworkCounts:
    interactions: int  # the introductions
    relationships: int  # the ties the introductions added


def network_demo(writer: Writer, owner, world: World) -> NetworkCounts:
    """The owner's profile, ties marked as entered by hand, and introductions."""
    Profile.objects.create(owner=owner, created_at=world.midnight, **PROFILE)
    Relationship.objects.filter(owner=owner, kind__in=BY_HAND).update(source="manual")
    return _introductions(writer, owner, world)


def _candidates(world: World, rng: random.Random, count: int) -> list[tuple[int, int]]:
    indexes = rng.sample(range(world.people), min(world.people, max(40, count * 6)))
    pks = [world.pks[i] for i in indexes]
    return [(a, b) for a, b in zip(pks[0::2], pks[1::2], strict=False)]


def _introductions(writer: Writer, owner, world: World) -> NetworkCounts:
    """Introductions between pairs of people, each before both were last in touch (so their
    caches stay true and the follow-up to ask how it went is long done)."""
    if world.people < 2:
        return NetworkCounts(0, 0)
    rng = random.Random(world.knows_key ^ 0x1D7)  # its own stream: the world's stays as it was
    wanted = min(INTRO_MOST, max(1, world.people // INTRO_EVERY))
    pairs = _candidates(world, rng, wanted)
    ids = [pk for pair in pairs for pk in pair]
    people = {
        row[0]: row
        for row in Person.objects.filter(owner=owner, pk__in=ids).values_list(
            "pk", "display_name", "created_at", "last_interaction_at"
        )
    }
    known = set(
        Relationship.objects.filter(
            owner=owner, kind="knows", from_person__in=ids, to_person__in=ids
        ).values_list("from_person", "to_person")
    )
    made = []
    for a, b in pairs:
        when = _when(people[a], people[b], rng)
        if when is not None:
            made.append((a, b, when, f"Introduced {people[a][1]} to {people[b][1]}"))
        if len(made) == wanted:
            break
    return _write(writer, owner, world, made, known, rng)


def _when(a: tuple, b: tuple, rng: random.Random) -> dt.datetime | None:
    last = [p[3] for p in (a, b)]
    if None in last:
        return None
    latest_start = min(last) - dt.timedelta(days=rng.randint(10, 60))
    if latest_start <= max(a[2], b[2]):
        return None
    return latest_start.replace(second=0, microsecond=0)


def _write(writer: Writer, owner, world: World, made: list, known: set, rng) -> NetworkCounts:
    interactions, participants, ties = [], [], []
    keys = writer.reserve(Interaction, len(made))
    for key, (a, b, when, summary) in zip(keys, made, strict=True):
        at = writer.moment(int((when - world.midnight).total_seconds() // 60))
        interactions.append(
            (key, owner.pk, at, "note", at, "outgoing", summary, rng.choice(REASONS), "intro", "")
        )
        participants += [(owner.pk, at, key, a, at), (owner.pk, at, key, b, at)]
        if (a, b) not in known and (b, a) not in known:
            ties.append((owner.pk, at, a, b, "knows", "intro"))
            known.add((a, b))
    fields = "id owner created_at kind occurred_at direction summary notes source external_id"
    writer.insert(Interaction, fields, interactions)
    writer.insert(Participant, "owner created_at interaction person occurred_at", participants)
    fields = "owner created_at from_person to_person kind source"
    return NetworkCounts(len(interactions), writer.insert(Relationship, fields, ties))

"""Fill an empty network with a deterministic, realistic synthetic one for demos and benchmarks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from django.db import transaction

from tiebook.core.database import statistics_refresh
from tiebook.core.errors import Conflict, ValidationError
from tiebook.demo.chunk import ChunkPlan, followup_state, plan_chunk
from tiebook.demo.credentials import demo_compliance
from tiebook.demo.events import demo_events
from tiebook.demo.network import network_demo
from tiebook.demo.opportunities import demo_opportunities
from tiebook.demo.people import PersonPlan
from tiebook.demo.references import references_write
from tiebook.demo.rows import Writer
from tiebook.demo.world import HORIZON_DAYS, World, build_world
from tiebook.followups.engine import effective_interval
from tiebook.followups.services import people_count_interactions
from tiebook.interactions.models import Interaction, KnowledgeShare, Participant, Task
from tiebook.people.models import (
    ContactPoint,
    Organization,
    Person,
    PersonTag,
    PersonType,
    Relationship,
    Tag,
)
from tiebook.people.normalize import text_key

MAX_PEOPLE = 1_000_000
CHUNK = 5_000  # people planned and written at a time, so memory stays flat
BATCH = 1_000
SOURCE = "demo"


@dataclass(frozen=True)
class DemoSummary:
    people: int
    organizations: int
    interactions: int
    relationships: int
    knowledge_shares: int
    tasks: int


Progress = Callable[[int, int], None]  # (people done, people in all)


@dataclass
class _Counts:
    interactions: int = 0
    relationships: int = 0
    knowledge_shares: int = 0
    tasks: int = 0


def demo_generate(
    *,
    owner,
    people: int = 200,
    seed: int = 7,
    today: dt.date,
    progress: Progress | None = None,
) -> DemoSummary:
    """Create `people` people with six years of history; one seed and day, one network."""
    if not 1 <= people <= MAX_PEOPLE:
        raise ValidationError(
            f"The demo makes between 1 and {MAX_PEOPLE:,} people; got {people}.", field="people"
        )
    with transaction.atomic():
        _check_empty(owner)
        world = build_world(seed=seed, people=people, today=today)
        orgs = _write_orgs(owner, world)
        tags = _write_tags(owner, world)
        writer = Writer(world.midnight)
        with writer.bulk_load():
            counts = _write_people_in_chunks(writer, owner.pk, world, orgs, tags, progress)
            # The writer's parts first: it keeps the next free ids as it reserved them, and
            # the parts written through the ORM take theirs from the database after.
            network = network_demo(writer, owner, world)
            counts.interactions += demo_opportunities(owner=owner, world=world, orgs=orgs)
        people_count_interactions(owner=owner)  # introductions and referrals added talks
        demo_events(owner=owner, seed=seed, today=today, people=list(world.pks), orgs=orgs)
        references_write(owner=owner, seed=seed, today=today)
        demo_compliance(owner=owner, today=today, seed=seed, moment=world.midnight)
        counts.interactions += network.interactions
        counts.relationships += network.relationships
    statistics_refresh()
    return DemoSummary(people=people, organizations=len(orgs), **counts.__dict__)


def _write_people_in_chunks(
    writer: Writer,
    owner: int,
    world: World,
    orgs: list[int],
    tags: list[int],
    progress: Progress | None,
) -> _Counts:
    counts, total = _Counts(), world.people
    bounds = [(start, min(total, start + CHUNK)) for start in range(0, total, CHUNK)]
    for start, stop in bounds:
        chunk = plan_chunk(world, start, stop)
        _write_chunk(writer, owner, world, chunk, orgs, tags, counts)
        del chunk  # let it go before the next one is planned
        if progress is not None:
            progress(stop, total)
    return counts


def _check_empty(owner) -> None:
    existing = Person.objects.filter(owner=owner).count()
    if existing:
        raise Conflict(f"The demo fills an empty network; this one already has {existing} people.")


def _write_orgs(owner, world: World) -> list[int]:
    created = world.moment(world.at(HORIZON_DAYS + 30, 540))
    rows = [
        Organization(
            owner=owner,
            name=org.name,
            name_key=text_key(org.name),
            domain=org.domain,
            industry=org.industry,
            created_at=created,
        )
        for org in world.orgs
    ]
    return [row.pk for row in Organization.objects.bulk_create(rows, batch_size=BATCH)]


def _write_tags(owner, world: World) -> list[int]:
    created = world.moment(world.at(HORIZON_DAYS + 30, 540))
    rows = [
        Tag(owner=owner, name=name, name_key=text_key(name), created_at=created)
        for name in world.tags
    ]
    return [row.pk for row in Tag.objects.bulk_create(rows, batch_size=BATCH)]


def _write_chunk(
    writer: Writer,
    owner: int,
    world: World,
    chunk: ChunkPlan,
    orgs: list[int],
    tags: list[int],
    counts: _Counts,
) -> None:
    _write_people(writer, owner, world, chunk, orgs)
    _write_details(writer, owner, world, chunk, tags)
    keys = _write_interactions(writer, owner, world, chunk)
    counts.interactions += len(keys)
    counts.knowledge_shares += _write_shares(writer, owner, world, chunk, keys)
    counts.tasks += _write_tasks(writer, owner, world, chunk)
    counts.relationships += _write_edges(writer, owner, world, chunk)


_PERSON_FIELDS = """id owner created_at given_name family_name display_name nickname search_name
    headline organization department location birthday_year birthday_month birthday_day how_met
    introduced_by notes expertise circle interval_days snoozed_until archived_at updated_at
    last_interaction_at next_due_on followup_interval_days tie_strength interaction_count"""
_search_key = cache(text_key)  # display names repeat: there are only so many name pairs


def _write_people(
    writer: Writer, owner: int, world: World, chunk: ChunkPlan, orgs: list[int]
) -> None:
    pks = world.pks
    for person, pk in zip(chunk.people, writer.reserve(Person, len(chunk.people)), strict=True):
        pks[person.index] = pk
    rows = [_person_row(writer, owner, world, chunk.start, person, orgs) for person in chunk.people]
    writer.insert(Person, _PERSON_FIELDS, rows)


def _person_row(
    writer: Writer, owner: int, world: World, start: int, person: PersonPlan, orgs: list[int]
) -> tuple:
    created, last = writer.moment(person.created_at), writer.maybe_moment(person.last_at)
    org = orgs[person.org] if person.org is not None else None
    introducer = world.pks[start + person.introducer] if person.introducer is not None else None
    name = person.display_name
    return (
        world.pks[person.index], owner, created, person.given, person.family, name,
        person.nickname, _search_key(name), person.headline, org, person.department,
        person.location, *person.birthday, person.how_met, introducer, person.notes,
        writer.json(person.expertise), person.circle, person.interval, None, None,
        last or created, last, writer.maybe_day(person.due_on), _interval(world, person),
        person.tie, person.total,
    )  # fmt: skip


def _interval(world: World, person: PersonPlan) -> int | None:
    interval = effective_interval(followup_state(world, person))
    return interval.days if interval else None


def _write_details(
    writer: Writer, owner: int, world: World, chunk: ChunkPlan, tags: list[int]
) -> None:
    """Each person's connection types, contact points and tags."""
    types, contacts, person_tags = [], [], []
    for person in chunk.people:
        pk, when = world.pks[person.index], writer.moment(person.created_at)
        types += [(owner, when, pk, code) for code in person.types]
        contacts += [
            (owner, when, pk, c.kind, c.value, c.normalized, c.label, c.is_primary)
            for c in person.contacts
        ]
        person_tags += [(owner, when, pk, tags[tag]) for tag in person.tags]
    writer.insert(PersonType, "owner created_at person type", types)
    fields = "owner created_at person kind value normalized label is_primary"
    writer.insert(ContactPoint, fields, contacts)
    writer.insert(PersonTag, "owner created_at person tag", person_tags)


def _write_interactions(writer: Writer, owner: int, world: World, chunk: ChunkPlan) -> list[int]:
    """The chunk's interactions and their participants; returns each plan's key, by position.

    Rows go in time order: the (owner, occurred_at) index then fills page by page instead
    of at random, which keeps a large demo from thrashing the database cache.
    """
    plans = chunk.interactions
    order = sorted(range(len(plans)), key=lambda position: plans[position].occurred_at)
    keys = [0] * len(plans)
    base, pks, moment = chunk.start, world.pks, writer.moment
    interactions, participants = [], []
    for key, position in zip(writer.reserve(Interaction, len(plans)), order, strict=True):
        plan = plans[position]
        keys[position], when = key, moment(plan.occurred_at)
        interactions.append(
            (key, owner, when, plan.kind, when, plan.direction, plan.summary, "", SOURCE, "")
        )
        for local in plan.people:
            participants.append((owner, when, key, pks[base + local], when))
    writer.insert(Interaction, _INTERACTION_FIELDS, interactions)
    writer.insert(Participant, "owner created_at interaction person occurred_at", participants)
    return keys


_INTERACTION_FIELDS = (
    "id owner created_at kind occurred_at direction summary notes source external_id"
)


def _write_shares(
    writer: Writer, owner: int, world: World, chunk: ChunkPlan, keys: list[int]
) -> int:
    rows = []
    for share in chunk.shares:
        when = writer.moment(share.occurred_at)
        person = world.pks[chunk.start + share.person]
        rows.append((
            owner, when, person, keys[share.interaction], share.direction, share.title,
            share.link, writer.json(share.topics), when,
        ))  # fmt: skip
    fields = "owner created_at person interaction direction title link topics occurred_at"
    return writer.insert(KnowledgeShare, fields, rows)


def _write_tasks(writer: Writer, owner: int, world: World, chunk: ChunkPlan) -> int:
    rows = [
        (
            owner, writer.moment(task.created_at), world.pks[chunk.start + task.person],
            task.direction, task.description, writer.day(task.due_on), None,
        )
        for task in chunk.tasks
    ]  # fmt: skip
    fields = "owner created_at person direction description due_on done_at"
    return writer.insert(Task, fields, rows)


def _write_edges(writer: Writer, owner: int, world: World, chunk: ChunkPlan) -> int:
    pks = world.pks
    rows = [
        (owner, writer.moment(e.created_at), pks[e.source], pks[e.target], e.kind, SOURCE)
        for e in chunk.edges
    ]
    fields = "owner created_at from_person to_person kind source"
    return writer.insert(Relationship, fields, rows)

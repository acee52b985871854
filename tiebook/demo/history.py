"""Planning what happened with each demo person: interactions, knowledge shared, promises."""

from __future__ import annotations

import datetime as dt
import math
from typing import NamedTuple

from tiebook.demo.people import ACTIVE, DORMANT, PersonPlan
from tiebook.demo.profiles import (
    EVENTS,
    GAVE_TITLES,
    I_OWE,
    PROFILES,
    RECEIVED_TITLES,
    SHARE_TOPICS,
    SUMMARIES,
    THEY_OWE,
)
from tiebook.demo.world import MINUTES_A_DAY, World, slug
from tiebook.followups.engine import DORMANT_AFTER_DAYS

MAX_PER_PERSON = 90
RECENT_DAYS = 1000  # an active tie has a touch within this many days (under three years)
GROUP_KINDS = frozenset({"meeting", "meal", "event", "call"})


# Records are named tuples: cheap to make by the million, and to send between processes.
class InteractionPlan(NamedTuple):
    occurred_at: int  # minutes from the start of today (see world.MINUTES_A_DAY)
    kind: str
    direction: str
    summary: str
    people: tuple[int, ...]  # local indexes in the chunk; the first is whose history it is


class SharePlan(NamedTuple):
    person: int  # local index
    interaction: int  # index in the chunk's interaction list
    direction: str
    title: str
    link: str
    topics: list[str]
    occurred_at: int


class TaskPlan(NamedTuple):
    person: int
    direction: str
    description: str
    due_on: dt.date
    created_at: int


def _summary_pools() -> dict[str, dict[str, tuple[str, ...]]]:
    """Per type, per kind of interaction: the short summaries to draw from."""
    return {
        code: {
            kind: tuple(
                template.format(t=topic, e=event)
                for template in templates
                for topic, event in zip(profile.topics, EVENTS, strict=False)
            )
            for kind, templates in SUMMARIES.items()
        }
        for code, profile in PROFILES.items()
    }


_POOLS = _summary_pools()


def plan_history(world: World, person: PersonPlan, local: int, out: list[InteractionPlan]) -> None:
    """Append the person's own interactions; how many follows their latent tie strength."""
    person.own_start, person.own_count = len(out), 0
    if person.status not in (ACTIVE, DORMANT):
        return
    days = _days(world, person)
    person.own_count = len(days)
    # The hottest loop of the demo (a million rounds): plain random() draws, no calls.
    draw, pools = world.rng.random, _POOLS[person.types[0]]
    kinds, bias = PROFILES[person.types[0]].kinds, person.incoming_bias
    for days_ago in days:
        kind = "note" if draw() < 0.03 else kinds[int(draw() * len(kinds))]
        roll = draw()
        if kind == "note":  # a note is the owner's own record
            direction = "outgoing"
        elif kind in ("meal", "event"):
            direction = "mutual" if roll < 0.6 else "incoming" if roll < 0.8 else "outgoing"
        else:
            direction = "mutual" if roll > 0.9 else "incoming" if roll < bias else "outgoing"
        minute = 720 + int(draw() * 90) if kind == "meal" else 480 + int(draw() * 720)
        pool = pools[kind]
        at = minute - days_ago * MINUTES_A_DAY
        out.append(InteractionPlan(at, kind, direction, pool[int(draw() * len(pool))], (local,)))


def _days(world: World, person: PersonPlan) -> list[int]:
    """Days before today of each touch, between being added and the end of their window."""
    rng = world.rng
    oldest = person.added_ago - 1
    newest = 1 if person.status == ACTIVE else rng.randint(DORMANT_AFTER_DAYS + 1, oldest - 30)
    span = oldest - newest + 1
    per_year = 0.6 + 10 * person.strength**2  # strong ties about monthly, weak about yearly
    expected = per_year * span / 365
    count = round(rng.gauss(expected, math.sqrt(expected) + 0.5))
    count = min(MAX_PER_PERSON, max(1, count))
    draw = rng.random
    days = [newest + int(draw() * span) for _ in range(count)]
    days[0] = oldest - int(draw() * min(14, span))  # you met about when you added them
    if person.status == ACTIVE and min(days) > RECENT_DAYS:
        days[-1] = rng.randint(newest, min(RECENT_DAYS, oldest))
    return days


def plan_groups(world: World, people: list[PersonPlan], plans: list[InteractionPlan]) -> None:
    """Turn a few meetings, meals and calls into small group ones with one or two more people."""
    rng = world.rng
    by_org: dict[int, list[int]] = {}
    for local, person in enumerate(people):
        if person.org is not None and person.status == ACTIVE:
            by_org.setdefault(person.org, []).append(local)
    for position, plan in enumerate(plans):
        if plan.kind not in GROUP_KINDS or rng.random() >= 0.03:
            continue
        org = people[plan.people[0]].org
        pool = by_org.get(org, ()) if org is not None else ()
        group = plan.people
        for _ in range(1 + (rng.random() < 0.4)):
            group = _join(world, people, plan, group, pool if len(pool) > 2 else range(len(people)))
        plans[position] = plan._replace(people=group)


def _join(world, people: list[PersonPlan], plan: InteractionPlan, group: tuple, pool) -> tuple:
    candidate = world.rng.choice(pool)
    person = people[candidate]
    # Only active people join, so dormant stay asleep and nobody is met before being added.
    if person.status == ACTIVE and candidate not in group and person.created_at < plan.occurred_at:
        return (*group, candidate)
    return group


def tally(world: World, people: list[PersonPlan], plans: list[InteractionPlan]) -> None:
    """Each person's first and last touch, counts and who started: what the caches need."""
    year_ago = world.at(365)  # tie strength's "this year": the last 365 days
    for plan in plans:
        when, incoming = plan.occurred_at, plan.direction == "incoming"
        for local in plan.people:
            person = people[local]
            person.total += 1
            person.incoming += incoming
            person.last_year += when >= year_ago
            if person.last_at is None or when > person.last_at:
                person.last_at = when
            if person.first_at is None or when < person.first_at:
                person.first_at = when


def plan_shares(
    world: World, people: list[PersonPlan], plans: list[InteractionPlan]
) -> list[SharePlan]:
    """Some closer ties come with a give/ask ledger, each entry tied to a talk."""
    rng = world.rng
    shares = []
    for local, person in enumerate(people):
        if not person.own_count or rng.random() >= 0.1 + 0.35 * person.strength:
            continue
        for _ in range(1 + (rng.random() < 0.3)):
            shares.append(_share(world, person, local, plans))
    return shares


def _share(world: World, person: PersonPlan, local: int, plans: list[InteractionPlan]) -> SharePlan:
    rng = world.rng
    index = person.own_start + rng.randrange(person.own_count)
    gave = rng.random() < 0.55
    title = rng.choice(GAVE_TITLES if gave else RECEIVED_TITLES)
    link = f"https://notes.example/{slug(title)}" if rng.random() < 0.3 else ""
    if gave:
        person.gave += 1
    else:
        person.received += 1
    topics = rng.sample(SHARE_TOPICS, 1 + (rng.random() < 0.4))
    direction = "gave" if gave else "received"
    return SharePlan(local, index, direction, title, link, topics, plans[index].occurred_at)


def plan_tasks(world: World, people: list[PersonPlan]) -> list[TaskPlan]:
    """A few open promises from recent talks, due a week to six weeks after them."""
    rng = world.rng
    recent = world.at(45)
    tasks = []
    for local, person in enumerate(people):
        if person.last_at is None or person.last_at < recent or rng.random() >= 0.1:
            continue
        owe = rng.random() < 0.6
        description = rng.choice(I_OWE if owe else THEY_OWE)
        due = world.day(person.last_at) + dt.timedelta(days=rng.randint(7, 42))
        direction = "i_owe" if owe else "they_owe"
        tasks.append(TaskPlan(local, direction, description, due, person.last_at))
    return tasks

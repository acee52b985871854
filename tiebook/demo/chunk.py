"""One chunk of the demo network planned in plain Python, with each person's cached facts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tiebook.demo.graph import EdgePlan, plan_edges
from tiebook.demo.history import (
    InteractionPlan,
    SharePlan,
    TaskPlan,
    plan_groups,
    plan_history,
    plan_shares,
    plan_tasks,
    tally,
)
from tiebook.demo.people import (
    PersonPlan,
    assign_circle,
    plan_introductions,
    plan_person,
)
from tiebook.demo.world import World
from tiebook.followups.engine import FollowupState, next_due
from tiebook.insights.tie_strength import TieInputs, tie_strength


@dataclass
class ChunkPlan:
    start: int
    people: list[PersonPlan]
    interactions: list[InteractionPlan]
    shares: list[SharePlan]
    tasks: list[TaskPlan]
    edges: list[EdgePlan]


def plan_chunk(world: World, start: int, stop: int) -> ChunkPlan:
    """People `start`..`stop`-1 with their history and ties; the order of draws is fixed."""
    people = [plan_person(world, index) for index in range(start, stop)]
    plan_introductions(world, people)
    interactions: list[InteractionPlan] = []
    for local, person in enumerate(people):
        plan_history(world, person, local, interactions)
    plan_groups(world, people, interactions)
    tally(world, people, interactions)
    for person in people:
        assign_circle(world, person)
    shares = plan_shares(world, people, interactions)
    tasks = plan_tasks(world, people)
    edges = plan_edges(world, people, start)
    for person in people:
        person.due_on, person.tie = caches(world, person)
    return ChunkPlan(start, people, interactions, shares, tasks, edges)


def _day(world: World, at: int | None) -> dt.date | None:
    return None if at is None else world.day(at)


def followup_state(world: World, person: PersonPlan) -> FollowupState:
    return FollowupState(
        types=person.types,
        interval_override=person.interval,
        circle=person.circle,
        added_on=world.day(person.created_at),
        last_interaction_on=_day(world, person.last_at),
    )


def tie_inputs(world: World, person: PersonPlan) -> TieInputs:
    return TieInputs(
        today=world.today,
        added_on=world.day(person.created_at),
        last_interaction_on=_day(world, person.last_at),
        first_interaction_on=_day(world, person.first_at),
        interactions_last_year=person.last_year,
        interactions_total=person.total,
        incoming_total=person.incoming,
        gave=person.gave,
        received=person.received,
        type_count=len(person.types),
        mutual_connections=person.degree,
    )


def caches(world: World, person: PersonPlan) -> tuple[dt.date | None, int]:
    """The person's next due date and tie strength, as the services would cache them."""
    return next_due(followup_state(world, person)), tie_strength(tie_inputs(world, person)).score

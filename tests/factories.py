"""Test data made through the services, so every row is as real code would write it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import time_machine

from tiebook.followups.models import TypeInterval
from tiebook.interactions.models import Interaction, KnowledgeShare, Participant, Task
from tiebook.interactions.services import InteractionInput, interaction_log
from tiebook.people.models import (
    ContactPoint,
    Organization,
    Person,
    PersonTag,
    PersonType,
    Relationship,
    Tag,
)
from tiebook.people.services import PersonInput, person_create

NOW = dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC)
TODAY = NOW.date()
HTMX = {"HTTP_HX_REQUEST": "true"}  # the header htmx sends: the view answers with a fragment


def frozen(moment: dt.datetime = NOW) -> time_machine.travel:
    """The clock stopped at `moment` (by default the tests' today, 2026-11-30 09:00 UTC)."""
    return time_machine.travel(moment, tick=False)


def days_ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


def make_person(owner, name: str = "Ann Lee", *, added_days_ago: int = 0, **fields) -> Person:
    """A person created through person_create, optionally as if added `added_days_ago` days ago."""
    data = PersonInput(name=name, **fields)
    if not added_days_ago:
        return person_create(owner=owner, data=data, allow_duplicate=True)
    with frozen(NOW - dt.timedelta(days=added_days_ago)):
        return person_create(owner=owner, data=data, allow_duplicate=True)


def log(
    owner,
    people: Sequence[Person] | Person,
    summary: str = "Coffee",
    *,
    days_ago: int = 0,
    **fields,
) -> Interaction:
    """An interaction logged through interaction_log, `days_ago` days before the frozen today."""
    group = [people] if isinstance(people, Person) else list(people)
    on = TODAY - dt.timedelta(days=days_ago)
    return interaction_log(
        owner=owner, people=group, data=InteractionInput(summary=summary, on=on, **fields)
    )


def row_counts() -> dict[str, int]:
    """How many rows each table of people and interactions holds: to prove nothing was written."""
    models = (
        Person,
        PersonType,
        ContactPoint,
        Organization,
        Tag,
        PersonTag,
        Relationship,
        Interaction,
        Participant,
        KnowledgeShare,
        Task,
        TypeInterval,
    )
    return {model.__name__: model.objects.count() for model in models}


def network_dump(*, owner) -> dict:
    """The owner's network as a backup holds it, without the import history that every import
    and undo adds to."""
    from tiebook.interchange.backup import backup_dump

    document = backup_dump(owner=owner)
    del document["import_runs"]
    return document

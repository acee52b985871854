"""The demo's community events: about one per 400 people, past ones attended with people met,
upcoming ones with people the owner wants to meet. Bulk inserts only."""

from __future__ import annotations

import datetime as dt
import random

from tiebook.demo.profiles import PROFILES
from tiebook.events.models import Event, EventOrganization, EventPerson
from tiebook.people.normalize import text_key

PEOPLE_PER_EVENT = 400
BATCH = 1_000
CITIES = ("Lisbon", "Porto", "Berlin", "Amsterdam", "Dublin", "online", "Madrid", "Paris")
KINDS = ("meetup", "meetup", "meetup", "conference", "webinar", "workshop", "talk")
NAMES = {
    "meetup": "{topic} Meetup {city}",
    "conference": "{topic} Conf {city} {year}",
    "webinar": "{topic} in practice (webinar)",
    "workshop": "{topic} workshop",
    "talk": "Talk: the state of {topic}",
}
TOPICS = sorted({t for p in PROFILES.values() for t in p.expertise})


def _event(owner, rng: random.Random, today: dt.date, index: int, total: int) -> Event:
    kind = rng.choice(KINDS)
    topics = rng.sample(TOPICS, k=rng.randint(1, 3))
    # Two thirds in the past two years, a third in the next three months.
    past = index < total * 2 // 3
    start = (
        today - dt.timedelta(days=rng.randint(3, 730))
        if past
        else today + dt.timedelta(days=rng.randint(1, 90))
    )
    length = 2 if kind == "conference" else 0
    city = "online" if kind == "webinar" else rng.choice(CITIES)
    name = NAMES[kind].format(topic=topics[0], city=city, year=start.year)[:200]
    name = name[0].upper() + name[1:]
    if past:
        status = "attended" if rng.random() < 0.7 else "considering"
    else:
        status = "going" if rng.random() < 0.5 else "considering"
    return Event(
        owner=owner,
        name=name,
        name_key=text_key(name),
        kind=kind,
        starts_on=start,
        ends_on=start + dt.timedelta(days=length),
        where=city,
        topics=topics,
        status=status,
        source="demo",
        created_at=dt.datetime.combine(min(start, today), dt.time(9), tzinfo=dt.UTC),
    )


def demo_events(*, owner, seed: int, today: dt.date, people: list[int], orgs: list[int]) -> int:
    """Write the events and their people; returns how many events. `people` and `orgs` are ids."""
    if not people:
        return 0
    rng = random.Random(f"events-{seed}")  # its own stream: the rest of the demo is unchanged
    total = max(3, len(people) // PEOPLE_PER_EVENT)
    events = Event.objects.bulk_create(
        [_event(owner, rng, today, i, total) for i in range(total)], batch_size=BATCH
    )
    hosts, links = [], []
    for event in events:
        if orgs:
            hosts.append(
                EventOrganization(
                    owner=owner,
                    event=event,
                    organization_id=rng.choice(orgs),
                    role="host",
                    created_at=event.created_at,
                )
            )
        links.extend(_links(owner, rng, event, people, today))
    EventOrganization.objects.bulk_create(hosts, batch_size=BATCH)
    EventPerson.objects.bulk_create(links, batch_size=BATCH)
    return len(events)


def _links(owner, rng: random.Random, event: Event, people: list[int], today: dt.date):
    if event.status == "attended":
        role, count = EventPerson.MET, rng.randint(1, 6)
        met_at = dt.datetime.combine(event.ends_on, dt.time(12), tzinfo=dt.UTC)
    elif event.ends_on >= today:
        role, count, met_at = EventPerson.WANT, rng.randint(0, 3), None
    else:
        return []
    chosen = rng.sample(people, k=min(count, len(people)))
    return [
        EventPerson(
            owner=owner,
            event=event,
            person_id=pk,
            role=role,
            met_at=met_at,
            created_at=event.created_at,
        )
        for pk in chosen
    ]

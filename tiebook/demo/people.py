"""Planning one demo person: name, types, organisation, contact points and a latent tie."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from itertools import accumulate
from typing import NamedTuple

from tiebook import taxonomy
from tiebook.demo import names
from tiebook.demo.profiles import DEPARTMENTS, EVENTS, NOTES, PROFILES, TypeProfile
from tiebook.demo.world import HORIZON_DAYS, PHONE_POOL, World, fold
from tiebook.followups.engine import DORMANT_AFTER_DAYS
from tiebook.people.normalize import normalize_phone, normalize_url

ACTIVE, DORMANT, NEVER = "active", "dormant", "never"
INTERVAL_CHOICES = (14, 21, 30, 60, 90, 120, 180)
_TYPE_CUM = list(accumulate(PROFILES[code].weight for code in taxonomy.CODES))
_REGION_CUM = list(accumulate(region.weight for region in names.REGIONS))
# Fictional North American numbers, NPA-555-01XX, walked in a scrambled but fixed order.
_PHONE_STEP = 7919  # prime to the pool's size, so stepping by it visits every number once


class Contact(NamedTuple):
    kind: str
    value: str
    normalized: str
    label: str
    is_primary: bool = False


@dataclass(slots=True)
class PersonPlan:
    index: int  # global position in the demo, 0..people-1
    given: str
    family: str
    types: tuple[str, ...]
    org: int | None
    status: str
    strength: float  # latent closeness, 0..1: drives how often you talk
    incoming_bias: float  # share of talks they start
    added_ago: int
    created_at: int  # minutes from the start of today, like every demo moment
    headline: str = ""
    department: str = ""
    location: str = ""
    nickname: str = ""
    how_met: str = ""
    notes: str = ""
    expertise: list[str] = field(default_factory=list)
    birthday: tuple[int | None, int | None, int | None] = (None, None, None)
    circle: int | None = None
    interval: int | None = None
    introducer: int | None = None  # local index of the person who introduced them
    tags: tuple[int, ...] = ()
    contacts: list[Contact] = field(default_factory=list)
    own_start: int = 0  # their own interactions: a run in the chunk's interaction list
    own_count: int = 0
    first_at: int | None = None
    last_at: int | None = None
    total: int = 0
    last_year: int = 0
    incoming: int = 0
    gave: int = 0
    received: int = 0
    degree: int = 0
    due_on: dt.date | None = None  # the caches, as the services would keep them
    tie: int = 0

    @property
    def display_name(self) -> str:
        return f"{self.given} {self.family}"


def plan_person(world: World, index: int) -> PersonPlan:
    rng = world.rng
    types = _types(world, index)
    profile = PROFILES[types[0]]
    given, family = _name(world, types[0])
    status = _status(rng)
    added_ago = _added_ago(rng, status)
    world.added_ago[index] = added_ago
    person = PersonPlan(
        index=index,
        given=given,
        family=family,
        types=types,
        org=_org(world, profile),
        status=status,
        strength=_strength(rng, profile),
        incoming_bias=rng.uniform(0.15, 0.55),
        added_ago=added_ago,
        created_at=world.at(added_ago, 480 + rng.randrange(600)),
    )
    _describe(world, person, profile)
    _contacts(world, person)
    return person


def _types(world: World, index: int) -> tuple[str, ...]:
    rng = world.rng
    if index < len(world.forced_types):  # every type shows up in even a small demo
        primary = world.forced_types[index]
    else:
        primary = rng.choices(taxonomy.CODES, cum_weights=_TYPE_CUM)[0]
    also = PROFILES[primary].also
    if also and rng.random() < 0.16:
        return (primary, rng.choice(also))
    return (primary,)


def _name(world: World, primary: str) -> tuple[str, str]:
    rng = world.rng
    region = rng.choices(names.REGIONS, cum_weights=_REGION_CUM)[0]
    given = rng.choice(region.given)
    if primary == "family" and rng.random() < 0.6:
        return given, rng.choice(world.family_names)
    if rng.random() < 0.15:
        region = rng.choices(names.REGIONS, cum_weights=_REGION_CUM)[0]
    return given, rng.choice(region.family)


def _status(rng: random.Random) -> str:
    roll = rng.random()
    return NEVER if roll < 0.05 else DORMANT if roll < 0.15 else ACTIVE


def _added_ago(rng: random.Random, status: str) -> int:
    if status == DORMANT:
        return rng.randint(DORMANT_AFTER_DAYS + 60, HORIZON_DAYS)
    if status == NEVER:
        return 1 + int(HORIZON_DAYS * rng.random() ** 2)  # mostly added lately
    return 3 + int((HORIZON_DAYS - 3) * rng.random() ** 0.8)


def _strength(rng: random.Random, profile: TypeProfile) -> float:
    concentration = 5.0
    return rng.betavariate(profile.strength * concentration, (1 - profile.strength) * concentration)


def _org(world: World, profile: TypeProfile) -> int | None:
    rng = world.rng
    if rng.random() < profile.no_org:
        return None
    if profile.sector == "employer":
        if rng.random() < 0.6:  # mostly the current employer, else a past one
            return world.employers[0] if rng.random() < 0.6 else rng.choice(world.employers)
        return rng.choice(world.by_sector["company"])
    pool = world.by_sector.get(profile.sector) or world.by_sector["company"]
    return rng.choice(pool)


def _describe(world: World, person: PersonPlan, profile: TypeProfile) -> None:
    rng = world.rng
    org = world.orgs[person.org] if person.org is not None else None
    person.headline = rng.choice(profile.headlines)
    if org is not None and org.sector in ("agency", "board"):
        person.headline = f"{person.headline}, {org.name}"
    departments = DEPARTMENTS.get(person.types[0])
    if departments and org is not None:
        person.department = rng.choice(list(departments))
        person.headline = rng.choice(departments[person.department])
    if rng.random() < 0.85:
        person.location = rng.choice(names.CITIES)
    person.how_met = _how_met(world, profile, org.name if org else None, person.added_ago)
    person.expertise = rng.sample(
        profile.expertise, min(len(profile.expertise), 1 + rng.randrange(3))
    )
    _extras(world, person)


def _how_met(world: World, profile: TypeProfile, org: str | None, added_ago: int) -> str:
    rng = world.rng
    template = rng.choice(profile.how_met)
    if org is None:
        template = template.replace(" at {org}", "")
    year = (world.today - dt.timedelta(days=added_ago)).year
    return template.format(org=org, year=year, event=rng.choice(EVENTS))


def _extras(world: World, person: PersonPlan) -> None:
    rng = world.rng
    if person.given in names.NICKNAMES and rng.random() < 0.4:
        person.nickname = names.NICKNAMES[person.given]
    if rng.random() < 0.12:
        person.notes = rng.choice(NOTES)
    if rng.random() < 0.35:
        year = rng.randint(1950, 2001) if rng.random() < 0.5 else None
        person.birthday = (year, rng.randint(1, 12), rng.randint(1, 28))
    if rng.random() < 0.02:
        person.interval = rng.choice(INTERVAL_CHOICES)
    if rng.random() < 0.3:
        count = 1 + (rng.random() < 0.3)
        person.tags = tuple(sorted(rng.sample(range(len(world.tags)), count)))


def _contacts(world: World, person: PersonPlan) -> None:
    rng = world.rng
    contacts = []
    if rng.random() < 0.92:
        contacts.append(_email(world, person))
    if rng.random() < 0.45 and world.phones_used < PHONE_POOL:
        contacts.append(_phone(world))
    if rng.random() < 0.75:
        contacts.append(_linkedin(world, person))
    if contacts:
        contacts[0] = contacts[0]._replace(is_primary=True)
    person.contacts = contacts


def _email(world: World, person: PersonPlan) -> Contact:
    rng = world.rng
    org = world.orgs[person.org] if person.org is not None else None
    at_work = org is not None and rng.random() < 0.85
    domain = org.domain if at_work else rng.choice(names.PERSONAL_DOMAINS)
    base = f"{fold(person.given)}.{fold(person.family)}@{domain}"
    # Names carry no digits, so 'ana.silva2@...' never meets another person's plain address.
    seen = world.email_counts.get(base, 0) + 1
    world.email_counts[base] = seen
    address = base if seen == 1 else base.replace("@", f"{seen}@", 1)
    return Contact("email", address, address, "work" if at_work else "personal")


def _phone(world: World) -> Contact:
    serial = (world.phone_start + world.phones_used * _PHONE_STEP) % PHONE_POOL
    world.phones_used += 1
    npa, line = serial % 720, serial // 720
    area = f"{2 + npa // 90}{(npa // 10) % 9}{npa % 10}"
    value = f"+1 {area} 555 01{line:02d}"
    return Contact("phone", value, normalize_phone(value), "mobile")


def _linkedin(world: World, person: PersonPlan) -> Contact:
    # An odd multiplier is a bijection modulo 2**24, so the suffix is unique per person.
    suffix = f"{((person.index + world.profile_salt) * 0x9E3779B1) % (1 << 24):06x}"
    value = f"https://www.linkedin.com/in/{fold(person.given)}-{fold(person.family)}-{suffix}"
    return Contact("social", value, normalize_url(value), "LinkedIn")


def plan_introductions(world: World, people: list[PersonPlan]) -> None:
    """About one in twelve was introduced by someone already in the network (same chunk)."""
    rng = world.rng
    flagged = [rng.random() < 0.08 for _ in people]
    hosts = [local for local, flag in enumerate(flagged) if not flag]
    if not hosts:
        return
    for local, flag in enumerate(flagged):
        if not flag:
            continue
        host = rng.choice(hosts)
        if people[host].created_at < people[local].created_at:
            people[local].introducer = host
            people[local].how_met = f"Introduced by {people[host].display_name}"


def assign_circle(world: World, person: PersonPlan) -> None:
    """A few close, active ties get a Dunbar layer, innermost first while it has room."""
    rng = world.rng
    if person.status != ACTIVE or person.strength < 0.6 or rng.random() >= 0.25:
        return
    start = 0 if person.strength >= 0.9 else 1 if person.strength >= 0.8 else 2
    start = start if person.strength >= 0.7 else 3
    for layer in list(world.circle_left)[start:]:
        if world.circle_left[layer] > 0:
            world.circle_left[layer] -= 1
            person.circle = layer
            return

"""The fixed frame of a demo network: its random source, dates, organisations and tags."""

from __future__ import annotations

import datetime as dt
import random
import re
from array import array
from dataclasses import dataclass, field
from functools import cache
from itertools import accumulate

from tiebook import taxonomy
from tiebook.demo import names
from tiebook.demo.profiles import TAGS
from tiebook.people.normalize import text_key

HORIZON_DAYS = 6 * 365  # how far back the history goes
# The demo counts time in minutes from the start of today (UTC), negative in the past: ints
# sort, compare and format far faster than datetimes, and there are millions of them.
MINUTES_A_DAY = 24 * 60
PHONE_POOL = 720 * 100  # fictional numbers: 720 area codes, each with 555-0100..0199
# Dunbar layers are nested, so each layer holds only the people not in an inner one.
CIRCLE_QUOTAS = {5: 5, 15: 10, 50: 35, 150: 100}
_SECTOR_WEIGHTS = {
    "company": 70,
    "consultancy": 10,
    "university": 6,
    "accounting": 6,
    "agency": 4,
    "board": 4,
}
_FIRST_SECTORS = ("company", "university", "accounting", "agency", "board")
_FOLD = str.maketrans({"ø": "o", "æ": "ae", "đ": "d", "ł": "l", "þ": "th", "ı": "i", "œ": "oe"})
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class OrgPlan:
    name: str
    domain: str
    industry: str
    sector: str


@dataclass
class World:
    """Everything shared across chunks; the one `rng` is drawn from in a fixed order."""

    rng: random.Random
    today: dt.date
    people: int
    orgs: list[OrgPlan]
    tags: list[str]
    by_sector: dict[str, list[int]]
    employers: list[int]
    forced_types: list[str]
    family_names: tuple[str, ...]
    knows_key: int
    pks: array = field(repr=False)  # person primary key by global index, once written
    added_ago: array = field(repr=False)  # days before today each person was added
    knows_masks: array = field(repr=False)  # see graph.Knows
    email_counts: dict[str, int] = field(default_factory=dict, repr=False)
    circle_left: dict[int, int] = field(default_factory=lambda: dict(CIRCLE_QUOTAS))
    phone_start: int = 0  # where in the pool of fictional numbers this demo begins
    phones_used: int = 0
    profile_salt: int = 0

    midnight: dt.datetime = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.midnight = dt.datetime.combine(self.today, dt.time(), tzinfo=dt.UTC)

    @staticmethod
    def at(days_ago: int, minute: int = 0) -> int:
        """The moment `minute` minutes into the day `days_ago` days before today."""
        return minute - days_ago * MINUTES_A_DAY

    def moment(self, at: int) -> dt.datetime:
        return self.midnight + dt.timedelta(minutes=at)

    def day(self, at: int) -> dt.date:
        return self.today + dt.timedelta(days=at // MINUTES_A_DAY)


@cache  # names come from short lists, so this stays small
def fold(text: str) -> str:
    """ASCII letters and digits only: 'Øyvind' -> 'oyvind', "O'Brien" -> 'obrien'."""
    return _NOT_SLUG.sub("", text_key(text).translate(_FOLD))


def slug(text: str) -> str:
    return _NOT_SLUG.sub("-", text_key(text).translate(_FOLD)).strip("-")


def build_world(*, seed: int, people: int, today: dt.date) -> World:
    rng = random.Random(seed)
    orgs = _plan_orgs(rng, max(5, round(people / 12)))
    by_sector: dict[str, list[int]] = {}
    for index, org in enumerate(orgs):
        by_sector.setdefault(org.sector, []).append(index)
    first_family = rng.choice(rng.choice(names.REGIONS).family)
    return World(
        rng=rng,
        today=today,
        people=people,
        orgs=orgs,
        tags=[tag.format(year=today.year) for tag in TAGS],
        by_sector=by_sector,
        employers=by_sector["company"][:4],
        forced_types=rng.sample(taxonomy.CODES, len(taxonomy.CODES)),
        family_names=(first_family, rng.choice(names.REGIONS[0].family)),
        knows_key=rng.getrandbits(62),
        phone_start=rng.randrange(PHONE_POOL),
        profile_salt=rng.randrange(1 << 24),
        pks=array("q", [0]) * people,
        added_ago=array("H", [0]) * people,
        knows_masks=array("I", [0]) * people,
    )


def _plan_orgs(rng: random.Random, count: int) -> list[OrgPlan]:
    sectors = list(_SECTOR_WEIGHTS)
    cum = list(accumulate(_SECTOR_WEIGHTS.values()))
    taken: set[str] = set()
    orgs = []
    for index in range(count):
        sector = _FIRST_SECTORS[index] if index < len(_FIRST_SECTORS) else None
        sector = sector or rng.choices(sectors, cum_weights=cum)[0]
        orgs.append(_plan_org(rng, sector, taken))
    return orgs


def _plan_org(rng: random.Random, sector: str, taken: set[str]) -> OrgPlan:
    industry = _INDUSTRY.get(sector, "")
    for attempt in range(40):
        name, suggested = _org_name(rng, sector, attempt)
        if text_key(name) not in taken:
            break
    else:
        name = f"{name} {len(taken) + 1}"
    taken.add(text_key(name))
    return OrgPlan(name, f"{slug(name)}.example", suggested or industry, sector)


_INDUSTRY = {
    "consultancy": "Management consulting",
    "accounting": "Accounting",
    "university": "Higher education",
    "agency": "Government",
    "board": "Professional licensing",
}


def _org_name(rng: random.Random, sector: str, attempt: int) -> tuple[str, str]:
    """A candidate name and, for companies, the industry its suffix suggests."""
    if sector == "company":
        suffix, industry = rng.choice(names.ORG_SUFFIXES)
        stem = rng.choice(names.ORG_STEMS)
        if attempt > 4:
            stem = f"{stem} {rng.choice(names.ORG_STEMS)}"
        return f"{stem} {suffix}", industry
    if sector in ("consultancy", "accounting"):
        return _firm_name(rng, sector, attempt), ""
    if sector == "university":
        city = rng.choice(names.CITIES).split(",")[0]
        name = rng.choice(names.UNIVERSITY_PATTERNS).format(city)
        return (f"{name}, {rng.choice(names.DISTRICTS)} Campus" if attempt > 10 else name), ""
    base = rng.choice(names.AGENCIES if sector == "agency" else names.BOARDS)
    return (f"{base}, {rng.choice(names.DISTRICTS)} District" if attempt else base), ""


def _firm_name(rng: random.Random, sector: str, attempt: int) -> str:
    region = rng.choice(names.REGIONS)
    first = rng.choice(region.family)
    if sector == "consultancy" and attempt < 3 and rng.random() < 0.5:
        return f"{first} {rng.choice(names.CONSULTANCY_SUFFIXES)}"
    second = rng.choice(rng.choice(names.REGIONS).family)
    if second == first:
        second = rng.choice(names.REGIONS[0].family)
    suffixes = names.CONSULTANCY_SUFFIXES if sector == "consultancy" else names.ACCOUNTING_SUFFIXES
    return f"{first} & {second} {rng.choice(suffixes)}"

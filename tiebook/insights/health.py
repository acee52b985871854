"""Network health: what the network lacks and leans on, each finding with its figures and a
one-sentence why. Pure: plain data in (counted by health_selectors), a Health out."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field

from tiebook import taxonomy
from tiebook.insights.brokerage import Brokerage
from tiebook.insights.ledger import Balance, balance_reading
from tiebook.opportunities.domain import FAMILY_CAUTION

THIN_SHARE = 0.15  # a category below this share of your typed people is thin
EMPLOYER_HEAVY = 0.5  # half or more of your close ties at one employer is a dependence
FAMILY_HEAVY = 0.25  # more than this share of advocates being family is a reliance
FORMER_STRONG_TALKS = 6  # a dormant tie with this many talks...
FORMER_STRONG_DAYS = 365  # ...spread over at least a year was once a strong one
RECONNECT_LIMIT = 10
STRENGTH_LABELS = ("strong", "moderate", "weak", "dormant", "new")
CIRCLE_NAMES = {5: "closest", 15: "good friends", 50: "friends", 150: "meaningful contacts"}
LEVIN_WHY = (
    "reconnected dormant ties give new information as efficiently as current ones, and the "
    "trust is already there (Levin, Walter & Murnighan 2011)"
)


# -- inputs ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Employer:
    name: str
    how: str  # how tiebook knows it: "from your headline", "where most of your ... work"


@dataclass(frozen=True)
class CategoryFollowupCount:
    category: str
    on_time: int
    overdue: int


@dataclass(frozen=True)
class PastTie:
    """A dormant person's history with the owner."""

    person_id: int
    name: str
    talks: int
    first_on: dt.date
    last_on: dt.date


@dataclass(frozen=True)
class HealthInputs:
    today: dt.date
    people: int  # active (not archived) people
    type_counts: dict[str, int] = field(default_factory=dict)  # type code -> people holding it
    category_counts: dict[str, int] = field(default_factory=dict)  # category -> distinct people
    strength_counts: dict[str, int] = field(default_factory=dict)  # label -> people
    employer: Employer | None = None
    close_ties: int = 0  # strong and moderate ties
    close_at_employer: int = 0
    followups: list[CategoryFollowupCount] = field(default_factory=list)
    followups_total: tuple[int, int] | None = None  # (on time, overdue), each person once
    balance: Balance = field(default_factory=Balance)
    advocates: int = 0  # distinct people who refer you or are your references
    family_advocates: list[str] = field(default_factory=list)  # their names, when family
    dormant: list[PastTie] = field(default_factory=list)
    circles: dict[int, int] = field(default_factory=dict)  # circle -> people set in it
    touches: list[tuple[str, int]] = field(default_factory=list)  # ("2026-01", interactions)
    brokerage: Brokerage | None = None


# -- findings --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TypeCoverage:
    code: str
    label: str
    category: str
    people: int
    why: str  # what the type is for, in the taxonomy's words


@dataclass(frozen=True)
class Coverage:
    covered: int  # of the 12 types
    types: list[TypeCoverage]
    missing: list[TypeCoverage]
    why: str


@dataclass(frozen=True)
class CategoryShare:
    category: str
    people: int
    share: float  # of the people counted over the three categories
    thin: bool
    why: str


@dataclass(frozen=True)
class Categories:
    categories: list[CategoryShare]
    why: str


@dataclass(frozen=True)
class EmployerDependence:
    employer: str | None
    how: str
    close_ties: int
    at_employer: int
    share: float | None
    why: str


@dataclass(frozen=True)
class CategoryFollowups:
    category: str
    on_time: int
    overdue: int
    share_on_time: float | None


@dataclass(frozen=True)
class Followups:
    categories: list[CategoryFollowups]
    on_time: int
    overdue: int
    share_on_time: float | None
    why: str


@dataclass(frozen=True)
class GiveAsk:
    gave: int
    asked: int
    received: int
    why: str


@dataclass(frozen=True)
class FamilyReliance:
    advocates: int
    family: int
    share: float | None
    names: list[str]
    why: str


@dataclass(frozen=True)
class ReconnectPerson:
    person_id: int
    name: str
    talks: int
    first_on: dt.date
    last_on: dt.date
    why: str  # "12 talks over 4 years, last in 2022"


@dataclass(frozen=True)
class Reconnect:
    people: list[ReconnectPerson]
    total: int  # former strong ties now dormant, before the cap
    why: str


@dataclass(frozen=True)
class CircleSize:
    circle: int
    name: str
    people: int  # set in this circle
    within: int  # in this circle or a closer one: Dunbar's layers nest
    over: bool


@dataclass(frozen=True)
class Circles:
    circles: list[CircleSize]
    why: str


@dataclass(frozen=True)
class Health:
    today: dt.date
    people: int
    attention: list[str]  # the findings worth acting on, most structural first
    coverage: Coverage
    categories: Categories
    employer: EmployerDependence
    followups: Followups
    give_ask: GiveAsk
    family: FamilyReliance
    reconnect: Reconnect
    circles: Circles
    strength: dict[str, int]  # label -> people, in STRENGTH_LABELS order
    touches: list[tuple[str, int]]
    brokerage: Brokerage | None


def health(inputs: HealthInputs) -> Health:
    """Every finding of the network's health, from counts already made."""
    found = {
        "coverage": coverage(inputs.type_counts),
        "categories": categories(inputs.category_counts),
        "employer": employer_dependence(
            inputs.employer, close_ties=inputs.close_ties, at_employer=inputs.close_at_employer
        ),
        "followups": followups(inputs.followups, total=inputs.followups_total),
        "give_ask": give_ask(inputs.balance),
        "family": family_reliance(inputs.advocates, inputs.family_advocates),
        "reconnect": reconnect(inputs.dormant),
        "circles": circles(inputs.circles),
    }
    return Health(
        today=inputs.today,
        people=inputs.people,
        attention=attention(**found),
        **found,
        strength={label: inputs.strength_counts.get(label, 0) for label in STRENGTH_LABELS},
        touches=list(inputs.touches),
        brokerage=inputs.brokerage,
    )


def attention(
    *,
    coverage: Coverage,
    categories: Categories,
    employer: EmployerDependence,
    followups: Followups,
    give_ask: GiveAsk,
    family: FamilyReliance,
    reconnect: Reconnect,
    circles: Circles,
) -> list[str]:
    """What to work on, one line each: the findings past their thresholds."""
    lines = []
    if coverage.missing:
        lines.append(f"Find {_names([t.label for t in coverage.missing])}: no one of the type yet.")
    for c in categories.categories:
        if c.thin:
            lines.append(f"Grow your {c.category} ties ({c.why}): {_percent(c.share)} of them.")
    if employer.share is not None and employer.share >= EMPLOYER_HEAVY:
        lines.append(
            f"Grow close ties outside {employer.employer}: {_percent(employer.share)} of your "
            "close ties work there."
        )
    if followups.share_on_time is not None and followups.share_on_time < 0.5:
        lines.append(f"Catch up on follow-ups: {followups.overdue} overdue (tiebook due).")
    if give_ask.asked > give_ask.gave:
        lines.append("Give before you ask again: you asked more than you gave.")
    if family.share is not None and family.share > FAMILY_HEAVY:
        lines.append("Find advocates outside your family: others may see theirs as biased.")
    if reconnect.people:
        first = reconnect.people[0]
        lines.append(f"Reconnect with {first.name} ({first.why}) and the others listed.")
    for c in circles.circles:
        if c.over:
            lines.append(
                f"Trim circle {c.circle}: {c.within} people within it, about {c.circle} fit."
            )
    return lines


# -- each finding ----------------------------------------------------------------------------------


def _percent(share: float | None) -> str:
    return "-" if share is None else f"{round(100 * share)}%"


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _names(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def coverage(type_counts: dict[str, int]) -> Coverage:
    types = [
        TypeCoverage(t.code, t.label, t.category.value, type_counts.get(t.code, 0), t.blurb)
        for t in taxonomy.TYPES
    ]
    missing = [t for t in types if t.people == 0]
    covered = len(types) - len(missing)
    if not missing:
        why = "All 12 types are covered: each kind of tie helps in a way the others cannot."
    else:
        labels = _names([t.label for t in missing])
        why = (
            f"{covered} of the 12 types are covered; no {labels} yet: each kind of tie helps in "
            "a way the others cannot."
        )
    return Coverage(covered, types, missing, why)


def categories(category_counts: dict[str, int]) -> Categories:
    total = sum(category_counts.get(c.value, 0) for c in taxonomy.Category)
    shares = []
    for c in taxonomy.Category:
        people = category_counts.get(c.value, 0)
        share = _share(people, total) or 0.0
        thin = total > 0 and share < THIN_SHARE
        shares.append(CategoryShare(c.value, people, share, thin, taxonomy.CATEGORY_BLURBS[c]))
    thin = [s for s in shares if s.thin]
    if total == 0:
        why = "No one has a type yet: give your people types to see the balance of the three."
    elif thin:
        parts = [f"{s.category} ({_percent(s.share)}: {s.why})" for s in thin]
        why = f"Thin: {'; '.join(parts)}. A network strong in one category leaves you exposed."
    else:
        why = (
            f"Balanced: each category holds at least {_percent(THIN_SHARE)} of your typed "
            "people, so you have help inside your workplace, outside it, and personally."
        )
    return Categories(shares, why)


def employer_dependence(
    employer: Employer | None, *, close_ties: int, at_employer: int
) -> EmployerDependence:
    if employer is None:
        return EmployerDependence(
            None,
            "",
            close_ties,
            0,
            None,
            "Your current employer is unknown: say where you work in your headline "
            "(tiebook me --headline 'Data engineer at Acme'), or give your direct supervisor "
            "their organisation.",
        )
    share = _share(at_employer, close_ties)
    where = f"{at_employer} of your {close_ties} strong and moderate ties work at {employer.name}"
    if share is None:
        why = "You have no strong or moderate ties yet, so no dependence on your employer."
    elif share >= EMPLOYER_HEAVY:
        why = (
            f"{where} ({_percent(share)}): if you leave or it cuts jobs, most of your close "
            "network goes with it; grow close ties outside it."
        )
    else:
        why = f"{where} ({_percent(share)}): most of your close network would stay if you left."
    return EmployerDependence(employer.name, employer.how, close_ties, at_employer, share, why)


def followups(
    counts: list[CategoryFollowupCount], *, total: tuple[int, int] | None = None
) -> Followups:
    """On time and overdue per category, and over everyone with a rhythm (`total`: each person
    once, however many categories they hold; by default the categories' sum)."""
    by_category = {c.category: c for c in counts}
    rows = []
    for c in taxonomy.Category:
        found = by_category.get(c.value, CategoryFollowupCount(c.value, 0, 0))
        share = _share(found.on_time, found.on_time + found.overdue)
        rows.append(CategoryFollowups(c.value, found.on_time, found.overdue, share))
    on_time, overdue = total or (sum(r.on_time for r in rows), sum(r.overdue for r in rows))
    share = _share(on_time, on_time + overdue)
    if share is None:
        why = "No one has a follow-up rhythm yet: give people a type or a circle."
    else:
        why = f"{_percent(share)} of your follow-ups are on time."
        worst = min((r for r in rows if r.share_on_time is not None), key=_lateness)
        if worst.overdue:
            why += (
                f" {worst.category.capitalize()} ties are the most behind: {worst.overdue} "
                f"overdue ({_percent(1 - worst.share_on_time)})."
            )
    return Followups(rows, on_time, overdue, share, why)


def _lateness(row: CategoryFollowups) -> tuple[float, int]:
    return (row.share_on_time, -row.overdue)


def give_ask(balance: Balance) -> GiveAsk:
    reading = balance_reading(balance)
    why = f"{balance.counts.capitalize()}: {reading}."
    return GiveAsk(balance.gave, balance.asked, balance.received, why)


def family_reliance(advocates: int, family_names: list[str]) -> FamilyReliance:
    family = len(family_names)
    share = _share(family, advocates)
    if not advocates:
        why = (
            "No one refers you or is your reference yet: ask a supervisor or a client "
            "(tiebook reference add PERSON --skill SKILL)."
        )
    elif share is not None and share > FAMILY_HEAVY:
        why = f"{family} of your {advocates} referrers and references are family: {FAMILY_CAUTION}."
    elif family:
        why = (
            f"{family} of your {advocates} referrers and references is family: few enough that "
            "your advocates read as impartial."
        )
    else:
        why = (
            f"None of your {advocates} referrers and references is family: they read as impartial."
        )
    return FamilyReliance(advocates, family, share, list(family_names), why)


def was_strong(tie: PastTie) -> bool:
    """Judged from history: many talks over at least a year before going quiet."""
    span = (tie.last_on - tie.first_on).days
    return tie.talks >= FORMER_STRONG_TALKS and span >= FORMER_STRONG_DAYS


def reconnect(dormant: list[PastTie], *, limit: int = RECONNECT_LIMIT) -> Reconnect:
    """Former strong ties now dormant, most talks first (then the longest known, the latest)."""
    former = [t for t in dormant if was_strong(t)]
    former.sort(key=lambda t: (-t.talks, -(t.last_on - t.first_on).days, -t.last_on.toordinal()))
    people = [
        ReconnectPerson(t.person_id, t.name, t.talks, t.first_on, t.last_on, past_why(t))
        for t in former[:limit]
    ]
    if former:
        who = "1 person" if len(former) == 1 else f"{len(former)} people"
        were = "has" if len(former) == 1 else "have"
        why = f"{who} you were once close to {were} gone quiet: {LEVIN_WHY}."
    else:
        why = "No former strong tie has gone dormant (no talk in three years)."
    return Reconnect(people, len(former), why)


def past_why(tie: PastTie) -> str:
    """'12 talks over 4 years, last in 2022'."""
    span = _span((tie.last_on - tie.first_on).days)
    return f"{tie.talks} talks over {span}, last in {tie.last_on.year}"


def _span(days: int) -> str:
    if days < 2 * 365:
        months = max(1, days // 30)
        return f"{months} month{'s' if months != 1 else ''}"
    return f"{days // 365} years"


def circles(counts: dict[int, int]) -> Circles:
    rows, within = [], 0
    for size in taxonomy.CIRCLE_INTERVALS:
        people = counts.get(size, 0)
        within += people
        rows.append(CircleSize(size, CIRCLE_NAMES[size], people, within, within > size))
    over = [r for r in rows if r.over]
    if within == 0:
        why = (
            "No one is in a circle yet: put your closest few in circle 5 "
            "(tiebook edit PERSON --circle 5)."
        )
    elif over:
        parts = [f"{r.within} within {r.circle} ({r.name})" for r in over]
        why = (
            f"Over Dunbar's layers: {'; '.join(parts)}. A layer holds about 5, 15, 50 and 150 "
            "people; past that, some get less attention than the circle promises."
        )
    else:
        why = "Within Dunbar's layers of about 5, 15, 50 and 150 people."
    return Circles(rows, why)


def health_dict(found: Health) -> dict:
    """The health as JSON-ready data: what `tiebook health --json` prints and the page charts."""
    data = asdict(found)
    data["today"] = found.today.isoformat()
    data["touches"] = [{"month": month, "touches": n} for month, n in found.touches]
    for person in data["reconnect"]["people"]:
        person["first_on"] = person["first_on"].isoformat()
        person["last_on"] = person["last_on"].isoformat()
    return data

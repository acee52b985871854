"""The give/ask balance: what you gave a person (knowledge shared, introductions made,
referrals and favours given), what you asked of them, and what you received; per person and
overall, with a one-line reading. The reading is pure; the selectors below count."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count

from tiebook.interactions.models import Interaction, KnowledgeShare, Participant
from tiebook.opportunities.domain import Advocate, family_cautions
from tiebook.opportunities.models import OpportunityPerson, Referral
from tiebook.people.models import Person, PersonType

INTRO_SOURCE = "intro"  # the interactions `tiebook intro A B` writes: a give to each of them


@dataclass(frozen=True)
class Balance:
    gave: int = 0  # knowledge shared, introductions made, referrals and favours given
    asked: int = 0  # referrals, introductions and favours asked
    received: int = 0  # knowledge received, referrals and favours received

    def __add__(self, other: Balance) -> Balance:
        return Balance(
            self.gave + other.gave, self.asked + other.asked, self.received + other.received
        )

    @property
    def counts(self) -> str:
        return f"you gave {self.gave}, asked {self.asked}, received {self.received}"


def balance_reading(balance: Balance, *, name: str | None = None) -> str:
    """One line that says what the balance means and what to do about it."""
    with_ = f" with {name}" if name else ""
    if balance.gave == balance.asked == balance.received == 0:
        return f"nothing given or asked{with_} yet: give something useful before you need to ask"
    if balance.asked > balance.gave:
        return f"you ask more than you give{with_}: share something first"
    if balance.received > balance.gave:
        who = name or "your network"
        return f"{who} gave you more than you gave back: return the favour"
    if balance.asked == 0:
        to = f" to {name}" if name else ""
        return f"you give{to} without asking: a fair footing for an ask when you need one"
    return f"balanced{with_}: you give at least as much as you ask"


# -- counting -------------------------------------------------------------------------------------


def _tallies(owner, person_ids: list[int] | None) -> dict[int | None, Counter]:
    """gave/asked/received per person, or all together under None when no ids are given."""
    group = ("person_id",) if person_ids is not None else ()

    def rows(queryset, *extra: str):
        queryset = queryset.filter(owner=owner)
        if person_ids is not None:
            queryset = queryset.filter(person_id__in=person_ids)
        if not group and not extra:
            return [{"n": queryset.count()}]
        return queryset.values(*group, *extra).annotate(n=Count("id")).order_by()

    found: dict[int | None, Counter] = {}

    def add(result, key_of) -> None:
        for row in result:
            found.setdefault(row.get("person_id"), Counter())[key_of(row)] += row["n"]

    add(rows(KnowledgeShare.objects, "direction"), lambda r: _SHARE[r["direction"]])
    # Through the intro interactions' ids: the (owner, source) index finds them at once.
    intros = Interaction.objects.filter(owner=owner, source=INTRO_SOURCE).values("pk")
    add(rows(Participant.objects.filter(interaction_id__in=intros)), lambda r: "gave")
    add(rows(Referral.objects, "direction"), lambda r: _REFERRAL[r["direction"]])
    return found


_SHARE = {KnowledgeShare.GAVE: "gave", KnowledgeShare.RECEIVED: "received"}
_REFERRAL = {Referral.GIVEN: "gave", Referral.ASKED: "asked", Referral.RECEIVED: "received"}


def _balance(counter: Counter | None) -> Balance:
    counter = counter or Counter()
    return Balance(counter["gave"], counter["asked"], counter["received"])


@dataclass(frozen=True)
class PersonBalance:
    person_id: int
    name: str
    balance: Balance
    reading: str


def person_balance(*, owner, person: Person) -> PersonBalance:
    balance = _balance(_tallies(owner, [person.pk]).get(person.pk))
    name = person.display_name
    return PersonBalance(person.pk, name, balance, balance_reading(balance, name=name))


@dataclass(frozen=True)
class OverallBalance:
    balance: Balance
    reading: str
    # People you asked more of than you gave: the first to give something to.
    owed: list[PersonBalance] = field(default_factory=list)


def balance_overall(*, owner, limit: int = 10) -> OverallBalance:
    total = _balance(_tallies(owner, None).get(None))
    askers = list(
        Referral.objects.filter(owner=owner, direction=Referral.ASKED)
        .values_list("person_id", flat=True)
        .distinct()[:500]
    )
    owed = []
    if askers:
        tallies = _tallies(owner, askers)
        names = dict(
            Person.objects.filter(owner=owner, pk__in=askers).values_list("pk", "display_name")
        )
        for pid in askers:
            b = _balance(tallies.get(pid))
            if b.asked > b.gave:
                owed.append(PersonBalance(pid, names[pid], b, balance_reading(b, name=names[pid])))
        owed.sort(key=lambda p: (p.balance.gave - p.balance.asked, p.name.casefold()))
    return OverallBalance(total, balance_reading(total), owed[:limit])


def balance_dict(balance: Balance, reading: str) -> dict:
    return {
        "gave": balance.gave,
        "asked": balance.asked,
        "received": balance.received,
        "reading": reading,
    }


# -- the person page's opportunities panel ---------------------------------------------------------


@dataclass
class PersonOpportunities:
    links: list[OpportunityPerson]
    cautions: list[str]
    is_family: bool
    balance: PersonBalance
    referrals: list[Referral]


def person_opportunities_panel(*, owner, person: Person) -> PersonOpportunities:
    """What the person page shows of opportunities: the ones they are part of and in which role,
    the family caution when they advocate for you, their referrals and your give/ask balance."""
    from tiebook.opportunities.selectors import person_opportunity_links, referrals_list

    links = person_opportunity_links(owner=owner, person=person)
    family = PersonType.objects.filter(owner=owner, person=person, type="family").exists()
    advocates = [Advocate(person.pk, person.display_name, k.role, family) for k in links]
    return PersonOpportunities(
        links=links,
        cautions=family_cautions(advocates),
        is_family=family,
        balance=person_balance(owner=owner, person=person),
        referrals=referrals_list(owner=owner, person=person, limit=20),
    )

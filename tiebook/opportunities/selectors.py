"""Reads of opportunities: one by id or title, the list and the board, one with everything
shown on its page, and referrals."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Case, Prefetch, Q, When

from tiebook.core.errors import Ambiguous, NotFound, ValidationError
from tiebook.core.params import MAX_ID, whole_number
from tiebook.opportunities import domain
from tiebook.opportunities.models import (
    ROLE_CODES,
    STAGE_CODES,
    Opportunity,
    OpportunityPerson,
    Referral,
    StageChange,
)
from tiebook.people.models import Person, PersonType

MAX_CANDIDATES = 10
ROLE_ORDER = Case(*[When(role=code, then=i) for i, code in enumerate(ROLE_CODES)])


def _opportunities(owner):
    return Opportunity.objects.filter(owner=owner).select_related("organization")


def opportunity_get(*, owner, opportunity_id: int) -> Opportunity:
    try:
        return _opportunities(owner).get(pk=opportunity_id)
    except Opportunity.DoesNotExist:
        raise NotFound(f"No opportunity with number {opportunity_id}.") from None


def _candidate(opp: Opportunity) -> str:
    org = f" at {opp.organization.name}" if opp.organization_id else ""
    return f"{opp.pk}  {opp.title}{org} ({opp.stage_label})"


def opportunity_resolve(*, owner, ref: str) -> Opportunity:
    """An id, or the title (or an unambiguous part of it)."""
    text = " ".join((ref or "").split())
    if not text:
        raise ValidationError("Name an opportunity: its number, or part of its title.")
    if text.isascii() and text.isdigit():
        number = whole_number(text, maximum=MAX_ID)
        if number is None:
            raise NotFound(f"No opportunity with number {text}.")
        return opportunity_get(owner=owner, opportunity_id=number)
    matches = list(_opportunities(owner).filter(title__icontains=text).order_by("pk")[:200])
    exact = [o for o in matches if o.title.casefold() == text.casefold()]
    open_ = [o for o in matches if not o.ended]
    for group in (matches, exact, open_):
        if len(group) == 1:
            return group[0]
    if not matches:
        raise NotFound(f"No opportunity matches '{text}'.", hint="Try 'tiebook opps' to see them.")
    raise Ambiguous(
        f"'{text}' matches {len(matches)} opportunities; use a number or more of the title.",
        candidates=[_candidate(o) for o in matches[:MAX_CANDIDATES]],
    )


def _with_people():
    links = OpportunityPerson.objects.select_related("person").order_by(
        ROLE_ORDER, "person__display_name", "id"
    )
    return Prefetch("links", queryset=links)


def opportunities_list(
    *,
    owner,
    stage: str | None = None,
    include_ended: bool = True,
    person: Person | None = None,
) -> list[Opportunity]:
    """Opportunities with their organisation and people, by stage then newest first; only a
    person's, when given."""
    rows = _opportunities(owner).prefetch_related(_with_people())
    if person is not None:
        rows = rows.filter(
            pk__in=OpportunityPerson.objects.filter(owner=owner, person=person).values(
                "opportunity_id"
            )
        )
    if stage is not None:
        rows = rows.filter(stage=domain.parse_stage(stage))
    elif not include_ended:
        rows = rows.exclude(stage__in=domain.ENDED)
    found = list(rows.order_by("-updated_at", "-id"))
    order = {code: i for i, code in enumerate(STAGE_CODES)}
    return sorted(found, key=lambda o: order[o.stage])


@dataclass(frozen=True)
class Column:
    stage: str
    label: str
    opportunities: list[Opportunity]


def opportunities_board(*, owner) -> list[Column]:
    """Every stage in order, each with its opportunities (newest change first)."""
    by_stage: dict[str, list[Opportunity]] = {code: [] for code in STAGE_CODES}
    for opp in opportunities_list(owner=owner):
        by_stage[opp.stage].append(opp)
    return [Column(code, domain.stage_label(code), rows) for code, rows in by_stage.items()]


def _family_ids(owner, person_ids) -> set[int]:
    return set(
        PersonType.objects.filter(
            owner=owner, person_id__in=list(person_ids), type="family"
        ).values_list("person_id", flat=True)
    )


@dataclass
class OpportunityRecord:
    opportunity: Opportunity
    links: list[OpportunityPerson]
    family_ids: set[int]
    cautions: list[str]
    history: list[StageChange]
    referrals: list[Referral]
    # Who could refer me at its organisation: filled by the interfaces from insights.refer, an
    # app above this one.
    suggestions: list = field(default_factory=list)


def opportunity_record(*, owner, opportunity_id: int) -> OpportunityRecord:
    """One opportunity with its people (family marked), history and referrals."""
    opp = opportunity_get(owner=owner, opportunity_id=opportunity_id)
    links = list(
        OpportunityPerson.objects.filter(owner=owner, opportunity=opp)
        .select_related("person")
        .order_by(ROLE_ORDER, "person__display_name", "id")
    )
    family = _family_ids(owner, {link.person_id for link in links})
    advocates = [
        domain.Advocate(
            link.person_id, link.person.display_name, link.role, link.person_id in family
        )
        for link in links
    ]
    history = list(
        StageChange.objects.filter(owner=owner, opportunity=opp).order_by("changed_on", "id")
    )
    referrals = referrals_list(owner=owner, opportunity=opp)
    return OpportunityRecord(
        opportunity=opp,
        links=links,
        family_ids=family,
        cautions=domain.family_cautions(advocates),
        history=history,
        referrals=referrals,
    )


def referral_get(*, owner, referral_id: int) -> Referral:
    try:
        return Referral.objects.select_related(
            "person", "to_person", "opportunity__organization", "interaction"
        ).get(owner=owner, pk=referral_id)
    except Referral.DoesNotExist:
        raise NotFound(f"No referral with number {referral_id}.") from None


def referrals_list(
    *, owner, person: Person | None = None, opportunity: Opportunity | None = None, limit: int = 200
) -> list[Referral]:
    """Referrals, newest first: all of them, a person's (either side), or an opportunity's."""
    rows = Referral.objects.filter(owner=owner).select_related(
        "person", "to_person", "opportunity__organization"
    )
    if person is not None:
        rows = rows.filter(Q(person=person) | Q(to_person=person))
    if opportunity is not None:
        rows = rows.filter(opportunity=opportunity)
    return list(rows.order_by("-occurred_on", "-id")[:limit])


def person_opportunity_links(*, owner, person: Person) -> list[OpportunityPerson]:
    return list(
        OpportunityPerson.objects.filter(owner=owner, person=person)
        .select_related("opportunity__organization")
        .order_by("-opportunity__updated_at", "role")
    )

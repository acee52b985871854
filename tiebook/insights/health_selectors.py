"""Reads for network health: counts made in bulk by the database (a fixed number of queries,
none per person), handed to the pure health and brokerage functions."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict

from django.db.models import Case, CharField, Count, Max, Min, Q, Value, When
from django.utils import timezone

from tiebook import taxonomy
from tiebook.accounts.selectors import profile_get
from tiebook.core.bulk import in_chunks
from tiebook.events.models import EventPerson
from tiebook.insights import brokerage as graph
from tiebook.insights.health import (
    FORMER_STRONG_TALKS,
    CategoryFollowupCount,
    Employer,
    Health,
    HealthInputs,
    PastTie,
    health,
)
from tiebook.insights.ledger import balance_overall
from tiebook.insights.tie_strength import DORMANT_AFTER_DAYS, MODERATE_FROM, STRONG_FROM
from tiebook.interactions.models import Interaction, Participant, Vouch
from tiebook.opportunities.domain import ADVOCATE_ROLES
from tiebook.opportunities.models import OpportunityPerson, Referral
from tiebook.people.models import Organization, Person, PersonType, Relationship

MONTHS = 12
GROUP_LARGEST = 12  # an interaction or event with more people than this adds no ties
NEIGHBOURS_MOST = 3000  # people tied to the closest ties, most linked first, in the broker graph
SHARED_EVENT_ROLES = (EventPerson.MET, EventPerson.ATTENDING, EventPerson.SPEAKER)
_AT = re.compile(r"\s(?:at|@)\s+(?P<org>.+)$", re.IGNORECASE)


def network_health(*, owner, today: dt.date) -> Health:
    """The owner's network health, every finding with its figures and why."""
    cutoff = _midnight(today - dt.timedelta(days=DORMANT_AFTER_DAYS - 1))
    employer = employer_of(owner=owner)
    counts = _people_counts(owner, today, cutoff, employer)
    advocates, family = _advocates(owner)
    by_category = _by_category(owner, today)
    return health(
        HealthInputs(
            today=today,
            people=counts["people"],
            type_counts=_type_counts(owner),
            category_counts={r["category"]: r["people"] for r in by_category},
            strength_counts=counts,
            employer=employer,
            close_ties=counts["close"],
            close_at_employer=counts["close_at_employer"],
            followups=[
                CategoryFollowupCount(r["category"], r["on_time"], r["overdue"])
                for r in by_category
            ],
            followups_total=(counts["on_time"], counts["overdue"]),
            balance=balance_overall(owner=owner, limit=0).balance,
            advocates=advocates,
            family_advocates=family,
            dormant=_dormant(owner, cutoff),
            circles={c: counts[f"circle_{c}"] for c in taxonomy.CIRCLE_INTERVALS},
            touches=_touches(owner, today),
            brokerage=_brokerage(owner, cutoff),
        )
    )


def _midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _active(owner):
    return Person.objects.filter(owner=owner, archived_at__isnull=True)


# -- the employer ----------------------------------------------------------------------------------


def employer_of(*, owner) -> Employer | None:
    """The owner's organisation: the one their headline names ('... at Acme') when it is one of
    their organisations, else the one most of their supervisors (then colleagues) work at."""
    found = _AT.search(profile_get(owner=owner).headline)
    if found:
        name = found.group("org").strip(" .")
        org = Organization.objects.filter(owner=owner, name__iexact=name).first()
        if org is not None:
            return Employer(org.name, "from your headline")
    for code, plural in (("direct_supervisor", "supervisors"), ("colleague", "colleagues")):
        row = (
            PersonType.objects.filter(
                owner=owner,
                type=code,
                person__archived_at__isnull=True,
                person__organization__isnull=False,
            )
            .values("person__organization__name")
            .annotate(n=Count("id"))
            .order_by("-n", "person__organization__name")
            .first()
        )
        if row:
            return Employer(row["person__organization__name"], f"where most of your {plural} work")
    return None


# -- counts ----------------------------------------------------------------------------------------


def _people_counts(
    owner, today: dt.date, cutoff: dt.datetime, employer: Employer | None
) -> dict[str, int]:
    """One pass over the people: tie strength labels, close ties (strong and moderate) and how
    many of them work at the employer, the circles, and follow-ups on time and overdue."""
    talked = Q(last_interaction_at__gte=cutoff)
    rhythm = Q(followup_interval_days__isnull=False, next_due_on__isnull=False)
    close = talked & Q(tie_strength__gte=MODERATE_FROM)
    at = Q(organization__name=employer.name) if employer else Q(pk__in=[])
    circles = {f"circle_{c}": Count("pk", filter=Q(circle=c)) for c in taxonomy.CIRCLE_INTERVALS}
    return _active(owner).aggregate(
        people=Count("pk"),
        new=Count("pk", filter=Q(last_interaction_at__isnull=True)),
        dormant=Count("pk", filter=Q(last_interaction_at__lt=cutoff)),
        strong=Count("pk", filter=talked & Q(tie_strength__gte=STRONG_FROM)),
        moderate=Count("pk", filter=close & Q(tie_strength__lt=STRONG_FROM)),
        weak=Count("pk", filter=talked & Q(tie_strength__lt=MODERATE_FROM)),
        close=Count("pk", filter=close),
        close_at_employer=Count("pk", filter=close & at),
        on_time=Count("pk", filter=rhythm & Q(next_due_on__gte=today)),
        overdue=Count("pk", filter=rhythm & Q(next_due_on__lt=today)),
        **circles,
    )


def _category() -> Case:
    return Case(
        *[
            When(type__in=[t.code for t in taxonomy.types_in(c)], then=Value(c.value))
            for c in taxonomy.Category
        ],
        output_field=CharField(),
    )


def _typed(owner):
    return PersonType.objects.filter(owner=owner, person__archived_at__isnull=True)


def _type_counts(owner) -> dict[str, int]:
    rows = _typed(owner).values("type").annotate(n=Count("id")).order_by()
    return {r["type"]: r["n"] for r in rows}


def _by_category(owner, today: dt.date) -> list[dict]:
    """Per category, in one pass: its people, and those with a follow-up rhythm on time or
    overdue (a person counts once in each category they hold)."""
    rhythm = Q(person__followup_interval_days__isnull=False, person__next_due_on__isnull=False)
    return list(
        _typed(owner)
        .annotate(category=_category())
        .values("category")
        .annotate(
            people=Count("person_id", distinct=True),
            on_time=Count(
                "person_id", distinct=True, filter=rhythm & Q(person__next_due_on__gte=today)
            ),
            overdue=Count(
                "person_id", distinct=True, filter=rhythm & Q(person__next_due_on__lt=today)
            ),
        )
        .order_by()
    )


def _advocates(owner) -> tuple[int, list[str]]:
    """Everyone who refers you or is your reference, and the names of those who are family."""
    referrers = Referral.objects.filter(
        owner=owner, direction__in=(Referral.ASKED, Referral.RECEIVED)
    ).values_list("person_id", flat=True)
    references = (
        Vouch.objects.filter(owner=owner, kind=Vouch.REFERENCE)
        .exclude(agreed=False)
        .values_list("person_id", flat=True)
    )
    linked = OpportunityPerson.objects.filter(owner=owner, role__in=ADVOCATE_ROLES).values_list(
        "person_id", flat=True
    )
    ids = set(referrers.union(references, linked))
    family = in_chunks(
        ids,
        lambda chunk: Person.objects.filter(
            owner=owner, pk__in=chunk, types__type="family"
        ).values_list("display_name", flat=True),
    )
    return len(ids), sorted(family, key=str.casefold)


def _dormant(owner, cutoff: dt.datetime) -> list[PastTie]:
    """The history of each dormant person with enough talks to have been a strong tie."""
    dormant = _active(owner).filter(last_interaction_at__lt=cutoff).values("pk")
    rows = (
        Participant.objects.filter(person__owner=owner, person_id__in=dormant)
        .values("person_id", "person__display_name")
        .annotate(talks=Count("id"), first=Min("occurred_at"), last=Max("occurred_at"))
        .filter(talks__gte=FORMER_STRONG_TALKS)
        .order_by()
    )
    return [
        PastTie(
            r["person_id"],
            r["person__display_name"],
            r["talks"],
            timezone.localdate(r["first"]),
            timezone.localdate(r["last"]),
        )
        for r in rows
    ]


def _month_starts(today: dt.date) -> list[dt.date]:
    starts, year, month = [], today.year, today.month
    for _ in range(MONTHS):
        starts.append(dt.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return starts[::-1]


def _touches(owner, today: dt.date) -> list[tuple[str, int]]:
    """Interactions a month over the last 12 months (this one so far): a count of one range of
    the (owner, when) index each, cheaper than grouping every row by its month."""
    starts = _month_starts(today)
    ends = [*starts[1:], today + dt.timedelta(days=1)]
    mine = Interaction.objects.filter(owner=owner)
    return [
        (
            start.strftime("%Y-%m"),
            mine.filter(occurred_at__gte=_midnight(start), occurred_at__lt=_midnight(end)).count(),
        )
        for start, end in zip(starts, ends, strict=True)
    ]


# -- the graph -------------------------------------------------------------------------------------


def _brokerage(owner, cutoff: dt.datetime) -> graph.Brokerage:
    """The closest ties (by tie strength, talked to within three years), everyone tied to them
    by a relationship, a shared interaction or a shared event, and the relationships among those."""
    closest = list(
        _active(owner)
        .filter(last_interaction_at__gte=cutoff)
        .order_by("-tie_strength", "pk")
        .values_list("pk", "display_name")[: graph.EGO_SIZE]
    )
    contacts = [pk for pk, _ in closest]
    edges = _relationship_edges(owner, contacts) | _shared_edges(owner, contacts)
    neighbours = _most_linked(edges, set(contacts))
    if neighbours:
        edges |= _relationship_edges(owner, neighbours, among=True)
    nodes = {node for edge in edges for node in edge}
    names = dict(
        in_chunks(
            nodes,
            lambda ids: Person.objects.filter(owner=owner, pk__in=ids).values_list(
                "pk", "display_name"
            ),
        )
    )
    return graph.brokerage(contacts=contacts, edges=edges, names=names | dict(closest))


def _relationship_edges(owner, ids: list[int], *, among: bool = False) -> set[tuple[int, int]]:
    ties = Relationship.objects.filter(owner=owner)
    pairs = ("from_person_id", "to_person_id")
    outgoing = in_chunks(
        ids, lambda chunk: ties.filter(from_person_id__in=chunk).values_list(*pairs)
    )
    if among:
        wanted = set(ids)
        return graph.undirected((a, b) for a, b in outgoing if b in wanted)
    incoming = in_chunks(ids, lambda chunk: ties.filter(to_person_id__in=chunk).values_list(*pairs))
    return graph.undirected([*outgoing, *incoming])


def _shared_edges(owner, contacts: list[int]) -> set[tuple[int, int]]:
    """Ties between people in one interaction or at one event with any of the contacts."""
    # Scoped through the person and the interaction, not the participant's own owner column:
    # SQLite would read that index's every row (a million) instead of the ids'.
    theirs = set(
        Participant.objects.filter(person__owner=owner, person_id__in=contacts).values_list(
            "interaction_id", flat=True
        )
    )
    together = in_chunks(
        sorted(theirs),
        lambda ids: Participant.objects.filter(
            interaction__owner=owner, interaction_id__in=ids
        ).values_list("interaction_id", "person_id"),
    )
    met = EventPerson.objects.filter(owner=owner, role__in=SHARED_EVENT_ROLES)
    at_events = met.filter(
        event_id__in=met.filter(person_id__in=contacts).values("event_id")
    ).values_list("event_id", "person_id")
    groups: dict[tuple[str, int], list[int]] = defaultdict(list)
    for interaction, person in together:
        groups[("i", interaction)].append(person)
    for event, person in at_events:
        groups[("e", event)].append(person)
    return graph.group_edges(groups.values(), largest=GROUP_LARGEST)


def _most_linked(edges: set[tuple[int, int]], contacts: set[int]) -> list[int]:
    links = Counter(node for edge in edges for node in edge if node not in contacts)
    return [node for node, _ in links.most_common(NEIGHBOURS_MOST)]

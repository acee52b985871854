"""Reads of people: find one by what the user typed, list with filters, the full record."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Case, F, Prefetch, Q, QuerySet, When
from django.utils import timezone

from tiebook import taxonomy
from tiebook.core.errors import Ambiguous, NotFound, ValidationError
from tiebook.core.params import MAX_ID, whole_number
from tiebook.followups.engine import DORMANT_AFTER_DAYS
from tiebook.people import normalize
from tiebook.people.models import ContactPoint, Person, PersonTag, PersonType, Relationship

MAX_CANDIDATES = 10


def _people(owner, *, include_archived: bool = True) -> QuerySet[Person]:
    rows = Person.objects.filter(owner=owner)
    return rows if include_archived else rows.filter(archived_at__isnull=True)


def person_get(*, owner, person_id: int) -> Person:
    try:
        return _people(owner).select_related("organization").get(pk=person_id)
    except Person.DoesNotExist:
        raise NotFound(f"No person with id {person_id}.") from None


def person_resolve(*, owner, ref: str) -> Person:
    """An id, or a unique fragment of a name or an email address."""
    text = (ref or "").strip()
    if not text:
        raise ValidationError("Name a person: an id, or part of their name or email.")
    if text.isascii() and text.isdigit():  # an id; '²' is a digit to isdigit() alone
        person_id = whole_number(text, maximum=MAX_ID)
        if person_id is None:  # 0, or longer than any id
            raise NotFound(f"No person with id {text}.")
        return person_get(owner=owner, person_id=person_id)
    key = normalize.text_key(text)
    by_email = ContactPoint.objects.filter(
        owner=owner, kind=ContactPoint.EMAIL, normalized__contains=text.casefold()
    ).values("person_id")
    matches = list(
        _people(owner)
        .filter(Q(search_name__contains=key) | Q(pk__in=by_email))
        .select_related("organization")
        # Exact names first so a crowd of fragments cannot push them out of the slice; active
        # people before archived ones on every database (PostgreSQL sorts NULLs last).
        .order_by(
            Case(When(search_name=key, then=0), default=1),
            F("archived_at").asc(nulls_first=True),
            "search_name",
            "pk",
        )[: MAX_CANDIDATES + 1]
    )
    return _pick(text, key, matches)


def _pick(text: str, key: str, matches: list[Person]) -> Person:
    if not matches:
        raise NotFound(f"No one matches '{text}'.", hint="Try 'tiebook list' to see everyone.")
    if len(matches) == 1:
        return matches[0]
    exact = [p for p in matches if p.search_name == key]
    active = [p for p in matches if p.archived_at is None]
    if len(exact) == 1:
        return exact[0]
    if len(active) == 1:
        return active[0]
    shown = matches[:MAX_CANDIDATES]
    count = f"more than {MAX_CANDIDATES}" if len(matches) > MAX_CANDIDATES else str(len(shown))
    raise Ambiguous(
        f"'{text}' matches {count} people; use an id or more of the name.",
        candidates=[_candidate(p) for p in shown],
    )


def _candidate(person: Person) -> str:
    org = f", {person.organization.name}" if person.organization_id else ""
    archived = " (archived)" if person.archived_at else ""
    return f"{person.pk}  {person.display_name}{org}{archived}"


@dataclass(frozen=True)
class PeopleFilter:
    category: str | None = None
    type: str | None = None
    tag: str | None = None
    organization: str | None = None
    due_by: dt.date | None = None  # due on or before this day
    dormant_on: dt.date | None = None  # dormant as of this day
    include_archived: bool = False
    query: str | None = None  # the search box's words, as typed
    # The people the words match, as a subquery of ids: the search index answers `query`
    # (tiebook.search.selectors.people_page), this list only narrows to its answer.
    within: Any = None
    circle: int | None = None
    sort: str = "name"  # name, due, last, strength


@dataclass
class PeoplePage:
    people: list[Person]
    total: int
    limit: int
    offset: int = 0
    filters: PeopleFilter = field(default_factory=PeopleFilter)


def _filtered(owner, filters: PeopleFilter) -> QuerySet[Person]:
    rows = _people(owner, include_archived=filters.include_archived)
    if filters.category:
        codes = [t.code for t in taxonomy.types_in(taxonomy.parse_category(filters.category))]
        rows = rows.filter(
            pk__in=PersonType.objects.filter(owner=owner, type__in=codes).values("person_id")
        )
    if filters.type:
        code = taxonomy.parse_type(filters.type)
        rows = rows.filter(
            pk__in=PersonType.objects.filter(owner=owner, type=code).values("person_id")
        )
    if filters.tag:
        rows = rows.filter(
            pk__in=PersonTag.objects.filter(
                owner=owner, tag__name_key=normalize.text_key(filters.tag)
            ).values("person_id")
        )
    if filters.organization:
        rows = rows.filter(
            organization__name_key__contains=normalize.text_key(filters.organization)
        )
    if filters.circle:
        rows = rows.filter(circle=filters.circle)
    if filters.within is not None:
        rows = rows.filter(pk__in=filters.within)
    if filters.due_by:
        rows = rows.filter(next_due_on__lte=filters.due_by)
    if filters.dormant_on:
        # Dormant by local day, as engine.is_dormant counts: any hour of the last dormant day.
        first_awake_day = filters.dormant_on - dt.timedelta(days=DORMANT_AFTER_DAYS - 1)
        cutoff = timezone.make_aware(dt.datetime.combine(first_awake_day, dt.time.min))
        rows = rows.filter(last_interaction_at__lt=cutoff)
    return rows


SORTS = {
    "name": ("search_name", "pk"),
    "due": (F("next_due_on").asc(nulls_last=True), "search_name", "pk"),
    "last": (F("last_interaction_at").desc(nulls_last=True), "search_name", "pk"),
    "strength": ("-tie_strength", "search_name", "pk"),
}


def people_list(*, owner, filters: PeopleFilter, limit: int = 50, offset: int = 0) -> PeoplePage:
    """One page of people, by name, with their organisation, types and tags (four queries)."""
    if limit < 1:
        raise ValidationError("The limit must be at least 1.", field="limit")
    rows = _filtered(owner, filters)
    total = active_count(owner) if filters == PeopleFilter(sort=filters.sort) else rows.count()
    page = list(
        rows.select_related("organization")
        .prefetch_related(
            Prefetch("types", queryset=PersonType.objects.filter(owner=owner).order_by("id")),
            Prefetch(
                "person_tags",
                queryset=PersonTag.objects.filter(owner=owner)
                .select_related("tag")
                .order_by("tag__name_key"),
            ),
        )
        .order_by(*SORTS.get(filters.sort, SORTS["name"]))[offset : offset + limit]
    )
    return PeoplePage(people=page, total=total, limit=limit, offset=offset, filters=filters)


def person_with_details(*, owner, person_id: int) -> Person:
    """One person with everything the record page shows, in a fixed number of queries."""
    try:
        return (
            _people(owner)
            .select_related("organization", "introduced_by")
            .prefetch_related(
                Prefetch("types", queryset=PersonType.objects.filter(owner=owner).order_by("id")),
                Prefetch(
                    "contact_points",
                    queryset=ContactPoint.objects.filter(owner=owner).order_by(
                        "kind", "-is_primary", "id"
                    ),
                ),
                Prefetch(
                    "person_tags",
                    queryset=PersonTag.objects.filter(owner=owner)
                    .select_related("tag")
                    .order_by("tag__name_key"),
                ),
                Prefetch(
                    "ties_out",
                    queryset=Relationship.objects.filter(owner=owner).select_related("to_person"),
                ),
                Prefetch(
                    "ties_in",
                    queryset=Relationship.objects.filter(owner=owner).select_related("from_person"),
                ),
            )
            .get(pk=person_id)
        )
    except Person.DoesNotExist:
        raise NotFound(f"No person with id {person_id}.") from None


def people_list_by_ids(*, owner, ids: list[int]) -> list[Person]:
    """These people, in the order given, with their organisation."""
    found = {p.pk: p for p in _people(owner).select_related("organization").filter(pk__in=ids)}
    return [found[i] for i in ids if i in found]


def active_count(owner) -> int:
    """How many active people the owner has, as the database keeps it counted (a count of
    100,000 rows would read them all; see people/migrations/0006_kept_counts.py)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT active FROM people_tally WHERE owner_id = %s", [owner.pk])
        found = cursor.fetchone()
    return int(found[0]) if found else 0


def people_count(*, owner, include_archived: bool = True) -> int:
    return _people(owner, include_archived=include_archived).count()


# -- ties between people --------------------------------------------------------------------------

PICK_LIMIT = 6  # people a picker offers at once: a phone screen's worth


def people_named(
    *, owner, query: str, exclude_id: int | None = None, limit: int = PICK_LIMIT
) -> list[Person]:
    """A few active people whose name holds every word typed, for a person picker."""
    words = [normalize.text_key(w) for w in (query or "").split()]
    words = [w for w in words if w]
    if not words:
        return []
    rows = _people(owner, include_archived=False)
    for word in words:
        rows = rows.filter(search_name__contains=word)
    if exclude_id is not None:
        rows = rows.exclude(pk=exclude_id)
    key = " ".join(words)
    return list(
        rows.select_related("organization").order_by(
            Case(When(search_name__startswith=key, then=0), default=1), "search_name", "pk"
        )[:limit]
    )


@dataclass(frozen=True)
class Tie:
    """One tie as one person sees it: the other person and how it reads from this side."""

    id: int
    person_id: int  # the other person
    name: str
    relation: str  # "manages", "mentee of", "knows"...
    kind: str  # Relationship.kind
    outgoing: bool  # kept from this person to the other
    source: str  # manual, intro, an import's source

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "person_id": self.person_id,
            "name": self.name,
            "relation": self.relation,
            "kind": self.kind,
            "source": self.source,
        }


def person_relationships(*, owner, person: Person) -> list[Tie]:
    """Every tie of one person, by the other's name, in one query."""
    from tiebook.people.models import Relationship
    from tiebook.people.ties import tie_label

    rows = (
        Relationship.objects.filter(owner=owner)
        .filter(Q(from_person=person) | Q(to_person=person))
        .select_related("from_person", "to_person")
    )
    found = []
    for row in rows:
        outgoing = row.from_person_id == person.pk
        other = row.to_person if outgoing else row.from_person
        found.append(
            Tie(
                id=row.pk,
                person_id=other.pk,
                name=other.display_name,
                relation=tie_label(row.kind, outgoing=outgoing),
                kind=row.kind,
                outgoing=outgoing,
                source=row.source,
            )
        )
    return sorted(found, key=lambda t: (t.name.casefold(), t.relation, t.id))

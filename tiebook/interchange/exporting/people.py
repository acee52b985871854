"""Reading people out for export: plain records, in chunks, a fixed number of queries a chunk."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from tiebook import taxonomy
from tiebook.people.models import ContactPoint, Person, PersonTag, PersonType, Relationship

# people.selectors keeps its filtering private; exporting needs the query, not a page of it.
from tiebook.people.selectors import SORTS, PeopleFilter
from tiebook.people.selectors import _filtered as filtered_people

CHUNK = 500  # people per round of queries; well inside every database's limit on parameters
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://tiebook.invalid/exports")


def stable_uid(owner_id: int, *parts: object) -> str:
    """The same UUID for the same record of the same owner, export after export."""
    return str(uuid.uuid5(NAMESPACE, "/".join(str(p) for p in (owner_id, *parts))))


def person_uid(owner_id: int, person_id: int) -> str:
    return stable_uid(owner_id, "person", person_id)


@dataclass(frozen=True)
class ExportContact:
    kind: str  # email, phone, url, social, address
    value: str
    label: str
    primary: bool


@dataclass(frozen=True)
class ExportTie:
    kind: str  # Relationship.kind, as seen from the tie's source
    outgoing: bool  # True when the exported person is the tie's source
    person_id: int
    name: str
    uid: str
    exported: bool  # the other person is in the same export

    @property
    def relation(self) -> str:
        """The tie in words, from the exported person's side: 'reports to', 'manages'..."""
        if self.outgoing:
            return dict(Relationship.KINDS)[self.kind]
        return Relationship.REVERSE_LABELS[self.kind]


@dataclass(frozen=True)
class ExportPerson:
    id: int
    uid: str
    name: str
    given_name: str
    family_name: str
    nickname: str
    organization: str
    department: str
    title: str
    location: str
    birthday: tuple[int | None, int | None, int | None] | None  # (year, month, day)
    how_met: str
    notes: str
    expertise: list
    types: tuple[str, ...]  # type codes, in the order they were given
    tags: tuple[str, ...]
    contacts: tuple[ExportContact, ...]  # by kind, the primary first
    ties: tuple[ExportTie, ...]
    circle: int | None
    interval_days: int | None  # the follow-up interval in effect
    last_interaction_at: dt.datetime | None
    next_due_on: dt.date | None
    snoozed_until: dt.date | None
    tie_strength: int
    archived_at: dt.datetime | None
    created_at: dt.datetime
    updated_at: dt.datetime

    def contacts_of(self, *kinds: str) -> list[ExportContact]:
        return [c for c in self.contacts if c.kind in kinds]

    @property
    def type_labels(self) -> list[str]:
        return [taxonomy.BY_CODE[code].label for code in self.types]

    @property
    def categories(self) -> list[str]:
        """The categories of the person's types, in the taxonomy's order."""
        held = {taxonomy.BY_CODE[code].category for code in self.types}
        return [c.value for c in taxonomy.Category if c in held]

    @property
    def last_contact_on(self) -> dt.date | None:
        moment = self.last_interaction_at
        return timezone.localdate(moment) if moment else None


def people_for_export(*, owner, filters: PeopleFilter | None = None) -> Iterator[ExportPerson]:
    """The owner's people matching `filters` (everyone active by default), in the filter's sort.

    The filters are checked now (an unknown type raises here); the people are read as the
    iterator is consumed, CHUNK at a time."""
    filters = filters or PeopleFilter()
    rows = filtered_people(owner, filters).order_by(*SORTS.get(filters.sort, SORTS["name"]))
    return _people(owner, rows)


def _people(owner, rows: QuerySet[Person]) -> Iterator[ExportPerson]:
    ids = list(rows.values_list("pk", flat=True))
    exported = set(ids)
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        found = {p.pk: p for p in _details(owner, chunk)}
        for pk in chunk:
            if pk in found:  # deleted while exporting
                yield _export_person(owner.pk, found[pk], exported)


def _details(owner, ids: Sequence[int]) -> QuerySet[Person]:
    """These people with everything an export writes: six queries, however many people."""
    mine = {"owner": owner}
    return (
        Person.objects.filter(owner=owner, pk__in=ids)
        .select_related("organization")
        .prefetch_related(
            Prefetch("types", queryset=PersonType.objects.filter(**mine).order_by("id")),
            Prefetch(
                "person_tags",
                queryset=PersonTag.objects.filter(**mine)
                .select_related("tag")
                .order_by("tag__name_key"),
            ),
            Prefetch(
                "contact_points",
                queryset=ContactPoint.objects.filter(**mine).order_by("kind", "-is_primary", "id"),
            ),
            Prefetch(
                "ties_out",
                queryset=Relationship.objects.filter(**mine)
                .select_related("to_person")
                .only("kind", "from_person_id", "to_person__display_name")
                .order_by("id"),
            ),
            Prefetch(
                "ties_in",
                queryset=Relationship.objects.filter(**mine)
                .select_related("from_person")
                .only("kind", "to_person_id", "from_person__display_name")
                .order_by("id"),
            ),
        )
    )


def _birthday(person: Person) -> tuple[int | None, int | None, int | None] | None:
    parts = (person.birthday_year, person.birthday_month, person.birthday_day)
    return None if parts == (None, None, None) else parts


def _ties(owner_id: int, person: Person, exported: set[int]) -> tuple[ExportTie, ...]:
    ends = [(tie, True, tie.to_person) for tie in person.ties_out.all()]
    ends += [(tie, False, tie.from_person) for tie in person.ties_in.all()]
    return tuple(
        ExportTie(
            kind=tie.kind,
            outgoing=outgoing,
            person_id=other.pk,
            name=other.display_name,
            uid=person_uid(owner_id, other.pk),
            exported=other.pk in exported,
        )
        for tie, outgoing, other in ends
    )


def _export_person(owner_id: int, person: Person, exported: set[int]) -> ExportPerson:
    return ExportPerson(
        id=person.pk,
        uid=person_uid(owner_id, person.pk),
        name=person.display_name,
        given_name=person.given_name,
        family_name=person.family_name,
        nickname=person.nickname,
        organization=person.organization.name if person.organization_id else "",
        department=person.department,
        title=person.headline,
        location=person.location,
        birthday=_birthday(person),
        how_met=person.how_met,
        notes=person.notes,
        expertise=person.expertise,
        types=tuple(t.type for t in person.types.all()),
        tags=tuple(pt.tag.name for pt in person.person_tags.all()),
        contacts=tuple(
            ExportContact(c.kind, c.value, c.label, c.is_primary)
            for c in person.contact_points.all()
        ),
        ties=_ties(owner_id, person, exported),
        circle=person.circle,
        interval_days=person.followup_interval_days,
        last_interaction_at=person.last_interaction_at,
        next_due_on=person.next_due_on,
        snoozed_until=person.snoozed_until,
        tie_strength=person.tie_strength,
        archived_at=person.archived_at,
        created_at=person.created_at,
        updated_at=person.updated_at,
    )

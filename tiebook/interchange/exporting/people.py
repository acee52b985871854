"""Reading people out for export: plain records, in chunks, a fixed number of queries a chunk."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.db.models import QuerySet
from django.utils import timezone

from tiebook import taxonomy
from tiebook.core.queries import among
from tiebook.people.models import ContactPoint, Person, PersonTag, PersonType, Relationship

# people.selectors keeps its filtering private; exporting needs the query, not a page of it.
from tiebook.people.selectors import SORTS, PeopleFilter
from tiebook.people.selectors import _filtered as filtered_people

CHUNK = 500  # people per round of queries; well inside every database's limit on parameters
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://tiebook.invalid/exports")
_KIND_LABELS = dict(Relationship.KINDS)


def stable_uid(owner_id: int, *parts: object) -> str:
    """The same UUID for the same record of the same owner, export after export.

    str(uuid.uuid5(NAMESPACE, name)), spelled out: three times as fast without the UUID object,
    and an export of a large network makes one for every person or calendar event."""
    name = "/".join(str(p) for p in (owner_id, *parts))
    digest = bytearray(hashlib.sha1(NAMESPACE.bytes + name.encode("utf-8")).digest()[:16])
    digest[6] = digest[6] & 0x0F | 0x50  # version 5
    digest[8] = digest[8] & 0x3F | 0x80  # the RFC 4122 variant
    h = digest.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def person_uid(owner_id: int, person_id: int) -> str:
    return stable_uid(owner_id, "person", person_id)


# Contacts and ties are named tuples, not dataclasses: a large export makes hundreds of thousands
# of each, and a tuple is made in a third of the time.
class ExportContact(NamedTuple):
    kind: str  # email, phone, url, social, address
    value: str
    label: str
    primary: bool


class ExportTie(NamedTuple):
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
            return _KIND_LABELS[self.kind]
        return Relationship.REVERSE_LABELS[self.kind]


# Slots, not frozen: a frozen dataclass sets each of its 27 fields through object.__setattr__,
# which doubles the cost of making one, and an export makes one per person.
@dataclass(slots=True)
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
        return list(_type_labels(self.types))

    @property
    def categories(self) -> list[str]:
        """The categories of the person's types, in the taxonomy's order."""
        return list(_categories(self.types))

    @property
    def last_contact_on(self) -> dt.date | None:
        moment = self.last_interaction_at
        return timezone.localdate(moment) if moment else None


# Few people have a combination of types that no one else has: remember each one's answers.
@functools.lru_cache(maxsize=1024)
def _type_labels(types: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(taxonomy.BY_CODE[code].label for code in types)


@functools.lru_cache(maxsize=1024)
def _categories(types: tuple[str, ...]) -> tuple[str, ...]:
    held = {taxonomy.BY_CODE[code].category for code in types}
    return tuple(c.value for c in taxonomy.Category if c in held)


def people_for_export(*, owner, filters: PeopleFilter | None = None) -> Iterator[ExportPerson]:
    """The owner's people matching `filters` (everyone active by default), in the filter's sort.

    The filters are checked now (an unknown type raises here); the people are read as the
    iterator is consumed, CHUNK at a time."""
    filters = filters or PeopleFilter()
    rows = filtered_people(owner, filters).order_by(*SORTS.get(filters.sort, SORTS["name"]))
    return _people(owner, rows)


class _Uids(dict):
    """Person id -> UID for one export, each worked out once: the people of a large network are
    each the other end of several ties."""

    def __init__(self, owner_id: int) -> None:
        super().__init__()
        self.owner_id = owner_id

    def __missing__(self, person_id: int) -> str:
        uid = self[person_id] = person_uid(self.owner_id, person_id)
        return uid


def _people(owner, rows: QuerySet[Person]) -> Iterator[ExportPerson]:
    ids = list(rows.values_list("pk", flat=True))
    exported = set(ids)
    uids = _Uids(owner.pk)
    for start in range(0, len(ids), CHUNK):
        yield from _chunk(owner, ids[start : start + CHUNK], exported, uids)


# Plain rows rather than model instances: building and prefetching instances cost an export of a
# large network most of its time. The person's columns that _export_person reads.
_PERSON_COLUMNS = (
    "pk",
    "display_name",
    "given_name",
    "family_name",
    "nickname",
    "organization__name",
    "department",
    "headline",
    "location",
    "birthday_year",
    "birthday_month",
    "birthday_day",
    "how_met",
    "notes",
    "expertise",
    "circle",
    "followup_interval_days",
    "last_interaction_at",
    "next_due_on",
    "snoozed_until",
    "tie_strength",
    "archived_at",
    "created_at",
    "updated_at",
)


@dataclass(frozen=True)
class _Details:
    """A chunk's types, tags, contact points and ties, each a list per person id."""

    types: dict[int, list[str]]
    tags: dict[int, list[str]]
    contacts: dict[int, list[ExportContact]]
    ties: dict[int, list[ExportTie]]


def _chunk(owner, ids: Sequence[int], exported: set[int], uids: _Uids) -> Iterator[ExportPerson]:
    """These people with everything an export writes: six queries, however many people."""
    rows = Person.objects.filter(owner=owner, pk__in=among(ids)).values_list(
        *_PERSON_COLUMNS, named=True
    )
    found = {row.pk: row for row in rows}
    details = _details(owner, ids, exported, uids)
    for pk in ids:
        if pk in found:  # deleted while exporting
            yield _export_person(found[pk], details, uids)


def _details(owner, ids: Sequence[int], exported: set[int], uids: _Uids) -> _Details:
    mine = {"owner": owner, "person_id__in": among(ids)}
    types = PersonType.objects.filter(**mine).order_by("id").values_list("person_id", "type")
    tags = (
        PersonTag.objects.filter(**mine)
        .order_by("tag__name_key")
        .values_list("person_id", "tag__name")
    )
    contacts = (
        ContactPoint.objects.filter(**mine)
        .order_by("kind", "-is_primary", "id")
        .values_list("person_id", "kind", "value", "label", "is_primary")
    )
    return _Details(
        types=_grouped(types),
        tags=_grouped(tags),
        contacts=_grouped((pk, ExportContact(*point)) for pk, *point in contacts),
        ties=_ties(owner, ids, exported, uids),
    )


def _grouped(rows: Iterable[tuple[int, Any]]) -> dict[int, list]:
    """(person id, value) pairs as each person's values, in the order they came."""
    found: dict[int, list] = defaultdict(list)
    for pk, value in rows:
        found[pk].append(value)
    return found


def _ties(owner, ids: Sequence[int], exported: set[int], uids: _Uids) -> dict[int, list[ExportTie]]:
    """Each person's ties: those from them, then those to them, each in the order made."""
    ties = Relationship.objects.filter(owner=owner).order_by("id")
    outgoing = ties.filter(from_person_id__in=among(ids)).values_list(
        "from_person_id", "kind", "to_person_id", "to_person__display_name"
    )
    incoming = ties.filter(to_person_id__in=among(ids)).values_list(
        "to_person_id", "kind", "from_person_id", "from_person__display_name"
    )
    found: dict[int, list[ExportTie]] = defaultdict(list)
    for rows, out in ((outgoing, True), (incoming, False)):
        for pk, kind, other, name in rows:
            found[pk].append(ExportTie(kind, out, other, name, uids[other], other in exported))
    return found


def _birthday(year: int | None, month: int | None, day: int | None) -> tuple | None:
    return None if year is None and month is None and day is None else (year, month, day)


def _export_person(row: Any, details: _Details, uids: _Uids) -> ExportPerson:
    pk = row.pk
    return ExportPerson(
        id=pk,
        uid=uids[pk],
        name=row.display_name,
        given_name=row.given_name,
        family_name=row.family_name,
        nickname=row.nickname,
        organization=row.organization__name or "",
        department=row.department,
        title=row.headline,
        location=row.location,
        birthday=_birthday(row.birthday_year, row.birthday_month, row.birthday_day),
        how_met=row.how_met,
        notes=row.notes,
        expertise=row.expertise,
        types=tuple(details.types.get(pk, ())),
        tags=tuple(details.tags.get(pk, ())),
        contacts=tuple(details.contacts.get(pk, ())),
        ties=tuple(details.ties.get(pk, ())),
        circle=row.circle,
        interval_days=row.followup_interval_days,
        last_interaction_at=row.last_interaction_at,
        next_due_on=row.next_due_on,
        snoozed_until=row.snoozed_until,
        tie_strength=row.tie_strength,
        archived_at=row.archived_at,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )

"""What an import would do, decided before anything is written (and all a dry run shows)."""

from __future__ import annotations

from dataclasses import dataclass, field

from tiebook.interchange.matching import (
    Match,
    NetworkIndex,
    RecordKeys,
    hold,
    match,
    record_keys,
)
from tiebook.interchange.records import ParseResult, PersonRecord, Problem
from tiebook.people import limits
from tiebook.people.models import ContactPoint, Person
from tiebook.people.normalize import tag_key
from tiebook.taxonomy import type_named

# Fields an import may fill on someone already there, and only when they are empty.
FILLABLE = (
    "headline",
    "department",
    "notes",
    "nickname",
    "birthday_year",
    "birthday_month",
    "birthday_day",
)
BIRTHDAY = ("birthday_year", "birthday_month", "birthday_day")


@dataclass
class PersonPlan:
    record: PersonRecord
    keys: RecordKeys
    match: Match
    person: int  # an existing id, or a negative number for someone new in this import
    new_contacts: list[tuple[str, str, str, str]] = field(default_factory=list)  # kind, value,
    # normalized, label
    fills: dict[str, str | int] = field(default_factory=dict)  # field -> value
    new_types: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    organization: str = ""  # set (to create or reuse) when the person has none
    cut: list[str] = field(default_factory=list)  # fields longer than tiebook keeps, cut

    @property
    def is_new(self) -> bool:
        return self.person < 0

    @property
    def changes_something(self) -> bool:
        return bool(
            self.is_new
            or self.new_contacts
            or self.fills
            or self.new_types
            or self.tags
            or self.organization
        )


@dataclass
class Plan:
    people: list[PersonPlan] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def count(self, kind: str) -> int:
        return sum(1 for p in self.people if outcome(p) == kind)


def outcome(plan: PersonPlan) -> str:
    if plan.is_new and plan.match.kind == "new":
        return "created"
    if plan.is_new:
        return "merged"  # a second record of someone new earlier in the same file
    return "updated" if plan.changes_something else "skipped"


@dataclass
class Existing:
    """What the network already holds, as far as matching and filling need to know."""

    index: NetworkIndex
    contacts: set[tuple[int, str, str]]  # (person, kind, normalized)
    fields: dict[int, dict[str, str]]  # person -> fillable fields and organization id
    types: set[tuple[int, str]]
    tags: set[tuple[int, str]]  # (person, tag name_key)


def plan_import(parsed: ParseResult, existing: Existing, progress=None) -> Plan:
    """What each record means for the network; `progress(done, total)` hears every 500."""
    plan = Plan(problems=list(parsed.problems))
    next_new = -1
    total = len(parsed.people)
    for done, record in enumerate(parsed.people):
        if progress and done % 500 == 0:
            progress(done, total)
        normalised = record_keys(record)
        plan.problems += [Problem(record.ref, m) for m in normalised.problems]
        found = match(normalised.keys, existing.index)
        if found.kind == "conflict":
            plan.problems.append(
                Problem(
                    record.ref,
                    f"{record.display_name() or 'A record'}: {found.evidence}.",
                )
            )
            continue
        person = found.person if found.person is not None else next_new
        if found.person is None:
            next_new -= 1
        existing.index.add(person, normalised.keys)
        plan.people.append(_person_plan(record, normalised.keys, found, person, existing))
    return plan


def _person_plan(
    record: PersonRecord, keys: RecordKeys, found: Match, person: int, existing: Existing
) -> PersonPlan:
    item = PersonPlan(record=record, keys=keys, match=found, person=person)
    if len(keys.display) == limits.NAME and len(record.display_name()) > limits.NAME:
        item.cut.append("name")
    for kind, value, normalized, label in keys.contacts:
        if (person, kind, normalized) not in existing.contacts:
            existing.contacts.add((person, kind, normalized))
            item.new_contacts.append((kind, value, normalized, label))
    _plan_fields(item, record, existing)
    return item


FIELD_WORDS = {"headline": "position", "how_met": "how you met"}


def cut_notes(plan: Plan) -> list[str]:
    """One line per record with a text longer than tiebook keeps, saying what was cut."""
    notes = []
    for item in plan.people:
        if item.cut:
            name = item.record.display_name() or "A record"
            name = f"{name[:60]}…" if len(name) > 60 else name
            fields = ", ".join(dict.fromkeys(item.cut))
            notes.append(f"{item.record.ref}: {name}: {fields} cut to the length tiebook keeps.")
    return notes


def _plan_fields(item: PersonPlan, record: PersonRecord, existing: Existing) -> None:
    current = existing.fields.setdefault(item.person, {})
    wanted = (
        ("headline", record.title),
        ("department", record.department),
        ("notes", record.notes),
        ("nickname", record.nickname),
    )
    for name, value in wanted:
        whole = value.strip() if value else ""
        if whole and not current.get(name):
            # Longer than the form would take: cut to the limit rather than lose the record.
            value = whole[: limits.PERSON_FIELDS[name]]
            if len(whole) > len(value):
                item.cut.append(FIELD_WORDS.get(name, name))
            item.fills[name] = value
            current[name] = value
    if record.birthday and not any(current.get(name) for name in BIRTHDAY):
        for name, value in zip(BIRTHDAY, record.birthday, strict=True):
            if value is not None:
                item.fills[name] = current[name] = value
    if record.organization.strip() and not current.get("organization"):
        item.organization = record.organization.strip()[: limits.ORGANIZATION]
        if len(record.organization.strip()) > limits.ORGANIZATION:
            item.cut.append("organisation")
        current["organization"] = item.organization
    # A group, label or category naming a connection type ('Mentors') gives the type.
    named = [code for tag in record.tags if (code := type_named(tag))]
    for code in dict.fromkeys([*record.types, *named]):
        if (item.person, code) not in existing.types:
            existing.types.add((item.person, code))
            item.new_types.append(code)
    for tag in record.tags:
        key = tag_key(tag) if not type_named(tag) else ""
        if key and (item.person, key) not in existing.tags:
            existing.tags.add((item.person, key))
            item.tags.append(tag.strip()[: limits.TAG])
            if len(tag.strip()) > limits.TAG:
                item.cut.append("a tag")


def network_mark(owner) -> tuple:
    """What changes whenever anything matching reads changes: the rows' counts, highest ids
    (ids only grow) and the people's last edit. Equal marks: a plan made between them holds."""
    from django.db.models import Count, Max

    from tiebook.people.models import Organization, PersonTag, PersonType

    mark: list = []
    for model in (Person, ContactPoint, PersonType, PersonTag, Organization):
        extra = {"edited": Max("updated_at")} if model is Person else {}
        row = model.objects.filter(owner=owner).aggregate(n=Count("id"), top=Max("id"), **extra)
        mark.extend(row.values())
    return tuple(mark)


def load_existing(owner) -> Existing:
    """The owner's matching keys and fillable fields, in a handful of queries."""
    from tiebook.people.models import PersonTag, PersonType
    from tiebook.people.normalize import organization_key

    index = NetworkIndex()
    contacts: set[tuple[int, str, str]] = set()
    tables = {"email": index.emails, "phone": index.phones, "social": index.profiles}
    for person, kind, norm in (
        ContactPoint.objects.filter(owner=owner)
        .order_by("id")
        .values_list("person_id", "kind", "normalized")
    ):
        contacts.add((person, kind, norm))
        if kind in tables:
            hold(tables[kind], norm, person)
        if kind == "social":
            index.profiles_of[person].add(norm)
    fields: dict[int, dict[str, str]] = {}
    rows = Person.objects.filter(owner=owner).values(
        "id", "display_name", "organization__name", *FILLABLE
    )
    for row in rows:
        org = row["organization__name"] or ""
        index.add_name(row["id"], row["display_name"], organization_key(org))
        fields[row["id"]] = {**{k: row[k] for k in FILLABLE}, "organization": org}
    types = set(PersonType.objects.filter(owner=owner).values_list("person_id", "type"))
    tags = set(PersonTag.objects.filter(owner=owner).values_list("person_id", "tag__name_key"))
    return Existing(index=index, contacts=contacts, fields=fields, types=types, tags=tags)

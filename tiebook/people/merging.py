"""Merging two records of one person, keeping everything of both; and finding likely pairs."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db import models, transaction

from tiebook.core.errors import ValidationError
from tiebook.core.timeparse import now
from tiebook.interactions.models import KnowledgeShare, Participant, Task, Vouch
from tiebook.people.models import (
    ContactPoint,
    DistinctPair,
    Person,
    PersonTag,
    PersonType,
    Relationship,
)
from tiebook.people.names import CROWD, NameIndex, name_key, names_agree, similar

FILLABLE = (
    "given_name",
    "family_name",
    "nickname",
    "headline",
    "department",
    "location",
    "how_met",
    "birthday_year",
    "birthday_month",
    "birthday_day",
    "circle",
    "interval_days",
    "organization_id",
    "introduced_by_id",
)


def person_merge(*, owner, keep: Person, other: Person) -> Person:
    """Fold `other` into `keep`: every interaction, note, contact point, type, tag, share,
    promise, vouch and relationship of both; `keep`'s own values win, its empty fields are
    filled."""
    if keep.pk == other.pk:
        raise ValidationError("Name two different people to merge.", field="people")
    if keep.owner_id != owner.pk or other.owner_id != owner.pk:
        raise ValidationError("Both people must be in your network.", field="people")
    with transaction.atomic():
        _fields(keep, other)
        _move_unique(ContactPoint, owner, keep, other, ("kind", "normalized"))
        _move_unique(PersonType, owner, keep, other, ("type",))
        _move_unique(PersonTag, owner, keep, other, ("tag_id",))
        _move_unique(Participant, owner, keep, other, ("interaction_id",))
        KnowledgeShare.objects.filter(owner=owner, person=other).update(person=keep)
        Task.objects.filter(owner=owner, person=other).update(person=keep)
        Vouch.objects.filter(owner=owner, person=other).update(person=keep)
        Person.objects.filter(owner=owner, introduced_by=other).update(introduced_by=keep)
        _relationships(owner, keep, other)
        _set_apart(owner, keep, other)
        _move_the_rest(keep, other)
        other.delete()
        keep.save()
        _primaries(keep)
        from tiebook.followups.services import people_refresh_due

        people_refresh_due(owner=owner, people=[keep])
    keep.refresh_from_db()
    return keep


# The references to a person that person_merge moves by hand; any other (the networking apps'
# events, opportunities, credentials, nudges...) is moved by _move_the_rest.
_BY_HAND = {
    (ContactPoint, "person"),
    (PersonType, "person"),
    (PersonTag, "person"),
    (Participant, "person"),
    (KnowledgeShare, "person"),
    (Task, "person"),
    (Vouch, "person"),
    (Person, "introduced_by"),
    (Relationship, "from_person"),
    (Relationship, "to_person"),
    (DistinctPair, "first"),
    (DistinctPair, "second"),
}


def _move_the_rest(keep: Person, other: Person) -> None:
    """Re-point every other reference to `other` at `keep`. Where a uniqueness rule of the
    table would be broken (both were met at one event), `keep`'s row stays and `other`'s goes."""
    for relation in Person._meta.related_objects:
        if not relation.one_to_many and not relation.one_to_one:
            continue
        model, name = relation.related_model, relation.field.name
        if (model, name) in _BY_HAND:
            continue
        rows = model.objects.filter(**{name: other})
        for constraint in model._meta.constraints:
            if isinstance(constraint, models.UniqueConstraint) and name in constraint.fields:
                _drop_clashes(rows, model, constraint, name, keep)
        rows.update(**{name: keep})


def _drop_clashes(rows, model, constraint, name: str, keep: Person) -> None:
    others = [f for f in constraint.fields if f != name]
    kept = model.objects.filter(**{name: keep})
    if constraint.condition is not None:
        kept, rows = kept.filter(constraint.condition), rows.filter(constraint.condition)
    attnames = [model._meta.get_field(f).attname for f in others]
    taken = set(kept.values_list(*attnames)) if attnames else ({()} if kept.exists() else set())
    clashing = [pk for pk, *key in rows.values_list("pk", *attnames) if tuple(key) in taken]
    model.objects.filter(pk__in=clashing).delete()


def _set_apart(owner, keep: Person, other: Person) -> None:
    """Whoever `other` was set apart from, `keep` now is (the decision outlives the merge)."""
    apart = DistinctPair.objects.filter(owner=owner)
    rows = list(apart.filter(first=other).values_list("second_id", flat=True))
    rows += list(apart.filter(second=other).values_list("first_id", flat=True))
    for someone in rows:
        if someone != keep.pk:
            low, high = sorted((keep.pk, someone))
            if not apart.filter(first_id=low, second_id=high).exists():
                DistinctPair.objects.create(owner=owner, first_id=low, second_id=high)


def _fields(keep: Person, other: Person) -> None:
    for name in FILLABLE:
        if getattr(keep, name) in (None, "") and getattr(other, name) not in (None, ""):
            setattr(keep, name, getattr(other, name))
    if other.notes.strip() and other.notes.strip() not in keep.notes:
        keep.notes = "\n\n".join(n for n in (keep.notes.strip(), other.notes.strip()) if n)
    keep.expertise = list(dict.fromkeys([*keep.expertise, *other.expertise]))
    if other.created_at < keep.created_at:
        keep.created_at = other.created_at  # known since the earlier of the two
    if keep.introduced_by_id == other.pk:
        keep.introduced_by = None
    keep.updated_at = now()


def _move_unique(model, owner, keep: Person, other: Person, key: tuple[str, ...]) -> None:
    """Re-point `other`'s rows to `keep`, dropping those `keep` already has."""
    have = set(model.objects.filter(owner=owner, person=keep).values_list(*key))
    for row in model.objects.filter(owner=owner, person=other):
        values = tuple(getattr(row, k) for k in key)
        if values in have:
            row.delete()
        else:
            have.add(values)
            row.person = keep
            if model is ContactPoint:
                row.is_primary = False
            row.save()


def _relationships(owner, keep: Person, other: Person) -> None:
    existing = set(
        Relationship.objects.filter(owner=owner)
        .filter(from_person__in=[keep, other])
        .values_list("from_person_id", "to_person_id", "kind")
    )
    existing |= set(
        Relationship.objects.filter(owner=owner, to_person__in=[keep, other]).values_list(
            "from_person_id", "to_person_id", "kind"
        )
    )
    for tie in Relationship.objects.filter(
        owner=owner, from_person=other
    ) | Relationship.objects.filter(owner=owner, to_person=other):
        a = keep.pk if tie.from_person_id == other.pk else tie.from_person_id
        b = keep.pk if tie.to_person_id == other.pk else tie.to_person_id
        if a == b or (a, b, tie.kind) in existing:
            tie.delete()
            continue
        existing.add((a, b, tie.kind))
        tie.from_person_id, tie.to_person_id = a, b
        tie.save()


def _primaries(person: Person) -> None:
    from tiebook.people.services import _ensure_primaries

    _ensure_primaries(person)


@dataclass(frozen=True)
class DuplicatePair:
    first: Person
    second: Person
    evidence: str
    sure: bool = True  # a shared key and names that agree; False: a guess to review


def pair_set_apart(*, owner, first: Person, second: Person) -> bool:
    """Record that two people are not one person; returns False if it was known already."""
    if first.pk == second.pk:
        raise ValidationError("Name two different people.", field="people")
    if first.owner_id != owner.pk or second.owner_id != owner.pk:
        raise ValidationError("Both people must be in your network.", field="people")
    low, high = sorted((first.pk, second.pk))
    known = DistinctPair.objects.filter(owner=owner, first_id__in=(low, high))
    if known.filter(second_id__in=(low, high)).exists():
        return False
    DistinctPair.objects.create(owner=owner, first_id=low, second_id=high)
    return True


def duplicates_find(*, owner, limit: int = 100) -> list[DuplicatePair]:
    """Pairs that look like one person, surest first: a shared email, phone or profile (an
    email or phone only when the names agree); then the same name; then names one may also go
    by (a nickname, an initial); last, people sharing an email or phone under different names
    (a team mailbox, a landline, or a name changed), all to review. Names
    alone never pair two people whose profiles differ, and a value shared by a crowd (an
    office's switchboard, a common name) pairs nobody: it says nothing about who is who.
    Pairs the owner set apart (pair_set_apart) are left out."""
    # In id order: which of two similar names is indexed first must not depend on the table's
    # physical order (PostgreSQL returns rows as they lie).
    names = dict(
        Person.objects.filter(owner=owner, archived_at__isnull=True)
        .order_by("id")
        .values_list("id", "display_name")
    )
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    profiles: dict[int, set[str]] = defaultdict(set)
    for person_id, kind, norm in ContactPoint.objects.filter(
        owner=owner, kind__in=["email", "phone", "social"]
    ).values_list("person_id", "kind", "normalized"):
        if person_id in names:
            groups[(f"same {kind if kind != 'social' else 'profile'}", norm)].append(person_id)
            if kind == "social":
                profiles[person_id].add(norm)
    strict_names: dict[str, tuple[str, list[int]]] = {}  # name key -> (a name, its people)
    for pk, display in names.items():
        strict = name_key(display)
        groups[("same name", strict)].append(pk)
        strict_names.setdefault(strict, (display, []))[1].append(pk)
    nearby = NameIndex()
    for strict, (display, _) in strict_names.items():
        nearby.add(display, strict)
    pairs: dict[tuple[int, int], tuple[int, str]] = {}  # (a, b) -> (rank, evidence)
    for (why, value), ids in groups.items():
        if len(ids) > CROWD:
            continue
        rank = 1 if why == "same name" else 0
        for a, b in _pairs(ids):
            if rank and _apart(profiles, a, b):
                continue
            if rank == 0 and why != "same profile" and not names_agree(names[a], names[b]):
                # a switchboard, a family landline, a team mailbox: a guess, not a duplicate
                pairs.setdefault((a, b), (3, f"{why}: {value}, but different names"))
                continue
            pairs.setdefault((a, b), (rank, f"{why}: {value}" if rank == 0 else why))
    for strict, (display, a_ids) in strict_names.items():
        for other, other_strict in nearby.near(display):
            b_ids = strict_names[other_strict][1]
            if strict > other_strict or len(a_ids) > CROWD or len(b_ids) > CROWD:
                continue  # each pair of names once; a crowd says nothing
            why = similar(display, other)
            for a in a_ids if why else ():
                for b in b_ids:
                    if not _apart(profiles, a, b):
                        pair = (min(a, b), max(a, b))
                        pairs.setdefault(pair, (2, f"similar names ({why})"))
    for a, b in DistinctPair.objects.filter(owner=owner).values_list("first_id", "second_id"):
        pairs.pop((min(a, b), max(a, b)), None)
    ordered = sorted(pairs.items(), key=lambda item: (item[1][0], item[0]))[:limit]
    shown = {pk for (a, b), _ in ordered for pk in (a, b)}
    people = Person.objects.filter(owner=owner, pk__in=shown).select_related("organization")
    found = {p.pk: p for p in people}
    return [
        DuplicatePair(found[a], found[b], why, sure=rank == 0) for (a, b), (rank, why) in ordered
    ]


def _apart(profiles: dict[int, set[str]], a: int, b: int) -> bool:
    """Both have profiles and none in common: namesakes, two people (as imports judge too)."""
    return bool(profiles[a] and profiles[b] and not profiles[a] & profiles[b])


def _pairs(ids: list[int]):
    ids = sorted(set(ids))
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            yield a, b

"""Writes to people: create, edit, tag, archive, delete. Every function takes the owner."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Q

from tiebook import taxonomy
from tiebook.core.errors import Conflict, NotFound, Problems, ValidationError
from tiebook.core.timeparse import check_duration_days, now, parse_duration
from tiebook.followups.services import people_refresh_due, people_refresh_schedule
from tiebook.people import limits, normalize, ties
from tiebook.people.models import (
    ContactPoint,
    Organization,
    Person,
    PersonTag,
    PersonType,
    Relationship,
    Tag,
)

UNSET = object()


@dataclass(frozen=True)
class ContactInput:
    kind: str
    value: str
    normalized: str


def contact_inputs(
    *,
    emails: Iterable[str] = (),
    phones: Iterable[str] = (),
    urls: Iterable[str] = (),
    problems: Problems | None = None,
) -> list[ContactInput]:
    """Validate and normalise contact points.

    Raises on the first malformed one, or, given `problems`, notes the first of each kind there
    and leaves the malformed ones out.
    """
    check = problems or Problems()
    found = []
    for kind, values, norm in (
        ("email", emails, normalize.normalize_email),
        ("phone", phones, normalize.normalize_phone),
        ("url", urls, normalize.normalize_url),
    ):
        for raw in values:
            value = check.check(norm, raw)
            if value is not None:
                kind_of = normalize.url_kind(value) if kind == "url" else kind
                found.append(ContactInput(kind_of, raw.strip(), value))
    if problems is None:
        check.raise_any()
    return found


def _check_unclaimed(owner, contacts: Sequence[ContactInput], *, exclude: Person | None) -> None:
    """An email or profile already on someone else is a duplicate in the making."""
    keyed = [c for c in contacts if c.kind in ("email", "social")]
    if not keyed:
        return
    taken = ContactPoint.objects.filter(
        owner=owner, kind__in=["email", "social"], normalized__in=[c.normalized for c in keyed]
    ).select_related("person")
    if exclude is not None:
        taken = taken.exclude(person=exclude)
    hit = taken.first()
    if hit:
        raise Conflict(
            f"{hit.value} already belongs to {hit.person.display_name} (id {hit.person_id}).",
            field=hit.kind,
            hint="Edit that person instead, or pass --allow-duplicate.",
        )


def organization_get_or_create(*, owner, name: str) -> Organization:
    clean = normalize.clean_name(name, field="organization")
    org, _ = Organization.objects.get_or_create(
        owner=owner, name_key=normalize.organization_key(clean), defaults={"name": clean}
    )
    return org


def tags_get_or_create(*, owner, names: Iterable[str]) -> list[Tag]:
    wanted: dict[str, str] = {}
    for raw in names:
        clean = normalize.clean_name(raw, field="tag")
        wanted.setdefault(normalize.tag_key(clean), clean)
    if not wanted:
        return []
    existing = {t.name_key: t for t in Tag.objects.filter(owner=owner, name_key__in=wanted)}
    missing = [Tag(owner=owner, name=n, name_key=k) for k, n in wanted.items() if k not in existing]
    Tag.objects.bulk_create(missing)
    existing.update({t.name_key: t for t in Tag.objects.filter(owner=owner, name_key__in=wanted)})
    return [existing[k] for k in wanted]


@dataclass
class PersonInput:
    """What a person is created with; every field optional but the name."""

    name: str
    types: Sequence[str] = ()
    organization: str | None = None
    headline: str = ""
    emails: Sequence[str] = ()
    phones: Sequence[str] = ()
    urls: Sequence[str] = ()
    tags: Sequence[str] = ()
    interval_days: int | str | None = None  # days, or a duration as typed: '30d', '2w'
    circle: int | str | None = None
    notes: str = ""
    birthday: str = ""  # as typed: 1990-03-15, or 03-15 without the year
    how_met: str = ""
    expertise: Sequence[str] = ()  # topics they know about: "kubernetes", "VAT"
    extra: dict = field(default_factory=dict)


def _validated_interval(days: int | str | None) -> int | None:
    if isinstance(days, str):
        return parse_duration(days.strip(), field="every") if days.strip() else None
    if days is not None and (not isinstance(days, int) or days < 1):
        raise ValidationError(
            f"The follow-up interval must be at least one day; got {days!r}.", field="every"
        )
    if days is not None:
        check_duration_days(days, shown=f"{days:,} days", field="every")
    return days


def _validated_types(raw: Iterable[str]) -> list[str]:
    codes: list[str] = []
    for value in raw:
        code = taxonomy.parse_type(value)
        if code not in codes:
            codes.append(code)
    return codes


def _headline(raw: object) -> str:
    text = str(raw or "").strip()
    return limits.check_length(
        text, limit=limits.HEADLINE, label="Position or headline", field="title"
    )


def _notes(raw: object) -> str:
    return limits.check_length(
        str(raw or "").strip(), limit=limits.NOTES, label="Notes", field="notes"
    )


def _how_met(raw: object) -> str:
    return limits.check_length(
        str(raw or "").strip(), limit=limits.HOW_MET, label="How you met", field="how_met"
    )


def expertise_topics(raw: object) -> list[str]:
    """Topics as typed (a list, or one text split at commas and lines), trimmed, each once
    whatever its case, in the order given."""
    values = raw.replace("\n", ",").split(",") if isinstance(raw, str) else list(raw or ())
    topics: dict[str, str] = {}
    for value in values:
        topic = " ".join(str(value).split())
        if not topic:
            continue
        limits.check_length(
            topic, limit=limits.EXPERTISE_TOPIC, label="An expertise topic", field="expertise"
        )
        topics.setdefault(topic.casefold(), topic)
    if len(topics) > limits.EXPERTISE_TOPICS:
        raise ValidationError(
            f"{len(topics)} expertise topics is too many: at most {limits.EXPERTISE_TOPICS}.",
            field="expertise",
        )
    return list(topics.values())


def _birthday_fields(raw: object) -> dict:
    year, month, day = normalize.parse_birthday(str(raw or "")) or (None, None, None)
    return {"birthday_year": year, "birthday_month": month, "birthday_day": day}


def _validated_circle(circle: int | str | None) -> int | None:
    return None if circle is None else taxonomy.parse_circle(circle)


@dataclass
class _Checked:
    """A person's input once every field has been checked."""

    display: str
    types: list[str]
    contacts: list[ContactInput]
    circle: int | None
    interval_days: int | None
    headline: str
    notes: str
    organization: str
    how_met: str
    birthday: dict  # the three birthday fields
    expertise: list[str]


def _checked(data: PersonInput) -> _Checked:
    """Every field checked before anything is written: raises with all the bad fields at once."""
    problems = Problems()
    checked = _Checked(
        display=problems.check(normalize.clean_name, data.name),
        types=problems.check(_validated_types, data.types),
        contacts=contact_inputs(
            emails=data.emails, phones=data.phones, urls=data.urls, problems=problems
        ),
        circle=problems.check(_validated_circle, data.circle),
        interval_days=problems.check(_validated_interval, data.interval_days),
        headline=problems.check(_headline, data.headline),
        notes=problems.check(_notes, data.notes),
        how_met=problems.check(_how_met, data.how_met),
        birthday=problems.check(_birthday_fields, data.birthday),
        expertise=problems.check(expertise_topics, data.expertise) or [],
        organization=(
            problems.check(normalize.clean_name, data.organization, field="organization")
            if data.organization
            else ""
        ),
    )
    for tag in data.tags:
        problems.check(normalize.clean_name, tag, field="tag")
    problems.raise_any()
    return checked


def person_create(*, owner, data: PersonInput, allow_duplicate: bool = False) -> Person:
    """Add a person with their types, organisation, contact points and tags, all or nothing."""
    checked = _checked(data)
    display, types, contacts = checked.display, checked.types, checked.contacts
    with transaction.atomic():
        if not allow_duplicate:
            _check_unclaimed(owner, contacts, exclude=None)
        given, family = normalize.split_name(display)
        person = Person.objects.create(
            owner=owner,
            display_name=display,
            given_name=given,
            family_name=family,
            search_name=normalize.text_key(display)[: limits.NAME],
            headline=checked.headline,
            organization=(
                organization_get_or_create(owner=owner, name=checked.organization)
                if checked.organization
                else None
            ),
            interval_days=checked.interval_days,
            circle=checked.circle,
            notes=checked.notes,
            created_at=now(),
            # `extra` sets model fields as given (tests, tools): it wins over the checked ones.
            **{
                "how_met": checked.how_met,
                "expertise": checked.expertise,
                **checked.birthday,
                **data.extra,
            },
        )
        PersonType.objects.bulk_create(
            [PersonType(owner=owner, person=person, type=t) for t in types]
        )
        _add_contacts(owner, person, contacts)
        person_tag(owner=owner, people=[person], tags=data.tags)
        people_refresh_due(owner=owner, people=[person])
    person.refresh_from_db()
    return person


def _add_contacts(owner, person: Person, contacts: Sequence[ContactInput]) -> None:
    have = set(ContactPoint.objects.filter(person=person).values_list("kind", "normalized"))
    primary_kinds = {k for k, _ in have}
    rows = []
    for c in contacts:
        if (c.kind, c.normalized) in have:
            continue
        have.add((c.kind, c.normalized))
        rows.append(
            ContactPoint(
                owner=owner,
                person=person,
                kind=c.kind,
                value=c.value,
                normalized=c.normalized,
                is_primary=c.kind not in primary_kinds,
            )
        )
        primary_kinds.add(c.kind)
    ContactPoint.objects.bulk_create(rows)


def _ensure_primaries(person: Person) -> None:
    """Each kind of contact point keeps one primary: the oldest, when the primary was removed."""
    points = list(person.contact_points.order_by("id"))
    kinds_with_primary = {c.kind for c in points if c.is_primary}
    promote, seen = [], set()
    for point in points:
        if point.kind not in kinds_with_primary and point.kind not in seen:
            seen.add(point.kind)
            point.is_primary = True
            promote.append(point)
    ContactPoint.objects.bulk_update(promote, ["is_primary"])


@dataclass
class PersonChanges:
    """An edit: UNSET leaves a field as it is."""

    name: object = UNSET
    organization: object = UNSET  # a name, or "" to clear
    headline: object = UNSET
    notes: object = UNSET
    interval_days: object = UNSET  # days (or a duration as typed: '30d'), or None for the default
    circle: object = UNSET  # 5/15/50/150, or None
    birthday: object = UNSET  # as typed (1990-03-15, 03-15), or "" to clear
    how_met: object = UNSET
    expertise: object = UNSET  # the whole list (or a text of topics split at commas)
    add_expertise: Sequence[str] = ()
    remove_expertise: Sequence[str] = ()
    add_types: Sequence[str] = ()
    remove_types: Sequence[str] = ()
    add_emails: Sequence[str] = ()
    add_phones: Sequence[str] = ()
    add_urls: Sequence[str] = ()
    remove_contacts: Sequence[str] = ()  # values as shown, matched on their normal form
    add_tags: Sequence[str] = ()
    remove_tags: Sequence[str] = ()


def _scalar_changes(changes: PersonChanges, problems: Problems) -> dict:
    fields: dict = {}
    if changes.name is not UNSET:
        display = problems.check(normalize.clean_name, str(changes.name))
        if display is not None:
            given, family = normalize.split_name(display)
            fields.update(
                display_name=display,
                given_name=given,
                family_name=family,
                search_name=normalize.text_key(display)[: limits.NAME],
            )
    if changes.headline is not UNSET:
        fields["headline"] = problems.check(_headline, changes.headline)
    if changes.notes is not UNSET:
        fields["notes"] = problems.check(_notes, changes.notes)
    if changes.how_met is not UNSET:
        fields["how_met"] = problems.check(_how_met, changes.how_met)
    if changes.birthday is not UNSET:
        fields.update(problems.check(_birthday_fields, changes.birthday) or {})
    if changes.interval_days is not UNSET:
        fields["interval_days"] = problems.check(_validated_interval, changes.interval_days)
    if changes.circle is not UNSET:
        fields["circle"] = problems.check(_validated_circle, changes.circle)
    org_name = "" if changes.organization is UNSET else str(changes.organization or "").strip()
    if org_name:
        problems.check(normalize.clean_name, org_name, field="organization")
    for tag in changes.add_tags:
        problems.check(normalize.clean_name, tag, field="tag")
    return fields


def _contact_to_remove(person: Person, raw: str) -> ContactPoint:
    candidates = {c.value.casefold(): c for c in person.contact_points.all()}
    for c in person.contact_points.all():
        candidates.setdefault(c.normalized, c)
    for form in _normal_forms(raw):
        if form in candidates:
            return candidates[form]
    raise ValidationError(f"{person.display_name} has no contact point '{raw}'.", field="contact")


def _normal_forms(raw: str) -> list[str]:
    forms = [raw.strip().casefold()]
    for fn in (normalize.normalize_email, normalize.normalize_phone, normalize.normalize_url):
        try:
            forms.append(fn(raw))
        except ValidationError:
            continue
    return forms


def _expertise_after(person: Person, changes: PersonChanges) -> list[str] | None:
    """The person's topics once the edit is applied; None when it leaves them alone."""
    if changes.expertise is UNSET and not changes.add_expertise and not changes.remove_expertise:
        return None
    start = person.expertise if changes.expertise is UNSET else changes.expertise
    dropped = {t.casefold() for t in expertise_topics(changes.remove_expertise)}
    kept = [t for t in expertise_topics(start) if t.casefold() not in dropped]
    return expertise_topics([*kept, *changes.add_expertise])


def person_update(
    *, owner, person: Person, changes: PersonChanges, allow_duplicate: bool = False
) -> Person:
    """Apply an edit; every field is checked, and all bad ones reported, before any write."""
    problems = Problems()
    fields = _scalar_changes(changes, problems)
    expertise = problems.check(_expertise_after, person, changes)
    if expertise is not None:
        fields["expertise"] = expertise
    add_types = problems.check(_validated_types, changes.add_types)
    remove_types = problems.check(_validated_types, changes.remove_types)
    contacts = contact_inputs(
        emails=changes.add_emails,
        phones=changes.add_phones,
        urls=changes.add_urls,
        problems=problems,
    )
    dropped = [problems.check(_contact_to_remove, person, raw) for raw in changes.remove_contacts]
    problems.raise_any()
    with transaction.atomic():
        if not allow_duplicate:
            _check_unclaimed(owner, contacts, exclude=person)
        if changes.organization is not UNSET:
            org_name = str(changes.organization or "").strip()
            fields["organization"] = (
                organization_get_or_create(owner=owner, name=org_name) if org_name else None
            )
        for key, value in fields.items():
            setattr(person, key, value)
        person.updated_at = now()
        person.save()
        PersonType.objects.filter(person=person, type__in=remove_types).delete()
        PersonType.objects.bulk_create(
            [PersonType(owner=owner, person=person, type=t) for t in add_types],
            ignore_conflicts=True,
        )
        ContactPoint.objects.filter(pk__in=[c.pk for c in dropped]).delete()
        _add_contacts(owner, person, contacts)
        _ensure_primaries(person)
        person_tag(owner=owner, people=[person], tags=changes.add_tags)
        person_untag(owner=owner, people=[person], tags=changes.remove_tags)
        people_refresh_due(owner=owner, people=[person])
    person.refresh_from_db()
    return person


def person_tag(*, owner, people: Sequence[Person], tags: Iterable[str]) -> int:
    """Put tags on people; returns how many new labels were attached."""
    found = tags_get_or_create(owner=owner, names=tags)
    if not found or not people:
        return 0
    before = PersonTag.objects.filter(owner=owner, person__in=people, tag__in=found).count()
    PersonTag.objects.bulk_create(
        [PersonTag(owner=owner, person=p, tag=t) for p in people for t in found],
        ignore_conflicts=True,
    )
    after = PersonTag.objects.filter(owner=owner, person__in=people, tag__in=found).count()
    return after - before


def person_untag(*, owner, people: Sequence[Person], tags: Iterable[str]) -> int:
    keys = [normalize.text_key(t) for t in tags if t.strip()]
    if not keys or not people:
        return 0
    deleted, _ = PersonTag.objects.filter(
        owner=owner, person__in=people, tag__name_key__in=keys
    ).delete()
    return deleted


def person_archive(*, owner, person: Person, archived: bool = True) -> Person:
    person.archived_at = now() if archived else None
    person.updated_at = now()
    person.save(update_fields=["archived_at", "updated_at"])
    return person


def person_delete(*, owner, person: Person) -> None:
    """Delete a person and everything that is only theirs; shared interactions stay for others."""
    from tiebook.interactions.models import Interaction

    with transaction.atomic():
        touched = list(person.participations.values_list("interaction_id", flat=True))
        Person.objects.filter(owner=owner, pk=person.pk).delete()
        Interaction.objects.filter(owner=owner, pk__in=touched, participants__isnull=True).delete()


# -- ties between people, entered by hand ---------------------------------------------------------


def _same_owner(owner, *people: Person) -> None:
    if any(p.owner_id != owner.pk for p in people):
        raise NotFound("One of those people is not in your network.")


def _between(owner, a: Person, b: Person, tie: ties.TieWord | None):
    """The rows that keep "A WORD B" (any tie between them when `tie` is None)."""
    if tie is None:
        pair = Q(from_person=a, to_person=b) | Q(from_person=b, to_person=a)
        return Relationship.objects.filter(pair, owner=owner)
    start, end = ties.tie_ends(tie, a.pk, b.pk)
    pair = Q(from_person_id=start, to_person_id=end)
    if tie.symmetric:
        pair |= Q(from_person_id=end, to_person_id=start)
    return Relationship.objects.filter(pair, owner=owner, kind=tie.kind)


def relationship_add(
    *, owner, person: Person, other: Person, kind: str, source: str = "manual"
) -> Relationship:
    """Record that `person` KIND `other` (kind: one of ties.WORDS, as `tiebook relate` takes)."""
    tie = ties.tie_word(kind)
    _same_owner(owner, person, other)
    if person.pk == other.pk:
        raise ValidationError("A tie needs two different people.", field="other")
    said = f"{person.display_name} {ties.tie_label(tie.kind, outgoing=not tie.backwards)}"
    conflict = Conflict(f"That tie is already there: {said} {other.display_name}.", field="other")
    if _between(owner, person, other, tie).exists():
        raise conflict
    start, end = ties.tie_ends(tie, person.pk, other.pk)
    try:
        with transaction.atomic():
            made = Relationship.objects.create(
                owner=owner, from_person_id=start, to_person_id=end, kind=tie.kind, source=source
            )
            people_refresh_due(owner=owner, people=[person, other])  # mutual ties: tie strength
    except IntegrityError:  # made by another request between the check and the write
        raise conflict from None
    return made


def relationship_remove(*, owner, person: Person, other: Person, kind: str | None = None) -> int:
    """Forget the ties between two people: of one kind (as relationship_add takes it), or all."""
    tie = ties.tie_word(kind) if kind is not None else None
    _same_owner(owner, person, other)
    with transaction.atomic():
        removed, _ = _between(owner, person, other, tie).delete()
        if not removed:
            what = f"'{tie.word}' tie" if tie else "tie"
            raise NotFound(f"{person.display_name} and {other.display_name} have no {what}.")
        people_refresh_due(owner=owner, people=[person, other])
    return removed


def relationship_delete(*, owner, relationship_id: int) -> Relationship:
    """Forget one tie by its id (the remove buttons on a person's page)."""
    tie = Relationship.objects.filter(owner=owner, pk=relationship_id).first()
    if tie is None:
        raise NotFound(f"No tie with id {relationship_id}.")
    with transaction.atomic():
        tie.delete()
        people_refresh_due(owner=owner, people=[tie.from_person_id, tie.to_person_id])
    return tie


# -- circles, set for many people at once -------------------------------------------------------


def people_circle_set(*, owner, circles: Mapping[int, int | str | None]) -> int:
    """Put people in circles (None takes them out), one update per circle and the due dates
    recomputed in bulk; returns how many people it moved. Every circle is checked first."""
    wanted: dict[int | None, list[int]] = {}
    for person_id, circle in circles.items():
        wanted.setdefault(_validated_circle(circle), []).append(int(person_id))
    ids = [pk for group in wanted.values() for pk in group]
    with transaction.atomic():
        found = 0
        for chunk in _chunks(ids):
            found += Person.objects.filter(owner=owner, pk__in=chunk).count()
        if found != len(set(ids)):
            raise NotFound("One of those people is not in your network.")
        stamp = now()
        for circle, group in wanted.items():
            for chunk in _chunks(group):
                Person.objects.filter(owner=owner, pk__in=chunk).update(
                    circle=circle, updated_at=stamp
                )
        people_refresh_schedule(owner=owner, people=ids)
    return len(ids)


def _chunks(ids: Sequence[int], size: int = 2000) -> Iterable[Sequence[int]]:
    """Slices small enough for any database's limit on query parameters."""
    for start in range(0, len(ids), size):
        yield ids[start : start + size]

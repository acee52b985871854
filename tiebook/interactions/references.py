"""References: people who agreed to speak for a skill of the owner's, and when they last said
they still would. A reference is a Vouch of kind "reference"; the endorsements and
recommendations imported from LinkedIn are where to start recruiting them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Prefetch

from tiebook import taxonomy
from tiebook.core.errors import NotFound, ValidationError
from tiebook.core.timeparse import now
from tiebook.interactions.models import Vouch
from tiebook.people.models import ContactPoint, Person

SKILL_MAX = 200
CURRENT, ASK_AGAIN = "reference", "ask again"
REFERENCE_MONTHS = 12  # how long a reference's yes is good for


# -- deciding (pure) -----------------------------------------------------------------------------


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` earlier (the month's last day when it has no such day)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    for last in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month + 1, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("every month has a 28th")


def reference_standing(
    *, agreed: bool | None, confirmed_on: dt.date | None, asked_on: dt.date | None, today: dt.date
) -> tuple[str, str]:
    """(CURRENT or ASK_AGAIN, why): a reference counts when they agreed and confirmed it within
    the last twelve months, confirmation day included."""
    if agreed is False:
        return ASK_AGAIN, "declined" + (
            f" when asked on {asked_on.isoformat()}" if asked_on else ""
        )
    if agreed is None:
        return ASK_AGAIN, "no answer yet" + (f" (asked {asked_on.isoformat()})" if asked_on else "")
    if confirmed_on is None:
        return ASK_AGAIN, "agreed, never confirmed"
    if confirmed_on < months_before(today, REFERENCE_MONTHS):
        return ASK_AGAIN, f"last confirmed {confirmed_on.isoformat()}, over 12 months ago"
    return CURRENT, f"confirmed {confirmed_on.isoformat()}"


# -- writes --------------------------------------------------------------------------------------


def _skill(raw: str) -> str:
    skill = " ".join((raw or "").split())
    if not skill:
        raise ValidationError("Name the skill they would speak for (--skill).", field="skill")
    if len(skill) > SKILL_MAX:
        raise ValidationError(
            f"The skill is longer than {SKILL_MAX} characters; name it in a few words.",
            field="skill",
        )
    return skill


def _not_after(day: dt.date | None, today: dt.date, *, field: str) -> None:
    if day is not None and day > today:
        raise ValidationError(f"{day.isoformat()} is in the future.", field=field)


def _mine(owner, person: Person) -> None:
    if person.owner_id != owner.pk:
        raise NotFound("That person is not in your network.")


def _existing(owner, person: Person, skill: str) -> Vouch | None:
    return (
        Vouch.objects.filter(owner=owner, person=person, kind=Vouch.REFERENCE, skill__iexact=skill)
        .order_by("id")
        .first()
    )


def reference_add(
    *,
    owner,
    person: Person,
    skill: str,
    today: dt.date,
    agreed: bool | None = None,
    confirmed_on: dt.date | None = None,
    asked_on: dt.date | None = None,
) -> tuple[Vouch, bool]:
    """Record that this person was asked to be a reference for a skill (and their answer), or
    update their answer; (the reference, whether it is new). Agreeing counts as confirming on
    that day unless `confirmed_on` says when."""
    _mine(owner, person)
    skill = _skill(skill)
    if confirmed_on is not None and agreed is False:
        raise ValidationError(
            "Someone who declined cannot have confirmed; drop --confirmed or --declined.",
            field="confirmed",
        )
    _not_after(confirmed_on, today, field="confirmed")
    _not_after(asked_on, today, field="asked")
    if confirmed_on is not None:
        agreed = True
    if agreed is True and confirmed_on is None:
        confirmed_on = today
    with transaction.atomic():
        found = _existing(owner, person, skill)
        if found is None:
            created = Vouch.objects.create(
                owner=owner,
                person=person,
                kind=Vouch.REFERENCE,
                skill=skill,
                asked_on=asked_on or confirmed_on or today,
                agreed=agreed,
                confirmed_on=confirmed_on,
                created_at=now(),
            )
            return created, True
        found.asked_on = asked_on or found.asked_on or today
        if agreed is not None:
            found.agreed = agreed
        found.confirmed_on = None if agreed is False else (confirmed_on or found.confirmed_on)
        found.save(update_fields=["asked_on", "agreed", "confirmed_on"])
    return found, False


def reference_confirm(
    *, owner, person: Person, today: dt.date, skill: str | None = None, on: dt.date | None = None
) -> list[Vouch]:
    """They said again that they will be a reference: for this skill, or for every skill they
    are a reference for."""
    _mine(owner, person)
    _not_after(on, today, field="on")
    rows = Vouch.objects.filter(owner=owner, person=person, kind=Vouch.REFERENCE)
    if skill is not None:
        rows = rows.filter(skill__iexact=_skill(skill))
    found = list(rows.order_by("skill", "id"))
    if not found:
        what = f" for {skill.strip()}" if skill else ""
        raise NotFound(
            f"{person.display_name} is not a reference{what} yet; "
            f"add them with 'tiebook reference add'."
        )
    for vouch in found:
        vouch.agreed, vouch.confirmed_on = True, on or today
    Vouch.objects.bulk_update(found, ["agreed", "confirmed_on"])
    return found


def reference_delete(*, owner, reference: Vouch) -> None:
    if reference.owner_id != owner.pk or reference.kind != Vouch.REFERENCE:
        raise NotFound(f"No reference with number {reference.pk}.")
    reference.delete()


# -- reads ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReferenceRow:
    id: int
    person_id: int
    name: str
    headline: str
    organization: str
    email: str
    phone: str
    skill: str
    how_they_know_you: str
    asked_on: dt.date | None
    agreed: bool | None
    confirmed_on: dt.date | None
    status: str  # CURRENT or ASK_AGAIN
    why: str


@dataclass(frozen=True)
class StartingPoint:
    """Someone who endorsed or recommended the owner and is not a reference yet."""

    person_id: int
    name: str
    vouched: str  # "endorsed Python, SQL; recommended you"


@dataclass(frozen=True)
class ReferenceList:
    references: list[ReferenceRow]  # agreed and confirmed within twelve months
    ask_again: list[ReferenceRow]
    could_ask: list[StartingPoint]
    skill: str | None
    today: dt.date


def _primary(person: Person, kind: str) -> str:
    points = [c for c in person.contact_points.all() if c.kind == kind]
    points.sort(key=lambda c: (not c.is_primary, c.id))
    return points[0].value if points else ""


def how_they_know_you(person: Person) -> str:
    """Their connection types, then how you met: 'Mentor, educator; met at Yale in 1985'."""
    labels = [
        taxonomy.BY_CODE[t.type].label for t in person.types.all() if t.type in taxonomy.BY_CODE
    ]
    kinds = ", ".join(labels).capitalize()
    met = " ".join(person.how_met.split())
    return "; ".join(part for part in (kinds, met) if part)


def _row(vouch: Vouch, today: dt.date) -> ReferenceRow:
    person = vouch.person
    status, why = reference_standing(
        agreed=vouch.agreed, confirmed_on=vouch.confirmed_on, asked_on=vouch.asked_on, today=today
    )
    return ReferenceRow(
        id=vouch.pk,
        person_id=person.pk,
        name=person.display_name,
        headline=person.headline,
        organization=person.organization.name if person.organization else "",
        email=_primary(person, ContactPoint.EMAIL),
        phone=_primary(person, ContactPoint.PHONE),
        skill=vouch.skill,
        how_they_know_you=how_they_know_you(person),
        asked_on=vouch.asked_on,
        agreed=vouch.agreed,
        confirmed_on=vouch.confirmed_on,
        status=status,
        why=why,
    )


def _with_person(rows):
    return rows.select_related("person", "person__organization").prefetch_related(
        Prefetch("person__contact_points", queryset=ContactPoint.objects.order_by("id")),
        "person__types",
    )


def _could_ask(owner, skill: str | None, recruited: set[int], limit: int) -> list[StartingPoint]:
    rows = Vouch.objects.filter(
        owner=owner, kind__in=[Vouch.ENDORSEMENT, Vouch.RECOMMENDATION]
    ).exclude(person_id__in=recruited)
    if skill:
        rows = rows.filter(skill__icontains=skill) | rows.filter(
            kind=Vouch.RECOMMENDATION, text__icontains=skill
        )
    said: dict[int, tuple[str, list[str], bool]] = {}
    for person_id, name, kind, what in rows.order_by("person__display_name", "skill").values_list(
        "person_id", "person__display_name", "kind", "skill"
    ):
        _, skills, recommended = said.setdefault(person_id, (name, [], False))
        if kind == Vouch.ENDORSEMENT and what and what not in skills:
            skills.append(what)
        said[person_id] = (name, skills, recommended or kind == Vouch.RECOMMENDATION)
    points = []
    for person_id, (name, skills, recommended) in list(said.items())[:limit]:
        parts = [f"endorsed {', '.join(skills)}"] if skills else []
        parts += ["recommended you"] if recommended else []
        points.append(StartingPoint(person_id, name, "; ".join(parts)))
    return points


def references_list(
    *, owner, today: dt.date, skill: str | None = None, could_ask: int = 50
) -> ReferenceList:
    """The reference list (agreed, confirmed within twelve months), those to ask again, and the
    endorsers and recommenders not asked yet; for one skill (any skill containing it) or all."""
    skill = " ".join(skill.split()) if skill else None
    rows = Vouch.objects.filter(owner=owner, kind=Vouch.REFERENCE)
    if skill:
        rows = rows.filter(skill__icontains=skill)
    found = [_row(v, today) for v in _with_person(rows).order_by("skill", "person__display_name")]
    recruited = set(
        Vouch.objects.filter(owner=owner, kind=Vouch.REFERENCE).values_list("person_id", flat=True)
    )
    return ReferenceList(
        references=[r for r in found if r.status == CURRENT],
        ask_again=[r for r in found if r.status == ASK_AGAIN],
        could_ask=_could_ask(owner, skill, recruited, could_ask),
        skill=skill,
        today=today,
    )


def person_references(*, owner, person: Person, today: dt.date) -> list[ReferenceRow]:
    rows = Vouch.objects.filter(owner=owner, person=person, kind=Vouch.REFERENCE)
    return [_row(v, today) for v in _with_person(rows).order_by("skill", "id")]


def reference_get(*, owner, reference_id: int) -> Vouch:
    found = (
        Vouch.objects.filter(owner=owner, pk=reference_id, kind=Vouch.REFERENCE)
        .select_related("person")
        .first()
    )
    if found is None:
        raise NotFound(f"No reference with number {reference_id}.")
    return found

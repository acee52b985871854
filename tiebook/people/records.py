"""The whole record of one person, as every interface shows it (and its JSON form)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from tiebook import taxonomy
from tiebook.followups import engine
from tiebook.followups.services import followup_state, open_reasons, type_intervals_for
from tiebook.interactions import selectors as interaction_selectors
from tiebook.interactions.models import Interaction, KnowledgeShare, Task, Vouch
from tiebook.interactions.references import person_references
from tiebook.people.models import Person
from tiebook.people.normalize import birthday_text
from tiebook.people.selectors import person_with_details
from tiebook.people.ties import tie_label


@dataclass
class PersonRecord:
    person: Person
    types: list[str]
    interval: engine.Interval | None
    why: str
    dormant: bool
    interactions: list[Interaction]
    interaction_count: int
    shares: list[KnowledgeShare]
    promises: list[Task]
    today: dt.date
    vouches: list[Vouch] = field(default_factory=list)
    references: list = field(default_factory=list)  # interactions.references.ReferenceRow

    def as_dict(self) -> dict:
        return person_dict(self)


def person_record(*, owner, person_id: int, today: dt.date, timeline: int = 20) -> PersonRecord:
    person = person_with_details(owner=owner, person_id=person_id)
    types = [t.type for t in person.types.all()]
    promises = interaction_selectors.person_open_tasks(owner=owner, person=person)
    owed = tuple(t.description for t in promises if t.direction == Task.I_OWE)
    reasons = open_reasons(owner, [person.pk])[person.pk]
    state = followup_state(person, types, type_intervals_for(owner=owner), reasons)
    state = engine.FollowupState(**{**state.__dict__, "promises_owed": owed})
    last = timezone.localdate(person.last_interaction_at) if person.last_interaction_at else None
    return PersonRecord(
        person=person,
        types=types,
        interval=engine.effective_interval(state),
        why=engine.why(state, today),
        dormant=engine.is_dormant(last, today),
        interactions=interaction_selectors.person_timeline(
            owner=owner, person=person, limit=timeline
        ),
        interaction_count=interaction_selectors.person_interaction_count(
            owner=owner, person=person
        ),
        shares=interaction_selectors.person_shares(owner=owner, person=person),
        promises=promises,
        today=today,
        vouches=interaction_selectors.person_vouches(owner=owner, person=person),
        references=person_references(owner=owner, person=person, today=today),
    )


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    return value.isoformat()


def _contacts(person: Person) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {"emails": [], "phones": [], "urls": []}
    key = {"email": "emails", "phone": "phones", "url": "urls", "social": "urls", "address": "urls"}
    for point in person.contact_points.all():
        found[key[point.kind]].append(
            {
                "value": point.value,
                "kind": point.kind,
                "label": point.label,
                "primary": point.is_primary,
            }
        )
    return found


def _relationships(person: Person) -> list[dict]:
    ties = [
        {
            "person_id": r.to_person_id,
            "name": r.to_person.display_name,
            "relation": tie_label(r.kind, outgoing=True),
        }
        for r in person.ties_out.all()
    ]
    ties += [
        {
            "person_id": r.from_person_id,
            "name": r.from_person.display_name,
            "relation": tie_label(r.kind, outgoing=False),
        }
        for r in person.ties_in.all()
    ]
    return sorted(ties, key=lambda t: (t["name"], t["relation"]))


def interaction_dict(interaction: Interaction, *, exclude_id: int | None = None) -> dict:
    return {
        "id": interaction.pk,
        "kind": interaction.kind,
        "at": _iso(interaction.occurred_at),
        "on": _iso(timezone.localdate(interaction.occurred_at)),
        "direction": interaction.direction,
        "summary": interaction.summary,
        "notes": interaction.notes,
        "with": [
            {"id": p.person_id, "name": p.person.display_name}
            for p in interaction.participants.all()
            if p.person_id != exclude_id
        ],
    }


def task_dict(task: Task) -> dict:
    return {
        "id": task.pk,
        "direction": task.direction,
        "description": task.description,
        "due_on": _iso(task.due_on),
        "done": task.done_at is not None,
    }


def _birthday(person: Person) -> str | None:
    """1990-03-15, or --03-15 without the year (ISO 8601, as exports write it)."""
    text = birthday_text(person.birthday_year, person.birthday_month, person.birthday_day)
    no_year = person.birthday_year is None and person.birthday_day
    return (f"--{text}" if no_year else text) or None


def person_dict(record: PersonRecord) -> dict:
    person = record.person
    interval = record.interval
    return {
        "id": person.pk,
        "name": person.display_name,
        "given_name": person.given_name,
        "family_name": person.family_name,
        "types": record.types,
        "categories": sorted({taxonomy.BY_CODE[t].category.value for t in record.types}),
        "organization": person.organization.name if person.organization_id else None,
        "title": person.headline,
        **_contacts(person),
        "tags": [pt.tag.name for pt in person.person_tags.all()],
        "circle": person.circle,
        "interval_days": interval.days if interval else None,
        "interval_from": interval.reason() if interval else None,
        "added_at": _iso(person.created_at),
        "last_interaction_at": _iso(person.last_interaction_at),
        "next_due_on": _iso(person.next_due_on),
        "snoozed_until": _iso(person.snoozed_until),
        "tie_strength": person.tie_strength,
        "dormant": record.dormant,
        "archived": person.archived_at is not None,
        "why": record.why,
        "notes": person.notes,
        "birthday": _birthday(person),
        "how_met": person.how_met,
        "expertise": list(person.expertise),
        "relationships": _relationships(person),
        "interaction_count": record.interaction_count,
        "interactions": [interaction_dict(i, exclude_id=person.pk) for i in record.interactions],
        "knowledge": [
            {
                "direction": s.direction,
                "title": s.title,
                "link": s.link,
                "on": _iso(timezone.localdate(s.occurred_at)),
            }
            for s in record.shares
        ],
        "promises": [task_dict(t) for t in record.promises],
        "vouches": [
            {"kind": v.kind, "skill": v.skill, "text": v.text, "on": _iso(v.given_on)}
            for v in record.vouches
        ],
        "references": [
            {"id": r.id, "skill": r.skill, "status": r.status, "why": r.why}
            for r in record.references
        ],
    }

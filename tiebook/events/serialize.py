"""Events as JSON: what `--json` prints and the web's JSON twins return."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tiebook.events.models import Event, EventPerson
from tiebook.events.selectors import EventList, EventRecord, EventRow


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    return value.isoformat()


def event_dict(event: Event) -> dict:
    return {
        "id": event.pk,
        "name": event.name,
        "kind": event.kind,
        "starts_on": _iso(event.starts_on),
        "ends_on": _iso(event.ends_on),
        "where": event.where,
        "url": event.url,
        "topics": list(event.topics),
        "status": event.status,
        "followup_days": event.followup_days,
        "notes": event.notes,
    }


def _row(row: EventRow) -> dict:
    return {**event_dict(row.event), "met": row.met, "want_to_meet": row.want}


def events_list_dict(found: EventList) -> dict:
    return {"upcoming": [_row(r) for r in found.upcoming], "past": [_row(r) for r in found.past]}


def _person(person) -> dict:
    return {
        "id": person.pk,
        "name": person.display_name,
        "organization": person.organization.name if person.organization_id else None,
    }


def _link(link: EventPerson) -> dict:
    return {**_person(link.person), "role": link.role, "note": link.note}


def event_record_dict(record: EventRecord) -> dict:
    return {
        **event_dict(record.event),
        "hosts": record.hosts,
        "sponsors": record.sponsors,
        "followup_days": record.followup_days,
        "followup_due_on": _iso(record.due_on),
        "met": [
            {
                **_link(row.link),
                "met_at": _iso(row.link.met_at),
                "interaction": row.link.interaction_id,
                "followed_up": row.done,
                "followed_up_on": _iso(row.followed_up_on),
                "state": row.state,
            }
            for row in record.met
        ],
        "want_to_meet": [_link(link) for link in record.want],
        "programme": [_link(link) for link in record.programme],
        "relevant": [{**_person(r.person), "why": r.reasons} for r in record.relevant],
    }

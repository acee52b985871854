"""Someone met at an event: found in the network by the import matching rules, or added.

It lives at the interchange level because it matches people as imports do (matching.py);
the event itself is recorded by the events app below it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction

from tiebook.core.errors import Conflict, NotFound, ValidationError
from tiebook.events.models import Event, EventPerson
from tiebook.events.services import event_met_record
from tiebook.interchange.matching import NetworkIndex, RecordKeys, hold, match, record_keys
from tiebook.interchange.records import Labeled, PersonRecord
from tiebook.people.models import ContactPoint, Person
from tiebook.people.names import name_key
from tiebook.people.normalize import organization_key, text_key
from tiebook.people.services import PersonChanges, PersonInput, person_create, person_update


@dataclass
class Met:
    person: Person
    link: EventPerson
    added: bool  # a new person, rather than someone already in the network
    why: str  # how they were matched, or why they are new


def _keys(name: str, email: str, org: str) -> RecordKeys:
    if not " ".join((name or "").split()):
        raise ValidationError("Say who you met (the name is empty).", field="name")
    record = PersonRecord(
        ref="form",
        name=name,
        organization=org or "",
        emails=[Labeled(email.strip())] if (email or "").strip() else [],
    )
    found = record_keys(record)
    if found.problems:
        raise ValidationError(found.problems[0], field="email")
    return found.keys


def _index(owner, keys: RecordKeys) -> NetworkIndex:
    """The part of the network that could be this person: whoever holds the email, and whoever
    has the same name (with everything matching reads about them). A few queries, however
    large the network."""
    holders = ContactPoint.objects.filter(
        owner=owner, kind=ContactPoint.EMAIL, normalized__in=keys.emails
    ).values("person_id")
    people = Person.objects.filter(owner=owner).filter(pk__in=holders) | Person.objects.filter(
        owner=owner, search_name=text_key(keys.display)[:250]
    )
    rows = list(people.values_list("pk", "display_name", "organization__name"))
    index = NetworkIndex()
    tables = {"email": index.emails, "phone": index.phones, "social": index.profiles}
    ids = [pk for pk, _, _ in rows]
    points = ContactPoint.objects.filter(owner=owner, person_id__in=ids, kind__in=list(tables))
    for person_id, kind, norm in points.order_by("id").values_list(
        "person_id", "kind", "normalized"
    ):
        hold(tables[kind], norm, person_id)
        if kind == "social":
            index.profiles_of[person_id].add(norm)
    # Other holders of the same email count too: a shared address is resolved by the name.
    for person_id, norm in ContactPoint.objects.filter(
        owner=owner, kind=ContactPoint.EMAIL, normalized__in=keys.emails
    ).values_list("person_id", "normalized"):
        hold(index.emails, norm, person_id)
    for pk, display, org in rows:
        index.add_name(pk, display, organization_key(org) if org else "")
    return index


def _only_namesake(index: NetworkIndex, keys: RecordKeys) -> int | None:
    """Typed at an event, a name alone is who the user means when one person has it (and no
    other organisation is given, and the email typed is nobody's): an import would add them
    for review, but at a stand the user is naming someone they know. Several of that name
    must be told apart."""
    if any(index.emails.get(email) for email in keys.emails):
        return None  # the email is someone's under another name: kept apart on purpose
    namesakes = sorted(
        {
            person
            for (name, org), people in index.names.items()
            if name == keys.name and not (keys.org and org and org != keys.org)
            for person in people
        }
    )
    if len(namesakes) > 1:
        ids = ", ".join(str(p) for p in namesakes)
        raise Conflict(
            f"{len(namesakes)} people are named {keys.display} (ids {ids}): give the email or "
            "organisation of the one you met."
        )
    return namesakes[0] if namesakes else None


def _already_at(owner, event: Event, keys: RecordKeys) -> Person | None:
    """Someone of the same name already linked to this event (the form sent twice, or a
    speaker now met) is that person."""
    linked = Person.objects.filter(
        owner=owner, event_links__event=event, search_name=text_key(keys.display)[:250]
    )
    found = list(linked[:2])
    return found[0] if len(found) == 1 and name_key(found[0].display_name) == keys.name else None


def _complete(owner, person: Person, email: str, org: str, keys: RecordKeys) -> Person:
    """Give a matched person the email and organisation they lacked."""
    mine = set(
        ContactPoint.objects.filter(
            owner=owner, person=person, kind=ContactPoint.EMAIL
        ).values_list("normalized", flat=True)
    )
    changes = PersonChanges(
        add_emails=[email] if keys.emails and keys.emails[0] not in mine else []
    )
    fill_org = bool(org.strip()) and person.organization_id is None
    if fill_org:
        changes.organization = org
    if changes.add_emails or fill_org:
        person = person_update(owner=owner, person=person, changes=changes, allow_duplicate=True)
    return person


def event_person_met(
    *,
    owner,
    event: Event,
    name: str,
    email: str = "",
    org: str = "",
    note: str = "",
    today: dt.date | None = None,
) -> Met:
    """Record meeting someone at the event: matched (email, phone, profile, or the same name at
    the same organisation; a shared email with a different name stays apart) or added, then
    linked, "how we met" filled, an interaction logged and, after an attended event, nudged."""
    if event.owner_id != owner.pk:
        raise NotFound("That event is not in your tiebook.")
    keys = _keys(name, email, org)
    with transaction.atomic():
        person = _already_at(owner, event, keys)
        why = "already at this event" if person else ""
        if person is None:
            index = _index(owner, keys)
            found = match(keys, index)
            if found.kind == "conflict":
                raise Conflict(f"Could not tell who {keys.display} is: {found.evidence}.")
            namesake = None if found.person is not None else _only_namesake(index, keys)
            if found.person is not None or namesake is not None:
                pk = found.person if found.person is not None else namesake
                person = Person.objects.get(owner=owner, pk=pk)
                why = found.evidence if found.person is not None else "the only one of that name"
            else:
                why = found.evidence
        added = person is None
        if added:
            person = person_create(
                owner=owner,
                data=PersonInput(
                    name=name, organization=org or None, emails=[email] if email.strip() else []
                ),
                allow_duplicate=True,  # the matcher kept them apart on purpose
            )
        else:
            person = _complete(owner, person, email, org, keys)
        link = event_met_record(owner=owner, event=event, person=person, note=note, today=today)
        person.refresh_from_db()
    return Met(person=person, link=link, added=added, why=why)

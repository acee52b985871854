"""Writes for credentials and filings; each write keeps its reminder (a nudge) in step."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from tiebook.core.errors import Conflict, NotFound, Problems, ValidationError
from tiebook.core.timeparse import now
from tiebook.core.timeparse import today as local_today
from tiebook.credentials import engine
from tiebook.credentials.models import (
    DEFAULT_CREDENTIAL_LEAD_DAYS,
    DEFAULT_FILING_LEAD_DAYS,
    MAX_LEAD_DAYS,
    NAME_LENGTH,
    Credential,
    CredentialContact,
    CredentialHours,
    Filing,
    FilingContact,
)
from tiebook.credentials.selectors import (
    credential_contacts,
    credential_earned_minutes,
    filing_contacts,
)
from tiebook.followups import nudges
from tiebook.people.models import Person
from tiebook.people.normalize import text_key
from tiebook.people.services import organization_get_or_create

CREDENTIAL, FILING = "credential", "filing"  # the nudges' sources


def added_on(row: Credential | Filing) -> dt.date:
    return timezone.localdate(row.created_at)


def _name(raw: str | None, *, field: str, what: str) -> str:
    name = " ".join((raw or "").split())
    if not name:
        raise ValidationError(f"Give the {what} a name.", field=field)
    if len(name) > NAME_LENGTH:
        raise ValidationError(
            f"The {what}'s name is longer than {NAME_LENGTH} characters.", field=field
        )
    return name


def _lead(days: int | None, default: int, *, field: str) -> int:
    if days is None:
        return default
    if not 0 <= days <= MAX_LEAD_DAYS:
        raise ValidationError(
            f"Remind between 0 and {MAX_LEAD_DAYS:,} days ahead; got {days}.", field=field
        )
    return days


def _role(raw: str | None) -> str:
    role = " ".join((raw or "").split())
    if len(role) > 80:
        raise ValidationError("Say their role in at most 80 characters.", field="role")
    return role


def _mine(owner, thing, noun: str) -> None:
    if thing.owner_id != owner.pk:
        raise NotFound(f"No {noun} with number {thing.pk}.")


def _people_mine(owner, people: Sequence[Person]) -> list[Person]:
    if any(p.owner_id != owner.pk for p in people):
        raise NotFound("That person is not in your network.")
    return list({p.pk: p for p in people}.values())


# -- credentials ---------------------------------------------------------------------------------


@dataclass
class CredentialInput:
    name: str
    issuer: str
    expires_on: dt.date | None
    number: str = ""
    issued_on: dt.date | None = None
    ce_hours_required: str | int | None = None  # '30', '12.5'
    renewal_lead_days: int | None = None  # None: 90
    notes: str = ""


def _checked_credential(data: CredentialInput) -> dict:
    problems = Problems()
    name = problems.check(_name, data.name, field="name", what="credential")
    issuer = problems.check(_name, data.issuer, field="issuer", what="issuer")
    if data.expires_on is None:
        problems.add(ValidationError("Say when it expires.", field="expires"))
    elif data.issued_on is not None and data.expires_on <= data.issued_on:
        problems.add(
            ValidationError(
                f"It cannot expire ({data.expires_on.isoformat()}) before it was issued "
                f"({data.issued_on.isoformat()}).",
                field="expires",
            )
        )
    raw_hours = data.ce_hours_required
    minutes = 0
    if raw_hours not in (None, ""):
        minutes = problems.check(
            engine.parse_hours, raw_hours, field="ce_hours_required", allow_zero=True
        )
    lead = problems.check(
        _lead, data.renewal_lead_days, DEFAULT_CREDENTIAL_LEAD_DAYS, field="lead_days"
    )
    number = " ".join((data.number or "").split())
    if len(number) > 100:
        problems.add(ValidationError("The number is longer than 100 characters.", field="number"))
    problems.raise_any()
    return {
        "name": name,
        "name_key": text_key(name)[:NAME_LENGTH],
        "issuer_name": issuer,
        "number": number,
        "issued_on": data.issued_on,
        "expires_on": data.expires_on,
        "ce_minutes_required": minutes,
        "renewal_lead_days": lead,
        "notes": (data.notes or "").strip(),
    }


def credential_remind(*, owner, credential: Credential, today: dt.date | None = None) -> None:
    """Set the credential's renewal nudge anew: due `renewal_lead_days` before expiry, on its
    first contact at the issuer (or on no one, when it has none)."""
    day = today or local_today()
    contacts = credential_contacts(owner=owner, credential=credential)
    reminder = engine.renewal(
        name=credential.name,
        issuer=credential.issuer.name if credential.issuer_id else "",
        expires_on=credential.expires_on,
        lead_days=credential.renewal_lead_days,
        earned=credential_earned_minutes(owner=owner, credential=credential),
        required=credential.ce_minutes_required,
        today=day,
        not_before=added_on(credential),
    )
    nudges.nudges_clear(owner=owner, source=CREDENTIAL, source_id=credential.pk)
    nudges.nudge_set(
        owner=owner,
        source=CREDENTIAL,
        source_id=credential.pk,
        person=contacts[0] if contacts else None,
        due_on=reminder.due_on,
        why=reminder.why,
        closes_on_contact=False,
    )


def credential_create(
    *, owner, data: CredentialInput, contacts: Sequence[Person] = (), role: str = ""
) -> Credential:
    """Add a credential; its issuer is an organisation found or made by name."""
    fields = _checked_credential(data)
    people = _people_mine(owner, contacts)
    role = _role(role)
    issuer_name = fields.pop("issuer_name")
    with transaction.atomic():
        issuer = organization_get_or_create(owner=owner, name=issuer_name)
        moment = now()
        credential = Credential.objects.create(
            owner=owner, issuer=issuer, created_at=moment, updated_at=moment, **fields
        )
        CredentialContact.objects.bulk_create(
            [
                CredentialContact(owner=owner, credential=credential, person=p, role=role)
                for p in people
            ]
        )
        credential_remind(owner=owner, credential=credential)
    return credential


def credential_update(*, owner, credential: Credential, data: CredentialInput) -> Credential:
    """Replace the credential's fields (all of them, as a form sends them)."""
    _mine(owner, credential, "credential")
    fields = _checked_credential(data)
    issuer_name = fields.pop("issuer_name")
    with transaction.atomic():
        credential.issuer = organization_get_or_create(owner=owner, name=issuer_name)
        for name, value in fields.items():
            setattr(credential, name, value)
        credential.updated_at = now()
        credential.save()
        credential_remind(owner=owner, credential=credential)
    return credential


def credential_hours_add(
    *, owner, credential: Credential, hours: str | int, on: dt.date, activity: str
) -> CredentialHours:
    """Log CE hours toward the credential's current cycle."""
    _mine(owner, credential, "credential")
    problems = Problems()
    minutes = problems.check(engine.parse_hours, hours, field="hours")
    text = " ".join((activity or "").split())
    if not text:
        problems.add(
            ValidationError("Say what the hours were for (a course, a seminar).", field="activity")
        )
    elif len(text) > 300:
        problems.add(
            ValidationError("Say what it was in at most 300 characters.", field="activity")
        )
    if on > local_today():
        problems.add(
            ValidationError(
                f"{on.isoformat()} is in the future; log hours once earned.", field="on"
            )
        )
    problems.raise_any()
    with transaction.atomic():
        entry = CredentialHours.objects.create(
            owner=owner,
            credential=credential,
            earned_on=on,
            minutes=minutes,
            activity=text,
            cycle=credential.cycle,
            created_at=now(),
        )
        credential_remind(owner=owner, credential=credential)
    return entry


def credential_hours_delete(*, owner, entry: CredentialHours) -> None:
    _mine(owner, entry, "CE entry")
    credential = entry.credential
    with transaction.atomic():
        entry.delete()
        credential_remind(owner=owner, credential=credential)


def credential_contact_add(
    *, owner, credential: Credential, person: Person, role: str = ""
) -> CredentialContact:
    """Name someone at the issuer to reach about this credential (again: updates the role)."""
    _mine(owner, credential, "credential")
    _people_mine(owner, [person])
    role = _role(role)
    with transaction.atomic():
        link, created = CredentialContact.objects.get_or_create(
            owner=owner,
            credential=credential,
            person=person,
            defaults={"role": role, "created_at": now()},
        )
        if not created and role and link.role != role:
            link.role = role
            link.save(update_fields=["role"])
        credential_remind(owner=owner, credential=credential)
    return link


def credential_contact_remove(*, owner, credential: Credential, person: Person) -> bool:
    _mine(owner, credential, "credential")
    with transaction.atomic():
        removed, _ = CredentialContact.objects.filter(
            owner=owner, credential=credential, person=person
        ).delete()
        credential_remind(owner=owner, credential=credential)
    return bool(removed)


def credential_renew(
    *, owner, credential: Credential, expires_on: dt.date, today: dt.date | None = None
) -> Credential:
    """Renewed until `expires_on`: a new CE cycle starts, and the reminder moves to the new
    expiry (off Today until it comes near again)."""
    _mine(owner, credential, "credential")
    day = today or local_today()
    if expires_on <= day or expires_on <= credential.expires_on:
        floor = max(day, credential.expires_on)
        raise ValidationError(
            f"The new expiry must come after {floor.isoformat()}; got {expires_on.isoformat()}.",
            field="expires",
        )
    with transaction.atomic():
        credential.expires_on = expires_on
        credential.cycle += 1
        credential.renewed_at = now()
        credential.updated_at = credential.renewed_at
        credential.save(update_fields=["expires_on", "cycle", "renewed_at", "updated_at"])
        credential_remind(owner=owner, credential=credential, today=day)
    return credential


def credential_delete(*, owner, credential: Credential) -> None:
    _mine(owner, credential, "credential")
    with transaction.atomic():
        nudges.nudges_clear(owner=owner, source=CREDENTIAL, source_id=credential.pk)
        credential.delete()


# -- filings -------------------------------------------------------------------------------------


@dataclass
class FilingInput:
    title: str
    organization: str
    due_on: dt.date | None
    lead_days: int | None = None  # None: 14
    yearly: bool = False
    notes: str = ""


def filing_remind(*, owner, filing: Filing, today: dt.date | None = None) -> None:
    """Set the filing's nudge anew (clear it once done): due `lead_days` before the deadline."""
    nudges.nudges_clear(owner=owner, source=FILING, source_id=filing.pk)
    if filing.done_at is not None:
        return
    contacts = filing_contacts(owner=owner, filing=filing)
    reminder = engine.filing_reminder(
        title=filing.title,
        organization=filing.organization.name if filing.organization_id else "",
        due_on=filing.due_on,
        lead_days=filing.lead_days,
        today=today or local_today(),
        not_before=added_on(filing),
    )
    nudges.nudge_set(
        owner=owner,
        source=FILING,
        source_id=filing.pk,
        person=contacts[0] if contacts else None,
        due_on=reminder.due_on,
        why=reminder.why,
        closes_on_contact=False,
    )


def _checked_filing(data: FilingInput) -> dict:
    problems = Problems()
    title = problems.check(_name, data.title, field="title", what="filing")
    org = problems.check(_name, data.organization, field="organization", what="body")
    if data.due_on is None:
        problems.add(ValidationError("Say when it is due.", field="due"))
    lead = problems.check(_lead, data.lead_days, DEFAULT_FILING_LEAD_DAYS, field="lead_days")
    problems.raise_any()
    return {
        "title": title,
        "title_key": text_key(title)[:NAME_LENGTH],
        "org_name": org,
        "due_on": data.due_on,
        "lead_days": lead,
        "yearly": bool(data.yearly),
        "notes": (data.notes or "").strip(),
    }


def filing_create(
    *, owner, data: FilingInput, contacts: Sequence[Person] = (), role: str = ""
) -> Filing:
    """Add a filing or deadline with a government body (an organisation found or made)."""
    fields = _checked_filing(data)
    people = _people_mine(owner, contacts)
    role = _role(role)
    org_name = fields.pop("org_name")
    with transaction.atomic():
        org = organization_get_or_create(owner=owner, name=org_name)
        filing = Filing.objects.create(owner=owner, organization=org, created_at=now(), **fields)
        FilingContact.objects.bulk_create(
            [FilingContact(owner=owner, filing=filing, person=p, role=role) for p in people]
        )
        filing_remind(owner=owner, filing=filing)
    return filing


def filing_contact_add(*, owner, filing: Filing, person: Person, role: str = "") -> FilingContact:
    _mine(owner, filing, "filing")
    _people_mine(owner, [person])
    role = _role(role)
    with transaction.atomic():
        link, created = FilingContact.objects.get_or_create(
            owner=owner, filing=filing, person=person, defaults={"role": role, "created_at": now()}
        )
        if not created and role and link.role != role:
            link.role = role
            link.save(update_fields=["role"])
        filing_remind(owner=owner, filing=filing)
    return link


def filing_done(*, owner, filing: Filing) -> Filing | None:
    """Mark it filed; a yearly one comes back a year on with the same contacts (returned)."""
    _mine(owner, filing, "filing")
    if filing.done_at is not None:
        raise Conflict(f"'{filing.title}' is already marked done.")
    with transaction.atomic():
        filing.done_at = now()
        filing.save(update_fields=["done_at"])
        filing_remind(owner=owner, filing=filing)
        if not filing.yearly:
            return None
        following = Filing.objects.create(
            owner=owner,
            title=filing.title,
            title_key=filing.title_key,
            organization=filing.organization,
            due_on=engine.next_year(filing.due_on),
            lead_days=filing.lead_days,
            yearly=True,
            notes=filing.notes,
            created_at=now(),
        )
        FilingContact.objects.bulk_create(
            [
                FilingContact(owner=owner, filing=following, person=x.person, role=x.role)
                for x in FilingContact.objects.filter(owner=owner, filing=filing)
            ]
        )
        filing_remind(owner=owner, filing=following)
    return following


def filing_delete(*, owner, filing: Filing) -> None:
    _mine(owner, filing, "filing")
    with transaction.atomic():
        nudges.nudges_clear(owner=owner, source=FILING, source_id=filing.pk)
        filing.delete()


# -- a contact deleted ---------------------------------------------------------------------------


def person_delete_keeping_reminders(*, owner, person: Person) -> None:
    """Delete a person (people.services.person_delete); the renewals and filings they were the
    contact for are reminded again, on the next contact or on no one, instead of vanishing
    with their nudges."""
    from tiebook.people.services import person_delete

    credentials = list(
        Credential.objects.filter(owner=owner, contacts__person=person).select_related("issuer")
    )
    filings = list(
        Filing.objects.filter(
            owner=owner, contacts__person=person, done_at__isnull=True
        ).select_related("organization")
    )
    with transaction.atomic():
        person_delete(owner=owner, person=person)
        for credential in credentials:
            credential_remind(owner=owner, credential=credential)
        for filing in filings:
            filing_remind(owner=owner, filing=filing)

"""Reads of credentials and filings: the lists, one of each by what the user typed, a person's."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import (
    Case,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Sum,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from tiebook.core.errors import Ambiguous, NotFound, ValidationError
from tiebook.core.params import MAX_ID, whole_number
from tiebook.credentials import engine
from tiebook.credentials.models import (
    Credential,
    CredentialContact,
    CredentialHours,
    Filing,
    FilingContact,
)
from tiebook.people.models import Person
from tiebook.people.normalize import text_key

MAX_CANDIDATES = 10


@dataclass(frozen=True)
class Contact:
    person_id: int
    name: str
    role: str


@dataclass(frozen=True)
class CredentialRow:
    credential: Credential
    issuer: str
    earned_minutes: int
    contacts: list[Contact]
    status: str
    days_left: int
    today: dt.date

    @property
    def progress(self) -> str:
        return engine.ce_progress(self.earned_minutes, self.credential.ce_minutes_required)

    @property
    def percent(self) -> int:
        return engine.ce_percent(self.earned_minutes, self.credential.ce_minutes_required)

    @property
    def left(self) -> str:
        return engine.left_phrase(self.days_left)

    @property
    def renewal_on(self) -> dt.date:
        c = self.credential
        added = timezone.localdate(c.created_at)
        return engine.renewal_due_on(c.expires_on, c.renewal_lead_days, added)

    def as_dict(self) -> dict:
        c = self.credential
        return {
            "id": c.pk,
            "name": c.name,
            "issuer": self.issuer or None,
            "number": c.number,
            "issued_on": c.issued_on,
            "expires_on": c.expires_on,
            "days_left": self.days_left,
            "status": self.status,
            "renewal_on": self.renewal_on,
            "renewal_lead_days": c.renewal_lead_days,
            "ce_hours_required": engine.hours_text(c.ce_minutes_required),
            "ce_hours_earned": engine.hours_text(self.earned_minutes),
            "ce_progress": self.progress,
            "cycle": c.cycle,
            "renewed_at": c.renewed_at,
            "contacts": [
                {"person_id": x.person_id, "name": x.name, "role": x.role} for x in self.contacts
            ],
            "notes": c.notes,
        }


@dataclass(frozen=True)
class CredentialDetail(CredentialRow):
    hours: list[CredentialHours] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            **super().as_dict(),
            "hours": [
                {
                    "id": h.pk,
                    "on": h.earned_on,
                    "hours": engine.hours_text(h.minutes),
                    "activity": h.activity,
                    "cycle": h.cycle,
                }
                for h in self.hours
            ],
        }


def _earned() -> Coalesce:
    cycle_hours = (
        CredentialHours.objects.filter(credential=OuterRef("pk"), cycle=OuterRef("cycle"))
        .order_by()
        .values("credential")
        .annotate(total=Sum("minutes"))
        .values("total")
    )
    return Coalesce(Subquery(cycle_hours, output_field=IntegerField()), 0)


def _credentials(owner) -> QuerySet[Credential]:
    contacts = CredentialContact.objects.select_related("person").order_by("id")
    return (
        Credential.objects.filter(owner=owner)
        .select_related("issuer")
        .annotate(earned_minutes=_earned())
        .prefetch_related(Prefetch("contacts", queryset=contacts))
    )


def _contacts(rows) -> list[Contact]:
    return [Contact(x.person_id, x.person.display_name, x.role) for x in rows]


def _row_fields(c: Credential, today: dt.date) -> dict:
    return {
        "credential": c,
        "issuer": c.issuer.name if c.issuer_id else "",
        "earned_minutes": c.earned_minutes,
        "contacts": _contacts(c.contacts.all()),
        "status": engine.status(
            expires_on=c.expires_on,
            lead_days=c.renewal_lead_days,
            renewed=c.renewed_at is not None,
            today=today,
        ),
        "days_left": engine.days_left(c.expires_on, today),
        "today": today,
    }


def credentials_list(*, owner, today: dt.date) -> list[CredentialRow]:
    """Every credential, the soonest expiry first, with its CE progress and contacts."""
    found = _credentials(owner).order_by("expires_on", "name_key", "id")
    return [CredentialRow(**_row_fields(c, today)) for c in found]


def credential_detail(*, owner, credential_id: int, today: dt.date) -> CredentialDetail:
    c = _credentials(owner).filter(pk=credential_id).first()
    if c is None:
        raise NotFound(f"No credential with number {credential_id}.")
    hours = list(
        CredentialHours.objects.filter(owner=owner, credential=c).order_by(
            "-cycle", "-earned_on", "-id"
        )
    )
    return CredentialDetail(**_row_fields(c, today), hours=hours)


def credential_get(*, owner, credential_id: int) -> Credential:
    found = Credential.objects.filter(owner=owner, pk=credential_id).select_related("issuer")
    credential = found.first()
    if credential is None:
        raise NotFound(f"No credential with number {credential_id}.")
    return credential


def credential_earned_minutes(*, owner, credential: Credential) -> int:
    total = CredentialHours.objects.filter(
        owner=owner, credential=credential, cycle=credential.cycle
    ).aggregate(total=Sum("minutes"))["total"]
    return total or 0


def credential_contacts(*, owner, credential: Credential) -> list[Person]:
    return [
        x.person
        for x in CredentialContact.objects.filter(owner=owner, credential=credential)
        .select_related("person")
        .order_by("id")
    ]


def _resolve(rows: QuerySet, ref: str, *, noun: str, key_field: str, listing: str):
    text = (ref or "").strip()
    if not text:
        raise ValidationError(f"Name a {noun}: its number, or part of its name.")
    if text.isascii() and text.isdigit():
        number = whole_number(text, maximum=MAX_ID)
        found = rows.filter(pk=number).first() if number else None
        if found is None:
            raise NotFound(f"No {noun} with number {text}.")
        return found
    key = text_key(text)
    matches = list(rows.filter(**{f"{key_field}__contains": key}).order_by(key_field, "id"))
    exact = [m for m in matches if getattr(m, key_field) == key]
    if len(matches) == 1 or len(exact) == 1:
        return (exact or matches)[0]
    if not matches:
        raise NotFound(f"No {noun} matches '{text}'.", hint=f"Try 'tiebook {listing}'.")
    shown = matches[:MAX_CANDIDATES]
    raise Ambiguous(
        f"'{text}' matches {len(matches)} {noun}s; use a number or more of the name.",
        candidates=[f"{m.pk}  {m}" for m in shown],
    )


def credential_resolve(*, owner, ref: str) -> Credential:
    """A credential by its number or an unambiguous part of its name."""
    rows = Credential.objects.filter(owner=owner).select_related("issuer")
    return _resolve(rows, ref, noun="credential", key_field="name_key", listing="credentials")


# -- filings -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FilingRow:
    filing: Filing
    organization: str
    contacts: list[Contact]
    days_left: int

    @property
    def left(self) -> str:
        return engine.left_phrase(self.days_left)

    @property
    def late(self) -> bool:
        return self.filing.done_at is None and self.days_left < 0

    def as_dict(self) -> dict:
        f = self.filing
        return {
            "id": f.pk,
            "title": f.title,
            "organization": self.organization or None,
            "due_on": f.due_on,
            "days_left": self.days_left,
            "lead_days": f.lead_days,
            "yearly": f.yearly,
            "done_at": f.done_at,
            "contacts": [
                {"person_id": x.person_id, "name": x.name, "role": x.role} for x in self.contacts
            ],
            "notes": f.notes,
        }


def _filings(owner) -> QuerySet[Filing]:
    contacts = FilingContact.objects.select_related("person").order_by("id")
    return (
        Filing.objects.filter(owner=owner)
        .select_related("organization")
        .prefetch_related(Prefetch("contacts", queryset=contacts))
    )


def _filing_row(f: Filing, today: dt.date) -> FilingRow:
    org = f.organization.name if f.organization_id else ""
    return FilingRow(f, org, _contacts(f.contacts.all()), engine.days_left(f.due_on, today))


def filings_list(*, owner, today: dt.date, include_done: bool = False) -> list[FilingRow]:
    """Open filings by due date (then, with `include_done`, the done ones, latest first)."""
    rows = _filings(owner)
    open_ = [_filing_row(f, today) for f in rows.filter(done_at__isnull=True).order_by("due_on")]
    if not include_done:
        return open_
    done = rows.filter(done_at__isnull=False).order_by(F("done_at").desc(), "-id")
    return open_ + [_filing_row(f, today) for f in done]


def filing_get(*, owner, filing_id: int) -> Filing:
    filing = Filing.objects.filter(owner=owner, pk=filing_id).select_related("organization")
    found = filing.first()
    if found is None:
        raise NotFound(f"No filing with number {filing_id}.")
    return found


def filing_row(*, owner, filing_id: int, today: dt.date) -> FilingRow:
    found = _filings(owner).filter(pk=filing_id).first()
    if found is None:
        raise NotFound(f"No filing with number {filing_id}.")
    return _filing_row(found, today)


def filing_contacts(*, owner, filing: Filing) -> list[Person]:
    return [
        x.person
        for x in FilingContact.objects.filter(owner=owner, filing=filing)
        .select_related("person")
        .order_by("id")
    ]


def filing_resolve(*, owner, ref: str) -> Filing:
    """A filing by its number or an unambiguous part of its title; open ones first."""
    rows = Filing.objects.filter(owner=owner).select_related("organization")
    open_rows = rows.filter(done_at__isnull=True)
    try:
        return _resolve(open_rows, ref, noun="filing", key_field="title_key", listing="filings")
    except NotFound:
        return _resolve(rows, ref, noun="filing", key_field="title_key", listing="filings")


# -- a person's ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PersonCompliance:
    """The credentials and open filings a person is the contact for."""

    credentials: list[tuple[CredentialContact, str]]  # (link, days-left phrase)
    filings: list[tuple[FilingContact, str]]

    def __bool__(self) -> bool:
        return bool(self.credentials or self.filings)


def person_compliance(*, owner, person: Person, today: dt.date) -> PersonCompliance:
    creds = (
        CredentialContact.objects.filter(owner=owner, person=person)
        .select_related("credential__issuer")
        .order_by("credential__expires_on", "id")
    )
    filings = (
        FilingContact.objects.filter(owner=owner, person=person, filing__done_at__isnull=True)
        .select_related("filing__organization")
        .order_by("filing__due_on", "id")
    )
    return PersonCompliance(
        [(x, engine.left_phrase(engine.days_left(x.credential.expires_on, today))) for x in creds],
        [(x, engine.left_phrase(engine.days_left(x.filing.due_on, today))) for x in filings],
    )


def contact_candidates(*, owner, text: str, limit: int = 8) -> list[Person]:
    """People whose name holds `text`, for the contact picker: exact names first, then by name."""
    key = text_key(text or "")
    if not key:
        return []
    return list(
        Person.objects.filter(owner=owner, archived_at__isnull=True, search_name__contains=key)
        .select_related("organization")
        .order_by(Case(When(search_name=key, then=0), default=1), "search_name", "id")[:limit]
    )

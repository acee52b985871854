"""The demo's credentials and filings: a handful of each, with the people at the issuing boards
and government agencies as contacts, and one licence coming up for renewal."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from tiebook.credentials import engine
from tiebook.credentials.models import (
    Credential,
    CredentialContact,
    CredentialHours,
    Filing,
    FilingContact,
)
from tiebook.credentials.services import added_on
from tiebook.followups.models import Nudge
from tiebook.followups.services import people_refresh_schedule
from tiebook.people.models import PersonType
from tiebook.people.normalize import text_key


@dataclass(frozen=True)
class _Licence:
    name: str
    ce_hours: int
    years: int  # how long one licence period lasts
    role: str


# Named so that they fit whichever board or agency the demo draws as the issuer.
LICENCES = (
    _Licence("Professional licence", 40, 2, "registrar"),
    _Licence("Practising certificate", 20, 1, "licensing officer"),
    _Licence("Specialist certification", 60, 3, "certification coordinator"),
    _Licence("Annual registration", 0, 1, ""),
    _Licence("Advanced practitioner credential", 15, 2, "examinations manager"),
)
FILINGS = (
    ("Annual compliance report", 20, True, "caseworker"),
    ("Quarterly return", 48, False, ""),
    ("Inspection follow-up documents", 130, False, "inspector"),
    ("Registration renewal", 290, True, ""),
)
ACTIVITIES = ("Ethics module", "Annual conference", "Webinar: new standards", "Online course")
SOON_DAYS = 55  # the first licence expires this soon: its renewal is on Today


@dataclass(frozen=True)
class DemoCompliance:
    credentials: list[Credential]
    filings: list[Filing]


def _contacts(owner) -> dict[str, list[tuple[int, int, str]]]:
    """(person id, organisation id and name) of the first few people at boards and agencies."""
    rows = PersonType.objects.filter(
        owner=owner,
        type__in=("licensing_authority", "government_body"),
        person__organization__isnull=False,
    ).order_by("person_id")
    found: dict[str, list[tuple[int, int, str]]] = {
        "licensing_authority": [],
        "government_body": [],
    }
    fields = ("type", "person_id", "person__organization_id", "person__organization__name")
    for code, person_id, org_id, org_name in rows.values_list(*fields)[:200]:
        found[code].append((person_id, org_id, org_name))
    return found


def demo_compliance(*, owner, today: dt.date, seed: int, moment: dt.datetime) -> DemoCompliance:
    """A few credentials and filings for the owner, written in a fixed number of queries."""
    rng = random.Random(f"credentials-{seed}")
    contacts = _contacts(owner)
    boards, agencies = contacts["licensing_authority"], contacts["government_body"]
    credentials = _credentials(owner, rng, today, boards, moment)
    filings = _filings(owner, rng, today, agencies, moment)
    _remind(owner, today, moment, credentials, filings, boards, agencies)
    return DemoCompliance(credentials, filings)


def _remind(owner, today, moment, credentials, filings, boards, agencies) -> None:
    """Each one's nudge, as the services would set it, and its contact's due date moved."""
    names = {org_id: name for _, org_id, name in (*boards, *agencies)}
    rows = []
    for index, c in enumerate(credentials):
        reminder = engine.renewal(
            name=c.name, issuer=names.get(c.issuer_id, ""), expires_on=c.expires_on,
            lead_days=c.renewal_lead_days, earned=c.earned_minutes,
            required=c.ce_minutes_required, today=today, not_before=added_on(c),
        )  # fmt: skip
        person = boards[index][0] if index < len(boards) else None
        rows.append(_nudge(owner, "credential", c.pk, person, reminder, moment))
    for index, f in enumerate(filings):
        reminder = engine.filing_reminder(
            title=f.title, organization=names.get(f.organization_id, ""), due_on=f.due_on,
            lead_days=f.lead_days, today=today, not_before=added_on(f),
        )  # fmt: skip
        person = agencies[index][0] if index < len(agencies) else None
        rows.append(_nudge(owner, "filing", f.pk, person, reminder, moment))
    Nudge.objects.bulk_create(rows)
    people_refresh_schedule(owner=owner, people=[n.person_id for n in rows if n.person_id])


def _nudge(owner, source, source_id, person_id, reminder, moment) -> Nudge:
    return Nudge(
        owner=owner, source=source, source_id=source_id, person_id=person_id,
        due_on=reminder.due_on, why=reminder.why, since=moment, closes_on_contact=False,
        created_at=moment,
    )  # fmt: skip


def _credentials(owner, rng, today, boards, moment) -> list[Credential]:
    picked = [LICENCES[0], *rng.sample(LICENCES[1:], 3)]
    rows, links, hours = [], [], []
    for index, licence in enumerate(picked):
        left = SOON_DAYS if index == 0 else rng.randrange(150, 900)
        expires = today + dt.timedelta(days=left)
        issued = expires - dt.timedelta(days=365 * licence.years)
        board = boards[index] if index < len(boards) else None
        rows.append(
            Credential(
                owner=owner, name=licence.name, name_key=text_key(licence.name),
                issuer_id=board[1] if board else None, number=f"{rng.randrange(10**6):06d}",
                issued_on=issued, expires_on=expires, ce_minutes_required=licence.ce_hours * 60,
                created_at=moment, updated_at=moment,
            )
        )  # fmt: skip
    made = Credential.objects.bulk_create(rows)
    for index, (credential, licence) in enumerate(zip(made, picked, strict=True)):
        if index < len(boards):
            links.append(
                CredentialContact(
                    owner=owner, credential=credential, person_id=boards[index][0],
                    role=licence.role, created_at=moment,
                )
            )  # fmt: skip
        for _ in range(rng.randrange(1, 4) if licence.ce_hours else 0):
            earned = today - dt.timedelta(days=rng.randrange(10, 300))
            hours.append(
                CredentialHours(
                    owner=owner, credential=credential, earned_on=earned,
                    minutes=rng.choice((90, 180, 240, 480)), activity=rng.choice(ACTIVITIES),
                    created_at=moment,
                )
            )  # fmt: skip
    CredentialContact.objects.bulk_create(links)
    CredentialHours.objects.bulk_create(hours)
    for credential in made:
        credential.earned_minutes = sum(h.minutes for h in hours if h.credential is credential)
    return made


def _filings(owner, rng, today, agencies, moment) -> list[Filing]:
    rows = []
    for index, (title, days, yearly, _) in enumerate(FILINGS):
        agency = agencies[index] if index < len(agencies) else None
        rows.append(
            Filing(
                owner=owner, title=title, title_key=text_key(title),
                organization_id=agency[1] if agency else None,
                due_on=today + dt.timedelta(days=days + rng.randrange(0, 5)), yearly=yearly,
                created_at=moment,
            )
        )  # fmt: skip
    made = Filing.objects.bulk_create(rows)
    FilingContact.objects.bulk_create(
        [
            FilingContact(
                owner=owner, filing=filing, person_id=agencies[index][0],
                role=FILINGS[index][3], created_at=moment,
            )
            for index, filing in enumerate(made)
            if index < len(agencies)
        ]
    )  # fmt: skip
    return made

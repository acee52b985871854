"""Credentials and filings made through the services, for the tests of every layer."""

from __future__ import annotations

import datetime as dt

from tests.factories import TODAY
from tiebook.credentials.services import (
    CredentialInput,
    FilingInput,
    credential_create,
    filing_create,
)


def make_credential(
    owner,
    name: str = "CPA licence",
    *,
    issuer: str = "State Board of Accountancy",
    expires_in: int = 60,
    hours: str | None = "30",
    contacts=(),
    role: str = "registrar",
    **fields,
):
    data = CredentialInput(
        name=name,
        issuer=issuer,
        expires_on=TODAY + dt.timedelta(days=expires_in),
        ce_hours_required=hours,
        **fields,
    )
    return credential_create(owner=owner, data=data, contacts=contacts, role=role)


def make_filing(
    owner, title: str = "Annual return", *, org: str = "Tax Office", due_in: int = 10, **fields
):
    contacts = fields.pop("contacts", ())
    data = FilingInput(
        title=title, organization=org, due_on=TODAY + dt.timedelta(days=due_in), **fields
    )
    return filing_create(owner=owner, data=data, contacts=contacts)

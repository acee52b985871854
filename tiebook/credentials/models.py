"""Credentials and compliance: licences with their renewals and CE hours, filings with a body."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from tiebook.core.models import OwnedModel
from tiebook.people.models import Organization, Person

NAME_LENGTH = 200
MAX_LEAD_DAYS = 3650  # ten years ahead is the longest reminder anyone sets for a renewal
DEFAULT_CREDENTIAL_LEAD_DAYS = 90
DEFAULT_FILING_LEAD_DAYS = 14


class Credential(OwnedModel):
    """A licence or certification; CE minutes are whole numbers so that 1.5 h is exact."""

    name = models.CharField(max_length=NAME_LENGTH)
    name_key = models.CharField(max_length=NAME_LENGTH)  # casefolded, accent-free, for lookups
    # The licensing authority; kept (as no issuer) if the organisation is ever deleted.
    issuer = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="credentials"
    )
    number = models.CharField(max_length=100, blank=True)
    issued_on = models.DateField(null=True, blank=True)
    expires_on = models.DateField()
    ce_minutes_required = models.PositiveIntegerField(default=0)
    renewal_lead_days = models.PositiveIntegerField(default=DEFAULT_CREDENTIAL_LEAD_DAYS)
    # Each renewal starts a new CE cycle; hours count toward the cycle they were logged in.
    cycle = models.PositiveIntegerField(default=1)
    renewed_at = models.DateTimeField(null=True, blank=True)
    notes = models.TextField(blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["owner", "expires_on"], name="credential_owner_expires")]
        constraints = [
            models.CheckConstraint(
                condition=Q(issued_on__isnull=True) | Q(expires_on__gt=F("issued_on")),
                name="credential_expires_after_issued",
            ),
            models.CheckConstraint(
                condition=Q(ce_minutes_required__gte=0), name="credential_ce_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(renewal_lead_days__lte=MAX_LEAD_DAYS),
                name="credential_lead_at_most_ten_years",
            ),
            models.CheckConstraint(condition=Q(cycle__gte=1), name="credential_cycle_positive"),
        ]

    def __str__(self) -> str:
        return self.name


class CredentialHours(OwnedModel):
    """Continuing-education time earned toward a credential's current cycle."""

    credential = models.ForeignKey(Credential, on_delete=models.CASCADE, related_name="hours")
    earned_on = models.DateField()
    minutes = models.PositiveIntegerField()
    activity = models.CharField(max_length=300)
    cycle = models.PositiveIntegerField(default=1)

    class Meta:
        indexes = [models.Index(fields=["credential", "cycle"], name="credential_hours_cycle")]
        constraints = [
            models.CheckConstraint(
                condition=Q(minutes__gte=0), name="credential_hours_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(cycle__gte=1), name="credential_hours_cycle_positive"
            ),
        ]


class CredentialContact(OwnedModel):
    """A person at the issuer to reach about this credential (a registrar, a case officer)."""

    credential = models.ForeignKey(Credential, on_delete=models.CASCADE, related_name="contacts")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="credential_contacts")
    role = models.CharField(max_length=80, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "credential", "person"], name="credential_contact_once"
            )
        ]
        indexes = [models.Index(fields=["owner", "person"], name="credential_contact_person")]


class Filing(OwnedModel):
    """A dated obligation toward a government body: a return, a report, a registration."""

    title = models.CharField(max_length=NAME_LENGTH)
    title_key = models.CharField(max_length=NAME_LENGTH)
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="filings"
    )
    due_on = models.DateField()
    done_at = models.DateTimeField(null=True, blank=True)
    lead_days = models.PositiveIntegerField(default=DEFAULT_FILING_LEAD_DAYS)
    yearly = models.BooleanField(default=False)  # when done, the next year's is added
    notes = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["owner", "done_at", "due_on"], name="filing_owner_open")]
        constraints = [
            models.CheckConstraint(
                condition=Q(lead_days__lte=MAX_LEAD_DAYS), name="filing_lead_at_most_ten_years"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class FilingContact(OwnedModel):
    filing = models.ForeignKey(Filing, on_delete=models.CASCADE, related_name="contacts")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="filing_contacts")
    role = models.CharField(max_length=80, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "filing", "person"], name="filing_contact_once"
            )
        ]
        indexes = [models.Index(fields=["owner", "person"], name="filing_contact_person")]

"""Opportunities (a job, a client, a partnership, a speaking slot), the people who can move them
forward, the stages they went through, and referrals asked, received and given."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from tiebook.core.models import OwnedModel
from tiebook.interactions.models import Interaction
from tiebook.people.models import Organization, Person

KINDS = [(k, k) for k in ("job", "client", "partnership", "speaking", "other")]

# In pipeline order; the last three end an opportunity.
STAGES = [
    ("idea", "idea"),
    ("exploring", "exploring"),
    ("referral_asked", "referral asked"),
    ("applied", "applied"),
    ("interviewing", "interviewing"),
    ("offer", "offer or negotiating"),
    ("won", "won"),
    ("lost", "lost"),
    ("closed", "closed"),
]
STAGE_CODES = tuple(code for code, _ in STAGES)
STAGE_LABELS = dict(STAGES)
ENDED = ("won", "lost", "closed")

ROLES = [
    ("referrer", "referrer"),
    ("hiring_manager", "hiring manager"),
    ("champion", "champion"),
    ("interviewer", "interviewer"),
    ("reference", "reference"),
]
ROLE_CODES = tuple(code for code, _ in ROLES)
ROLE_LABELS = dict(ROLES)


class Opportunity(OwnedModel):
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=16, choices=KINDS, default="job")
    organization = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="opportunities",
    )
    stage = models.CharField(max_length=16, choices=STAGES, default="idea")
    next_step = models.CharField(max_length=500, blank=True)
    next_step_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    updated_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["owner", "stage"], name="opportunity_owner_stage")]
        constraints = [
            models.CheckConstraint(
                condition=Q(stage__in=list(STAGE_CODES)), name="opportunity_stage_is_known"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=[k for k, _ in KINDS]), name="opportunity_kind_is_known"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def ended(self) -> bool:
        return self.stage in ENDED

    @property
    def stage_label(self) -> str:
        return STAGE_LABELS[self.stage]


class OpportunityPerson(OwnedModel):
    """A person who can move an opportunity forward, in one role (a person may hold several)."""

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="links")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="opportunity_links")
    role = models.CharField(max_length=20, choices=ROLES)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "opportunity", "person", "role"],
                name="opportunity_person_role_once",
            ),
            models.CheckConstraint(
                condition=Q(role__in=list(ROLE_CODES)), name="opportunity_role_is_known"
            ),
        ]
        indexes = [models.Index(fields=["owner", "person"], name="opportunity_link_person")]

    @property
    def role_label(self) -> str:
        return ROLE_LABELS[self.role]


class StageChange(OwnedModel):
    """One step in an opportunity's history: the stage it reached and when."""

    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="stage_changes"
    )
    from_stage = models.CharField(max_length=16, blank=True)  # blank: where it started
    stage = models.CharField(max_length=16, choices=STAGES)
    changed_on = models.DateField()

    class Meta:
        indexes = [models.Index(fields=["opportunity", "changed_on"], name="stage_change_when")]


class Referral(OwnedModel):
    """A referral, introduction or favour asked of, received from, or given to a person."""

    ASKED, RECEIVED, GIVEN = "asked", "received", "given"
    DIRECTIONS = [(ASKED, "asked"), (RECEIVED, "received"), (GIVEN, "given")]
    KINDS = [("referral", "referral"), ("introduction", "introduction"), ("favour", "favour")]
    OUTCOMES = [
        ("pending", "pending"),
        ("helped", "helped"),
        ("declined", "declined"),
        ("no_answer", "no answer"),
    ]

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="referrals")
    # Whom it reaches: the hiring manager you were referred to, the person you referred.
    to_person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="referrals_to"
    )
    opportunity = models.ForeignKey(
        Opportunity, null=True, blank=True, on_delete=models.SET_NULL, related_name="referrals"
    )
    direction = models.CharField(max_length=10, choices=DIRECTIONS)
    kind = models.CharField(max_length=16, choices=KINDS, default="referral")
    what = models.CharField(max_length=500, blank=True)
    occurred_on = models.DateField()
    outcome = models.CharField(max_length=16, choices=OUTCOMES, default="pending")
    outcome_note = models.TextField(blank=True)
    # Its entry on the timelines of the people concerned, kept in step by the services; one
    # referral per interaction (a unique constraint that, like every other, includes the owner).
    interaction = models.ForeignKey(
        Interaction, null=True, blank=True, on_delete=models.SET_NULL, related_name="referrals"
    )

    class Meta:
        indexes = [
            models.Index(fields=["owner", "person"], name="referral_owner_person"),
            models.Index(fields=["owner", "occurred_on"], name="referral_owner_when"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "interaction"],
                condition=Q(interaction__isnull=False),
                name="referral_interaction_once",
            ),
            models.CheckConstraint(
                condition=Q(direction__in=["asked", "received", "given"]),
                name="referral_direction_is_known",
            ),
            models.CheckConstraint(
                condition=Q(outcome__in=["pending", "helped", "declined", "no_answer"]),
                name="referral_outcome_is_known",
            ),
        ]

    @property
    def outcome_label(self) -> str:
        return dict(self.OUTCOMES)[self.outcome]

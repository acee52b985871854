"""What happened between the owner and their people: interactions, knowledge shared, promises."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from tiebook.core.models import OwnedModel
from tiebook.people.models import Person


class Interaction(OwnedModel):
    KINDS = [(k, k) for k in ("meeting", "call", "message", "email", "meal", "event", "note")]
    OUTGOING, INCOMING, MUTUAL = "outgoing", "incoming", "mutual"
    DIRECTIONS = [
        (OUTGOING, "I reached out"),
        (INCOMING, "they reached out"),
        (MUTUAL, "mutual"),
    ]

    kind = models.CharField(max_length=16, choices=KINDS, default="meeting")
    occurred_at = models.DateTimeField()
    direction = models.CharField(max_length=10, choices=DIRECTIONS, default=OUTGOING)
    summary = models.CharField(max_length=500)
    notes = models.TextField(blank=True)
    source = models.CharField(max_length=40, default="manual")
    external_id = models.CharField(max_length=300, blank=True)  # makes re-imports idempotent
    people = models.ManyToManyField(Person, through="Participant", related_name="interactions")

    class Meta:
        indexes = [
            models.Index(fields=["owner", "occurred_at"], name="interaction_owner_when"),
            # The give/ask balance counts the introductions you made (source "intro").
            models.Index(fields=["owner", "source"], name="interaction_owner_source"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "source", "external_id"],
                condition=~Q(external_id=""),
                name="interaction_external_once",
            )
        ]


class Participant(OwnedModel):
    interaction = models.ForeignKey(
        Interaction, on_delete=models.CASCADE, related_name="participants"
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="participations")
    # Copied from the interaction so a person's timeline is one index range scan.
    occurred_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "interaction", "person"], name="participant_once"
            )
        ]
        indexes = [
            models.Index(fields=["person", "occurred_at"], name="participant_person_when"),
        ]


class KnowledgeShare(OwnedModel):
    """Something given to or received from a person: the give/ask ledger."""

    GAVE, RECEIVED = "gave", "received"
    DIRECTIONS = [(GAVE, "gave"), (RECEIVED, "received")]

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="knowledge_shares")
    interaction = models.ForeignKey(
        Interaction, null=True, blank=True, on_delete=models.SET_NULL, related_name="shares"
    )
    direction = models.CharField(max_length=10, choices=DIRECTIONS)
    title = models.CharField(max_length=500)
    link = models.URLField(max_length=1000, blank=True)
    topics = models.JSONField(default=list, blank=True)
    occurred_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["owner", "person"], name="share_owner_person")]


class Task(OwnedModel):
    """A promise: something I owe a person, or they owe me, perhaps by a date."""

    I_OWE, THEY_OWE = "i_owe", "they_owe"
    DIRECTIONS = [(I_OWE, "I owe"), (THEY_OWE, "they owe me")]

    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.CASCADE, related_name="tasks"
    )
    direction = models.CharField(max_length=10, choices=DIRECTIONS, default=I_OWE)
    description = models.CharField(max_length=500)
    due_on = models.DateField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["owner", "done_at", "due_on"], name="task_owner_open")]


class Vouch(OwnedModel):
    """Someone vouching for the owner: a skill endorsed, a recommendation written, or a reference
    they agreed to be for a skill."""

    ENDORSEMENT, RECOMMENDATION, REFERENCE = "endorsement", "recommendation", "reference"
    KINDS = [(ENDORSEMENT, "endorsed"), (RECOMMENDATION, "recommended"), (REFERENCE, "reference")]

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="vouches")
    kind = models.CharField(max_length=20, choices=KINDS)
    skill = models.CharField(max_length=200, blank=True)
    text = models.TextField(blank=True)
    given_on = models.DateField(null=True, blank=True)
    source = models.CharField(max_length=40, default="manual")
    external_id = models.CharField(max_length=300, blank=True)  # makes re-imports idempotent
    # A reference the owner recruits: when asked, whether they agreed (None: no answer yet), and
    # when they last said they still would; endorsements and recommendations leave these empty.
    asked_on = models.DateField(null=True, blank=True)
    agreed = models.BooleanField(null=True, blank=True)
    confirmed_on = models.DateField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["owner", "person"], name="vouch_owner_person")]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "source", "external_id"],
                condition=~Q(external_id=""),
                name="vouch_external_once",
            ),
            models.UniqueConstraint(
                fields=["owner", "person", "skill"],
                condition=Q(kind="reference"),
                name="reference_once_per_skill",
            ),
        ]

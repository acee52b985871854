"""Per-owner follow-up settings: each connection type's interval, when the owner changes it."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from tiebook import taxonomy
from tiebook.core.models import OwnedModel


class TypeInterval(OwnedModel):
    type = models.CharField(max_length=32, choices=taxonomy.CHOICES)
    days = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "type"], name="type_interval_once"),
            models.CheckConstraint(condition=Q(days__gte=1), name="type_interval_positive"),
        ]


class Nudge(OwnedModel):
    """A dated reason to reach someone (or, with no person, to act), written by the app that
    knows why: people met at an event, a renewal, an opportunity's next step, an introduction.

    A nudge with a person makes them due by `due_on` and leads their why; with
    `closes_on_contact`, any interaction with them after `since` closes it."""

    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.CASCADE, related_name="nudges"
    )
    source = models.CharField(max_length=20)  # "event", "opportunity", "credential", ...
    source_id = models.PositiveBigIntegerField()
    due_on = models.DateField()
    why = models.CharField(max_length=300)
    since = models.DateTimeField()
    closes_on_contact = models.BooleanField(default=True)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "source", "source_id", "person"], name="nudge_once_per_person"
            ),
            models.UniqueConstraint(
                fields=["owner", "source", "source_id"],
                condition=Q(person__isnull=True),
                name="nudge_once_without_person",
            ),
        ]
        indexes = [
            models.Index(fields=["owner", "done_at", "due_on"], name="nudge_owner_open"),
            models.Index(fields=["owner", "source", "source_id"], name="nudge_owner_source"),
        ]

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

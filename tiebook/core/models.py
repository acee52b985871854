"""The base of every owned row: the owner and timestamps."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class OwnedModel(models.Model):
    """Every row a user owns carries `owner`; queries always filter on it."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True

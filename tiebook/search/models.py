"""What search keeps beside the index tables (which the migrations make, one kind per database):
the sentence vectors of each person, when the semantic extra is installed."""

from __future__ import annotations

from django.db import models

from tiebook.core.models import OwnedModel
from tiebook.people.models import Person


class PersonVector(OwnedModel):
    """A person's passages as a sentence model reads them: float16 vectors, one after another."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    model = models.CharField(max_length=80)
    dimensions = models.PositiveSmallIntegerField()
    vectors = models.BinaryField()

    class Meta:
        indexes = [models.Index(fields=["owner", "model"], name="personvector_owner_model")]
        constraints = [
            models.UniqueConstraint(fields=["owner", "person"], name="personvector_once")
        ]

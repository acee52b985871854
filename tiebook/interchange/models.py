"""One import and everything it did, so that it can be listed, explained and undone."""

from __future__ import annotations

from django.db import models

from tiebook.core.models import OwnedModel


class ImportRun(OwnedModel):
    source = models.CharField(max_length=40)  # the format: vcard, linkedin, google...
    file_name = models.CharField(max_length=500)
    file_hash = models.CharField(max_length=64)  # sha256 of the file's bytes
    created = models.PositiveIntegerField(default=0)  # new people
    updated = models.PositiveIntegerField(default=0)  # existing people given something new
    merged = models.PositiveIntegerField(default=0)  # records that matched someone already there
    skipped = models.PositiveIntegerField(default=0)  # records with nothing new
    failed = models.PositiveIntegerField(default=0)  # records with problems
    interactions = models.PositiveIntegerField(default=0)
    problems = models.JSONField(default=list)  # [{"ref": "card 4", "message": "..."}]
    notes = models.JSONField(default=list)  # skipped files and other remarks
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["owner", "created_at"], name="importrun_owner_when")]


class ImportChange(OwnedModel):
    """The rows of one model the run created, or one empty field it filled (and its value)."""

    CREATED, FILLED = "created", "filled"

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="changes")
    action = models.CharField(max_length=10, choices=[(CREATED, CREATED), (FILLED, FILLED)])
    model = models.CharField(max_length=60)  # app_label.ModelName
    object_id = models.BigIntegerField(null=True, blank=True)  # the person a fill changed
    object_ids = models.JSONField(default=list, blank=True)  # the rows a creation made
    field = models.CharField(max_length=60, blank=True)
    old_value = models.JSONField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["run", "action"], name="importchange_run_action")]

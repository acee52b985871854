"""People, their organisations, contact points, types, tags and the ties between them."""

from __future__ import annotations

import calendar

from django.db import models
from django.db.models import Q
from django.utils import timezone

from tiebook import taxonomy
from tiebook.core.models import OwnedModel
from tiebook.people import limits


class Organization(OwnedModel):
    name = models.CharField(max_length=limits.ORGANIZATION)
    # Casefolded, accent-free: one row per name.
    name_key = models.CharField(max_length=limits.ORGANIZATION)
    domain = models.CharField(max_length=253, blank=True)
    industry = models.CharField(max_length=120, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "name_key"], name="org_unique_name_per_owner")
        ]
        indexes = [models.Index(fields=["owner", "domain"], name="org_owner_domain")]

    def __str__(self) -> str:
        return self.name


class Person(OwnedModel):
    CIRCLES = [(c, str(c)) for c in taxonomy.CIRCLE_INTERVALS]

    given_name = models.CharField(max_length=limits.GIVEN_NAME, blank=True)
    family_name = models.CharField(max_length=limits.FAMILY_NAME, blank=True)
    display_name = models.CharField(max_length=limits.NAME)
    nickname = models.CharField(max_length=limits.NICKNAME, blank=True)
    search_name = models.CharField(max_length=limits.NAME)  # casefolded, accent-free, for lookups
    headline = models.CharField(max_length=limits.HEADLINE, blank=True)  # position / title
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )
    department = models.CharField(max_length=limits.DEPARTMENT, blank=True)
    location = models.CharField(max_length=limits.LOCATION, blank=True)
    birthday_year = models.PositiveSmallIntegerField(null=True, blank=True)
    birthday_month = models.PositiveSmallIntegerField(null=True, blank=True)
    birthday_day = models.PositiveSmallIntegerField(null=True, blank=True)
    how_met = models.TextField(blank=True)
    introduced_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="introduced"
    )
    notes = models.TextField(blank=True)
    expertise = models.JSONField(default=list, blank=True)
    circle = models.PositiveSmallIntegerField(null=True, blank=True, choices=CIRCLES)
    interval_days = models.PositiveIntegerField(null=True, blank=True)  # per-person override
    snoozed_until = models.DateField(null=True, blank=True)
    archived_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)  # set by the services that edit
    # Caches kept by the services that log interactions; recomputable from interactions.
    last_interaction_at = models.DateTimeField(null=True, blank=True)
    next_due_on = models.DateField(null=True, blank=True)
    followup_interval_days = models.PositiveIntegerField(null=True, blank=True)  # in effect
    tie_strength = models.PositiveSmallIntegerField(default=0)
    interaction_count = models.PositiveIntegerField(default=0)  # how many interactions, ever

    class Meta:
        indexes = [
            # Covers the due list: counting and ranking read the index alone.
            models.Index(
                fields=["owner", "next_due_on", "followup_interval_days", "tie_strength"],
                condition=Q(archived_at__isnull=True),
                name="person_owner_due_active",
            ),
            models.Index(fields=["owner", "search_name"], name="person_owner_name"),
            # The last talk, with the count of talks: the dormant ties worth reviving, from the
            # index alone.
            models.Index(
                fields=["owner", "last_interaction_at", "interaction_count"],
                name="person_owner_last_count",
            ),
            models.Index(fields=["owner", "organization"], name="person_owner_org"),
            # The strongest ties first (circle suggestions read only the top few hundred; the
            # due list's first page, the strong among the overdue), and the few in a circle.
            models.Index(
                fields=["owner", "tie_strength", "next_due_on"],
                condition=Q(archived_at__isnull=True),
                name="person_owner_strength_due",
            ),
            models.Index(
                fields=["owner", "circle"],
                condition=Q(circle__isnull=False),
                name="person_owner_circle",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(circle__isnull=True) | Q(circle__in=list(taxonomy.CIRCLE_INTERVALS)),
                name="person_circle_is_dunbar_layer",
            ),
            models.CheckConstraint(
                condition=Q(interval_days__isnull=True) | Q(interval_days__gte=1),
                name="person_interval_positive",
            ),
            models.CheckConstraint(
                condition=Q(tie_strength__lte=100), name="person_tie_strength_0_100"
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    @property
    def birthday_label(self) -> str:
        """'15 March 1990', '15 March' when the year is unknown, '' when there is none."""
        year, month, day = self.birthday_year, self.birthday_month, self.birthday_day
        if not month:
            return str(year or "")
        words = [str(day) if day else "", calendar.month_name[month], str(year or "")]
        return " ".join(w for w in words if w)


class PersonType(OwnedModel):
    """One of the twelve connection types held by a person (a person may hold several)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="types")
    type = models.CharField(max_length=32, choices=taxonomy.CHOICES)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "person", "type"], name="person_type_once"),
            models.CheckConstraint(
                condition=Q(type__in=list(taxonomy.CODES)), name="person_type_is_known"
            ),
        ]
        indexes = [models.Index(fields=["owner", "type"], name="persontype_owner_type")]

    @property
    def category(self) -> taxonomy.Category:
        return taxonomy.BY_CODE[self.type].category


class ContactPoint(OwnedModel):
    EMAIL, PHONE, URL, SOCIAL, ADDRESS = "email", "phone", "url", "social", "address"
    KINDS = [(k, k) for k in (EMAIL, PHONE, URL, SOCIAL, ADDRESS)]

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="contact_points")
    kind = models.CharField(max_length=16, choices=KINDS)
    value = models.CharField(max_length=500)  # as given, for display
    normalized = models.CharField(max_length=500)  # for duplicate matching
    label = models.CharField(max_length=60, blank=True)
    is_primary = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "person", "kind", "normalized"],
                name="contact_point_once_per_person",
            )
        ]
        indexes = [
            models.Index(fields=["owner", "kind", "normalized"], name="contact_owner_norm"),
        ]


class Tag(OwnedModel):
    name = models.CharField(max_length=limits.TAG)
    name_key = models.CharField(max_length=limits.TAG)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "name_key"], name="tag_unique_per_owner")
        ]

    def __str__(self) -> str:
        return self.name


class PersonTag(OwnedModel):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="person_tags")
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="person_tags")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "person", "tag"], name="person_tag_once")
        ]
        indexes = [models.Index(fields=["owner", "tag"], name="persontag_owner_tag")]


class Relationship(OwnedModel):
    """A tie between two people in the owner's network: the graph behind introductions."""

    KNOWS = "knows"
    KINDS = [
        ("knows", "knows"),
        ("colleague_of", "colleague of"),
        ("reports_to", "reports to"),
        ("introduced", "introduced"),
        ("family", "family"),
        ("mentor_of", "mentor of"),
    ]
    REVERSE_LABELS = {
        "knows": "knows",
        "colleague_of": "colleague of",
        "reports_to": "manages",
        "introduced": "was introduced by",
        "family": "family",
        "mentor_of": "mentee of",
    }

    from_person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="ties_out")
    to_person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="ties_in")
    kind = models.CharField(max_length=20, choices=KINDS, default=KNOWS)
    source = models.CharField(max_length=40, default="manual")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "from_person", "to_person", "kind"], name="relationship_once"
            ),
            models.CheckConstraint(
                condition=~Q(from_person=models.F("to_person")), name="relationship_not_self"
            ),
        ]
        indexes = [models.Index(fields=["owner", "to_person"], name="relationship_owner_to")]


class DistinctPair(OwnedModel):
    """Two people the owner said are not one person: likely-duplicate lists leave them apart."""

    first = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "first", "second"], name="distinct_once")
        ]

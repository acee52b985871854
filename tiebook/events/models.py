"""Community events (meetups, conferences, webinars...) and the people at them."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q

from tiebook.core.models import OwnedModel
from tiebook.people.models import Organization, Person

NAME = 200
WHERE = 300
KINDS = ("meetup", "conference", "webinar", "workshop", "talk")
STATUSES = ("considering", "going", "attended")
DEFAULT_FOLLOWUP_DAYS = 2


class Event(OwnedModel):
    CONSIDERING, GOING, ATTENDED = STATUSES

    name = models.CharField(max_length=NAME)
    name_key = models.CharField(max_length=NAME)  # casefolded, accent-free, for lookups
    kind = models.CharField(max_length=16, choices=[(k, k) for k in KINDS], default="meetup")
    starts_on = models.DateField()
    ends_on = models.DateField()  # the same day for a one-day event
    where = models.CharField(max_length=WHERE, blank=True)  # a place or "online"
    url = models.URLField(max_length=1000, blank=True)
    topics = models.JSONField(default=list, blank=True)
    status = models.CharField(
        max_length=12, choices=[(s, s) for s in STATUSES], default=CONSIDERING
    )
    # Days after the end by which the people met are due; null: the owner's default.
    followup_days = models.PositiveSmallIntegerField(null=True, blank=True)
    notes = models.TextField(blank=True)
    source = models.CharField(max_length=40, default="manual")
    external_id = models.CharField(max_length=300, blank=True)  # a calendar's UID

    class Meta:
        indexes = [
            models.Index(fields=["owner", "starts_on"], name="event_owner_starts"),
            models.Index(fields=["owner", "name_key"], name="event_owner_name"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="event_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(kind__in=KINDS), name="event_kind_is_known"),
            models.CheckConstraint(condition=Q(status__in=STATUSES), name="event_status_is_known"),
            models.CheckConstraint(
                condition=Q(followup_days__isnull=True) | Q(followup_days__gte=1),
                name="event_followup_days_positive",
            ),
            models.UniqueConstraint(
                fields=["owner", "source", "external_id"],
                condition=~Q(external_id=""),
                name="event_external_once",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class EventOrganization(OwnedModel):
    """An organisation behind an event: its host or one of its sponsors."""

    HOST, SPONSOR = "host", "sponsor"
    ROLES = (HOST, SPONSOR)

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="organizations")
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="event_roles"
    )
    role = models.CharField(max_length=10, choices=[(r, r) for r in ROLES], default=HOST)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "event", "organization", "role"], name="event_org_role_once"
            ),
            models.CheckConstraint(
                condition=Q(role__in=("host", "sponsor")), name="event_org_role"
            ),
        ]
        indexes = [models.Index(fields=["owner", "organization"], name="eventorg_owner_org")]


class EventPerson(OwnedModel):
    """Someone at an event: met there, wanted to meet, or on its programme."""

    MET, WANT, ATTENDING, SPEAKER = "met", "want_to_meet", "attending", "speaker"
    ROLES = (MET, WANT, ATTENDING, SPEAKER)
    LABELS = {MET: "met", WANT: "want to meet", ATTENDING: "attending", SPEAKER: "speaker"}

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="people")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="event_links")
    role = models.CharField(max_length=16, choices=list(LABELS.items()))
    met_at = models.DateTimeField(null=True, blank=True)
    # The interaction that recorded the meeting (kept when the link goes, and vice versa).
    interaction = models.ForeignKey(
        "interactions.Interaction",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_links",
    )
    note = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "event", "person"], name="event_person_once"),
            models.CheckConstraint(
                condition=Q(role__in=("met", "want_to_meet", "attending", "speaker")),
                name="event_person_role",
            ),
            models.CheckConstraint(
                condition=~Q(role="met") | Q(met_at__isnull=False), name="event_met_has_when"
            ),
        ]
        indexes = [
            models.Index(fields=["owner", "person"], name="eventperson_owner_person"),
            models.Index(fields=["event", "role"], name="eventperson_event_role"),
        ]


class EventSettings(OwnedModel):
    """The owner's event preferences: how many days after an event its people are due."""

    followup_days = models.PositiveSmallIntegerField(default=DEFAULT_FOLLOWUP_DAYS)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner"], name="event_settings_once"),
            models.CheckConstraint(
                condition=Q(followup_days__gte=1), name="event_settings_days_positive"
            ),
        ]

"""The shape of a tiebook backup: its sections, their fields, and how each value is written."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations

from tiebook.accounts.models import OwnAddress, Profile
from tiebook.core.errors import ValidationError
from tiebook.credentials.models import (
    MAX_LEAD_DAYS,
    Credential,
    CredentialContact,
    CredentialHours,
    Filing,
    FilingContact,
)
from tiebook.events.models import Event, EventOrganization, EventPerson, EventSettings
from tiebook.followups.models import Nudge, TypeInterval
from tiebook.interactions.models import Interaction, KnowledgeShare, Task, Vouch
from tiebook.interchange.models import ImportChange, ImportRun
from tiebook.opportunities.models import Opportunity, OpportunityPerson, Referral, StageChange
from tiebook.people.models import (
    ContactPoint,
    DistinctPair,
    Organization,
    Person,
    PersonTag,
    PersonType,
    Relationship,
    Tag,
)

BACKUP_FORMAT = "tiebook-backup"
# 2: references are database ids, which a restore keeps when they are free; the owner's name and
# address head the document; import runs and their undo logs are carried.
# 3: the networking sections (events, opportunities, credentials...), each marked `since=3`.
BACKUP_VERSION = 3
READABLE_VERSIONS = (1, 2, 3)
HEADER_KEYS = ("format", "version", "tiebook_version", "owner")
OWNER_KEYS = ("name", "email")


@dataclass(frozen=True)
class BackupSummary:
    people: int
    organizations: int
    interactions: int
    relationships: int
    knowledge_shares: int
    tasks: int
    tags: int
    import_runs: int = 0
    opportunities: int = 0
    referrals: int = 0
    # The sections whose ids were taken in this database, so that restore gave them new ones.
    renumbered: tuple[str, ...] = ()

    @classmethod
    def from_counts(
        cls, counts: Mapping[str, int], *, renumbered: tuple[str, ...] = ()
    ) -> BackupSummary:
        names = [name for name in cls.__dataclass_fields__ if name != "renumbered"]
        return cls(**{name: counts.get(name, 0) for name in names}, renumbered=renumbered)


class BadValue(Exception):
    """A value that does not fit its field; the caller names the record and the field."""


Encode = Callable[[Any], Any]
Decode = Callable[[Any], Any]


@dataclass(frozen=True)
class Column:
    name: str  # the key in the document: the model field's name
    attname: str  # the column in the database (`person_id` for the `person` reference)
    ref_to: str | None  # the section a reference points into
    encode: Encode
    decode: Decode


@dataclass(frozen=True)
class Spec:
    """One kind of record: which model fields it carries, in document order, and its rules."""

    key: str  # the list's key in the document (or in its parent record)
    noun: str  # how messages name one record
    model: type[models.Model]
    fields: tuple[str, ...]
    refs: Mapping[str, str] = field(default_factory=dict)  # field -> section it points into
    bounds: Mapping[str, tuple[int, int | None]] = field(default_factory=dict)
    unique: tuple[str, ...] = ()  # the database's uniqueness rule, within the owner or parent
    unique_unless_blank: str = ""  # a field whose blank value lifts `unique` (a partial index)
    since: int = 1  # the backup version that brought the section: older documents lack it
    # Fields added to the section in version 3, with the value an older document implies.
    added: Mapping[str, Any] = field(default_factory=dict)

    @cached_property
    def columns(self) -> tuple[Column, ...]:
        return tuple(self._column(name) for name in self.fields)

    def _column(self, name: str) -> Column:
        model_field = self.model._meta.get_field(name)
        if name in self.refs:
            return Column(name, model_field.attname, self.refs[name], _same, _ref(model_field))
        decode = _decoder(model_field, self.bounds.get(name))
        return Column(name, model_field.attname, None, _encoder(model_field), decode)


# -- writing values ------------------------------------------------------------------------------


def _same(value: Any) -> Any:
    return value


def _datetime_text(value: dt.datetime | None) -> str | None:
    if value is None:
        return None
    return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def _date_text(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _encoder(model_field: models.Field) -> Encode:
    if isinstance(model_field, models.DateTimeField):
        return _datetime_text
    if isinstance(model_field, models.DateField):
        return _date_text
    return _same


# -- reading values ------------------------------------------------------------------------------

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_INT_RANGES = BaseDatabaseOperations.integer_field_ranges


def show(value: Any) -> str:
    """A value as the document spells it, cut short for a message."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


def _text(model_field: models.Field) -> Decode:
    limit = model_field.max_length

    def decode(value: Any) -> str:
        if not isinstance(value, str):
            raise BadValue(f"expected text, found {show(value)}")
        if limit and len(value) > limit:
            raise BadValue(f"longer than {limit} characters")
        return value

    return decode


def _whole(low: int, high: int | None) -> Decode:
    def decode(value: Any) -> int:
        if not isinstance(value, int) or isinstance(value, bool):
            raise BadValue(f"expected a whole number, found {show(value)}")
        if value < low or (high is not None and value > high):
            span = f"from {low}" if high is None else f"from {low} to {high}"
            raise BadValue(f"expected a whole number {span}, found {value}")
        return value

    return decode


def _boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise BadValue(f"expected true or false, found {show(value)}")
    return value


def _datetime(value: Any) -> dt.datetime:
    try:
        parsed = dt.datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        parsed = None
    if parsed is None or parsed.tzinfo is None:
        raise BadValue(f"expected an ISO 8601 date and time in UTC, found {show(value)}")
    return parsed.astimezone(dt.UTC)


def _date(value: Any) -> dt.date:
    try:
        if isinstance(value, str) and _DATE.fullmatch(value):
            return dt.date.fromisoformat(value)
    except ValueError:
        pass
    raise BadValue(f"expected a date as YYYY-MM-DD, found {show(value)}")


def _json(value: Any) -> Any:
    return value


def _ref(model_field: models.Field) -> Decode:
    number = _whole(1, None)

    def decode(value: Any) -> int | None:
        if value is None and model_field.null:
            return None
        try:
            return number(value)
        except BadValue:
            raise BadValue(f"expected a reference number, found {show(value)}") from None

    return decode


def _base_decoder(model_field: models.Field, bounds: tuple[int, int | None] | None) -> Decode:
    if isinstance(model_field, models.CharField | models.TextField):
        return _text(model_field)
    if isinstance(model_field, models.BooleanField):
        return _boolean
    if isinstance(model_field, models.DateTimeField):
        return _datetime
    if isinstance(model_field, models.DateField):
        return _date
    if isinstance(model_field, models.IntegerField):
        return _whole(*(bounds or _INT_RANGES[model_field.get_internal_type()]))
    if isinstance(model_field, models.JSONField):
        return _json
    raise TypeError(f"The backup cannot carry {model_field!r} yet.")


def _decoder(model_field: models.Field, bounds: tuple[int, int | None] | None) -> Decode:
    decode = _base_decoder(model_field, bounds)
    allowed = [choice for choice, _ in model_field.flatchoices] if model_field.choices else []
    nullable = model_field.null

    def checked(value: Any) -> Any:
        if value is None and nullable:
            return None
        if value is None and decode is _json:
            raise BadValue("expected a value, found null")
        value = decode(value)
        if allowed and value not in allowed:
            names = ", ".join(str(choice) for choice in allowed)
            raise BadValue(f"expected one of {names}, found {show(value)}")
        return value

    return checked


# -- the sections --------------------------------------------------------------------------------

ORGANIZATIONS = Spec(
    "organizations",
    "organization",
    Organization,
    ("name", "name_key", "domain", "industry", "created_at"),
    unique=("name_key",),
)
TAGS = Spec("tags", "tag", Tag, ("name", "name_key", "created_at"), unique=("name_key",))
PEOPLE = Spec(
    "people",
    "person",
    Person,
    (
        "display_name",
        "given_name",
        "family_name",
        "nickname",
        "search_name",
        "headline",
        "organization",
        "department",
        "location",
        "birthday_year",
        "birthday_month",
        "birthday_day",
        "how_met",
        "introduced_by",
        "notes",
        "expertise",
        "circle",
        "interval_days",
        "snoozed_until",
        "archived_at",
        "last_interaction_at",
        "next_due_on",
        "followup_interval_days",
        "tie_strength",
        "created_at",
        "updated_at",
    ),
    refs={"organization": "organizations", "introduced_by": "people"},
    bounds={
        "interval_days": (1, 2147483647),
        "followup_interval_days": (1, 2147483647),
        "tie_strength": (0, 100),
    },
)
PERSON_TYPES = Spec("types", "type", PersonType, ("type", "created_at"), unique=("type",))
PERSON_TAGS = Spec(
    "tags", "tag", PersonTag, ("tag", "created_at"), refs={"tag": "tags"}, unique=("tag",)
)
CONTACT_POINTS = Spec(
    "contact_points",
    "contact point",
    ContactPoint,
    ("kind", "value", "normalized", "label", "is_primary", "created_at"),
    unique=("kind", "normalized"),
)
RELATIONSHIPS = Spec(
    "relationships",
    "relationship",
    Relationship,
    ("from_person", "to_person", "kind", "source", "created_at"),
    refs={"from_person": "people", "to_person": "people"},
    unique=("from_person", "to_person", "kind"),
)
DISTINCT_PAIRS = Spec(
    "distinct_pairs",
    "pair set apart",
    DistinctPair,
    ("first", "second", "created_at"),
    refs={"first": "people", "second": "people"},
    unique=("first", "second"),
)
INTERACTIONS = Spec(
    "interactions",
    "interaction",
    Interaction,
    ("occurred_at", "kind", "direction", "summary", "notes", "source", "external_id", "created_at"),
    unique=("source", "external_id"),
    unique_unless_blank="external_id",
)
KNOWLEDGE_SHARES = Spec(
    "knowledge_shares",
    "knowledge share",
    KnowledgeShare,
    ("person", "interaction", "direction", "title", "link", "topics", "occurred_at", "created_at"),
    refs={"person": "people", "interaction": "interactions"},
)
TASKS = Spec(
    "tasks",
    "task",
    Task,
    ("person", "direction", "description", "due_on", "done_at", "created_at"),
    refs={"person": "people"},
)
VOUCHES = Spec(
    "vouches",
    "vouch",
    Vouch,
    (
        "person",
        "kind",
        "skill",
        "text",
        "given_on",
        "source",
        "external_id",
        "created_at",
        "asked_on",
        "agreed",
        "confirmed_on",
    ),
    refs={"person": "people"},
    unique=("source", "external_id"),
    unique_unless_blank="external_id",
    added={"asked_on": None, "agreed": None, "confirmed_on": None},  # references, version 3
)
TYPE_INTERVALS = Spec(
    "type_intervals",
    "type interval",
    TypeInterval,
    ("type", "days", "created_at"),
    bounds={"days": (1, 2147483647)},
    unique=("type",),
)
OWN_ADDRESSES = Spec(
    "own_addresses",
    "own address",
    OwnAddress,
    ("email", "created_at"),
    unique=("email",),
)
OPPORTUNITIES = Spec(
    "opportunities",
    "opportunity",
    Opportunity,
    (
        "title",
        "kind",
        "organization",
        "stage",
        "next_step",
        "next_step_on",
        "notes",
        "created_at",
        "updated_at",
    ),
    refs={"organization": "organizations"},
    since=3,
)
OPPORTUNITY_PEOPLE = Spec(
    "opportunity_people",
    "opportunity's person",
    OpportunityPerson,
    ("opportunity", "person", "role", "created_at"),
    refs={"opportunity": "opportunities", "person": "people"},
    unique=("opportunity", "person", "role"),
    since=3,
)
STAGE_CHANGES = Spec(
    "stage_changes",
    "stage change",
    StageChange,
    ("opportunity", "from_stage", "stage", "changed_on", "created_at"),
    refs={"opportunity": "opportunities"},
    since=3,
)
REFERRALS = Spec(
    "referrals",
    "referral",
    Referral,
    (
        "person",
        "to_person",
        "opportunity",
        "direction",
        "kind",
        "what",
        "occurred_on",
        "outcome",
        "outcome_note",
        "interaction",
        "created_at",
    ),
    refs={
        "person": "people",
        "to_person": "people",
        "opportunity": "opportunities",
        "interaction": "interactions",
    },
    since=3,
)
CREDENTIALS = Spec(
    "credentials",
    "credential",
    Credential,
    (
        "name",
        "name_key",
        "issuer",
        "number",
        "issued_on",
        "expires_on",
        "ce_minutes_required",
        "renewal_lead_days",
        "cycle",
        "renewed_at",
        "notes",
        "created_at",
        "updated_at",
    ),
    refs={"issuer": "organizations"},
    bounds={"renewal_lead_days": (0, MAX_LEAD_DAYS), "cycle": (1, 2147483647)},
    since=3,
)
CREDENTIAL_HOURS = Spec(
    "credential_hours",
    "CE entry",
    CredentialHours,
    ("credential", "earned_on", "minutes", "activity", "cycle", "created_at"),
    refs={"credential": "credentials"},
    bounds={"cycle": (1, 2147483647)},
    since=3,
)
CREDENTIAL_CONTACTS = Spec(
    "credential_contacts",
    "credential contact",
    CredentialContact,
    ("credential", "person", "role", "created_at"),
    refs={"credential": "credentials", "person": "people"},
    unique=("credential", "person"),
    since=3,
)
FILINGS = Spec(
    "filings",
    "filing",
    Filing,
    (
        "title",
        "title_key",
        "organization",
        "due_on",
        "done_at",
        "lead_days",
        "yearly",
        "notes",
        "created_at",
    ),
    refs={"organization": "organizations"},
    bounds={"lead_days": (0, MAX_LEAD_DAYS)},
    since=3,
)
FILING_CONTACTS = Spec(
    "filing_contacts",
    "filing contact",
    FilingContact,
    ("filing", "person", "role", "created_at"),
    refs={"filing": "filings", "person": "people"},
    unique=("filing", "person"),
    since=3,
)
PROFILES = Spec(
    "profiles",
    "profile",
    Profile,
    (
        "headline",
        "skills",
        "experiences",
        "offer",
        "looking_for_roles",
        "looking_for_orgs",
        "looking_for_topics",
        "updated_at",
        "created_at",
    ),
    since=3,
)
# After every other networking section: a nudge names its record (an event, a credential...)
# by source and number, which restore translates as it does references (NUDGE_SOURCES).
NUDGES = Spec(
    "nudges",
    "nudge",
    Nudge,
    (
        "person",
        "source",
        "source_id",
        "due_on",
        "why",
        "since",
        "closes_on_contact",
        "done_at",
        "created_at",
    ),
    refs={"person": "people"},
    since=3,
)
NUDGE_SOURCES = {
    "event": "events",
    "opportunity": "opportunities",
    "credential": "credentials",
    "filing": "filings",
    "intro": "interactions",
}
IMPORT_RUNS = Spec(
    "import_runs",
    "import run",
    ImportRun,
    (
        "source",
        "file_name",
        "file_hash",
        "created",
        "updated",
        "merged",
        "skipped",
        "failed",
        "interactions",
        "problems",
        "notes",
        "undone_at",
        "created_at",
    ),
    since=2,
)
EVENTS = Spec(
    "events",
    "event",
    Event,
    (
        *("name", "name_key", "kind", "starts_on", "ends_on", "where", "url", "topics"),
        *("status", "followup_days", "notes", "source", "external_id", "created_at"),
    ),
    bounds={"followup_days": (1, 365)},
    unique=("source", "external_id"),
    unique_unless_blank="external_id",
    since=3,
)
EVENT_ORGANIZATIONS = Spec(
    "event_organizations",
    "event organisation",
    EventOrganization,
    ("event", "organization", "role", "created_at"),
    refs={"event": "events", "organization": "organizations"},
    unique=("event", "organization", "role"),
    since=3,
)
EVENT_PEOPLE = Spec(
    "event_people",
    "event person",
    EventPerson,
    ("event", "person", "role", "met_at", "interaction", "note", "created_at"),
    refs={"event": "events", "person": "people", "interaction": "interactions"},
    unique=("event", "person"),
    since=3,
)
EVENT_SETTINGS = Spec(
    "event_settings",
    "event setting",
    EventSettings,
    ("followup_days", "created_at"),
    bounds={"followup_days": (1, 365)},
    since=3,
)
# Inside each import run; "objects" (the rows it made or the person it filled, by reference)
# is checked and translated by the history module.
IMPORT_CHANGES = Spec(
    "changes", "change", ImportChange, ("action", "model", "field", "old_value", "created_at")
)

# In document order, which is also the order restore writes them in. The sections of version 3
# on (`since=3`) go before IMPORT_RUNS, each after the sections it refers to; dump and restore
# carry them generically (NETWORKING below).
SECTIONS: tuple[Spec, ...] = (
    ORGANIZATIONS,
    TAGS,
    PEOPLE,
    RELATIONSHIPS,
    DISTINCT_PAIRS,
    INTERACTIONS,
    KNOWLEDGE_SHARES,
    TASKS,
    VOUCHES,
    TYPE_INTERVALS,
    OWN_ADDRESSES,
    EVENTS,
    EVENT_ORGANIZATIONS,
    EVENT_PEOPLE,
    EVENT_SETTINGS,
    OPPORTUNITIES,
    OPPORTUNITY_PEOPLE,
    STAGE_CHANGES,
    REFERRALS,
    CREDENTIALS,
    CREDENTIAL_HOURS,
    CREDENTIAL_CONTACTS,
    FILINGS,
    FILING_CONTACTS,
    PROFILES,
    NUDGES,
    IMPORT_RUNS,
)
# The sections of version 3 on, read and written record by record with no special handling.
NETWORKING: tuple[Spec, ...] = tuple(
    spec for spec in SECTIONS if spec.since >= 3 and spec is not NUDGES
)
PERSON_PARTS: tuple[Spec, ...] = (PERSON_TYPES, PERSON_TAGS, CONTACT_POINTS)
PARTICIPANTS = "participants"  # inside each interaction: the people's reference numbers
NOUNS: dict[str, str] = {spec.key: spec.noun for spec in SECTIONS}


def sections_of(document: dict) -> tuple[Spec, ...]:
    """The sections a (checked) document of its version holds: version 1 had no import runs,
    version 2 none of the networking sections."""
    return tuple(spec for spec in SECTIONS if spec.since <= document["version"])


# -- the outside of a document -------------------------------------------------------------------


def _not_a_backup(subject: str, why: str) -> ValidationError:
    return ValidationError(f"{subject} is not a tiebook backup: {why}.")


def _check_version(document: dict, *, subject: str) -> None:
    if "version" not in document:
        raise _not_a_backup(subject, 'it has no "version"')
    version = document["version"]
    if not isinstance(version, int) or isinstance(version, bool):
        raise _not_a_backup(subject, f"its version is {show(version)}")
    if version not in READABLE_VERSIONS:
        raise ValidationError(
            f"{subject} is a tiebook backup of version {version}; "
            f"this tiebook reads versions 1 to {BACKUP_VERSION}."
        )


def _check_owner(document: dict, *, subject: str) -> None:
    if document["version"] < 2:
        if "owner" in document:
            raise _not_a_backup(subject, 'it has an unknown section "owner"')
        return
    found = document.get("owner")
    if not isinstance(found, dict) or set(found) != set(OWNER_KEYS):
        raise _not_a_backup(subject, 'it has no "owner" with a "name" and an "email"')
    for key in OWNER_KEYS:
        if not isinstance(found[key], str) or len(found[key]) > 254:
            raise _not_a_backup(subject, f'its owner has a bad "{key}": {show(found[key])}')


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "text"
    return "null" if value is None else show(value)


def check_structure(document: Any, *, subject: str) -> None:
    """The header and the sections are there and are lists; the records are checked on restore."""
    if not isinstance(document, dict):
        raise _not_a_backup(subject, f"it holds {_kind(document)}, not an object")
    if document.get("format") != BACKUP_FORMAT:
        found = document.get("format")
        raise _not_a_backup(
            subject, 'it has no "format"' if found is None else f"its format is {show(found)}"
        )
    _check_version(document, subject=subject)
    _check_owner(document, subject=subject)
    known = {*HEADER_KEYS, *(spec.key for spec in sections_of(document))}
    for key in document:
        if key not in known:
            raise _not_a_backup(subject, f"it has an unknown section {show(key)}")
    for spec in sections_of(document):
        if not isinstance(document.get(spec.key), list):
            raise _not_a_backup(subject, f'it has no "{spec.key}" list')

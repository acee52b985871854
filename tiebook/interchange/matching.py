"""Who a record is: matching imported people against the network by email, phone, profile, name.

Pure: an index of the network's keys in, a decision with its evidence out.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from tiebook.core.errors import ValidationError
from tiebook.interchange.records import PersonRecord
from tiebook.people import normalize
from tiebook.people.names import NameIndex, name_key, similar


@dataclass(frozen=True)
class RecordKeys:
    emails: tuple[str, ...]
    phones: tuple[str, ...]
    profiles: tuple[str, ...]  # social profiles (LinkedIn...)
    websites: tuple[str, ...]
    name: str
    org: str
    display: str = ""  # the name as written, for telling nicknames and initials
    # (kind, value as given, normal form, label) of each well-formed contact point, in order
    contacts: tuple[tuple[str, str, str, str], ...] = ()


@dataclass
class Normalised:
    keys: RecordKeys
    problems: list[str] = field(default_factory=list)  # values that were dropped, and why


def record_keys(record: PersonRecord, *, phone_region: str | None = None) -> Normalised:
    """Normal forms of the record's contact points; malformed values are dropped with a reason."""
    problems: list[str] = []
    contacts: list[tuple[str, str, str, str]] = []

    def clean(kind, values, fn):
        out = []
        for item in values:
            try:
                normalized = fn(item.value)
            except ValidationError as error:
                problems.append(error.message)
                continue
            out.append(normalized)
            here = normalize.url_kind(normalized) if kind == "url" else kind
            contacts.append((here, item.value.strip()[:500], normalized, item.label[:60]))
        return tuple(dict.fromkeys(out))

    emails = clean("email", record.emails, normalize.normalize_email)
    phones = clean(
        "phone", record.phones, lambda v: normalize.normalize_phone(v, region=phone_region)
    )
    urls = clean("url", record.urls, normalize.normalize_url)
    display = record.display_name()
    keys = RecordKeys(
        emails=emails,
        phones=phones,
        profiles=tuple(u for u in urls if normalize.url_kind(u) == "social"),
        websites=tuple(u for u in urls if normalize.url_kind(u) != "social"),
        name=name_key(display),
        display=display,
        org=normalize.text_key(record.organization) if record.organization else "",
        contacts=tuple(contacts),
    )
    return Normalised(keys, problems)


@dataclass(frozen=True)
class Match:
    person: int | None  # the matched person's id (negative: planned earlier in this import)
    kind: str  # "key" (email, phone or profile), "name" (name and organisation), "new", "conflict"
    evidence: str
    maybe: int | None = None  # new, but perhaps this person (a nickname or initial): to review


@dataclass
class NetworkIndex:
    """The network's matching keys, each pointing at a person id."""

    emails: dict[str, int] = field(default_factory=dict)
    phones: dict[str, int] = field(default_factory=dict)
    profiles: dict[str, int] = field(default_factory=dict)
    # (name key, organisation key) -> people
    names: dict[tuple[str, str], list[int]] = field(default_factory=lambda: defaultdict(list))
    # the names one may also go by, one person per distinct name (see names.NameIndex)
    nearby: NameIndex = field(default_factory=NameIndex)
    profiles_of: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))

    def add_name(self, person: int, display: str, org: str, strict: str = "") -> None:
        strict = strict or name_key(display)
        named = self.names[(strict, org)]
        if person not in named:
            named.append(person)
        self.nearby.add(display, person)

    def add(self, person: int, keys: RecordKeys) -> None:
        for table, values in (
            (self.emails, keys.emails),
            (self.phones, keys.phones),
            (self.profiles, keys.profiles),
        ):
            for value in values:
                table.setdefault(value, person)
        self.profiles_of[person].update(keys.profiles)
        if keys.name:
            self.add_name(person, keys.display, keys.org, keys.name)


def match(keys: RecordKeys, index: NetworkIndex) -> Match:
    """A shared email, phone or profile is the same person; else the same name at the same
    organisation; anything weaker is a new person."""
    hits: dict[int, str] = {}
    for label, table, values in (
        ("email", index.emails, keys.emails),
        ("phone", index.phones, keys.phones),
        ("profile", index.profiles, keys.profiles),
    ):
        for value in values:
            if value in table:
                hits.setdefault(table[value], f"same {label} {value}")
    if len(hits) == 1:
        person, evidence = next(iter(hits.items()))
        return Match(person, "key", evidence)
    if len(hits) > 1:
        return Match(
            None, "conflict", f"its email, phone or profile belongs to {len(hits)} different people"
        )
    same_org = [
        p
        for p in (index.names.get((keys.name, keys.org), []) if keys.org else [])
        if not _other_profile(index, p, keys)
    ]
    if len(same_org) == 1:
        return Match(same_org[0], "name", "same name and organisation")
    for display, person in index.nearby.near(keys.display):
        why = similar(keys.display, display)
        if why and not _other_profile(index, person, keys):
            evidence = f"perhaps {display} ({why}), to review among the duplicates"
            return Match(None, "new", evidence, person)
    return Match(None, "new", "no one with the same email, phone, profile, or name and org")


def _other_profile(index: NetworkIndex, person: int, keys: RecordKeys) -> bool:
    """Both have a profile and they differ: two people who share a name and an employer."""
    theirs = index.profiles_of.get(person)
    return bool(theirs and keys.profiles and not theirs.intersection(keys.profiles))

"""Who a record is: matching imported people against the network by email, phone, profile, name.

Pure: an index of the network's keys in, a decision with its evidence out.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from tiebook.core.errors import ValidationError
from tiebook.interchange.records import PersonRecord
from tiebook.people import limits, normalize
from tiebook.people.names import CROWD, NameIndex, name_key, names_agree, similar


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
    contacts: list[tuple[str, str, str, str]] = []  # (kind, value, normal form, label)
    emails = _clean("email", record.emails, normalize.normalize_email, problems, contacts)
    phones = _clean(
        "phone",
        record.phones,
        lambda v: normalize.normalize_phone(v, region=phone_region),
        problems,
        contacts,
    )
    urls = _clean("url", record.urls, normalize.normalize_url, problems, contacts)
    profiles = websites = ()
    if urls:
        social = {n for kind, _, n, _ in contacts if kind == "social"}
        profiles = tuple(u for u in urls if u in social)
        websites = tuple(u for u in urls if u not in social)
    # Cut as the person will be stored, so that importing the file again finds them.
    display = record.display_name()[: limits.NAME]
    organization = record.organization.strip()[: limits.ORGANIZATION]
    keys = RecordKeys(
        emails=emails,
        phones=phones,
        profiles=profiles,
        websites=websites,
        name=name_key(display),
        display=display,
        org=normalize.organization_key(organization) if organization else "",
        contacts=tuple(contacts),
    )
    return Normalised(keys, problems)


def _clean(kind: str, values, fn, problems: list[str], contacts: list) -> tuple[str, ...]:
    """The normal forms of the values, once each, in order; each well-formed one is also noted
    in `contacts` (a URL as a social profile or a web site), each malformed one in `problems`."""
    if not values:
        return ()
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


@dataclass(frozen=True)
class Match:
    person: int | None  # the matched person's id (negative: planned earlier in this import)
    kind: str  # "key" (email, phone or profile), "name" (name and organisation), "new", "conflict"
    evidence: str
    maybe: int | None = None  # new, but perhaps this person (a nickname or initial): to review


KEYS = {"email": "emails", "phone": "phones", "profile": "profiles"}  # kind -> attribute


def hold(table: dict[str, list[int]], value: str, person: int) -> None:
    """Note that `person` holds `value`."""
    holders = table.setdefault(value, [])
    if person not in holders:
        holders.append(person)


@dataclass
class NetworkIndex:
    """The network's matching keys, each pointing at the people who hold it (a switchboard, a
    family landline or a team mailbox is held by several)."""

    emails: dict[str, list[int]] = field(default_factory=dict)
    phones: dict[str, list[int]] = field(default_factory=dict)
    profiles: dict[str, list[int]] = field(default_factory=dict)
    # (name key, organisation key) -> people
    names: dict[tuple[str, str], list[int]] = field(default_factory=lambda: defaultdict(list))
    # the names one may also go by, one person per distinct name (see names.NameIndex)
    nearby: NameIndex = field(default_factory=NameIndex)
    profiles_of: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))
    display: dict[int, str] = field(default_factory=dict)  # person -> name as written

    def add_name(self, person: int, display: str, org: str, strict: str = "") -> None:
        self.display.setdefault(person, display)
        strict = strict or name_key(display)
        named = self.names[(strict, org)]
        if person not in named:
            named.append(person)
        self.nearby.add(display, person)

    def table(self, kind: str) -> dict[str, list[int]]:
        """The holders of each value of a kind of key ("email", "phone", "profile")."""
        return getattr(self, KEYS[kind])

    def add(self, person: int, keys: RecordKeys) -> None:
        for kind, attribute in KEYS.items():
            table = self.table(kind)
            for value in getattr(keys, attribute):
                hold(table, value, person)
        self.profiles_of[person].update(keys.profiles)
        if keys.name:
            self.add_name(person, keys.display, keys.org, keys.name)
        else:
            self.display.setdefault(person, keys.display)


def match(keys: RecordKeys, index: NetworkIndex) -> Match:
    """Who the record is. A profile is one person's; an email or a phone is evidence, not
    proof (switchboards, family landlines, team mailboxes and an assistant's address are
    shared): it picks the holder whose name agrees, and a record whose name disagrees with
    every holder is someone new, listed for review. Without a key, the same name at the same
    organisation; anything weaker is a new person."""
    shared: dict[int, list[tuple[str, str]]] = {}  # holder -> (kind, value) shared with them
    for kind, attribute in KEYS.items():
        table = index.table(kind)
        for value in getattr(keys, attribute):
            for person in table.get(value, ()):
                shared.setdefault(person, []).append((kind, value))
    if shared:
        return _by_key(keys, index, shared)
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


def _by_key(keys: RecordKeys, index: NetworkIndex, shared: dict[int, list]) -> Match:
    by_profile = [p for p, found in shared.items() if any(k == "profile" for k, _ in found)]
    if len(by_profile) == 1:
        return Match(by_profile[0], "key", _same(shared[by_profile[0]]))
    agree = {p: names_agree(keys.display, index.display.get(p, "")) for p in shared}
    fitting = by_profile or [p for p in shared if agree[p]]
    if len(fitting) > 1:  # a key held by several people: the name may pick one
        fitting = [p for p in fitting if agree[p] == "same name"] or fitting
    if len(fitting) == 1:
        return Match(fitting[0], "key", _same(shared[fitting[0]]))
    if fitting:
        names = _listed([index.display.get(p, "") for p in fitting])
        return Match(
            None,
            "conflict",
            f"its {_what(fitting, shared)} belongs to {len(fitting)} people ({names}) and the "
            "name does not tell which; not imported (merge them if they are one person)",
        )
    person, found = next(iter(shared.items()))
    crowd = max(len(index.table(kind)[value]) for kind, value in found)
    evidence = (
        f"shares {_what([person], shared)} with {index.display.get(person, '')} under another "
        "name: kept apart"
    )
    if crowd > CROWD:
        return Match(None, "new", evidence)
    return Match(None, "new", f"{evidence}, to review among the duplicates", person)


def _same(found: list[tuple[str, str]]) -> str:
    kind, value = found[0]
    return f"same {kind} {value}"


def _what(people: list[int], shared: dict[int, list]) -> str:
    """The keys those people share with the record, as words: "phone +1212..."."""
    found = dict.fromkeys(item for p in people for item in shared[p])
    return " and ".join(f"{kind} {value}" for kind, value in list(found)[:2])


def _listed(names: list[str]) -> str:
    shown = ", ".join(names[:3])
    return shown if len(names) <= 3 else f"{shown} and {len(names) - 3} more"


def _other_profile(index: NetworkIndex, person: int, keys: RecordKeys) -> bool:
    """Both have a profile and they differ: two people who share a name and an employer."""
    theirs = index.profiles_of.get(person)
    return bool(theirs and keys.profiles and not theirs.intersection(keys.profiles))

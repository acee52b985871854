"""Reads for who could refer me at an organisation: the organisation asked for, its people now and
before, and the ties around them, in a bounded number of queries whatever the network's size."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import F, Q
from django.db.models.functions import Abs
from django.utils import timezone
from rapidfuzz import fuzz, process

from tiebook.core.errors import Ambiguous, NotFound, ValidationError
from tiebook.core.params import search_text
from tiebook.core.timeparse import today as local_today
from tiebook.insights.refer import PEAK, Contact, Edge, Insider, Suggestion, who_could_refer
from tiebook.people import limits
from tiebook.people.models import ContactPoint, Organization, Person, PersonType, Relationship
from tiebook.people.normalize import organization_key
from tiebook.people.ties import KIND_LABELS, REVERSE_LABELS

INSIDERS = 1000  # people at one organisation looked at, those nearest the peak strength first
EDGES = 20_000  # relationships read around them, at each of the two hops
MAX_CANDIDATES = 10
# Addresses anyone can have: never evidence of working somewhere.
PUBLIC_MAIL = frozenset(
    (
        *("gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com"),
        *("yahoo.com", "icloud.com", "me.com", "mac.com", "aol.com", "proton.me"),
        *("protonmail.com", "gmx.de", "gmx.net", "web.de", "mail.ru", "yandex.ru", "qq.com"),
        *("163.com", "fastmail.com", "hey.com", "zoho.com", "orange.fr", "free.fr"),
    )
)
CHUNK = 5000  # ids per IN (...): well under SQLite's limit on a statement's parameters


@dataclass(frozen=True)
class Referrers:
    organization: Organization
    suggestions: list[Suggestion]


def organization_find(*, owner, name: str) -> Organization:
    """An organisation by its name (case and accents aside), its email domain, or the one name
    that starts with what was typed; otherwise one sentence, with the closest name if any."""
    text = search_text(" ".join((name or "").split()))
    if text is None:
        raise ValidationError("Name an organisation: its name or its email domain.", field="org")
    if len(text) > limits.ORGANIZATION:  # no organisation's name is that long
        raise NotFound(f"No organisation in your network is called '{text[:60]}...'.")
    orgs = Organization.objects.filter(owner=owner)
    key = organization_key(text)
    found = orgs.filter(name_key=key).first()
    domain = _domain(text)
    if found is None and domain:
        found = orgs.filter(domain=domain).order_by("pk").first()
    if found is None:
        starting = list(orgs.filter(name_key__startswith=key).order_by("name_key")[:MAX_CANDIDATES])
        if len(starting) == 1:
            return starting[0]
        if starting:
            raise Ambiguous(
                f"'{text}' starts the names of several organisations; use more of the name.",
                candidates=[o.name for o in starting],
            )
    if found is None:
        raise NotFound(
            f"No organisation in your network is called '{text}'.", hint=_close(orgs, key)
        )
    return found


def _domain(text: str) -> str | None:
    """'li@acme.com', '@Acme.com', 'https://www.acme.com/' -> 'acme.com'; None for a plain name."""
    host = text.strip().lower().rpartition("@")[2]
    host = host.removeprefix("https://").removeprefix("http://").split("/")[0]
    host = host.removeprefix("www.")
    return host if "." in host and " " not in host else None


def _close(orgs, key: str) -> str | None:
    names = dict(orgs.values_list("name_key", "name")[:50_000])
    best = (
        process.extractOne(key, list(names), scorer=fuzz.ratio, score_cutoff=70) if names else None
    )
    return f"Did you mean '{names[best[0]]}'?" if best else None


def organization_names(*, owner, prefix: str = "", limit: int = 20) -> list[str]:
    """Names for the organisation picker: those starting with what was typed, then containing it."""
    key = organization_key(search_text(prefix) or "")
    orgs = Organization.objects.filter(owner=owner).order_by("name_key")
    first = list(orgs.filter(name_key__startswith=key).values_list("name", flat=True)[:limit])
    if len(first) < limit and key:
        more = orgs.filter(name_key__contains=key).exclude(name_key__startswith=key)
        first += list(more.values_list("name", flat=True)[: limit - len(first)])
    return first


def refer_at(*, owner, org: str, limit: int = 20) -> Referrers:
    """Who could refer me at the organisation named: `tiebook refer ORG` and its page."""
    organization = organization_find(owner=owner, name=org)
    return Referrers(
        organization, referrers_at(owner=owner, organization=organization, limit=limit)
    )


def referrers_at(
    *, owner, organization: Organization, exclude: set[int] = frozenset(), limit: int = 20
) -> list[Suggestion]:
    """People at the organisation (now, or before: an email at its domain while working
    elsewhere), and people one or two relationships away from one of them, best first."""
    insiders = _insiders(owner, organization)
    ids = [i.person_id for i in insiders]
    first = _edges(owner, ids)
    near = sorted({p for e in first for p in (e.a, e.b)} - set(ids))[:CHUNK]
    second = _edges(owner, near)
    everyone = set(ids) | {p for e in (*first, *second) for p in (e.a, e.b)}
    return who_could_refer(
        organization=organization.name,
        contacts=_contacts(owner, everyone),
        insiders=insiders,
        edges=[*first, *second],
        today=local_today(),
        exclude=exclude,
        limit=limit,
    )


def _insiders(owner, organization: Organization) -> list[Insider]:
    people = Person.objects.filter(owner=owner, archived_at__isnull=True)
    current = (
        people.filter(organization=organization)
        .order_by(Abs(F("tie_strength") - PEAK), "pk")
        .values_list("pk", flat=True)[:INSIDERS]
    )
    found = {pk: Insider(pk) for pk in current}
    domain = _domain(organization.domain or "") or _shared_domain(owner, organization)
    if domain is None:
        return list(found.values())
    at_domain = (
        ContactPoint.objects.filter(owner=owner, kind=ContactPoint.EMAIL)
        .filter(Q(normalized__endswith=f"@{domain}") | Q(normalized__endswith=f".{domain}"))
        .filter(person__archived_at__isnull=True)
        .exclude(person__organization=organization)
        .values_list("person_id", "person__organization__name")
        .order_by("person_id")[:INSIDERS]
    )
    for pk, now_at in at_domain:
        if pk not in found:
            # An address at the domain, and no organisation: still there, as far as we know.
            detail = f"{domain} email" + (f"; now at {now_at}" if now_at else "")
            found[pk] = Insider(pk, former=now_at is not None, detail=detail)
    return list(found.values())


def _shared_domain(owner, organization: Organization) -> str | None:
    """An organisation kept without its domain (most are: imports rarely say) has the one most
    of its people's addresses share, when at least two do and it is no public mail service."""
    addresses = (
        ContactPoint.objects.filter(
            owner=owner, kind=ContactPoint.EMAIL, person__organization=organization
        )
        .values_list("person_id", "normalized")
        .order_by()[:INSIDERS]
    )
    holders: dict[str, set[int]] = {}
    for person_id, address in addresses:
        domain = address.rpartition("@")[2]
        if domain and domain not in PUBLIC_MAIL:
            holders.setdefault(domain, set()).add(person_id)
    people = len({pid for pids in holders.values() for pid in pids})
    best = max(holders.items(), key=lambda item: (len(item[1]), item[0]), default=None)
    if best is None or len(best[1]) < 2 or 2 * len(best[1]) < people:
        return None
    return best[0]


def _edges(owner, ids: list[int]) -> list[Edge]:
    found: list[Edge] = []
    for at in range(0, len(ids), CHUNK):
        part = ids[at : at + CHUNK]
        rows = (
            Relationship.objects.filter(owner=owner)
            .filter(Q(from_person_id__in=part) | Q(to_person_id__in=part))
            .values_list("from_person_id", "to_person_id", "kind")
            .order_by()[: EDGES - len(found)]
        )
        found += [Edge(a, b, KIND_LABELS[k], REVERSE_LABELS[k]) for a, b, k in rows]
        if len(found) >= EDGES:
            break
    return found


def _contacts(owner, ids: set[int]) -> dict[int, Contact]:
    """The people on any path, archived ones left out, in a few chunked reads."""
    ordered = sorted(ids)
    rows, family = [], set()
    for at in range(0, len(ordered), CHUNK):
        part = ordered[at : at + CHUNK]
        rows += Person.objects.filter(
            owner=owner, pk__in=part, archived_at__isnull=True
        ).values_list("pk", "display_name", "tie_strength", "last_interaction_at")
        family |= set(
            PersonType.objects.filter(owner=owner, person_id__in=part, type="family").values_list(
                "person_id", flat=True
            )
        )
    zone = timezone.get_current_timezone()
    return {
        pk: Contact(
            pk, name, strength, last.astimezone(zone).date() if last else None, pk in family
        )
        for pk, name, strength, last in rows
    }


def referrers_for_opportunity(*, owner, record, limit: int = 10) -> list[Suggestion]:
    """Who could refer me at an opportunity's organisation, leaving out the people already
    linked to it (`record`: an opportunities.selectors.OpportunityRecord)."""
    organization = record.opportunity.organization
    if organization is None:
        return []
    linked = {link.person_id for link in record.links}
    return referrers_at(owner=owner, organization=organization, exclude=linked, limit=limit)

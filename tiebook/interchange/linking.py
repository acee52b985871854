"""Imported interactions: who took part (by profile, email, then name), once per source id.

The owner's own addresses are never people: they only tell the direction (a message from the
owner is outgoing) and whether the owner declined a meeting (then it did not happen for them).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence

from tiebook.core.bulk import create, in_chunks
from tiebook.core.errors import ValidationError
from tiebook.core.timeparse import now
from tiebook.interactions.models import Interaction, Participant, Vouch
from tiebook.interchange.records import SENDER_ROLES, InteractionRecord, PersonRef, VouchRecord
from tiebook.people import normalize
from tiebook.people.models import ContactPoint, Person, Relationship
from tiebook.people.names import name_key, names_agree

KINDS = {k for k, _ in Interaction.KINDS}
KNOWS_MAX = 8  # people on one message beyond this are an audience, not acquaintances


def stored_id(external_id: str) -> str:
    """The source's id as the database keeps it (300 characters): a longer one is replaced by
    its SHA-256, so two long ids sharing a beginning never collide."""
    if len(external_id) <= 300:
        return external_id
    return "sha256:" + hashlib.sha256(external_id.encode("utf-8", "replace")).hexdigest()


def email_key(raw: str) -> str:
    """A participant's address as contact points store it; "" when it is malformed."""
    try:
        return normalize.normalize_email(raw) if raw else ""
    except ValidationError:
        return ""


def _profile_key(raw: str) -> str:
    try:
        return normalize.normalize_url(raw) if raw else ""
    except ValidationError:
        return ""


class _People:
    """The owner's people by profile, email and name, for naming participants; and the
    addresses learned on the way (someone known by name writing from an address nobody has)."""

    def __init__(self, owner):
        self.by_key: dict[tuple[str, str], list[int]] = {}
        for person, kind, norm in ContactPoint.objects.filter(
            owner=owner, kind__in=["email", "social"]
        ).values_list("person_id", "kind", "normalized"):
            self.hold((kind, norm), person)
        self.names: dict[int, str] = {}
        self.by_name: dict[str, list[int]] = {}
        for pk, name in Person.objects.filter(owner=owner).values_list("id", "display_name"):
            self.named(pk, name)
        self.learned: dict[str, tuple[int, str]] = {}  # address -> (person, as written)
        self.unsure: dict[str, None] = {}  # shared addresses the name did not resolve

    def hold(self, key: tuple[str, str], person: int) -> None:
        holders = self.by_key.setdefault(key, [])
        if person not in holders:
            holders.append(person)

    def named(self, person: int, name: str) -> None:
        self.names[person] = name
        self.by_name.setdefault(name_key(name), []).append(person)

    def find(self, ref: PersonRef) -> int | None:
        """Who the participant is (see `resolve`), learning the address of someone known by
        name who writes from an address nobody has."""
        person, address = self.resolve(ref)
        if address and person and person > 0:
            self.learned[address] = (person, ref.email.strip())
            self.hold(("email", address), person)
        return person

    def knows(self, ref: PersonRef) -> bool:
        """Whether someone in the network has the participant's address or profile, or is the
        one person of their name."""
        keys = [("email", email_key(ref.email)), ("social", _profile_key(ref.profile_url))]
        return any(key[1] and key in self.by_key for key in keys) or bool(self._by_name(ref))

    def resolve(self, ref: PersonRef) -> tuple[int | None, str]:
        """The holder of the participant's profile or address (the one whose name agrees, when
        several hold it), else the one person of their name, or None if unsure; and the
        address to learn, when found by name with an address nobody has."""
        for kind, raw, fn in (
            ("social", ref.profile_url, normalize.normalize_url),
            ("email", ref.email, normalize.normalize_email),
        ):
            try:
                holders = self.by_key.get((kind, fn(raw))) if raw else None
            except ValidationError:  # a malformed address simply does not match
                holders = None
            if holders:
                return self._pick(holders, ref, raw), ""
        return self._by_name(ref), email_key(ref.email)

    def _by_name(self, ref: PersonRef) -> int | None:
        named = self.by_name.get(name_key(ref.name), []) if ref.name else []
        return named[0] if len(named) == 1 else None

    def _pick(self, holders: list[int], ref: PersonRef, raw: str) -> int | None:
        """One of several holders of an address (a team mailbox, an assistant's): the name
        picks; a lone holder keeps it unless the name is someone else's."""
        agree = {p: names_agree(ref.name, self.names.get(p, "")) for p in holders}
        fitting = [p for p in holders if agree[p] == "same name"] or [
            p for p in holders if agree[p]
        ]
        if len(fitting) == 1:
            return fitting[0]
        named = self._by_name(ref)
        if named:
            return named
        if len(holders) == 1:  # a display name is often a team's or a tool's ("Acme Billing")
            return holders[0]
        self.unsure[raw.strip()] = None
        return None


def direction(record: InteractionRecord, own: set[str]) -> str:
    """Outgoing when the owner sent or organised it, incoming when someone else did."""
    senders = [p for p in record.participants if p.role in SENDER_ROLES]
    if not senders:
        return record.direction
    return "outgoing" if any(email_key(p.email) in own for p in senders) else "incoming"


def declined(record: InteractionRecord, own: set[str]) -> bool:
    return any(p.status == "declined" and email_key(p.email) in own for p in record.participants)


def _matched(owner, source: str, records, own: set[str], people: _People):
    """(record, people in it) for each record not imported before, the groups who know one
    another, and how many meetings the owner declined."""
    seen = set(
        Interaction.objects.filter(owner=owner, source=source)
        .exclude(external_id="")
        .values_list("external_id", flat=True)
    )
    matched: list[tuple[InteractionRecord, list[int]]] = []
    groups: list[list[int]] = []
    skipped = future = 0
    moment = now()
    for record in records:
        key = stored_id(record.external_id)
        if key in seen:
            continue
        seen.add(key)
        if record.occurred_at > moment:  # not happened yet: no follow-up may hang on it
            future += 1
            continue
        if declined(record, own):
            skipped += 1
            continue
        others = [p for p in record.participants if email_key(p.email) not in own]
        ids = list(dict.fromkeys(p for p in map(people.find, others) if p))
        if not ids:
            continue
        matched.append((record, ids))
        if record.acquainted and 2 <= len(ids) <= KNOWS_MAX:
            groups.append(ids)
    return matched, groups, (skipped, future)


def interactions_to_link(
    *, owner, source: str, records: Sequence[InteractionRecord], own: set[str], planned
) -> tuple[int, set[int]]:
    """How many interactions an import would add (for a dry run), and who would learn an
    address; `planned` holds, for each person it would add, their (kind, normalized) keys and
    their name."""
    if not records:
        return 0, set()
    people = _People(owner)
    for number, (key, name) in enumerate(planned, start=1):
        for one in key:
            people.hold(one, -number)
        people.named(-number, name)
    count = len(_matched(owner, source, records, own, people)[0])
    return count, {person for person, _ in people.learned.values()}


def addresses_learn(*, owner, people: _People, log) -> set[int]:
    """Give each person found by name the address they wrote from (nobody else had it), as a
    contact point the import's undo removes; returns who learned one."""
    if not people.learned:
        return set()
    learners = {person for person, _ in people.learned.values()}
    has_primary = set(
        in_chunks(
            learners,
            lambda chunk: ContactPoint.objects.filter(
                owner=owner, kind="email", is_primary=True, person_id__in=chunk
            ).values_list("person_id", flat=True),
        )
    )
    made = []
    for address, (person, written) in people.learned.items():
        made.append(
            ContactPoint(
                owner=owner,
                person_id=person,
                kind="email",
                value=written[:500],
                normalized=address,
                is_primary=person not in has_primary,
            )
        )
        has_primary.add(person)
    create(made)
    log.created(made)
    return learners


def known_people(owner) -> _People:
    """The owner's people by profile, email and name: build it once for a run's linking."""
    return _People(owner)


def link_interactions(
    *,
    owner,
    source: str,
    records: Sequence[InteractionRecord],
    own: set[str],
    log,
    people: _People | None = None,
) -> tuple[int, set[int], list[str]]:
    """Create the interactions not imported before whose people are in the network; returns
    how many, who took part (their follow-ups need recomputing), and notes for the report."""
    if not records:
        return 0, set(), []
    people = people or _People(owner)
    matched, groups, (skipped, future) = _matched(owner, source, records, own, people)
    at = now()
    made = [(_interaction(owner, source, r, direction(r, own), at), ids) for r, ids in matched]
    create([i for i, _ in made])
    parts = [
        Participant(owner=owner, interaction=i, person_id=p, occurred_at=i.occurred_at)
        for i, ids in made
        for p in ids
    ]
    create(parts)
    log.created([i for i, _ in made])
    log.created(parts)
    ties = _acquaintances(owner, source, groups)
    log.created(ties)
    notes = []
    if people.unsure:
        shared = ", ".join(list(people.unsure)[:3])
        notes.append(
            f"Not linked to anyone: {shared}, an address several people have, where the name "
            "does not say whose."
        )
    if skipped:
        notes.append(f"{_count(skipped, 'meeting')} you declined not imported.")
    if future:
        notes.append(f"{_count(future, 'interaction')} dated in the future not imported.")
    if ties:
        tied = _count(len(ties), "new 'knows' tie")
        notes.append(f"{tied} between people on the same mail.")
    return len(made), {p.person_id for p in parts}, notes


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _acquaintances(owner, source: str, groups: list[list[int]]) -> list[Relationship]:
    """One "knows" tie per pair of people who appear together, unless they have one already."""
    if not groups:
        return []
    known = {
        tuple(sorted(pair))
        for pair in Relationship.objects.filter(owner=owner, kind=Relationship.KNOWS).values_list(
            "from_person_id", "to_person_id"
        )
    }
    ties = []
    for ids in groups:
        ordered = sorted(ids)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                if (a, b) not in known:
                    known.add((a, b))
                    ties.append(
                        Relationship(
                            owner=owner,
                            from_person_id=a,
                            to_person_id=b,
                            kind=Relationship.KNOWS,
                            source=source,
                        )
                    )
    create(ties)
    return ties


def _interaction(
    owner, source: str, record: InteractionRecord, way: str, at: dt.datetime
) -> Interaction:
    return Interaction(
        owner=owner,
        kind=record.kind if record.kind in KINDS else "message",
        occurred_at=record.occurred_at,
        direction=way,
        summary=(" ".join(record.summary.split()) or record.kind)[:500],
        source=source,
        external_id=stored_id(record.external_id),
        created_at=at,
    )


def link_vouches(
    *, owner, source: str, records: Sequence[VouchRecord], log, people: _People | None = None
) -> tuple[int, list[str]]:
    """Keep the endorsements and recommendations of people in the network, once each; returns
    how many were kept, and a note on those from people tiebook does not know."""
    if not records:
        return 0, []
    seen = set(
        Vouch.objects.filter(owner=owner, source=source)
        .exclude(external_id="")
        .values_list("external_id", flat=True)
    )
    people = people or _People(owner)
    made, strangers = [], 0
    for record in records:
        key = stored_id(record.external_id)
        if key in seen:
            continue
        seen.add(key)
        person = people.find(record.person)
        if person is None:
            strangers += 1
            continue
        made.append(
            Vouch(
                owner=owner,
                person_id=person,
                kind=record.kind,
                skill=record.skill[:200],
                text=record.text,
                given_on=record.given_on,
                source=source,
                external_id=stored_id(record.external_id),
            )
        )
    create(made)
    log.created(made)
    notes = []
    if strangers:
        notes.append(
            f"{_count(strangers, 'endorsement or recommendation')} from people not in your "
            "network not kept."
        )
    return len(made), notes

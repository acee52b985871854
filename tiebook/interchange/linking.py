"""Imported interactions: who took part (by profile, email, then name), once per source id."""

from __future__ import annotations

from collections.abc import Sequence

from tiebook.core.errors import ValidationError
from tiebook.interactions.models import Interaction, Participant
from tiebook.interchange.matching import name_key
from tiebook.interchange.records import InteractionRecord, PersonRef
from tiebook.people import normalize
from tiebook.people.models import ContactPoint, Person

KINDS = {k for k, _ in Interaction.KINDS}


class _People:
    """The owner's people by profile, email and name, for naming participants."""

    def __init__(self, owner):
        self.by_key: dict[tuple[str, str], int] = {}
        for person, kind, norm in ContactPoint.objects.filter(
            owner=owner, kind__in=["email", "social"]
        ).values_list("person_id", "kind", "normalized"):
            self.by_key.setdefault((kind, norm), person)
        self.by_name: dict[str, list[int]] = {}
        for pk, name in Person.objects.filter(owner=owner).values_list("id", "display_name"):
            self.by_name.setdefault(name_key(name), []).append(pk)

    def find(self, ref: PersonRef) -> int | None:
        for kind, raw, fn in (
            ("social", ref.profile_url, normalize.normalize_url),
            ("email", ref.email, normalize.normalize_email),
        ):
            if raw:
                try:
                    hit = self.by_key.get((kind, fn(raw)))
                except ValidationError:  # a malformed address simply does not match
                    hit = None
                if hit:
                    return hit
        named = self.by_name.get(name_key(ref.name), []) if ref.name else []
        return named[0] if len(named) == 1 else None


def link_interactions(
    *, owner, source: str, records: Sequence[InteractionRecord], log
) -> tuple[int, set[int]]:
    """Create the interactions not imported before whose people are in the network; returns
    how many, and who took part (their follow-ups need recomputing)."""
    if not records:
        return 0, set()
    seen = set(
        Interaction.objects.filter(owner=owner, source=source)
        .exclude(external_id="")
        .values_list("external_id", flat=True)
    )
    people = _People(owner)
    made: list[tuple[Interaction, list[int]]] = []
    for record in records:
        if record.external_id in seen:
            continue
        seen.add(record.external_id)
        ids = list(dict.fromkeys(p for p in map(people.find, record.participants) if p))
        if not ids:
            continue
        made.append((_interaction(owner, source, record), ids))
    Interaction.objects.bulk_create([i for i, _ in made], batch_size=1000)
    parts = [
        Participant(owner=owner, interaction=i, person_id=p, occurred_at=i.occurred_at)
        for i, ids in made
        for p in ids
    ]
    Participant.objects.bulk_create(parts, batch_size=1000)
    log.created([i for i, _ in made])
    log.created(parts)
    return len(made), {p.person_id for p in parts}


def _interaction(owner, source: str, record: InteractionRecord) -> Interaction:
    from tiebook.core.timeparse import now

    return Interaction(
        owner=owner,
        kind=record.kind if record.kind in KINDS else "message",
        occurred_at=record.occurred_at,
        direction=record.direction,
        summary=(" ".join(record.summary.split()) or record.kind)[:500],
        source=source,
        external_id=record.external_id[:300],
        created_at=now(),
    )

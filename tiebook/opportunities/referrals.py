"""Writes to referrals: asked, received or given, their outcome, and their entry on the
timelines of the people concerned (an interaction kept in step with the referral)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from tiebook.core.errors import NotFound, ValidationError
from tiebook.core.timeparse import now
from tiebook.core.timeparse import today as local_today
from tiebook.interactions.services import (
    InteractionChanges,
    InteractionInput,
    interaction_delete,
    interaction_log,
    interaction_update,
)
from tiebook.opportunities.domain import parse_choice
from tiebook.opportunities.models import Opportunity, Referral

SOURCE = "referral"
DIRECTIONS = tuple(code for code, _ in Referral.DIRECTIONS)
KINDS = tuple(code for code, _ in Referral.KINDS)
OUTCOMES = tuple(code for code, _ in Referral.OUTCOMES)
_KIND_ALIASES = {"intro": "introduction", "favor": "favour"}
_OUTCOME_ALIASES = {"yes": "helped", "done": "helped", "no": "declined", "silent": "no_answer"}


def parse_referral_kind(raw: str) -> str:
    return parse_choice(raw, KINDS, _KIND_ALIASES, noun="kind", field="kind")


def parse_outcome(raw: str) -> str:
    return parse_choice(raw, OUTCOMES, _OUTCOME_ALIASES, noun="outcome", field="outcome")


def referral_summary(referral: Referral) -> str:
    """One line for the timelines: 'Referral asked for Staff engineer at Acme (to Li Wei):
    pending'."""
    subject = referral.what
    opp = referral.opportunity
    if not subject and opp is not None:
        org = opp.organization
        subject = f"{opp.title} at {org.name}" if org is not None else opp.title
    line = f"{referral.get_kind_display().capitalize()} {referral.direction}"
    if subject:
        line += f" for {subject}"
    if referral.to_person is not None:
        line += f" (to {referral.to_person.display_name})"
    return f"{line}: {referral.outcome_label}"[:500]


def _people(referral: Referral) -> list:
    return [p for p in (referral.person, referral.to_person) if p is not None]


def _check(owner, person, to_person, opportunity, on: dt.date) -> None:
    for thing in (person, to_person, opportunity):
        if thing is not None and thing.owner_id != owner.pk:
            raise NotFound("That is not in your network.")
    if to_person is not None and to_person.pk == person.pk:
        raise ValidationError(
            "A referral reaches someone else than the person it is with.", field="to"
        )
    if on > local_today():
        raise ValidationError(
            f"{on.isoformat()} is in the future; record what has happened.", field="on"
        )


def referral_record(
    *,
    owner,
    person,
    direction: str,
    kind: str = "referral",
    what: str = "",
    opportunity: Opportunity | None = None,
    to_person=None,
    on: dt.date | None = None,
    outcome: str = "pending",
    outcome_note: str = "",
) -> Referral:
    """Record a referral, introduction or favour asked of, received from or given to a person,
    and put it on their timeline (and on the timeline of the person it reaches)."""
    direction = parse_choice(
        direction,
        DIRECTIONS,
        {"ask": "asked", "give": "given", "receive": "received"},
        noun="direction",
        field="direction",
    )
    on = on or local_today()
    _check(owner, person, to_person, opportunity, on)
    text = " ".join((what or "").split())
    if len(text) > 500:
        raise ValidationError("Say what it was in at most 500 characters.", field="what")
    referral = Referral(
        owner=owner,
        person=person,
        to_person=to_person,
        opportunity=opportunity,
        direction=direction,
        kind=parse_referral_kind(kind),
        what=text,
        occurred_on=on,
        outcome=parse_outcome(outcome),
        outcome_note=(outcome_note or "").strip(),
        created_at=now(),
    )
    with transaction.atomic():
        data = InteractionInput(
            summary=referral_summary(referral),
            kind="message",
            on=on,
            they_reached_out=direction == Referral.RECEIVED,
            notes=referral.outcome_note,
        )
        interaction = interaction_log(owner=owner, people=_people(referral), data=data)
        interaction.source = SOURCE
        interaction.save(update_fields=["source"])
        referral.interaction = interaction
        referral.save()
    return referral


def referral_set_outcome(
    *, owner, referral: Referral, outcome: str, note: str | None = None
) -> Referral:
    """Say how it went (helped, declined, no answer, or pending again); the timelines follow."""
    if referral.owner_id != owner.pk:
        raise NotFound(f"No referral with number {referral.pk}.")
    referral.outcome = parse_outcome(outcome)
    if note is not None:
        referral.outcome_note = note.strip()
    with transaction.atomic():
        referral.save(update_fields=["outcome", "outcome_note"])
        if referral.interaction is not None:
            changes = InteractionChanges(
                summary=referral_summary(referral), notes=referral.outcome_note
            )
            interaction_update(owner=owner, interaction=referral.interaction, changes=changes)
    return referral


def referral_delete(*, owner, referral: Referral) -> None:
    """Delete it and its entry on the timelines; follow-ups are counted again without it."""
    if referral.owner_id != owner.pk:
        raise NotFound(f"No referral with number {referral.pk}.")
    with transaction.atomic():
        interaction = referral.interaction
        referral.delete()
        if interaction is not None:
            interaction_delete(owner=owner, interaction=interaction)

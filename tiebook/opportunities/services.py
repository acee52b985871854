"""Writes to opportunities: add, move along the stages, set the next step, link people."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from tiebook.core.errors import NotFound, ValidationError
from tiebook.core.timeparse import now
from tiebook.core.timeparse import today as local_today
from tiebook.opportunities import domain
from tiebook.opportunities.models import Opportunity, OpportunityPerson, StageChange
from tiebook.opportunities.reminders import next_step_clear, next_step_sync
from tiebook.people.services import organization_get_or_create

TITLE_MAX = 300
STEP_MAX = 500


def _text(raw: str | None, *, limit: int, field: str, empty: str | None = None) -> str:
    text = " ".join((raw or "").split())
    if empty and not text:
        raise ValidationError(empty, field=field)
    if len(text) > limit:
        raise ValidationError(
            f"Keep the {field.replace('_', ' ')} under {limit} characters.", field=field
        )
    return text


def _title(raw: str | None) -> str:
    return _text(raw, limit=TITLE_MAX, field="title", empty="Give the opportunity a title.")


def _mine(owner, *things) -> None:
    for thing in things:
        if thing is not None and thing.owner_id != owner.pk:
            raise NotFound(f"No {type(thing).__name__.lower()} with number {thing.pk}.")


def opportunity_create(
    *,
    owner,
    title: str,
    kind: str = "job",
    organization: str | None = None,
    stage: str = "idea",
    next_step: str = "",
    next_step_on: dt.date | None = None,
    notes: str = "",
) -> Opportunity:
    """A new opportunity at its first stage, its organisation found or made by name."""
    clean = _title(title)
    kind = domain.parse_kind(kind)
    stage = domain.parse_stage(stage)
    step = _text(next_step, limit=STEP_MAX, field="next_step")
    if next_step_on is not None and not step:
        raise ValidationError("Say what the next step is, not only when.", field="next_step")
    with transaction.atomic():
        org = None
        if organization and organization.strip():
            org = organization_get_or_create(owner=owner, name=organization)
        moment = now()
        opp = Opportunity.objects.create(
            owner=owner,
            title=clean,
            kind=kind,
            organization=org,
            stage=stage,
            next_step=step,
            next_step_on=next_step_on,
            notes=(notes or "").strip(),
            created_at=moment,
            updated_at=moment,
        )
        StageChange.objects.create(
            owner=owner, opportunity=opp, stage=stage, changed_on=local_today(), created_at=moment
        )
        next_step_sync(owner=owner, opportunity=opp)
    return opp


def opportunity_move(
    *, owner, opportunity: Opportunity, stage: str, on: dt.date | None = None
) -> Opportunity:
    """Move to another stage, noting the day in its history; ending it clears its next step's
    reminder. Moving to the stage it is at changes nothing."""
    _mine(owner, opportunity)
    stage = domain.parse_stage(stage)
    if stage == opportunity.stage:
        return opportunity
    with transaction.atomic():
        StageChange.objects.create(
            owner=owner,
            opportunity=opportunity,
            from_stage=opportunity.stage,
            stage=stage,
            changed_on=on or local_today(),
            created_at=now(),
        )
        opportunity.stage = stage
        opportunity.updated_at = now()
        opportunity.save(update_fields=["stage", "updated_at"])
        next_step_sync(owner=owner, opportunity=opportunity)
    return opportunity


def opportunity_set_next(
    *, owner, opportunity: Opportunity, text: str, on: dt.date | None
) -> Opportunity:
    """Replace the next step (empty text clears it); a dated one comes onto Today."""
    _mine(owner, opportunity)
    step = _text(text, limit=STEP_MAX, field="next_step")
    if on is not None and not step:
        raise ValidationError("Say what the next step is, not only when.", field="next_step")
    with transaction.atomic():
        opportunity.next_step = step
        opportunity.next_step_on = on if step else None
        opportunity.updated_at = now()
        opportunity.save(update_fields=["next_step", "next_step_on", "updated_at"])
        next_step_sync(owner=owner, opportunity=opportunity)
    return opportunity


def opportunity_update(
    *,
    owner,
    opportunity: Opportunity,
    title: str | None = None,
    kind: str | None = None,
    organization: str | None = None,
    notes: str | None = None,
) -> Opportunity:
    """Correct the title, kind, organisation (empty: none) or notes; None leaves one as it is."""
    _mine(owner, opportunity)
    if title is not None:
        opportunity.title = _title(title)
    if kind is not None:
        opportunity.kind = domain.parse_kind(kind)
    if notes is not None:
        opportunity.notes = notes.strip()
    with transaction.atomic():
        if organization is not None:
            opportunity.organization = (
                organization_get_or_create(owner=owner, name=organization)
                if organization.strip()
                else None
            )
        opportunity.updated_at = now()
        opportunity.save()
        next_step_sync(owner=owner, opportunity=opportunity)
    return opportunity


def opportunity_delete(*, owner, opportunity: Opportunity) -> None:
    """Delete it with its links and history; its referrals stay, no longer tied to it."""
    _mine(owner, opportunity)
    with transaction.atomic():
        pk = opportunity.pk
        opportunity.delete()
        next_step_clear(owner=owner, opportunity_id=pk)


def opportunity_link(*, owner, opportunity: Opportunity, person, role: str) -> OpportunityPerson:
    """Link a person in a role (referrer, hiring manager, ...); linking again changes nothing."""
    _mine(owner, opportunity, person)
    role = domain.parse_role(role)
    link, _ = OpportunityPerson.objects.get_or_create(
        owner=owner,
        opportunity=opportunity,
        person=person,
        role=role,
        defaults={"created_at": now()},
    )
    return link


def opportunity_unlink(*, owner, opportunity: Opportunity, person, role: str | None = None) -> int:
    """Unlink a person from the opportunity (in one role, or in all); returns how many links."""
    _mine(owner, opportunity, person)
    links = OpportunityPerson.objects.filter(owner=owner, opportunity=opportunity, person=person)
    if role is not None:
        links = links.filter(role=domain.parse_role(role))
    removed, _ = links.delete()
    if not removed:
        raise NotFound(f"{person.display_name} is not linked to {opportunity.title}.")
    return removed

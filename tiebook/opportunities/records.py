"""Opportunities and referrals as every interface shows them, and their JSON form."""

from __future__ import annotations

from tiebook.opportunities.models import Opportunity, OpportunityPerson, Referral
from tiebook.opportunities.selectors import OpportunityRecord


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def link_dict(link: OpportunityPerson, *, family: bool = False) -> dict:
    return {
        "person_id": link.person_id,
        "name": link.person.display_name,
        "role": link.role,
        "family": family,
    }


def opportunity_dict(opp: Opportunity, *, links: list[OpportunityPerson] | None = None) -> dict:
    """The opportunity's own fields; its people when they were fetched with it."""
    data = {
        "id": opp.pk,
        "title": opp.title,
        "kind": opp.kind,
        "organization": opp.organization.name if opp.organization_id else None,
        "stage": opp.stage,
        "stage_label": opp.stage_label,
        "next_step": opp.next_step or None,
        "next_step_on": _iso(opp.next_step_on),
        "notes": opp.notes,
        "updated_at": _iso(opp.updated_at),
    }
    if links is None and "links" in getattr(opp, "_prefetched_objects_cache", {}):
        links = list(opp.links.all())
    if links is not None:
        data["people"] = [link_dict(link) for link in links]
    return data


def referral_dict(referral: Referral) -> dict:
    opp = referral.opportunity
    return {
        "id": referral.pk,
        "person_id": referral.person_id,
        "person": referral.person.display_name,
        "to_person_id": referral.to_person_id,
        "to_person": referral.to_person.display_name if referral.to_person_id else None,
        "direction": referral.direction,
        "kind": referral.kind,
        "what": referral.what,
        "opportunity_id": referral.opportunity_id,
        "opportunity": opp.title if opp is not None else None,
        "occurred_on": _iso(referral.occurred_on),
        "outcome": referral.outcome,
        "outcome_note": referral.outcome_note,
        "interaction_id": referral.interaction_id,
    }


def record_dict(record: OpportunityRecord) -> dict:
    data = opportunity_dict(record.opportunity, links=[])
    data["people"] = [link_dict(k, family=k.person_id in record.family_ids) for k in record.links]
    data["cautions"] = record.cautions
    data["history"] = [
        {"stage": c.stage, "from_stage": c.from_stage or None, "on": _iso(c.changed_on)}
        for c in record.history
    ]
    data["referrals"] = [referral_dict(r) for r in record.referrals]
    data["who_could_refer"] = [
        {
            "person_id": s.person_id,
            "name": s.name,
            "tie_strength": s.tie_strength,
            "link": s.link,
        }
        for s in record.suggestions
    ]
    return data

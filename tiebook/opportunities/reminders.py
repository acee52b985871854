"""An opportunity's next step as a nudge on Today and in `tiebook due`, kept in step with it."""

from __future__ import annotations

from tiebook.followups import nudges
from tiebook.opportunities.models import Opportunity

SOURCE = "opportunity"


def next_step_why(opportunity: Opportunity) -> str:
    org = opportunity.organization
    at = f" at {org.name}" if org is not None else ""
    return f"next step for {opportunity.title}{at}: {opportunity.next_step}"


def next_step_sync(*, owner, opportunity: Opportunity) -> None:
    """Set the nudge for a dated next step of an open opportunity; clear it otherwise."""
    wanted = not opportunity.ended and bool(opportunity.next_step) and opportunity.next_step_on
    if not wanted:
        nudges.nudges_clear(owner=owner, source=SOURCE, source_id=opportunity.pk)
        return
    nudges.nudge_set(
        owner=owner,
        source=SOURCE,
        source_id=opportunity.pk,
        person=None,
        due_on=opportunity.next_step_on,
        why=next_step_why(opportunity),
        closes_on_contact=False,
    )


def next_step_clear(*, owner, opportunity_id: int) -> None:
    """Take a (deleted) opportunity's next step off Today."""
    nudges.nudges_clear(owner=owner, source=SOURCE, source_id=opportunity_id)

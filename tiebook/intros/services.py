"""Writes for introductions: record one, with its tie and its follow-ups."""

from __future__ import annotations

import contextlib
import datetime as dt

from django.db import transaction
from django.utils import timezone

from tiebook.core.errors import Conflict, NotFound, ValidationError
from tiebook.core.timeparse import today as local_today
from tiebook.followups.nudges import nudge_set
from tiebook.followups.services import people_refresh_due
from tiebook.interactions.models import Interaction
from tiebook.interactions.services import InteractionInput, interaction_log
from tiebook.people.models import Person
from tiebook.people.services import relationship_add

SOURCE = "intro"  # the interaction's, the tie's and the nudges' source: the ledger counts gives
ASK_AFTER_DAYS = 7  # how long after an introduction to ask both how it went
NOTE_MAX = 5000


def intro_why(person: Person, other: Person, day: dt.date) -> str:
    """The line Today and `tiebook due` show for an introduction's follow-up."""
    return (
        f"you introduced {person.display_name} to {other.display_name} on "
        f"{day.day} {day:%b %Y}: ask how it went"
    )


@transaction.atomic
def introduction_record(
    *, owner, person: Person, other: Person, note: str = "", on: dt.date | None = None
) -> Interaction:
    """Record that the owner introduced `person` to `other` (today, or on `on`)."""
    if any(p.owner_id != owner.pk for p in (person, other)):
        raise NotFound("One of those people is not in your network.")
    if person.pk == other.pk:
        raise ValidationError("An introduction needs two different people.", field="other")
    if len(note) > NOTE_MAX:
        raise ValidationError(f"The note has at most {NOTE_MAX} characters.", field="note")
    summary = f"Introduced {person.display_name} to {other.display_name}"
    data = InteractionInput(summary=summary[:500], kind="note", on=on, notes=note)
    interaction = interaction_log(owner=owner, people=[person, other], data=data)
    interaction.source = SOURCE
    interaction.save(update_fields=["source"])
    with contextlib.suppress(Conflict):  # they already knew each other: the tie stays as it was
        relationship_add(owner=owner, person=person, other=other, kind="knows", source=SOURCE)
    day = timezone.localdate(interaction.occurred_at)
    why = intro_why(person, other, day)
    for who in (person, other):
        nudge_set(
            owner=owner,
            source=SOURCE,
            source_id=interaction.pk,
            person=who,
            due_on=day + dt.timedelta(days=ASK_AFTER_DAYS),
            why=why,
            since=interaction.occurred_at,
        )
    if day < local_today():  # recorded late: a talk since then has already asked how it went
        people_refresh_due(owner=owner, people=[person, other])
    return interaction

"""The demo's references: about ten people asked to speak for a skill, most on the list, some
to ask again (confirmed too long ago, no answer yet, declined). Two queries, whatever the size."""

from __future__ import annotations

import datetime as dt
import random

from tiebook.interactions.models import Vouch
from tiebook.people.models import PersonType

REFERENCES = 10
SKILLS = ("Python", "Project management", "Kubernetes", "Data analysis", "Leadership", "SQL")
# Who is asked first: those who saw the owner's work.
WHO = ("direct_supervisor", "mentor", "colleague", "consultant", "educator")
# (agreed, months since confirmed): six on the list, two confirmed too long ago, one waiting,
# one declined.
ANSWERS = ((True, 1), (True, 3), (True, 5), (True, 7), (True, 9), (True, 11), (True, 14),
           (True, 20), (None, None), (False, None))  # fmt: skip


def references_write(*, owner, seed: int, today: dt.date) -> int:
    """Write the demo's references for `owner`; how many."""
    candidates = list(
        PersonType.objects.filter(owner=owner, type__in=WHO)
        .order_by("person_id")
        .values_list("person_id", flat=True)
        .distinct()[: REFERENCES * 5]
    )
    rng = random.Random(seed)
    chosen = sorted(rng.sample(candidates, min(REFERENCES, len(candidates))))
    rows = []
    for person_id, (agreed, months) in zip(chosen, ANSWERS, strict=False):
        confirmed = today - dt.timedelta(days=30 * months + rng.randrange(20)) if months else None
        asked = confirmed or today - dt.timedelta(days=rng.randrange(3, 40))
        rows.append(
            Vouch(
                owner_id=owner.pk,
                person_id=person_id,
                kind=Vouch.REFERENCE,
                skill=rng.choice(SKILLS),
                asked_on=asked,
                agreed=agreed,
                confirmed_on=confirmed,
                created_at=dt.datetime.combine(asked, dt.time(9), tzinfo=dt.UTC),
            )
        )
    Vouch.objects.bulk_create(rows)
    return len(rows)

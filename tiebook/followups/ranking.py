"""The due list's ranking done by the database: engine.urgency written as SQL expressions.

The engine stays the reference (tests check that this order agrees with its scores); this
module exists so that ranking 100,000 people does not mean loading them.
"""

from __future__ import annotations

import datetime as dt
import math

from django.db.models import (
    Case,
    F,
    FloatField,
    Func,
    IntegerField,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Cast, Greatest, Least
from django.utils import timezone

from tiebook.followups.engine import (
    DORMANT_AFTER_DAYS,
    LAPSED_AFTER_INTERVALS,
    PROMISE_BOOST,
    RECONNECT_BOOST,
    RECONNECT_MIN_TOUCHES,
)


class DaysSince(Func):
    """Whole days from a date column to a given day (positive when the column is earlier)."""

    output_field = IntegerField()

    def __init__(self, day: dt.date, column: str):
        super().__init__(Value(day), F(column))

    def as_sqlite(self, compiler, connection, **extra):
        template = "CAST(JULIANDAY(%(expressions)s) AS INTEGER)"
        return self.as_sql(
            compiler, connection, template=template, arg_joiner=") - JULIANDAY(", **extra
        )

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler, connection, template="(%(expressions)s)", arg_joiner="::date - ", **extra
        )


def _float(expression) -> Cast:
    return Cast(expression, FloatField())


def dormant_before(today: dt.date) -> dt.datetime:
    """The instant a last touch must precede for the tie to be dormant on `today` (local days)."""
    day = today - dt.timedelta(days=DORMANT_AFTER_DAYS - 1)
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def reconnecting(owner, today: dt.date) -> QuerySet:
    """The ids of the owner's dormant ties with a history, read from the last-talk index alone
    (it carries the kept count of interactions)."""
    from tiebook.people.models import Person

    return Person.objects.filter(
        owner=owner,
        last_interaction_at__lt=dormant_before(today),
        interaction_count__gte=RECONNECT_MIN_TOUCHES,
    ).values("pk")


# The most a score can reach without a boost, per point of weight: lateness saturates.
SATURATED = 2 * LAPSED_AFTER_INTERVALS / (1 + LAPSED_AFTER_INTERVALS)


def weakest_reaching(score: float) -> int:
    """The lowest tie strength whose score, without a boost, can reach `score`: weaker ties
    cannot, however late (the engine's weight is 0.5 + strength / 100)."""
    return max(0, math.ceil((score / SATURATED - 0.5) * 100 - 1e-6))


def annotated(
    people: QuerySet, *, today: dt.date, promised: QuerySet, reconnect: QuerySet
) -> QuerySet:
    """`people` with the engine's ordering terms: _overdue, _urgency and _late (days late)."""
    late = DaysSince(today, "next_due_on")
    every = _float(F("followup_interval_days"))
    lateness = Least(
        Greatest(_float(F("followup_interval_days") + late), Value(0.0)) / every,
        Value(float(LAPSED_AFTER_INTERVALS)),
    )
    weight = Value(0.5) + _float(F("tie_strength")) / Value(100.0)
    promise = Case(
        When(pk__in=promised, then=Value(PROMISE_BOOST)),
        default=Value(0.0),
        output_field=FloatField(),
    )
    boost = Case(
        When(pk__in=reconnect, then=Value(RECONNECT_BOOST)),
        default=Value(0.0),
        output_field=FloatField(),
    )
    return people.annotate(
        _late=late,
        _overdue=Case(When(next_due_on__lt=today, then=Value(1)), default=Value(0)),
        _urgency=Value(2.0) * lateness / (Value(1.0) + lateness) * weight + promise + boost,
    )


ORDER = ("-_overdue", "-_urgency", "-_late", "pk")


def key(row: tuple) -> tuple:
    """The ORDER of a (pk, _overdue, _urgency, _late) row, for merging ranked lists."""
    pk, overdue, urgency, late = row
    return (-overdue, -urgency, -late, pk)

"""The due list's ranking done by the database: engine.urgency written as SQL expressions.

The engine stays the reference (tests check that this order agrees with its scores); this
module exists so that ranking 100,000 people does not mean loading them.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Greatest, Least
from django.db.models.lookups import GreaterThanOrEqual
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


def _reconnecting(base: QuerySet, today: dt.date, touches: QuerySet) -> QuerySet:
    """The ids of the dormant ties with a history, as a subquery the database runs once.

    Asking every due row whether it is dormant would read each row beside the due index (twice
    the time at 100,000 people); here only the dormant are read, by their last-talk index, and
    their touches counted in the participants' index.
    """
    count = Subquery(
        touches.filter(person_id=OuterRef("pk"))
        .order_by()
        .values("person_id")
        .annotate(n=Count("pk"))
        .values("n"),
        output_field=IntegerField(),
    )
    dormant = base.filter(last_interaction_at__lt=dormant_before(today))
    return dormant.filter(GreaterThanOrEqual(count, Value(RECONNECT_MIN_TOUCHES))).values("pk")


def ranked(due: QuerySet, *, today: dt.date, promised: QuerySet, touches: QuerySet) -> QuerySet:
    """`due` ordered by the engine's rule: overdue first, then urgency, then lateness, then id."""
    late = DaysSince(today, "next_due_on")
    every = _float(F("followup_interval_days"))
    lateness = Least(
        Greatest(_float(F("followup_interval_days") + late), Value(0.0)) / every,
        Value(float(LAPSED_AFTER_INTERVALS)),
    )
    weight = Value(0.5) + _float(F("tie_strength")) / Value(100.0)
    promise = Case(
        When(Exists(promised.filter(person_id=OuterRef("pk"))), then=Value(PROMISE_BOOST)),
        default=Value(0.0),
        output_field=FloatField(),
    )
    reconnect = Case(
        When(pk__in=_reconnecting(due, today, touches), then=Value(RECONNECT_BOOST)),
        default=Value(0.0),
        output_field=FloatField(),
    )
    return due.annotate(
        _late=late,
        _overdue=Case(When(next_due_on__lt=today, then=Value(1)), default=Value(0)),
        _urgency=Value(2.0) * lateness / (Value(1.0) + lateness) * weight + promise + reconnect,
    ).order_by("-_overdue", "-_urgency", "-_late", "pk")

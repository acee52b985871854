"""Login throttling: at most 5 password checks per username and address in 15 minutes.

Each attempt is counted before its password is checked, in one atomic increment, so that however
many guesses arrive at once, only the first five are checked.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math

from django.db import transaction
from django.db.models import Case, F, Value, When

from tiebook.accounts.models import LoginThrottle
from tiebook.core.timeparse import now

MAX_FAILURES = 5
WINDOW = dt.timedelta(minutes=15)


def _key(username: str, ip: str) -> str:
    # Hashed so that any username makes a short key, and the table does not list usernames.
    return hashlib.sha256(f"{username.strip().casefold()}\0{ip}".encode()).hexdigest()


def _minutes_until(moment: dt.datetime) -> int:
    return max(1, math.ceil((moment - now()).total_seconds() / 60))


def login_wait_minutes(*, username: str, ip: str) -> int:
    """Whole minutes until this username may try a password again from `ip`; 0 when it may now."""
    row = LoginThrottle.objects.filter(key=_key(username, ip), expires_at__gt=now()).first()
    if row is None or row.attempts < MAX_FAILURES:
        return 0
    return _minutes_until(row.expires_at)


@transaction.atomic
def login_attempt(*, username: str, ip: str) -> int:
    """Count an attempt before its password is checked: 0 when it may be checked, else the whole
    minutes to wait. A counted attempt keeps the count for 15 more minutes; a refused one does
    not, so a user locked out is let in again 15 minutes after their fifth failure."""
    key, moment = _key(username, ip), now()
    LoginThrottle.objects.filter(expires_at__lte=moment).delete()  # housekeeping: old counts
    LoginThrottle.objects.bulk_create(
        [LoginThrottle(key=key, attempts=0, expires_at=moment + WINDOW)], ignore_conflicts=True
    )
    # The row is locked from this UPDATE to the commit: concurrent attempts queue here and each
    # reads back its own count.
    LoginThrottle.objects.filter(key=key).update(
        attempts=F("attempts") + 1,
        expires_at=Case(
            When(attempts__lt=MAX_FAILURES, then=Value(moment + WINDOW)),
            default=F("expires_at"),
        ),
    )
    row = LoginThrottle.objects.get(key=key)
    return 0 if row.attempts <= MAX_FAILURES else _minutes_until(row.expires_at)


def login_succeeded(*, username: str, ip: str) -> None:
    LoginThrottle.objects.filter(key=_key(username, ip)).delete()


def wait_message(minutes: int) -> str:
    unit = "minute" if minutes == 1 else "minutes"
    return f"Too many failed attempts; try again in {minutes} {unit}."

"""Login throttling: at most 5 failed password logins per username and address in 15 minutes."""

from __future__ import annotations

import datetime as dt
import hashlib
import math

from django.core.cache import cache

from tiebook.core.timeparse import now

MAX_FAILURES = 5
WINDOW = dt.timedelta(minutes=15)


def _key(username: str, ip: str) -> str:
    # Hashed so that any username makes a short, safe cache key.
    raw = f"{username.strip().casefold()}\0{ip}".encode()
    return "tiebook:login-failures:" + hashlib.sha256(raw).hexdigest()


def _entry(key: str) -> dict | None:
    entry = cache.get(key)
    if entry is None or entry["until"] <= now():
        return None
    return entry


def login_wait_minutes(*, username: str, ip: str) -> int:
    """Whole minutes until this username may try a password again from `ip`; 0 when it may now."""
    entry = _entry(_key(username, ip))
    if entry is None or entry["failures"] < MAX_FAILURES:
        return 0
    return max(1, math.ceil((entry["until"] - now()).total_seconds() / 60))


def login_failed(*, username: str, ip: str) -> None:
    """Count a failure; the count is forgotten 15 minutes after the latest one."""
    key = _key(username, ip)
    entry = _entry(key)
    failures = (entry["failures"] if entry else 0) + 1
    cache.set(key, {"failures": failures, "until": now() + WINDOW}, WINDOW.total_seconds())


def login_succeeded(*, username: str, ip: str) -> None:
    cache.delete(_key(username, ip))


def wait_message(minutes: int) -> str:
    unit = "minute" if minutes == 1 else "minutes"
    return f"Too many failed attempts; try again in {minutes} {unit}."

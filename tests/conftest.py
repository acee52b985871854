"""Test-wide setup: a throwaway TIEBOOK_HOME, the required-database check, owner fixtures, and
the real sample files (skipped without them, unless TIEBOOK_TEST_REQUIRE_REALDATA=1)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from tests import realdata as samples

# Settings read the environment at import time, so the data directory is set before Django starts.
os.environ.setdefault("TIEBOOK_HOME", tempfile.mkdtemp(prefix="tiebook-test-home-"))


def pytest_configure(config):
    required = os.environ.get("TIEBOOK_TEST_REQUIRE_DATABASE", "").strip()
    if not required:
        return
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"]
    if not engine.endswith(required):
        raise pytest.UsageError(
            f"TIEBOOK_TEST_REQUIRE_DATABASE={required} but TIEBOOK_DATABASE_URL points at {engine}."
        )
    if required == "postgresql":
        import psycopg

        db = settings.DATABASES["default"]
        try:
            psycopg.connect(
                host=db["HOST"] or "127.0.0.1",
                port=db["PORT"] or 5432,
                user=db["USER"],
                password=db["PASSWORD"] or None,
                dbname=db["NAME"],
                connect_timeout=5,
            ).close()
        except psycopg.OperationalError as exc:
            raise pytest.UsageError(f"PostgreSQL is required and cannot be reached: {exc}") from exc


def pytest_collection_finish(session):
    """Without the real sample files, skip the selected tests that read them, or stop the run
    when they are required."""
    users = [item for item in session.items if "realdata" in getattr(item, "fixturenames", ())]
    folder = samples.realdata_folder()
    reason = samples.skip_reason(folder) if users else None
    if reason is None:
        return
    if samples.realdata_required():
        raise pytest.UsageError(samples.missing_message(folder))
    for item in users:
        item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def realdata() -> Path:
    """The folder of real sample files (vcard/, ics/, csv/, mbox/), or a skip with the reason."""
    folder = samples.realdata_folder()
    reason = samples.skip_reason(folder)
    if reason is not None:
        if samples.realdata_required():
            pytest.fail(samples.missing_message(folder), pytrace=False)
        pytest.skip(reason)
    return folder


@pytest.fixture
def owner(django_user_model):
    return django_user_model.objects.create(username="me")


@pytest.fixture
def outsider(django_user_model):
    return django_user_model.objects.create(username="outsider")


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Cached counts are keyed by owner and time; frozen clocks would let tests share them."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()

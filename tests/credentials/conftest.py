"""The credentials tests' fixtures."""

from __future__ import annotations

import pytest

from tests.credentials.fake_nudges import nudge_log  # noqa: F401


@pytest.fixture(autouse=True)
def _nudges(nudge_log):  # noqa: F811
    return nudge_log

"""The web tests' signed-in client."""

from __future__ import annotations

import pytest


@pytest.fixture
def me(client, owner):
    """Django's test client, signed in as the owner."""
    client.force_login(owner)
    return client

"""Search tests run with search by meaning off unless they ask for it: word searches are exact
and fast, and the relevance test turns meaning on where the extra is installed."""

from __future__ import annotations

import pytest

from tiebook.search import semantic


@pytest.fixture
def words_only(monkeypatch):
    monkeypatch.setattr(semantic, "available", lambda: False)

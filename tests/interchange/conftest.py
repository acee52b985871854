"""A format stubbed in, for testing the import engine without any file format."""

from __future__ import annotations

from pathlib import Path

import pytest

from tiebook.interchange import registry
from tiebook.interchange.records import ParseResult


class StubFormat:
    name = "stub"

    def __init__(self, result: ParseResult):
        self.result = result

    def sniff(self, path, head) -> bool:
        return True

    def parse(self, path, since=None, until=None) -> ParseResult:
        return self.result


@pytest.fixture
def source(tmp_path, monkeypatch):
    """`source(result)` makes a file whose import yields `result`."""

    def make(result: ParseResult) -> Path:
        monkeypatch.setattr(registry, "formats", lambda: [StubFormat(result)])
        path = tmp_path / "contacts.stub"
        path.write_text("stub")
        return path

    return make

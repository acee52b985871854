"""Running the tiebook command in-process, at a fixed moment."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import time_machine
from typer.testing import CliRunner

from tiebook.cli.main import app

NOW = dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC)


class Tiebook:
    """`tb("add", "Grace")` runs the command and returns Click's result."""

    def __init__(self):
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None):
        return self.runner.invoke(app, list(args), input=input, catch_exceptions=False)

    def json(self, *args: str):
        result = self(*args, "--json")
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def tb(db, frozen):
    return Tiebook()

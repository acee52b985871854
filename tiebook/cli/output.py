"""How the CLI speaks: Rich for people, JSON for programs, one sentence for errors."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
import os
import sys
from collections.abc import Callable
from typing import Any

import typer
from rich.console import Console

from tiebook.core.errors import Ambiguous, TiebookError

PIPED_WIDTH = 200  # when writing to a file or a pipe, keep each row on one line


def console() -> Console:
    # Made per call so test runners that swap sys.stdout see the output.
    width = None
    if not sys.stdout.isatty() and "COLUMNS" not in os.environ:
        width = PIPED_WIDTH
    return Console(file=sys.stdout, highlight=False, soft_wrap=True, width=width)


def err_console() -> Console:
    return Console(file=sys.stderr, highlight=False, soft_wrap=True)


def _default(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if dataclasses.is_dataclass(value):
        return dataclasses.asdict(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=_default) + "\n")


def say(text: str) -> None:
    console().print(text, markup=False)


def fail(error: TiebookError) -> None:
    err = err_console()
    for problem in getattr(error, "problems", [error]):
        err.print(f"Error: {problem}", markup=False)
    if isinstance(error, Ambiguous):
        for line in error.candidates:
            err.print(f"  {line}", markup=False)
    raise typer.Exit(error.exit_code)


def handles_errors(func: Callable, *, existing: bool = False) -> Callable:
    """Turn tiebook errors into one sentence on stderr and the error's exit code.

    `existing`: the command refuses to run where there is no network yet (see setup.ready).
    """

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        from django.db import DatabaseError

        from tiebook.cli.setup import ready

        try:
            ready(existing=existing)
            return func(*args, **kwargs)
        except TiebookError as error:
            fail(error)
        except DatabaseError as error:
            reason = str(error).strip().splitlines()[0] if str(error).strip() else "no reason given"
            fail(TiebookError(f"The database refused the change ({reason}); nothing was saved."))

    return wrapper

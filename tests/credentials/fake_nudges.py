"""Until the nudges land on main: a stand-in that records what the services set and clear."""

from __future__ import annotations

import importlib
import sys
import types

import pytest


@pytest.fixture
def nudge_log():
    try:
        importlib.import_module("tiebook.followups.nudges")
    except ImportError:
        pass
    else:
        yield None
        return
    log: dict = {}
    fake = types.ModuleType("tiebook.followups.nudges")

    def nudge_set(
        *, owner, source, source_id, person, due_on, why, since=None, closes_on_contact=True
    ):
        log[(source, source_id, person.pk if person else None)] = (due_on, why, closes_on_contact)

    def nudges_clear(*, owner, source, source_id, person=None):
        for key in [k for k in log if k[:2] == (source, source_id)]:
            if person is None or key[2] == person.pk:
                del log[key]

    fake.nudge_set, fake.nudges_clear = nudge_set, nudges_clear
    sys.modules["tiebook.followups.nudges"] = fake
    yield log
    del sys.modules["tiebook.followups.nudges"]

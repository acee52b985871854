"""The demo's references: ten, most on the list, some to ask again."""

from __future__ import annotations

import datetime as dt

import pytest

from tiebook.demo.generator import demo_generate
from tiebook.interactions.references import references_list

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 6, 1)


def test_the_demo_has_references_on_the_list_and_to_ask_again(owner):
    demo_generate(owner=owner, people=200, seed=7, today=TODAY)
    result = references_list(owner=owner, today=TODAY)
    assert (len(result.references), len(result.ask_again)) == (6, 4)
    whys = sorted(r.why.split(" ")[0] for r in result.ask_again)
    assert whys == ["declined", "last", "last", "no"]

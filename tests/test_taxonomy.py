"""Words for the twelve connection types, as people and their address books write them."""

from __future__ import annotations

import pytest

from tiebook.taxonomy import type_named


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("Mentor", "mentor"),
        ("mentors", "mentor"),
        ("Friends", "friend"),
        (" FAMILY ", "family"),
        ("financial_expert", "financial_expert"),
        ("Financial experts", "financial_expert"),
        ("Book club", None),
        ("Accountants", None),  # an alias when typed, but a group of that name stays a tag
        ("", None),
    ],
)
def test_a_group_or_label_naming_a_type_gives_it(raw, code):
    assert type_named(raw) == code

"""Durations as people type them: 30d, 2w, 3m, 1y; at least a day, at most 100 years."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tiebook.core.errors import ValidationError
from tiebook.core.timeparse import MAX_DURATION_DAYS, parse_duration


@pytest.mark.parametrize(
    ("raw", "days"),
    [("30d", 30), ("2w", 14), ("3m", 90), ("1y", 365), ("45", 45), (" 2 W ", 14)],
)
def test_it_reads_a_duration_in_days(raw, days):
    assert parse_duration(raw) == days


def test_it_takes_up_to_100_years():
    assert parse_duration("100y") == parse_duration("36500d") == MAX_DURATION_DAYS


@pytest.mark.parametrize("raw", ["36501d", "101y", "5215w", "99999999999d", "3000000d", "9" * 5000])
def test_it_refuses_more_than_100_years_in_one_sentence(raw):
    with pytest.raises(ValidationError) as caught:
        parse_duration(raw, field="every")
    assert str(caught.value) == (
        f"'{raw}' is longer than 100 years; write at most 36,500 days (100y)."
    )
    assert caught.value.field == "every"


@pytest.mark.parametrize("raw", ["", "0d", "000", "soon", "-3d", "²d", "٣٠d", "30d\x00", "1.5w"])
def test_it_refuses_what_is_no_duration(raw):
    with pytest.raises(ValidationError, match="is not a duration; write it like 30d"):
        parse_duration(raw)


@given(st.text(max_size=40))
def test_it_is_a_number_of_days_within_bounds_or_a_validation_error(raw):
    try:
        days = parse_duration(raw)
    except ValidationError:
        return
    assert 1 <= days <= MAX_DURATION_DAYS

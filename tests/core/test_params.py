"""Whole numbers from an address, a form or an argument: ASCII digits within bounds, else None."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tiebook.core.params import MAX_COUNT, MAX_ID, safe_next, whole_number


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1", 1), ("42", 42), (" 7 ", 7), ("007", 7), (str(MAX_COUNT), MAX_COUNT)],
)
def test_it_reads_a_whole_number(raw, expected):
    assert whole_number(raw) == expected


@pytest.mark.parametrize(
    "raw",
    ["", "0", "000", "-1", "+1", "1.5", "1e3", "²", "٣", "１", "1\x00", "abc", None, 3, "9" * 25],
)
def test_it_refuses_anything_else(raw):
    assert whole_number(raw) is None


def test_a_number_past_the_maximum_is_the_maximum_when_clamped():
    assert whole_number(str(MAX_COUNT + 1)) is None
    assert whole_number(str(MAX_COUNT + 1), clamp=True) == MAX_COUNT
    assert whole_number("9" * 5000, clamp=True) == MAX_COUNT  # int() would refuse 5,000 digits
    assert whole_number("12", maximum=10, clamp=True) == 10
    assert whole_number("²", clamp=True) is None


def test_an_id_may_be_as_large_as_a_64_bit_column():
    assert whole_number(str(MAX_ID), maximum=MAX_ID) == MAX_ID
    assert whole_number(str(MAX_ID + 1), maximum=MAX_ID) is None


@given(st.text())
def test_it_never_raises_and_stays_within_bounds(raw):
    number = whole_number(raw, maximum=1000)
    assert number is None or 1 <= number <= 1000
    if number is not None:
        assert raw.strip().isascii()


@pytest.mark.parametrize(
    "candidate",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example/",
        "\\\\evil.example/",
        "/\t/evil.example/",
        " //evil.example/",
        "javascript:alert(1)",
        "http://testserver.evil.example/",
        "people",
        "",
        None,
    ],
)
def test_safe_next_keeps_to_this_site(rf, candidate):
    assert safe_next(rf.get("/"), candidate, "web:today") == "web:today"


@pytest.mark.parametrize("candidate", ["/people/?q=ada&page=2", "http://testserver/people/"])
def test_safe_next_follows_a_page_of_this_site(rf, candidate):
    assert safe_next(rf.get("/"), candidate, "web:today") == candidate


def test_safe_next_over_https_refuses_a_plain_http_address(rf):
    secure = rf.get("/", secure=True)
    assert safe_next(secure, "https://testserver/people/", "/") == "https://testserver/people/"
    assert safe_next(secure, "http://testserver/people/", "/") == "/"

"""Parsing what arrives in an address, a form or an argument: whole numbers within bounds."""

from __future__ import annotations

import re

# Every id column is a 64-bit integer on both databases; a larger number names nothing.
MAX_ID = 2**63 - 1
# Page numbers and counts: far beyond any network, and within every database's integers.
MAX_COUNT = 2**31 - 1

_DIGITS = re.compile(r"[0-9]+")


def whole_number(raw: object, *, maximum: int = MAX_COUNT, clamp: bool = False) -> int | None:
    """`raw` as a number from 1 to `maximum`; None for anything else, or `maximum` for a larger
    number when `clamp` (a page past the end is the last page).

    ASCII digits only: str.isdigit() also says yes to '²' and '٣', which int() refuses or
    reads as another number; and the length is checked before int() reads a thousand digits.
    """
    text = raw.strip() if isinstance(raw, str) else ""
    if not _DIGITS.fullmatch(text):
        return None
    digits = text.lstrip("0")
    if not digits:
        return None
    if len(digits) > len(str(maximum)) or int(digits) > maximum:
        return maximum if clamp else None
    return int(digits)

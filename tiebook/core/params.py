"""Reading what arrives in an address, a form or an argument: whole numbers within bounds, texts
to search by, and where to go next."""

from __future__ import annotations

import re

from django.utils.http import url_has_allowed_host_and_scheme

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


def search_text(raw: object) -> str | None:
    """A text to search or filter by, trimmed and without NUL characters (PostgreSQL refuses
    them in any query; no one types one); None when nothing is left."""
    text = raw.replace("\x00", "").strip() if isinstance(raw, str) else ""
    return text or None


def safe_next(request, candidate: object, default: str) -> str:
    """`candidate` when it leads to a page of this site, else `default` (a URL name or path).

    For every redirect whose target comes from the request (`next`, a form's `back`): anything
    else would let a link on another site send a signed-in user on to a look-alike page.
    Control characters are refused anywhere, as browsers drop some of them ('/\\t/evil.example').
    A path from get_full_path() or a full address on this host passes.
    """
    text = candidate if isinstance(candidate, str) else ""
    if any(ord(c) < 32 or ord(c) == 127 for c in text):
        return default
    # A path or a full address; redirect() would read a bare word ('people') as a URL name.
    if not text.startswith("/") and "://" not in text:
        return default
    safe = url_has_allowed_host_and_scheme(
        text, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return text if safe else default

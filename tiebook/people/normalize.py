"""Normal forms of names, emails, phones and profile URLs: what duplicate matching compares."""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from functools import lru_cache
from urllib.parse import urlsplit

from tiebook.core.errors import ValidationError
from tiebook.people import limits

SOCIAL_HOSTS = (
    "linkedin.com",
    "twitter.com",
    "x.com",
    "github.com",
    "mastodon.social",
    "facebook.com",
    "instagram.com",
    "xing.com",
)
_SOCIAL_SUFFIXES = tuple(f".{h}" for h in SOCIAL_HOSTS)
_SPACES = re.compile(r"\s+")
_PHONE_CHARS = re.compile(r"^[0-9+().\-\s/]+(?:\s*(?:x|ext\.?|#)\s*\d+)?$", re.IGNORECASE)


@lru_cache(maxsize=1 << 16)  # an import asks about each name and employer several times
def text_key(text: str) -> str:
    """Casefolded, accent-free, single-spaced: 'José  Núñez' and 'jose nunez' are one key."""
    if text.isascii():  # nothing to decompose: most names, and the fast way through an import
        return _SPACES.sub(" ", text).strip().casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped).strip().casefold()


# What each kind of name is called in messages, and how long it may be.
_NAMES = {
    "name": ("Name", limits.NAME),
    "organization": ("Organisation", limits.ORGANIZATION),
    "tag": ("A tag", limits.TAG),
}


def clean_name(raw: str, *, field: str = "name") -> str:
    name = _SPACES.sub(" ", raw or "").strip()
    if not name:
        raise ValidationError("A name cannot be empty.", field=field)
    label, limit = _NAMES[field]
    return limits.check_length(name, limit=limit, label=label, field=field)


def organization_key(name: str) -> str:
    """One organisation for 'ACME' and 'Acme', cut to what the column holds."""
    return text_key(name)[: limits.ORGANIZATION]


def tag_key(name: str) -> str:
    return text_key(name)[: limits.TAG]


_BIRTHDAY = re.compile(r"(?:(\d{4})-|--)?(\d{1,2})-(\d{1,2})")
Birthday = tuple[int | None, int, int]


def parse_birthday(raw: str) -> Birthday | None:
    """(year, month, day) from 1990-03-15, or (None, 3, 15) from 03-15 or --03-15; '' is none."""
    text = (raw or "").strip()
    if not text:
        return None
    match = _BIRTHDAY.fullmatch(text)
    try:
        year = int(match[1]) if match[1] else None
        month, day = int(match[2]), int(match[3])
        # Without a year, a leap one: 29 February is someone's birthday too.
        born = dt.date(year or 2000, month, day)
    except (TypeError, ValueError):
        born = None
    if born is None or (year is not None and not 1800 <= year <= dt.date.today().year):
        raise ValidationError(
            f"'{raw}' is not a birthday; write it as YYYY-MM-DD, or MM-DD without the year.",
            field="birthday",
        )
    return year, month, day


def birthday_text(year: int | None, month: int | None, day: int | None) -> str:
    """1990-03-15, or 03-15 without the year, as the forms take it; '' when there is none."""
    if not (month and day):
        return f"{year:04d}-{month:02d}" if year and month else (f"{year:04d}" if year else "")
    return f"{year:04d}-{month:02d}-{day:02d}" if year else f"{month:02d}-{day:02d}"


def split_name(display: str) -> tuple[str, str]:
    """A best guess at given and family name from a display name ('Grace Brewster Hopper').

    Each is cut to what its column holds: a name may be longer than either part may be.
    """
    parts = display.split(" ")
    given, family = (parts[0], "") if len(parts) == 1 else (" ".join(parts[:-1]), parts[-1])
    return given[: limits.GIVEN_NAME], family[: limits.FAMILY_NAME]


# The plain addresses nearly everyone has, which email_validator would accept unchanged: ASCII
# dot-atoms, domain labels not starting or ending with a hyphen, a letters-only top level.
_PLAIN_EMAIL = re.compile(
    r"[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+([a-z]{2,63})",
    re.IGNORECASE,
)
_STAND_IN_TOP_LEVEL = "com"


@functools.cache
def _special_use() -> frozenset[str]:
    """Top levels that never reach the public internet (corp.local, printer.home.arpa) but that
    companies use every day. Checking an address is for typos, not deliverability, so they pass;
    a domain still needs a dot, so 'bob@example' (and 'bob@localhost') stay refused as typos."""
    import email_validator  # loaded for the rare address the fast path leaves, not at start-up

    return frozenset(email_validator.SPECIAL_USE_DOMAIN_NAMES)


def normalize_email(raw: str) -> str:
    value = (raw or "").strip()
    plain = _PLAIN_EMAIL.fullmatch(value)
    if plain and len(value) <= 254 and len(value.partition("@")[0]) <= 64:
        return value.lower()  # a fast path: the checks below would find nothing to change
    import email_validator

    local, _, domain = value.rpartition("@")
    head, dot, top = domain.rpartition(".")
    special = bool(dot) and top.lower() in _special_use()
    # email_validator refuses special-use names outright: check the rest of the address with an
    # ordinary top level in their place, then put the real one back.
    probe = f"{local}@{head}.{_STAND_IN_TOP_LEVEL}" if special else value
    try:
        result = email_validator.validate_email(probe, check_deliverability=False)
    except email_validator.EmailNotValidError:
        raise ValidationError(f"'{raw}' is not an email address.", field="email") from None
    normalized = result.normalized.lower()
    if special:
        normalized = f"{normalized.rpartition('.')[0]}.{top.lower()}"
    return normalized


def normalize_phone(raw: str, *, region: str | None = None) -> str:
    """E.164 when the number parses (with `region` for numbers without +), else its digits."""
    value = (raw or "").strip()
    digits = re.sub(r"\D", "", value.split("x")[0].split("ext")[0])
    if not _PHONE_CHARS.match(value) or len(digits) < 3:
        raise ValidationError(f"'{raw}' is not a phone number.", field="phone")
    import phonenumbers  # loaded by the first phone number, not by every command's start

    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        return ("+" if value.startswith("+") else "") + digits
    if phonenumbers.is_possible_number(number):
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return ("+" if value.startswith("+") else "") + digits


# An address of the usual shape (a plain host and path; no port, query, fragment, user or space),
# which urlsplit would take apart exactly so: the fast way through an import's profile URLs.
_PLAIN_URL = re.compile(r"(?:https?://)?([A-Za-z0-9.-]+)(/[^?#\s]*)?")


def normalize_url(raw: str) -> str:
    """Scheme, 'www.', case of the host and trailing slashes do not make two profiles."""
    value = (raw or "").strip()
    if not value or " " in value:
        raise ValidationError(f"'{raw}' is not a web address.", field="url")
    found = _plain_url(value) or _split_url(value)
    if not found:
        raise ValidationError(f"'{raw}' is not a web address.", field="url")
    return found


def _plain_url(value: str) -> str:
    """The normal form of an address of the usual shape, as _split_url would give it; "" for
    any other (which _split_url then reads)."""
    plain = _PLAIN_URL.fullmatch(value)
    if not plain or "://" in value[plain.start(1) :]:
        return ""
    host = plain[1].lower().removeprefix("www.")
    if "." not in host:
        return ""
    path = (plain[2] or "").rstrip("/")
    return f"{host}{path.lower() if url_kind(host) == 'social' else path}"


def _split_url(value: str) -> str:
    """The normal form of any address urlsplit can take apart; "" when it has no host."""
    parts = urlsplit(value if "://" in value else f"https://{value}")
    host = (parts.hostname or "").lower().removeprefix("www.")
    if "." not in host:
        return ""
    path = parts.path.rstrip("/")
    if url_kind(host) == "social":
        path = path.lower()
    query = f"?{parts.query}" if parts.query else ""
    return f"{host}{path}{query}"


def url_kind(normalized: str) -> str:
    host = normalized.split("/", 1)[0]
    # On a dot boundary: netflix.com and dropbox.com end in "x.com" but are not X.
    social = host in SOCIAL_HOSTS or host.endswith(_SOCIAL_SUFFIXES)
    return "social" if social else "url"

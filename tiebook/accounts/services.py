"""Writes for signing in: one-time sign-in links and password accounts."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction

from tiebook.accounts.models import Profile, SignInToken
from tiebook.accounts.selectors import ProfileData
from tiebook.core.errors import Conflict, NotFound, Problems, ValidationError
from tiebook.core.timeparse import now

SIGNIN_LINK_LIFETIME = dt.timedelta(hours=24)
USERNAME_MAX_LENGTH = 150


def token_hash(token: str) -> str:
    """The SHA-256 hex digest under which a token is stored."""
    return hashlib.sha256(token.encode()).hexdigest()


_MODE_REFUSALS = {
    "local": "Sign-in links are for local mode; on a server, users sign in with passwords.",
    "server": (
        "Accounts with passwords are for server mode (TIEBOOK_MODE=server); "
        "locally, sign in with the link from 'tiebook login-link'."
    ),
}


def mode_require(*, mode: str) -> None:
    """Refuse, in one sentence, what only the other mode (settings.TIEBOOK_MODE) offers."""
    if mode != settings.TIEBOOK_MODE:
        raise ValidationError(_MODE_REFUSALS[mode])


def signin_link_create(*, user: AbstractBaseUser, base_url: str) -> str:
    """A fresh one-time link that signs `user` in within the next 24 hours (local mode)."""
    mode_require(mode="local")
    token = secrets.token_urlsafe(32)
    created = now()
    SignInToken.objects.filter(expires_at__lte=created).delete()  # housekeeping: dead links
    SignInToken.objects.create(
        user=user,
        token_hash=token_hash(token),
        created_at=created,
        expires_at=created + SIGNIN_LINK_LIFETIME,
    )
    return f"{base_url.rstrip('/')}/signin/{token}"


@transaction.atomic
def signin_token_consume(*, token: str) -> AbstractBaseUser:
    """The user a sign-in token belongs to; the token is spent, whatever the caller does next."""
    found = (
        SignInToken.objects.select_for_update(of=("self",))  # lock the token, not the user
        .select_related("user")
        .filter(token_hash=token_hash(token))
        .first()
    )
    if found is None:
        raise NotFound("This sign-in link is not valid.")
    if found.used_at is not None:
        raise ValidationError("This sign-in link has already been used.")
    moment = now()
    if found.expires_at <= moment:
        raise ValidationError("This sign-in link has expired.")
    found.used_at = moment
    found.save(update_fields=["used_at"])
    return found.user


def _clean_username(username: str) -> str:
    clean = username.strip()
    if not clean:
        raise ValidationError("A username cannot be empty.", field="username")
    if len(clean) > USERNAME_MAX_LENGTH:
        raise ValidationError(
            f"A username has at most {USERNAME_MAX_LENGTH} characters.", field="username"
        )
    return clean


def _check_password(password: str, user: AbstractBaseUser) -> None:
    try:
        password_validation.validate_password(password, user=user)
    except DjangoValidationError as exc:
        reasons = " ".join(m if m.endswith(".") else f"{m}." for m in exc.messages)
        raise ValidationError(reasons, field="password") from None


def user_create(*, username: str, password: str) -> AbstractBaseUser:
    """A new account that signs in with a password (server mode), hashed with Argon2."""
    mode_require(mode="server")
    User = get_user_model()
    clean = _clean_username(username)
    if User.objects.filter(username=clean).exists():
        raise Conflict(f"There is already an account '{clean}'.", field="username")
    user = User(username=clean)
    _check_password(password, user)
    user.set_password(password)
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:  # created by someone else between the check and the save
        raise Conflict(f"There is already an account '{clean}'.", field="username") from None
    return user


def profile_update(*, user: AbstractBaseUser, name: str, email: str) -> AbstractBaseUser:
    """The owner's own name and email, as the app greets them and recognises their address."""
    from tiebook.people.normalize import normalize_email

    clean_email = normalize_email(email) if email.strip() else ""
    user.first_name = " ".join(name.split())[:150]
    user.email = clean_email
    user.save(update_fields=["first_name", "email"])
    return user


def own_addresses_set(
    *, owner, add: list[str] = (), remove: list[str] = (), name: str | None = None
) -> list[str]:
    """Add and remove the owner's own addresses (and set their name); returns them all.

    The account's email is the first address: the first one added becomes it when it is empty,
    and removing it promotes the next. Nothing is written if any address is malformed.
    """
    from tiebook.accounts.models import OwnAddress
    from tiebook.accounts.selectors import own_addresses
    from tiebook.people.normalize import normalize_email

    adding = [normalize_email(a) for a in add]
    removing = [normalize_email(a) for a in remove]
    current = own_addresses(owner=owner)
    missing = [a for a in removing if a not in current]
    if missing:
        raise NotFound(f"{missing[0]} is not one of your addresses.", field="email")
    wanted = [a for a in dict.fromkeys([*current, *adding]) if a not in removing]
    with transaction.atomic():
        owner.email = wanted[0] if wanted else ""
        if name is not None:
            owner.first_name = " ".join(name.split())[:150]
        owner.save(update_fields=["email", "first_name"])
        OwnAddress.objects.filter(owner=owner).exclude(email__in=wanted[1:]).delete()
        OwnAddress.objects.bulk_create(
            [OwnAddress(owner=owner, email=a) for a in wanted[1:]], ignore_conflicts=True
        )
    return wanted


# -- the owner's profile -------------------------------------------------------------------------

HEADLINE_MAX = 200
OFFER_MAX = 2000


@dataclass(frozen=True)
class ProfileList:
    noun: str  # one item, as messages name it
    column: str  # the Profile field that keeps the list
    longest: int  # characters in one item
    most: int  # items in the list


PROFILE_LISTS = {
    "skills": ProfileList("skill", "skills", 100, 50),
    "experiences": ProfileList("experience", "experiences", 300, 20),
    "roles": ProfileList("role", "looking_for_roles", 150, 30),
    "organizations": ProfileList("organisation", "looking_for_orgs", 150, 30),
    "topics": ProfileList("topic", "looking_for_topics", 150, 30),
}


@dataclass
class ProfileChanges:
    """What to change in the profile: None leaves a text as it is; lists add and remove items
    (keyed by ProfileData's list names: skills, experiences, roles, organizations, topics)."""

    headline: str | None = None
    offer: str | None = None
    add: dict[str, list[str]] = field(default_factory=dict)
    remove: dict[str, list[str]] = field(default_factory=dict)


def _one_line(raw: str) -> str:
    return " ".join(raw.split())


def _profile_text(raw: str, *, name: str, longest: int, one_line: bool) -> str:
    text = _one_line(raw) if one_line else raw.strip()
    if len(text) > longest:
        raise ValidationError(f"Your {name} has at most {longest} characters.", field=name)
    return text


def _profile_items(key: str, raw: Iterable[str]) -> tuple[str, ...]:
    """Trimmed, blank ones dropped, each once (whatever its case), within the list's limits."""
    rules = PROFILE_LISTS[key]
    items: dict[str, str] = {}
    for value in raw:
        item = _one_line(value)
        if len(item) > rules.longest:
            raise ValidationError(
                f"A {rules.noun} has at most {rules.longest} characters: '{item[:40]}...'.",
                field=key,
            )
        if item:
            items.setdefault(item.casefold(), item)
    if len(items) > rules.most:
        raise ValidationError(f"Keep at most {rules.most} {key} in your profile.", field=key)
    return tuple(items.values())


def profile_set(*, owner, data: ProfileData) -> ProfileData:
    """Write the whole profile (as the Settings form sends it); every field is checked first."""
    problems = Problems()
    headline = problems.check(
        _profile_text, data.headline, name="headline", longest=HEADLINE_MAX, one_line=True
    )
    offer = problems.check(
        _profile_text, data.offer, name="offer", longest=OFFER_MAX, one_line=False
    )
    lists = {key: problems.check(_profile_items, key, getattr(data, key)) for key in PROFILE_LISTS}
    problems.raise_any()
    clean = ProfileData(headline=headline, offer=offer, **lists)
    Profile.objects.update_or_create(
        owner=owner,
        defaults={
            "headline": clean.headline,
            "offer": clean.offer,
            **{rules.column: list(lists[key]) for key, rules in PROFILE_LISTS.items()},
            "updated_at": now(),
        },
    )
    return clean


def _changed_list(key: str, current: tuple[str, ...], changes: ProfileChanges) -> list[str]:
    removing = {_one_line(v).casefold(): _one_line(v) for v in changes.remove.get(key, [])}
    held = {item.casefold() for item in current}
    missing = [shown for folded, shown in removing.items() if folded not in held]
    if missing:
        raise NotFound(f"'{missing[0]}' is not one of your {key}.", field=key)
    kept = [item for item in current if item.casefold() not in removing]
    return [*kept, *changes.add.get(key, [])]


@transaction.atomic
def profile_change(*, owner, changes: ProfileChanges) -> ProfileData:
    """Change parts of the profile (as `tiebook me` does); nothing is written if any is wrong."""
    from tiebook.accounts.selectors import profile_get

    current = profile_get(owner=owner)
    lists = {key: _changed_list(key, getattr(current, key), changes) for key in PROFILE_LISTS}
    wanted = ProfileData(
        headline=current.headline if changes.headline is None else changes.headline,
        offer=current.offer if changes.offer is None else changes.offer,
        **lists,
    )
    return profile_set(owner=owner, data=wanted)

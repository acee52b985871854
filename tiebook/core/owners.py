"""The account whose network a command works on."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model

from tiebook.core.errors import NotFound


def owner_get(*, username: str | None = None):
    name = username or settings.TIEBOOK_USER
    try:
        return get_user_model().objects.get(username=name)
    except get_user_model().DoesNotExist:
        if settings.TIEBOOK_MODE == "local":
            hint = "Run 'tiebook init' first."
        else:
            hint = f"Add it with 'tiebook user add {name}', or set TIEBOOK_USER to an account."
        raise NotFound(f"There is no account '{name}' in this tiebook.", hint=hint) from None


def owner_get_or_create(*, username: str | None = None):
    """The account, made on first use in local mode only: on a server, accounts are made by
    `tiebook user add`, so a mistyped TIEBOOK_USER must not quietly start a new one."""
    if settings.TIEBOOK_MODE != "local":
        return owner_get(username=username), False
    name = username or settings.TIEBOOK_USER
    user, created = get_user_model().objects.get_or_create(username=name)
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user, created

"""Reads about accounts."""

from __future__ import annotations

from django.contrib.auth import get_user_model


def usernames_list() -> list[str]:
    """Every account's username, alphabetically."""
    return list(get_user_model().objects.order_by("username").values_list("username", flat=True))


def own_addresses(*, owner) -> list[str]:
    """The owner's own email addresses, normalised: the account's first, then the others."""
    from tiebook.accounts.models import OwnAddress

    first = [owner.email] if owner.email else []
    others = (
        OwnAddress.objects.filter(owner=owner).order_by("email").values_list("email", flat=True)
    )
    return list(dict.fromkeys([*first, *others]))

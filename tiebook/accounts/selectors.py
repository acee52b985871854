"""Reads about accounts."""

from __future__ import annotations

from django.contrib.auth import get_user_model


def usernames_list() -> list[str]:
    """Every account's username, alphabetically."""
    return list(get_user_model().objects.order_by("username").values_list("username", flat=True))

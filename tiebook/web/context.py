"""Template context every page gets."""

from __future__ import annotations

from django.conf import settings

from tiebook import __version__


def tiebook(request) -> dict:
    return {"tiebook_mode": settings.TIEBOOK_MODE, "tiebook_version": __version__}

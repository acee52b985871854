"""Starting Django outside a web server (the CLI, scripts)."""

from __future__ import annotations

import os


def django_setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tiebook.settings")
    import django

    django.setup()

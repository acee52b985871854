from __future__ import annotations

import sqlite3

from django.apps import AppConfig

# Django assumes SQLite's old limit of 999 parameters per statement, so bulk writes go 30 rows
# at a time; SQLite 3.32 and later accept 32,766, which makes imports and restores many times
# faster.
SQLITE_MAX_PARAMS = 32_766


class CoreConfig(AppConfig):
    name = "tiebook.core"
    label = "tiebook_core"
    verbose_name = "tiebook core"

    def ready(self) -> None:
        from django.conf import settings
        from django.db.backends.signals import connection_created

        from tiebook.core.database import sqlite_files_private

        connection_created.connect(sqlite_files_private, dispatch_uid="tiebook-private-files")

        engine = settings.DATABASES["default"]["ENGINE"]
        if engine.endswith("sqlite3") and sqlite3.sqlite_version_info >= (3, 32):
            from django.db.backends.sqlite3.base import DatabaseWrapper

            DatabaseWrapper.features_class.max_query_params = SQLITE_MAX_PARAMS

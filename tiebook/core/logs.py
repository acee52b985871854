"""What the web server writes to standard error: errors, with their request's method and path."""

from __future__ import annotations

import logging


class RequestLine(logging.Filter):
    """Put the request's method on the record (the message already names the path); nothing
    else of the request (no query, body, cookies or headers) ever reaches the log."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        record.method = getattr(request, "method", None) or "-"
        return True


# Django's own defaults (django.utils.log.DEFAULT_LOGGING), which Django would apply first, with
# tiebook's on top. Its mail_admins handler is left out: tiebook sets no ADMINS, so it never sent
# anything, and making it loaded Django's error pages and a template engine at every start.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "require_debug_true": {"()": "django.utils.log.RequireDebugTrue"},
        "request_line": {"()": "tiebook.core.logs.RequestLine"},
    },
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        },
        "plain": {"format": "%(asctime)s %(levelname)s [%(name)s] %(method)s %(message)s"},
    },
    "handlers": {
        "console": {
            "level": "INFO",
            "filters": ["require_debug_true"],
            "class": "logging.StreamHandler",
        },
        "django.server": {
            "level": "INFO",
            "class": "logging.StreamHandler",
            "formatter": "django.server",
        },
        "stderr": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stderr",
            "filters": ["request_line"],
            "formatter": "plain",
        },
    },
    "loggers": {
        "django": {"handlers": ["console"], "level": "INFO"},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
        # A 500 is logged whatever DEBUG says (Django's own console handler needs DEBUG on).
        "django.request": {"handlers": ["stderr"], "level": "ERROR", "propagate": False},
    },
}


def configure() -> None:
    """Set logging up as LOGGING says (settings turn Django's own set-up off for this)."""
    import logging.config

    logging.config.dictConfig(LOGGING)

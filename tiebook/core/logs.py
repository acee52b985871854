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


LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_line": {"()": "tiebook.core.logs.RequestLine"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s [%(name)s] %(method)s %(message)s"},
    },
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stderr",
            "filters": ["request_line"],
            "formatter": "plain",
        },
    },
    "loggers": {
        # A 500 is logged whatever DEBUG says (Django's own console handler needs DEBUG on).
        "django.request": {"handlers": ["stderr"], "level": "ERROR", "propagate": False},
    },
}

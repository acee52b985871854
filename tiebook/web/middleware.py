"""Headers every response carries (a strict content security policy and friends), and a
clear 'busy' answer when the database stays locked by a large write."""

from __future__ import annotations

from django.db import OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string

CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
)


def security_headers(get_response):
    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=()"
        )
        return response

    return middleware


BUSY_SECONDS = 5


class BusyDatabase:
    """A write that waited out SQLite's whole busy timeout behind a large import or restore
    gets a 503 with Retry-After and a page saying so, instead of an error page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not (isinstance(exception, OperationalError) and "locked" in str(exception)):
            return None
        response = HttpResponse(render_to_string("web/busy.html"), status=503)
        response["Retry-After"] = str(BUSY_SECONDS)
        return response

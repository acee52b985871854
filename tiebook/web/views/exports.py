"""Downloads of the network: people as vCard, CSV or JSON, the coming follow-ups as a calendar."""

from __future__ import annotations

import tempfile

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.views.decorators.http import require_GET

from tiebook.core.errors import TiebookError
from tiebook.interchange.exporting import FORMATS, export_people
from tiebook.search.selectors import resolved
from tiebook.web.views.common import today
from tiebook.web.views.people import people_filters

# format: (what the file holds, its extension, its content type)
DOWNLOADS = {
    "vcard": ("people", "vcf", "text/vcard; charset=utf-8"),
    "csv": ("people", "csv", "text/csv; charset=utf-8"),
    "json": ("people", "json", "application/json"),
    "ics": ("followups", "ics", "text/calendar; charset=utf-8"),
}
IN_MEMORY = 8 * 1024 * 1024  # larger exports spill to a temporary file


@require_GET
def download(request, format: str):
    if format not in FORMATS:
        raise Http404("No such export.")
    what, extension, content_type = DOWNLOADS[format]
    body = tempfile.SpooledTemporaryFile(max_size=IN_MEMORY)  # noqa: SIM115 (the response closes it)
    try:
        export_people(
            owner=request.user,
            format=format,
            out=body,
            filters=resolved(request.user, people_filters(request.GET)),
        )
    except TiebookError as error:  # an unknown type or category typed into the address
        body.close()
        messages.error(request, str(error))
        return redirect("web:people")
    body.seek(0)
    name = f"tiebook-{what}-{today().isoformat()}.{extension}"
    return FileResponse(body, as_attachment=True, filename=name, content_type=content_type)

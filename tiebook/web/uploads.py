"""Uploads past a size limit are not received: neither kept in memory nor written to disk."""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.views.decorators.csrf import csrf_exempt, csrf_protect


class CappedUploadHandler(FileUploadHandler):
    """Stops receiving a file once it passes `most` bytes and notes its name on the request
    (`request.refused_upload`), so that the view can say so beside the form; the rest of the
    request is read and thrown away, and the file is missing from request.FILES."""

    def __init__(self, request, most: int):
        super().__init__(request)
        self.most = most

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        if start + len(raw_data) > self.most:
            self.request.refused_upload = self.file_name or "The file"
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None  # the next handler keeps the file


def capped_uploads(most: int) -> Callable:
    """A view whose uploads stop at `most` bytes. The handler must be in place before anything
    reads the request's body, the CSRF check included: the view is exempt from the middleware's
    check and makes the same check itself, once the handler is in place."""

    def decorate(view: Callable) -> Callable:
        checked = csrf_protect(view)

        @csrf_exempt
        @functools.wraps(view)
        def capped(request, *args, **kwargs):
            request.refused_upload = ""
            request.upload_handlers.insert(0, CappedUploadHandler(request, most))
            return checked(request, *args, **kwargs)

        return capped

    return decorate

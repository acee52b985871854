"""Settings: the owner's account, each type's interval, backup download and restore upload."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from django.contrib import messages
from django.db import transaction
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from tiebook import taxonomy
from tiebook.accounts.selectors import own_addresses
from tiebook.accounts.services import own_addresses_set, profile_update
from tiebook.core.errors import TiebookError
from tiebook.followups.engine import type_interval
from tiebook.followups.services import type_interval_set, type_intervals_for
from tiebook.interchange.backup import backup_read, backup_restore, backup_write
from tiebook.web.forms import IntervalsForm, ProfileForm, RestoreForm
from tiebook.web.views.about import about_form
from tiebook.web.views.common import add_error, today

MAX_RESTORE_BYTES = 512 * 1024 * 1024


def _current(owner) -> dict[str, int]:
    overrides = type_intervals_for(owner=owner)
    return {t.code: type_interval(t.code, overrides) for t in taxonomy.TYPES}


def _profile_form(user) -> ProfileForm:
    others = [a for a in own_addresses(owner=user) if a != user.email]
    return ProfileForm(
        initial={"name": user.first_name, "email": user.email, "addresses": "\n".join(others)}
    )


def _profile_save(user, *, name: str, email: str, addresses: list[str]) -> None:
    """The account's email first, so that own_addresses_set keeps it first; then the others."""
    with transaction.atomic():  # all or nothing: a refused address leaves the name as it was
        profile_update(user=user, name=name, email=email)
        others = [a for a in addresses if a != user.email]
        gone = [a for a in own_addresses(owner=user) if a != user.email and a not in others]
        own_addresses_set(owner=user, add=others, remove=gone)


def _page(request, *, intervals=None, restore=None, profile=None, about=None, status=200):
    context = {
        "about": about or about_form(request.user),
        "nav": "settings",
        "profile": profile or _profile_form(request.user),
        "intervals": intervals or IntervalsForm(current=_current(request.user)),
        "restore": restore or RestoreForm(),
        "types": taxonomy.TYPES,
    }
    return render(request, "web/settings.html", context, status=status)


@require_GET
def settings_page(request):
    return _page(request)


@require_POST
def profile(request):
    form = ProfileForm(request.POST)
    if form.is_valid():
        try:
            _profile_save(request.user, **form.cleaned_data)
        except TiebookError as error:
            add_error(form, error)
    if form.errors:
        return _page(request, profile=form, status=422)
    messages.success(request, "Saved your profile.")
    return redirect("web:settings")


@require_POST
def intervals(request):
    current = _current(request.user)
    form = IntervalsForm(request.POST, current=current)
    if not form.is_valid():
        return _page(request, intervals=form, status=422)
    moved = 0
    for t in taxonomy.TYPES:
        wanted = form.cleaned_data[t.code]
        if wanted != current[t.code]:
            days = None if wanted == t.default_interval_days else wanted
            moved += type_interval_set(owner=request.user, type_code=t.code, days=days)
    messages.success(request, f"Saved the intervals; {moved} follow-ups moved.")
    return redirect("web:settings")


@require_GET
def backup_download(request):
    handle = tempfile.NamedTemporaryFile(suffix=".json", delete=False)  # noqa: SIM115
    handle.close()
    path = Path(handle.name)
    backup_write(owner=request.user, path=path)
    name = f"tiebook-{today().isoformat()}.json"
    response = FileResponse(
        path.open("rb"), as_attachment=True, filename=name, content_type="application/json"
    )
    path.unlink()  # the open handle keeps the bytes readable until the response is sent
    return response


@require_POST
def restore_upload(request):
    form = RestoreForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, restore=form, status=422)
    upload = form.cleaned_data["file"]
    if upload.size > MAX_RESTORE_BYTES:
        form.add_error("file", "This file is larger than 512 MB; restore it with tiebook restore.")
        return _page(request, restore=form, status=422)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / (Path(upload.name).name or "backup.json")
        with path.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        try:
            summary = backup_restore(owner=request.user, document=backup_read(path=path))
        except (TiebookError, json.JSONDecodeError) as error:
            form.add_error("file", str(error))
            return _page(request, restore=form, status=422)
    said = f"Restored {summary.people} people and {summary.interactions} interactions."
    if summary.renumbered:
        kinds = ", ".join(key.replace("_", " ") for key in summary.renumbered)
        said += f" Their ids were taken in this database, so these have new ones: {kinds}."
    messages.success(request, said)
    return redirect("web:today")

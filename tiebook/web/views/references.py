"""References on the web: the reference list, those to ask again, add and confirm, download."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from tiebook.core.errors import NotFound, TiebookError
from tiebook.core.params import MAX_ID, search_text, whole_number
from tiebook.interactions.reference_documents import references_csv, references_markdown
from tiebook.interactions.references import (
    reference_add,
    reference_confirm,
    reference_get,
    references_list,
)
from tiebook.people.selectors import person_resolve
from tiebook.web.networking_forms import ReferenceForm
from tiebook.web.views.common import add_error, person_or_404, today

DOWNLOADS = {"md": "text/markdown; charset=utf-8", "csv": "text/csv; charset=utf-8"}


def _skill(request) -> str | None:
    found = search_text(" ".join(request.GET.get("skill", "").split()))
    return found[:200] if found else None


def _page(request, form, *, status: int = 200):
    skill = _skill(request)
    context = {
        "nav": "references",
        "result": references_list(owner=request.user, today=today(), skill=skill),
        "skill": skill or "",
        "form": form,
    }
    return render(request, "web/references.html", context, status=status)


@require_http_methods(["GET"])
def references(request):
    return _page(request, ReferenceForm())


def _back(request, person_id: int):
    if request.POST.get("back") == "person":
        return redirect("web:person", person_id=person_id)
    return redirect("web:references")


def _person(request, form):
    """The person the form names: by id (a button on a page) or by what was typed."""
    raw = request.POST.get("person_id", "")
    if raw:
        person_id = whole_number(raw, maximum=MAX_ID)
        if person_id is None:
            raise Http404("No such person.")
        return person_or_404(request, person_id)
    return person_resolve(owner=request.user, ref=form.cleaned_data["person"])


@require_POST
def add(request):
    form = ReferenceForm(request.POST)
    if form.is_valid():
        try:
            person = _person(request, form)
            vouch, _ = reference_add(
                owner=request.user,
                person=person,
                skill=form.cleaned_data["skill"],
                today=today(),
                agreed=form.agreed(),
                confirmed_on=form.cleaned_data["confirmed"],
            )
        except TiebookError as error:
            error.field = error.field if error.field in ("skill", "confirmed") else "person"
            add_error(form, error)
        else:
            messages.success(request, f"{person.display_name}: reference for {vouch.skill}.")
            return _back(request, person.pk)
    return _page(request, form, status=422)


@require_POST
def confirm(request, reference_id: int):
    try:
        found = reference_get(owner=request.user, reference_id=reference_id)
    except NotFound:
        raise Http404("No such reference.") from None
    reference_confirm(owner=request.user, person=found.person, today=today(), skill=found.skill)
    messages.success(
        request, f"{found.person.display_name} confirmed as a reference for {found.skill}."
    )
    return _back(request, found.person_id)


@require_http_methods(["GET"])
def download(request, format: str):
    if format not in DOWNLOADS:
        raise Http404("No such format.")
    result = references_list(owner=request.user, today=today(), skill=_skill(request))
    if format == "md":
        body = references_markdown(result, owner_name=request.user.get_full_name())
    else:
        body = references_csv(result)
    response = HttpResponse(body, content_type=DOWNLOADS[format])
    response["Content-Disposition"] = f'attachment; filename="references.{format}"'
    return response

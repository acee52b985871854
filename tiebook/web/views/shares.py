"""Knowledge shared on the web: log an item for several people, see whom else it would help and
share it with them in one click."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from tiebook.core.errors import NotFound, TiebookError
from tiebook.core.params import MAX_ID, whole_number
from tiebook.interactions.shares import (
    ShareInput,
    share_get,
    share_log,
    share_suggestions_for,
    share_with_more,
    shares_list,
    shares_of_interaction,
)
from tiebook.people.selectors import person_resolve
from tiebook.web.networking_forms import ShareForm, names
from tiebook.web.views.common import add_error, is_htmx, person_or_404

RECENT = 50

FIELDS = {"title": "title", "link": "link", "topics": "topics", "with": "people", "from": "people"}


def _share_or_404(request, share_id: int):
    try:
        return share_get(owner=request.user, share_id=share_id)
    except NotFound:
        raise Http404("No such share.") from None


def _initial(request) -> dict:
    """?with=ID (from a person's page) fills in their name."""
    person_id = whole_number(request.GET.get("with", ""), maximum=MAX_ID)
    if person_id is None:
        return {}
    return {"people": person_or_404(request, person_id).display_name}


def _person(request):
    """?person=ID: only what went to or came from them."""
    person_id = whole_number(request.GET.get("person", ""), maximum=MAX_ID)
    return None if person_id is None else person_or_404(request, person_id)


def _page(request, form, *, status: int = 200, logged=None):
    person = _person(request) if request.method == "GET" else None
    context = {
        "nav": "shares",
        "form": form,
        "shares": shares_list(owner=request.user, person=person, limit=RECENT),
        "of": person,
        **(_result(request, logged) if logged else {}),
    }
    return render(request, "web/shares.html", context, status=status)


def _result(request, share) -> dict:
    group = shares_of_interaction(owner=request.user, interaction=share.interaction)
    suggestions = share_suggestions_for(owner=request.user, share=share)
    return {"share": share, "group": group, "suggestions": suggestions}


def _log(request, form):
    """The form's share logged; its first share, or None after putting the errors on the form."""
    values = form.cleaned_data
    received = values["received"]
    try:
        people = [person_resolve(owner=request.user, ref=ref) for ref in names(values["people"])]
        data = ShareInput(
            title=values["title"],
            link=values["link"],
            topics=values["topics"].split(","),
            received=received,
        )
        interaction = share_log(owner=request.user, people=people, data=data)
    except TiebookError as error:
        error.field = FIELDS.get(error.field or "", error.field) if error.field else "people"
        add_error(form, error)
        return None
    return min(shares_of_interaction(owner=request.user, interaction=interaction), key=_pk)


def _pk(share) -> int:
    return share.pk


@require_http_methods(["GET", "POST"])
def shares(request):
    if request.method == "GET":
        return _page(request, ShareForm(initial=_initial(request)))
    form = ShareForm(request.POST)
    share = _log(request, form) if form.is_valid() else None
    if share is None:
        if is_htmx(request):  # htmx swaps only a 200: the form comes back with its errors
            return render(request, "web/_share_form.html", {"form": form})
        return _page(request, form, status=422)
    if is_htmx(request):
        context = {"form": ShareForm(), **_result(request, share), "logged": True}
        return render(request, "web/_share_form.html", context)
    messages.success(request, f"Logged: {share.title}")
    return redirect("web:share", share_id=share.pk)


@require_http_methods(["GET"])
def detail(request, share_id: int):
    share = _share_or_404(request, share_id)
    context = {"nav": "shares", **_result(request, share)}
    return render(request, "web/share.html", context)


@require_POST
def again(request, share_id: int):
    share = _share_or_404(request, share_id)
    person_id = whole_number(request.POST.get("person", ""), maximum=MAX_ID)
    if person_id is None:
        raise Http404("No such person.")
    person = person_or_404(request, person_id)
    share_with_more(owner=request.user, share=share, people=[person])
    if is_htmx(request):
        context = {"share": share, "person_id": person.pk, "name": person.display_name}
        return render(request, "web/_share_suggestion_done.html", context)
    messages.success(request, f"Shared with {person.display_name}: {share.title}")
    return redirect("web:share", share_id=share.pk)

"""One logged interaction on the web: correct it or delete it from a person's timeline."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from tiebook.core.errors import NotFound, TiebookError
from tiebook.core.params import MAX_ID, whole_number
from tiebook.interactions.models import Interaction
from tiebook.interactions.selectors import interaction_get, person_timeline_page
from tiebook.interactions.services import InteractionChanges, interaction_delete, interaction_update
from tiebook.people.records import interaction_dict
from tiebook.web.forms import InteractionForm
from tiebook.web.views.common import add_error, is_htmx, person_or_404
from tiebook.web.views.person import TIMELINE_PAGE, record_context


def _found(request, interaction_id: int) -> Interaction:
    try:
        return interaction_get(owner=request.user, interaction_id=interaction_id)
    except NotFound:
        raise Http404("No such interaction.") from None


def _person_id(request, interaction: Interaction) -> int:
    """The page it was opened from: one of the people in it (the first when not said)."""
    ids = [p.person_id for p in interaction.participants.all()]
    if not ids:  # no one's page shows it
        raise Http404("No such interaction.")
    asked = whole_number(request.POST.get("person") or request.GET.get("person"), maximum=MAX_ID)
    return asked if asked in ids else ids[0]


def _initial(interaction: Interaction) -> dict:
    return {
        "kind": interaction.kind,
        "summary": interaction.summary,
        "on": timezone.localdate(interaction.occurred_at),
        "they_reached_out": interaction.direction == Interaction.INCOMING,
        "notes": interaction.notes,
    }


def _changes(interaction: Interaction, data: dict) -> InteractionChanges:
    they = data["they_reached_out"]
    # A mutual one stays mutual unless the box says they started it.
    keep_direction = interaction.direction == Interaction.MUTUAL and not they
    return InteractionChanges(
        on=data["on"],
        kind=data["kind"],
        summary=data["summary"],
        notes=data["notes"],
        they_reached_out=None if keep_direction else they,
    )


def _after(request, person_id: int, note: str):
    if is_htmx(request):
        context = record_context(request, person_id, note=note)
        return render(request, "web/_person_followup.html", context)
    messages.success(request, note)
    return redirect("web:person", person_id=person_id)


def _form(request, interaction: Interaction, person_id: int, form, *, status: int = 200):
    context = {
        "nav": "people",
        "form": form,
        "i": interaction_dict(interaction, exclude_id=person_id),
        "person_id": person_id,
    }
    template = "web/_interaction_form.html" if is_htmx(request) else "web/interaction_edit.html"
    return render(request, template, context, status=status)


@require_http_methods(["GET", "POST"])
def edit(request, interaction_id: int):
    interaction = _found(request, interaction_id)
    person_id = _person_id(request, interaction)
    if request.method == "GET":
        return _form(
            request, interaction, person_id, InteractionForm(initial=_initial(interaction))
        )
    form = InteractionForm(request.POST)
    if form.is_valid():
        try:
            interaction_update(
                owner=request.user,
                interaction=interaction,
                changes=_changes(interaction, form.cleaned_data),
            )
        except TiebookError as error:
            add_error(form, error)
        else:
            return _after(request, person_id, f"Saved: {interaction.summary}")
    # htmx swaps only a 2xx answer: the form comes back in place with its errors.
    return _form(request, interaction, person_id, form, status=200 if is_htmx(request) else 422)


@require_http_methods(["GET", "POST"])
def delete(request, interaction_id: int):
    interaction = _found(request, interaction_id)
    person_id = _person_id(request, interaction)
    if request.method == "GET":
        context = {
            "nav": "people",
            "i": interaction_dict(interaction, exclude_id=person_id),
            "person_id": person_id,
        }
        return render(request, "web/interaction_delete.html", context)
    summary = interaction.summary
    interaction_delete(owner=request.user, interaction=interaction)
    return _after(request, person_id, f"Deleted: {summary}")


@require_http_methods(["GET"])
def timeline(request, person_id: int):
    """A page of older entries of a person's timeline: in place under the newer ones with htmx."""
    person = person_or_404(request, person_id)
    before = whole_number(request.GET.get("before"), maximum=MAX_ID)
    page = person_timeline_page(
        owner=request.user, person=person, before_id=before, limit=TIMELINE_PAGE
    )
    context = {
        "nav": "people",
        "person": person,
        "person_id": person.pk,
        "interactions": [interaction_dict(i, exclude_id=person.pk) for i in page.interactions],
        "more": page.more,
        "before": page.interactions[-1].pk if page.interactions else None,
    }
    template = "web/_timeline_page.html" if is_htmx(request) else "web/timeline.html"
    return render(request, template, context)

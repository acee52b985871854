"""Who knows whom on a person's page: the person picker, adding and removing ties, and
recording an introduction. Every action answers htmx with the ties panel, else the page."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from tiebook.core.errors import Ambiguous, NotFound, TiebookError, ValidationError
from tiebook.core.params import MAX_ID, search_text, whole_number
from tiebook.intros.services import introduction_record
from tiebook.people.selectors import people_named, person_relationships, person_resolve
from tiebook.people.services import relationship_add, relationship_delete
from tiebook.web.views.common import is_htmx, person_or_404
from tiebook.web.views.person import record_context

QUERY_MAX = 200  # characters of a picker's query that are looked at


def _query(request) -> str:
    """What was typed in a picker, without NULs (PostgreSQL refuses them in any query)."""
    return search_text((request.GET.get("q") or request.POST.get("q") or "")[:QUERY_MAX]) or ""


def _answer(request, person, *, status: int = 200, **extra):
    """The ties panel for htmx; otherwise the page (after a change, by a redirect)."""
    if is_htmx(request):
        ties = person_relationships(owner=request.user, person=person)
        context = {"person": person, "ties": ties, **extra}
        return render(request, "web/_person_ties.html", context)
    if status == 200:
        if extra.get("ties_note"):
            messages.success(request, extra["ties_note"])
        return redirect("web:person", person_id=person.pk)
    context = record_context(request, person.pk, **extra)
    return render(request, "web/person.html", context, status=status)


def _other(request):
    """The person picked (a radio's id), else the one the typed name or email finds."""
    picked = whole_number(request.POST.get("other") or "", maximum=MAX_ID)
    if picked is not None:
        return person_or_404(request, picked)
    query = _query(request)
    try:
        return person_resolve(owner=request.user, ref=query)
    except Ambiguous:  # the page lists them: a tap is quicker than typing an id
        raise ValidationError(f"More than one person matches '{query}'; pick one.") from None


@require_GET
def pick(request, person_id: int):
    """A few people whose names hold what was typed, to pick one with a tap."""
    person = person_or_404(request, person_id)
    query = _query(request)
    picks = people_named(owner=request.user, query=query, exclude_id=person.pk)
    return render(request, "web/_person_pick_results.html", {"picks": picks, "q": query})


@require_POST
def add(request, person_id: int):
    person = person_or_404(request, person_id)
    kind = request.POST.get("kind") or "knows"
    try:
        other = _other(request)
        made = relationship_add(owner=request.user, person=person, other=other, kind=kind)
    except TiebookError as error:
        query = _query(request)
        picks = people_named(owner=request.user, query=query, exclude_id=person.pk)
        state = {"tie_error": str(error), "tie_q": query, "tie_kind": kind, "tie_picks": picks}
        return _answer(request, person, status=422, **state)
    ties = person_relationships(owner=request.user, person=person)
    tie = next(t for t in ties if t.id == made.pk)
    said = f"{person.display_name} {tie.relation} {other.display_name}."
    return _answer(request, person, ties_note=said)


@require_POST
def remove(request, person_id: int, tie_id: int):
    person = person_or_404(request, person_id)
    ties = {t.id: t for t in person_relationships(owner=request.user, person=person)}
    if tie_id not in ties:
        raise Http404("No such tie.")
    try:
        relationship_delete(owner=request.user, relationship_id=tie_id)
    except NotFound:  # removed by another request meanwhile
        raise Http404("No such tie.") from None
    gone = ties[tie_id]
    return _answer(request, person, ties_note=f"Removed: {gone.relation} {gone.name}.")


@require_POST
def introduce(request, person_id: int):
    person = person_or_404(request, person_id)
    note = (request.POST.get("note") or "").replace("\x00", "")[:5000]
    try:
        other = _other(request)
        introduction_record(owner=request.user, person=person, other=other, note=note)
    except TiebookError as error:
        query = _query(request)
        picks = people_named(owner=request.user, query=query, exclude_id=person.pk)
        state = {
            "intro_error": str(error),
            "intro_q": query,
            "intro_note": note,
            "intro_picks": picks,
        }
        return _answer(request, person, status=422, **state)
    said = (
        f"You introduced {person.display_name} to {other.display_name}; "
        "both are due in a week to ask how it went."
    )
    return _answer(request, person, ties_note=said)

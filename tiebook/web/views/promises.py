"""Promises on the web: make one on a person's page, keep one there or from Today."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from tiebook.core.errors import NotFound, TiebookError
from tiebook.interactions.selectors import task_get
from tiebook.interactions.services import task_complete, task_create
from tiebook.web.forms import PromiseForm
from tiebook.web.views.common import add_error, is_htmx, person_or_404, today
from tiebook.web.views.person import record_context


def _panel(request, person_id: int, **extra):
    return render(request, "web/_person_followup.html", record_context(request, person_id, **extra))


@require_POST
def add(request, person_id: int):
    person = person_or_404(request, person_id)
    form = PromiseForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            task = task_create(
                owner=request.user,
                person=person,
                description=data["description"],
                due_on=data["due_on"],
                they_owe=data["they_owe"],
            )
        except TiebookError as error:
            add_error(form, error)
        else:
            note = f"Promised: {task.description}"
            if is_htmx(request):
                return _panel(request, person_id, note=note)
            messages.success(request, note)
            return redirect("web:person", person_id=person_id)
    if is_htmx(request):
        return _panel(request, person_id, promise_form=form)
    context = record_context(request, person_id, promise_form=form)
    return render(request, "web/person.html", context, status=422)


@require_POST
def done(request, task_id: int):
    try:
        task = task_complete(owner=request.user, task=task_get(owner=request.user, task_id=task_id))
    except NotFound:
        raise Http404("No such promise.") from None
    note = f"Kept: {task.description}"
    from_today = request.POST.get("from") == "today"
    if is_htmx(request) and from_today:
        context = {"task": task, "today": today(), "from": "today", "kept": True}
        return render(request, "web/_promise.html", context)
    if is_htmx(request) and task.person_id:
        return _panel(request, task.person_id, note=note)
    messages.success(request, note)
    if from_today or not task.person_id:
        return redirect("web:today")
    return redirect("web:person", person_id=task.person_id)

"""Events on the web: the list and add form, one event's page, the one-handed "met someone"."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from tiebook.core.errors import NotFound, TiebookError
from tiebook.events import services
from tiebook.events.models import EventPerson
from tiebook.events.selectors import (
    event_get,
    event_record,
    event_relevant_people,
    events_list,
)
from tiebook.events.serialize import event_record_dict, events_list_dict
from tiebook.interchange import limits
from tiebook.interchange.event_import import events_import
from tiebook.interchange.meeting import event_person_met
from tiebook.interchange.uploads import upload_discard, upload_save
from tiebook.web.event_forms import EventForm, FollowupDaysForm, MetForm
from tiebook.web.uploads import capped_uploads
from tiebook.web.views.common import is_htmx, person_or_404, today

# A service's field, as each form names it.
FIELDS = {"on": "starts_on", "until": "ends_on", "hosts": "hosts", "organization": "org"}


def _add_error(form, error: TiebookError) -> None:
    for problem in getattr(error, "problems", [error]):
        field = FIELDS.get(problem.field or "", problem.field)
        form.add_error(field if field in form.fields else None, str(problem))


def _event_or_404(request, event_id: int):
    try:
        return event_get(owner=request.user, event_id=event_id)
    except NotFound:
        raise Http404("No such event.") from None


def _wants_json(request) -> bool:
    return request.GET.get("format") == "json"


@require_http_methods(["GET"])
def index(request):
    found = events_list(owner=request.user, today=today())
    if _wants_json(request):
        return JsonResponse(events_list_dict(found))
    context = {"nav": "events", "found": found, "form": EventForm(initial={"starts_on": today()})}
    return render(request, "web/events.html", context)


@require_POST
def add(request):
    form = EventForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            event = services.event_create(
                owner=request.user,
                data=services.EventInput(
                    name=data["name"],
                    kind=data["kind"],
                    starts_on=data["starts_on"],
                    ends_on=data["ends_on"],
                    where=data["where"],
                    url=data["url"],
                    **form.lists(),
                ),
            )
            if data["status"] != event.status:
                event = services.event_status_set(
                    owner=request.user, event=event, status=data["status"]
                )
        except TiebookError as error:
            _add_error(form, error)
        else:
            messages.success(request, f"Added {event.name}.")
            return redirect("web:event", event_id=event.pk)
    found = events_list(owner=request.user, today=today())
    context = {"nav": "events", "found": found, "form": form, "open": True}
    return render(request, "web/events.html", context, status=422)


def _context(request, event, **extra) -> dict:
    # Who is relevant reads the whole network: the page comes first, the list after (htmx).
    record = event_record(owner=request.user, event=event, relevant=False)
    return {
        "nav": "events",
        "event": event,
        "record": record,
        "met_form": MetForm(),
        "days_form": FollowupDaysForm(initial={"days": event.followup_days}),
        "today": today(),
        **extra,
    }


@require_http_methods(["GET"])
def detail(request, event_id: int):
    event = _event_or_404(request, event_id)
    if _wants_json(request):
        return JsonResponse(event_record_dict(event_record(owner=request.user, event=event)))
    return render(request, "web/event.html", _context(request, event))


@require_http_methods(["GET"])
def relevant(request, event_id: int):
    """Who in the network is likely there: a part of the event's page, loaded after it."""
    event = _event_or_404(request, event_id)
    rows = event_relevant_people(owner=request.user, event=event)
    template = "web/_event_relevant.html" if is_htmx(request) else "web/event_relevant.html"
    return render(request, template, {"nav": "events", "event": event, "relevant": rows})


@require_POST
def met(request, event_id: int):
    """The quick form: on htmx, the met list with the new row and an empty form."""
    event = _event_or_404(request, event_id)
    form = MetForm(request.POST)
    note, status = "", 200
    if form.is_valid():
        data = form.cleaned_data
        try:
            done = event_person_met(
                owner=request.user,
                event=event,
                name=data["name"],
                email=data["email"],
                org=data["org"],
                note=data["note"],
            )
        except TiebookError as error:
            _add_error(form, error)
            status = 422
        else:
            verb = "Added" if done.added else "Matched"
            note = f"{verb} {done.person.display_name}."
            form = MetForm()
    else:
        status = 422
    context = _context(request, event, met_form=form, met_note=note)
    if is_htmx(request):
        return render(request, "web/_event_met.html", context, status=200)
    if status == 200:
        messages.success(request, note)
        return redirect("web:event", event_id=event.pk)
    return render(request, "web/event.html", context, status=status)


@require_POST
def status(request, event_id: int):
    event = _event_or_404(request, event_id)
    try:
        event = services.event_status_set(
            owner=request.user, event=event, status=request.POST.get("status", "")
        )
    except TiebookError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"{event.name}: {event.status}.")
    return redirect("web:event", event_id=event.pk)


@require_POST
def want(request, event_id: int):
    event = _event_or_404(request, event_id)
    person = person_or_404(request, _number(request.POST.get("person")))
    link = services.event_person_link(
        owner=request.user, event=event, person=person, role=EventPerson.WANT
    )
    if link.role == EventPerson.WANT:
        messages.success(request, f"You want to meet {person.display_name} there.")
    return redirect("web:event", event_id=event.pk)


def _number(raw) -> int:
    text = str(raw or "")
    if not (text.isascii() and text.isdigit()) or len(text) > 18:
        raise Http404("No such person.")
    return int(text)


@require_POST
def followup_days(request, event_id: int):
    event = _event_or_404(request, event_id)
    form = FollowupDaysForm(request.POST)
    if form.is_valid():
        services.event_followup_days_set(
            owner=request.user, event=event, days=form.cleaned_data["days"]
        )
        messages.success(request, "Follow-up days saved.")
        return redirect("web:event", event_id=event.pk)
    return render(request, "web/event.html", _context(request, event, days_form=form), status=422)


@require_POST
def delete(request, event_id: int):
    event = _event_or_404(request, event_id)
    name = event.name
    services.event_delete(owner=request.user, event=event)
    messages.success(request, f"Deleted {name}.")
    return redirect("web:events")


@capped_uploads(limits.WEB_UPLOAD_BYTES)
@require_POST
def import_calendar(request):
    """A conference's .ics as events; the run's page (linked) shows it and can undo it."""
    upload = request.FILES.get("file")
    if upload is None:
        refused = request.refused_upload
        messages.error(
            request,
            f"{refused} is larger than {limits.WEB_UPLOAD_BYTES // limits.MB} MB."
            if refused
            else "Choose a calendar file (.ics) to import.",
        )
        return redirect("web:events")
    pending = upload_save(owner=request.user, name=upload.name, chunks=upload.chunks())
    try:
        report = events_import(
            owner=request.user, path=pending.path, add_people=bool(request.POST.get("add_people"))
        )
    except TiebookError as error:
        messages.error(request, str(error))
        return redirect("web:events")
    finally:
        upload_discard(pending=pending)
    c = report.counts
    messages.success(
        request,
        f"Imported {c['events']} events from {report.file_name}: {c['linked']} linked to your "
        f"people, {c['added_people']} people added, {c['already']} already there.",
    )
    return redirect("web:import_run", run_id=report.run_id)


@require_POST
def settings_days(request):
    form = FollowupDaysForm(request.POST)
    if form.is_valid() and form.cleaned_data["days"]:
        services.event_settings_set(owner=request.user, followup_days=form.cleaned_data["days"])
        messages.success(request, "Event follow-up days saved.")
    else:
        messages.error(request, "Give a number of days from 1 to 365.")
    return redirect("web:settings")

"""One person: their record, add and edit, and the small actions (log, snooze, archive)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from tiebook import taxonomy
from tiebook.core.errors import Conflict, TiebookError
from tiebook.credentials.selectors import person_compliance
from tiebook.credentials.services import person_delete_keeping_reminders
from tiebook.events.selectors import person_events
from tiebook.followups.selectors import due_counts, due_item
from tiebook.followups.services import person_snooze
from tiebook.insights.circle_selectors import person_circle_suggestion
from tiebook.insights.ledger import person_opportunities_panel
from tiebook.interactions.services import InteractionInput, interaction_log
from tiebook.people.normalize import birthday_text
from tiebook.people.records import person_record
from tiebook.people.selectors import person_relationships
from tiebook.people.services import (
    UNSET,
    PersonChanges,
    PersonInput,
    person_archive,
    person_create,
    person_update,
)
from tiebook.web.forms import (
    SNOOZE_CHOICES,
    LogForm,
    PersonForm,
    PromiseForm,
    SnoozeForm,
    row_options,
)
from tiebook.web.templatetags.tiebook_web import day_text
from tiebook.web.views.common import add_error, is_htmx, person_or_404, today

DUE_WINDOW_DAYS = 7  # Today lists who is due within a week
TIMELINE_PAGE = 20  # entries of the timeline shown at once; "Show older" brings the next ones


def record_context(request, person_id: int, **extra) -> dict:
    record = person_record(
        owner=request.user, person_id=person_id, today=today(), timeline=TIMELINE_PAGE
    )
    return {
        "nav": "people",
        "record": record,
        "person": record.person,
        "data": record.as_dict(),
        "log_form": LogForm(),
        "promise_form": PromiseForm(),
        "snooze_choices": SNOOZE_CHOICES,
        "today": record.today,
        "person_events": person_events(owner=request.user, person=record.person),
        "opps_panel": person_opportunities_panel(owner=request.user, person=record.person),
        "person_references": record.references,
        "compliance": person_compliance(
            owner=request.user, person=record.person, today=record.today
        ),
        "ties": person_relationships(owner=request.user, person=record.person),
        "circle_suggestion": person_circle_suggestion(
            owner=request.user, person=record.person, today=record.today
        ),
        "circle_choices": list(taxonomy.CIRCLE_INTERVALS),
        **extra,
    }


@require_http_methods(["GET"])
def detail(request, person_id: int):
    person_or_404(request, person_id)
    return render(request, "web/person.html", record_context(request, person_id))


def _duplicate_hint(form) -> str:
    """The service's hint names a command-line option; on the web it is the checkbox."""
    anyway = form.fields["allow_duplicate"].label.split(":")[0]
    return f"Edit that person instead, or tick \u201c{anyway}\u201d below."


def _show_error(request, form, person, error: TiebookError):
    duplicate = isinstance(error, Conflict)
    add_error(form, error, hint=_duplicate_hint(form) if duplicate else None)
    return _form_page(request, form, person, duplicate=duplicate)


@require_http_methods(["GET", "POST"])
def add(request):
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        values = form.values()
        try:
            data = PersonInput(
                name=values["name"],
                types=values["types"],
                organization=values["organization"],
                headline=values["title"],
                emails=values["emails"],
                phones=values["phones"],
                urls=values["urls"],
                tags=values["tags"],
                interval_days=values["every"],
                circle=values["circle"],
                notes=values["notes"],
                birthday=values["birthday"],
                how_met=values["how_met"],
                expertise=values["expertise"],
            )
            person = person_create(
                owner=request.user, data=data, allow_duplicate=form.cleaned_data["allow_duplicate"]
            )
        except TiebookError as error:
            return _show_error(request, form, None, error)
        messages.success(request, f"Added {person.display_name}.")
        return redirect("web:person", person_id=person.pk)
    return _form_page(request, form, None)


def _form_page(request, form, person, *, duplicate: bool = False):
    status = 422 if form.errors else 200
    context = {
        "nav": "add" if person is None else "people",
        "form": form,
        "person": person,
        "duplicate": duplicate,
    }
    return render(request, "web/person_form.html", context, status=status)


def _initial(record) -> dict:
    data = record.as_dict()
    circle = data["circle"]
    return {
        "name": data["name"],
        "types": data["types"],
        "organization": data["organization"] or "",
        "title": data["title"],
        "emails": "\n".join(e["value"] for e in data["emails"]),
        "phones": "\n".join(p["value"] for p in data["phones"]),
        "urls": "\n".join(u["value"] for u in data["urls"]),
        "tags": ", ".join(data["tags"]),
        "every": f"{record.person.interval_days}d" if record.person.interval_days else "",
        "circle": str(circle) if circle else "",
        "birthday": birthday_text(
            record.person.birthday_year, record.person.birthday_month, record.person.birthday_day
        ),
        "how_met": data["how_met"],
        "expertise": ", ".join(data["expertise"]),
        "notes": data["notes"],
    }


def _changes(initial: dict, values: dict) -> PersonChanges:
    """The edit as the service takes it: lists become additions and removals."""

    def diff(key):
        before = {v.casefold(): v for v in _split(initial[key])}
        after = {v.casefold(): v for v in values[key]}
        return (
            [v for k, v in after.items() if k not in before],
            [v for k, v in before.items() if k not in after],
        )

    emails, phones, urls, tags = diff("emails"), diff("phones"), diff("urls"), diff("tags")
    return PersonChanges(
        name=values["name"],
        organization=values["organization"],
        headline=values["title"],
        notes=values["notes"],
        how_met=values["how_met"],
        expertise=values["expertise"],
        # Sent only when changed: a partial birthday from an import (a year alone) stays as is.
        birthday=UNSET if values["birthday"] == initial["birthday"] else values["birthday"],
        interval_days=values["every"] or None,
        circle=values["circle"],
        add_types=[t for t in values["types"] if t not in initial["types"]],
        remove_types=[t for t in initial["types"] if t not in values["types"]],
        add_emails=emails[0],
        add_phones=phones[0],
        add_urls=urls[0],
        remove_contacts=emails[1] + phones[1] + urls[1],
        add_tags=tags[0],
        remove_tags=tags[1],
    )


def _split(text: str) -> list[str]:
    return [p.strip() for chunk in text.splitlines() for p in chunk.split(",") if p.strip()]


@require_http_methods(["GET", "POST"])
def edit(request, person_id: int):
    person = person_or_404(request, person_id)
    initial = _initial(person_record(owner=request.user, person_id=person_id, today=today()))
    form = PersonForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            person_update(
                owner=request.user,
                person=person,
                changes=_changes(initial, form.values()),
                allow_duplicate=form.cleaned_data["allow_duplicate"],
            )
        except TiebookError as error:
            return _show_error(request, form, person, error)
        messages.success(request, f"Saved {form.cleaned_data['name']}.")
        return redirect("web:person", person_id=person_id)
    return _form_page(request, form, person)


def _after_action(request, person_id: int, *, note: str, form=None):
    """htmx from Today: the updated row; htmx from the record: its follow-up panel; else back."""
    if is_htmx(request) and request.POST.get("from") == "today":
        item = due_item(owner=request.user, person_id=person_id, today=today())
        counts = due_counts(owner=request.user, today=today(), within_days=DUE_WINDOW_DAYS)
        context = {
            "item": item,
            "counts": counts,
            "person_id": person_id,
            "note": note,
            "log_form": form or LogForm(),
            **row_options(form or LogForm()),
            "done": form is None,
        }
        # The row, and Today's counts swapped out of band: one log or snooze moves both.
        return render(request, "web/_due_row_update.html", context)
    if is_htmx(request):
        context = record_context(request, person_id, note=note)
        if form is not None:
            context["log_form"] = form
        return render(request, "web/_person_followup.html", context)
    if note and form is None:
        messages.success(request, note)
    return redirect(reverse("web:person", args=[person_id]))


@require_POST
def log(request, person_id: int):
    person = person_or_404(request, person_id)
    form = LogForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            interaction_log(
                owner=request.user,
                people=[person],
                data=InteractionInput(
                    summary=data["summary"],
                    kind=data["kind"],
                    on=data["on"],
                    they_reached_out=data["they_reached_out"],
                    gave=[data["gave"]] if data["gave"] else [],
                    received=[data["received"]] if data["received"] else [],
                ),
            )
            return _after_action(request, person_id, note=f"Logged: {data['summary']}")
        except TiebookError as error:
            add_error(form, error)
    if not is_htmx(request):
        context = record_context(request, person_id, log_form=form)
        return render(request, "web/person.html", context, status=422)
    return _after_action(request, person_id, note="", form=form)


@require_POST
def snooze(request, person_id: int):
    person = person_or_404(request, person_id)
    form = SnoozeForm(request.POST)
    if not form.is_valid():
        return _after_action(request, person_id, note="Choose how long to snooze.")
    updated = person_snooze(
        owner=request.user, person=person, days=form.cleaned_data["days"], today=today()
    )
    return _after_action(
        request, person_id, note=f"Snoozed until {day_text(updated.snoozed_until)}"
    )


@require_POST
def archive(request, person_id: int):
    person = person_or_404(request, person_id)
    restore = request.POST.get("undo") == "1"
    person_archive(owner=request.user, person=person, archived=not restore)
    verb = "Restored" if restore else "Archived"
    messages.success(request, f"{verb} {person.display_name}.")
    return redirect("web:person", person_id=person_id)


@require_http_methods(["GET", "POST"])
def delete(request, person_id: int):
    person = person_or_404(request, person_id)
    if request.method == "POST":
        person_delete_keeping_reminders(owner=request.user, person=person)
        messages.success(request, f"Deleted {person.display_name} and their history.")
        return redirect("web:people")
    return render(request, "web/person_delete.html", {"nav": "people", "person": person})


@require_POST
def circle(request, person_id: int):
    """Set or accept a circle (or 'none'); the follow-up rhythm follows it."""
    person = person_or_404(request, person_id)
    raw = request.POST.get("circle", "").strip().lower()
    try:
        updated = person_update(
            owner=request.user,
            person=person,
            changes=PersonChanges(circle=None if raw in ("", "none") else raw),
        )
    except TiebookError as error:
        return _after_action(request, person_id, note=str(error))
    where = f"In circle {updated.circle}" if updated.circle else "In no circle"
    due = f"next follow-up {day_text(updated.next_due_on)}" if updated.next_due_on else "no rhythm"
    return _after_action(request, person_id, note=f"{where}: {due}")

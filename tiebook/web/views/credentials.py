"""Credentials and filings on the web: the lists with their add forms, a credential's page with
its CE hours, contacts and renewal, and the small actions on each."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from tiebook.core.errors import Ambiguous, NotFound, TiebookError
from tiebook.credentials.selectors import (
    contact_candidates,
    credential_detail,
    credential_get,
    credentials_list,
    filing_get,
    filings_list,
)
from tiebook.credentials.services import (
    CredentialInput,
    FilingInput,
    credential_contact_add,
    credential_contact_remove,
    credential_create,
    credential_delete,
    credential_hours_add,
    credential_renew,
    credential_update,
    filing_create,
    filing_delete,
    filing_done,
)
from tiebook.people.selectors import person_resolve
from tiebook.web.credential_forms import (
    ContactForm,
    CredentialForm,
    FilingForm,
    HoursForm,
    RenewForm,
)
from tiebook.web.templatetags.tiebook_web import day_text
from tiebook.web.views.common import add_error, is_htmx, person_or_404, today


def _credential_or_404(request, credential_id: int):
    try:
        return credential_get(owner=request.user, credential_id=credential_id)
    except NotFound:
        raise Http404("No such credential.") from None


def _filing_or_404(request, filing_id: int):
    try:
        return filing_get(owner=request.user, filing_id=filing_id)
    except NotFound:
        raise Http404("No such filing.") from None


def _person(request, form, field: str):
    """The person the field names, or None with the reason beside the field."""
    try:
        return person_resolve(owner=request.user, ref=form.cleaned_data[field])
    except Ambiguous as error:
        form.add_error(field, f"{error.message} {'; '.join(error.candidates)}")
    except TiebookError as error:
        form.add_error(field, error.message)
    return None


@require_http_methods(["GET"])
def people(request):
    """The contact picker's suggestions: <option>s for its datalist."""
    from tiebook.core.params import search_text

    text = search_text(request.GET.get("person") or request.GET.get("contact")) or ""
    found = contact_candidates(owner=request.user, text=text[:200])
    return render(request, "web/_credential_people.html", {"people": found})


# -- the credentials list ------------------------------------------------------------------------


def _input(data: dict) -> CredentialInput:
    return CredentialInput(
        name=data["name"],
        issuer=data["issuer"],
        expires_on=data["expires"],
        number=data["number"],
        issued_on=data["issued"],
        ce_hours_required=data["ce_hours_required"],
        renewal_lead_days=data["lead_days"],
        notes=data["notes"],
    )


def _list_page(request, form, *, status: int = 200):
    context = {
        "nav": "credentials",
        "rows": credentials_list(owner=request.user, today=today()),
        "filings": filings_list(owner=request.user, today=today()),
        "form": form,
        "today": today(),
    }
    return render(request, "web/credentials.html", context, status=status)


@require_http_methods(["GET", "POST"])
def index(request):
    form = CredentialForm(request.POST or None)
    if request.method != "POST":
        return _list_page(request, form)
    if form.is_valid():
        try:
            made = credential_create(owner=request.user, data=_input(form.cleaned_data))
        except TiebookError as error:
            add_error(form, error)
        else:
            messages.success(request, f"Added {made.name}.")
            return redirect("web:credential", credential_id=made.pk)
    return _list_page(request, form, status=422)


# -- one credential ------------------------------------------------------------------------------


def _detail_context(request, credential_id: int, **extra) -> dict:
    row = credential_detail(owner=request.user, credential_id=credential_id, today=today())
    cycle = row.credential.cycle
    return {
        "nav": "credentials",
        "row": row,
        "credential": row.credential,
        "current_hours": [h for h in row.hours if h.cycle == cycle],
        "earlier_hours": [h for h in row.hours if h.cycle != cycle],
        "hours_form": HoursForm(initial={"on": today()}),
        "contact_form": ContactForm(),
        "renew_form": RenewForm(),
        "edit_form": CredentialForm(initial=_initial(row.credential)),
        "today": today(),
        **extra,
    }


def _answer(request, credential_id: int, *, note: str = "", status: int = 200, **forms_):
    """The credential's body in place for htmx, else the page (after a success, redirected)."""
    if not is_htmx(request) and not forms_:
        messages.success(request, note)
        return redirect("web:credential", credential_id=credential_id)
    context = _detail_context(request, credential_id, note=note, **forms_)
    template = "web/_credential_body.html" if is_htmx(request) else "web/credential.html"
    return render(request, template, context, status=status if not is_htmx(request) else 200)


def _initial(credential) -> dict:
    from tiebook.credentials.engine import hours_text

    return {
        "name": credential.name,
        "issuer": credential.issuer.name if credential.issuer_id else "",
        "expires": credential.expires_on,
        "number": credential.number,
        "issued": credential.issued_on,
        "ce_hours_required": hours_text(credential.ce_minutes_required),
        "lead_days": credential.renewal_lead_days,
        "notes": credential.notes,
    }


@require_http_methods(["GET"])
def detail(request, credential_id: int):
    _credential_or_404(request, credential_id)
    return render(request, "web/credential.html", _detail_context(request, credential_id))


@require_POST
def hours(request, credential_id: int):
    credential = _credential_or_404(request, credential_id)
    form = HoursForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            credential_hours_add(
                owner=request.user,
                credential=credential,
                hours=data["hours"],
                on=data["on"] or today(),
                activity=data["activity"],
            )
        except TiebookError as error:
            add_error(form, error)
        else:
            return _answer(request, credential_id, note=f"Logged {data['hours'].strip()} h.")
    return _answer(request, credential_id, status=422, hours_form=form)


@require_POST
def contact(request, credential_id: int):
    credential = _credential_or_404(request, credential_id)
    form = ContactForm(request.POST)
    person = _person(request, form, "person") if form.is_valid() else None
    if person is not None:
        try:
            credential_contact_add(
                owner=request.user,
                credential=credential,
                person=person,
                role=form.cleaned_data["role"],
            )
        except TiebookError as error:
            add_error(form, error)
        else:
            return _answer(request, credential_id, note=f"{person.display_name} is a contact.")
    return _answer(request, credential_id, status=422, contact_form=form)


@require_POST
def contact_remove(request, credential_id: int, person_id: int):
    credential = _credential_or_404(request, credential_id)
    person = person_or_404(request, person_id)
    credential_contact_remove(owner=request.user, credential=credential, person=person)
    return _answer(request, credential_id, note=f"{person.display_name} is no longer a contact.")


@require_POST
def renew(request, credential_id: int):
    credential = _credential_or_404(request, credential_id)
    form = RenewForm(request.POST)
    if form.is_valid():
        try:
            credential_renew(
                owner=request.user,
                credential=credential,
                expires_on=form.cleaned_data["expires"],
                today=today(),
            )
        except TiebookError as error:
            add_error(form, error)
        else:
            note = f"Renewed until {day_text(credential.expires_on)}."
            return _answer(request, credential_id, note=note)
    return _answer(request, credential_id, status=422, renew_form=form)


@require_POST
def edit(request, credential_id: int):
    credential = _credential_or_404(request, credential_id)
    form = CredentialForm(request.POST)
    if form.is_valid():
        try:
            credential_update(
                owner=request.user, credential=credential, data=_input(form.cleaned_data)
            )
        except TiebookError as error:
            add_error(form, error)
        else:
            return _answer(request, credential_id, note="Saved.")
    return _answer(request, credential_id, status=422, edit_form=form)


@require_POST
def delete(request, credential_id: int):
    credential = _credential_or_404(request, credential_id)
    name = credential.name
    credential_delete(owner=request.user, credential=credential)
    messages.success(request, f"Deleted {name}.")
    return redirect("web:credentials")


# -- filings -------------------------------------------------------------------------------------


def _filings_page(request, form, *, status: int = 200):
    context = {
        "nav": "credentials",
        "filings": filings_list(owner=request.user, today=today(), include_done=True),
        "form": form,
        "today": today(),
    }
    return render(request, "web/filings.html", context, status=status)


@require_http_methods(["GET", "POST"])
def filings(request):
    form = FilingForm(request.POST or None)
    if request.method != "POST":
        return _filings_page(request, form)
    if form.is_valid():
        data = form.cleaned_data
        contact = _person(request, form, "contact") if data["contact"].strip() else None
        if not form.errors:
            try:
                made = filing_create(
                    owner=request.user,
                    data=FilingInput(
                        title=data["title"],
                        organization=data["organization"],
                        due_on=data["due"],
                        lead_days=data["lead_days"],
                        yearly=data["yearly"],
                        notes=data["notes"],
                    ),
                    contacts=[contact] if contact else [],
                )
            except TiebookError as error:
                add_error(form, error)
            else:
                messages.success(request, f"Added {made.title}.")
                return redirect("web:filings")
    return _filings_page(request, form, status=422)


@require_POST
def filing_mark_done(request, filing_id: int):
    filing = _filing_or_404(request, filing_id)
    try:
        following = filing_done(owner=request.user, filing=filing)
    except TiebookError as error:
        messages.error(request, error.message)
        return redirect("web:filings")
    note = f"Done: {filing.title}."
    if following:
        note += f" Next year's is due {day_text(following.due_on)}."
    messages.success(request, note)
    return redirect("web:filings")


@require_POST
def filing_remove(request, filing_id: int):
    filing = _filing_or_404(request, filing_id)
    title = filing.title
    filing_delete(owner=request.user, filing=filing)
    messages.success(request, f"Deleted {title}.")
    return redirect("web:filings")

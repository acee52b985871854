"""Import: upload a file, preview what it would do, confirm it; list past runs and undo them."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tiebook.core.errors import NotFound, TiebookError
from tiebook.interchange import limits, registry
from tiebook.interchange.formats.csv_generic import check_mapping
from tiebook.interchange.importing import ImportReport, import_file
from tiebook.interchange.undo import (
    import_run_get,
    import_runs,
    import_runs_after,
    import_undo_with_later,
)
from tiebook.interchange.uploads import (
    PendingUpload,
    upload_delete,
    upload_discard,
    upload_get,
    upload_save,
    upload_take,
)
from tiebook.web.templatetags.tiebook_web import counted
from tiebook.web.uploads import capped_uploads

SHOWN_ROWS = 200
FORMAT_LABELS = {
    "linkedin": "LinkedIn data export (zip or Connections.csv)",
    "google": "Google Contacts CSV",
    "outlook": "Outlook CSV",
    "vcard": "vCard (.vcf)",
    "mail": "Mail (mbox or .eml)",
    "ics": "Calendar (.ics)",
    "csv": "Any other CSV",
}
COUNT_LABELS = (
    ("created", "new"),
    ("review", "new, to review"),
    ("updated", "updated"),
    ("merged", "merged"),
    ("skipped", "unchanged"),
    ("failed", "with problems"),
    ("interactions", "interactions"),
)
OUTCOME_LABELS = {"created": "new", "skipped": "unchanged"}


WINDOW_ONLY = "Meeting dates apply to calendar files only; clear them for this file."


def _mapping(raw: str) -> dict[str, str] | None:
    """'Mobile=phone,Employer=org' as the CLI's --map takes it."""
    pairs = {}
    for part in (raw or "").split(","):
        if not part.strip():
            continue
        column, sep, field = part.partition("=")
        if not sep or not column.strip() or not field.strip():
            raise forms.ValidationError(
                f"Write the column map as Column=field pairs separated by commas; "
                f"'{part.strip()}' is not one."
            )
        pairs[column.strip()] = field.strip()
    return pairs or None


class ImportForm(forms.Form):
    file = forms.FileField(label="File")
    format = forms.ChoiceField(required=False, label="Format")
    columns = forms.CharField(
        required=False,
        max_length=2000,
        label="Column map (CSV only)",
        help_text="Optional: which column is which field, e.g. Mobile=phone,Employer=org.",
    )
    add_people = forms.BooleanField(
        required=False,
        label="Calendars and mail: also add the people you met or wrote to who are not in tiebook",
        help_text="Otherwise only the people already in your network are linked to the meetings "
        "and messages.",
    )

    since = forms.DateField(
        required=False,
        label="Meetings from",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Calendars only: the first day of meetings to bring in (two years ago if "
        "empty); up to the last day below (today if empty).",
    )
    until = forms.DateField(
        required=False, label="Meetings until", widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, refused: str = "", **kwargs):
        """`refused`: the name of a file that was too large to be received."""
        super().__init__(*args, **kwargs)
        known = [(name, FORMAT_LABELS.get(name, name)) for name in registry.names()]
        self.fields["format"].choices = [("", "Detect automatically"), *known]
        self.fields["file"].help_text = (
            "One of: " + "; ".join(label for _, label in known) + f". At most "
            f"{limits.WEB_UPLOAD_BYTES // limits.MB} MB and {limits.WEB_RECORDS:,} records."
        )
        self.refused = refused
        if refused:  # said in clean_file rather than "This field is required."
            self.fields["file"].required = False

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if self.refused or upload.size > limits.WEB_UPLOAD_BYTES:
            raise forms.ValidationError(limits.too_big_upload(self.refused or upload.name))
        return upload

    def clean_columns(self):
        mapping = _mapping(self.cleaned_data["columns"])
        try:
            check_mapping(mapping)
        except TiebookError as error:
            raise forms.ValidationError(str(error)) from None
        return mapping

    def clean(self):
        data = super().clean()
        if data.get("columns") and data.get("format") not in ("", None, "csv"):
            self.add_error(
                "columns", "A column map works with any other CSV only; choose it or clear the map."
            )
        window = data.get("since") or data.get("until")
        if window and data.get("format") not in ("", None, "ics"):
            self.add_error("since", WINDOW_ONLY)
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            self.add_error("until", "The last day of meetings comes before the first.")
        return data


def _pending_or_404(request, token: str, *, take: bool = False) -> PendingUpload:
    try:
        return (upload_take if take else upload_get)(owner=request.user, token=token)
    except NotFound:
        raise Http404("No such upload.") from None


def _run_or_404(request, run_id: int):
    try:
        return import_run_get(owner=request.user, run_id=run_id)
    except NotFound:
        raise Http404("No such import.") from None


def _page(request, *, form=None, error: str = "", status=200):
    """The upload form and the past imports; `error` is a file's problem found after upload."""
    context = {
        "nav": "import",
        "form": form or ImportForm(),
        "file_error": error,
        "runs": import_runs(owner=request.user),
    }
    return render(request, "web/import.html", context, status=status)


def _import(request, pending: PendingUpload, *, dry_run: bool) -> ImportReport:
    return import_file(
        owner=request.user,
        path=pending.path,
        # A column map only makes sense to the generic CSV reader; other formats refuse it.
        format_name=pending.format_name or ("csv" if pending.mapping else None),
        dry_run=dry_run,
        mapping=pending.mapping,
        add_people=pending.add_people,
        options={"since": pending.since, "until": pending.until},
        record_limit=limits.WEB,
    )


def _preview(request, pending: PendingUpload, report: ImportReport):
    outcomes = [
        {**item, "label": OUTCOME_LABELS.get(item["outcome"], item["outcome"])}
        for item in report.outcomes[:SHOWN_ROWS]
    ]
    context = {
        "nav": "import",
        "pending": pending,
        "report": report,
        "counts": [(label, report.counts.get(key, 0)) for key, label in COUNT_LABELS],
        "outcomes": outcomes,
        "more_outcomes": max(0, len(report.outcomes) - SHOWN_ROWS),
        "problems": report.problems[:SHOWN_ROWS],
        "more_problems": max(0, len(report.problems) - SHOWN_ROWS),
        "format_label": FORMAT_LABELS.get(report.source, report.source),
    }
    return render(request, "web/import_preview.html", context)


@capped_uploads(limits.WEB_UPLOAD_BYTES)
@require_http_methods(["GET", "POST"])
def index(request):
    if request.method == "GET":
        return _page(request)
    form = ImportForm(request.POST, request.FILES, refused=request.refused_upload)
    if not form.is_valid():
        return _page(request, form=form, status=422)
    upload = form.cleaned_data["file"]
    pending = upload_save(
        owner=request.user,
        name=upload.name,
        chunks=upload.chunks(),
        format_name=form.cleaned_data["format"] or None,
        mapping=form.cleaned_data["columns"],
        add_people=form.cleaned_data["add_people"],
        since=form.cleaned_data["since"],
        until=form.cleaned_data["until"],
    )
    try:
        report = _import(request, pending, dry_run=True)
    except TiebookError as error:
        upload_delete(owner=request.user, token=pending.token)
        if error.field in ("since", "until"):  # a window given for a file that is no calendar
            form.add_error("since", WINDOW_ONLY)
        else:
            form.add_error("columns" if error.field in ("map", "mapping") else "file", str(error))
        return _page(request, form=form, status=422)
    except Exception:
        upload_delete(owner=request.user, token=pending.token)  # a bug: keep no orphan file
        raise
    return _preview(request, pending, report)


@require_GET
def preview(request, token: str):
    pending = _pending_or_404(request, token)
    try:
        report = _import(request, pending, dry_run=True)
    except TiebookError as error:
        upload_delete(owner=request.user, token=token)
        return _page(request, error=str(error), status=422)
    return _preview(request, pending, report)


@require_POST
def confirm(request, token: str):
    pending = _pending_or_404(request, token, take=True)
    try:
        report = _import(request, pending, dry_run=False)
    except TiebookError as error:
        return _page(request, error=str(error), status=422)
    finally:
        upload_discard(pending=pending)
    c = report.counts
    messages.success(
        request,
        f"Imported {report.file_name}: {c['created']} new, {c['updated']} updated, "
        f"{c['merged']} merged, {counted(c['interactions'], 'interaction')}.",
    )
    return redirect("web:import_run", run_id=report.run_id)


@require_POST
def cancel(request, token: str):
    pending = _pending_or_404(request, token)
    upload_delete(owner=request.user, token=token)
    messages.success(request, f"Nothing imported; {pending.file_name} was discarded.")
    return redirect("web:import")


@require_GET
def run(request, run_id: int):
    found = _run_or_404(request, run_id)
    context = {
        "nav": "import",
        "run": found,
        "counts": [
            (label, getattr(found, key)) for key, label in COUNT_LABELS if hasattr(found, key)
        ],
        "format_label": FORMAT_LABELS.get(found.source, found.source),
        "problems": found.problems[:SHOWN_ROWS],
        "more_problems": max(0, len(found.problems) - SHOWN_ROWS),
    }
    return render(request, "web/import_run.html", context)


@require_http_methods(["GET", "POST"])
def undo(request, run_id: int):
    """GET, or POST without `confirm`, asks first; POST with `confirm` undoes."""
    found = _run_or_404(request, run_id)
    if request.method == "POST" and request.POST.get("confirm") == "yes" and not found.undone_at:
        try:
            done = import_undo_with_later(owner=request.user, run_id=found.pk)
        except TiebookError as error:
            messages.error(request, str(error))
            return redirect("web:import_run", run_id=found.pk)
        names = ", ".join(f"{r.pk} ({r.file_name})" for r in done)
        what = "import" if len(done) == 1 else "imports"
        messages.success(request, f"Undid {what} {names}.")
        return redirect("web:import")
    context = {
        "nav": "import",
        "run": found,
        "later": [] if found.undone_at else import_runs_after(owner=request.user, run_id=found.pk),
    }
    return render(request, "web/import_undo.html", context)

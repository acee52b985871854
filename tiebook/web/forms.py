"""Forms: parse what the browser sends into service inputs; errors land beside their field."""

from __future__ import annotations

from django import forms

from tiebook import taxonomy
from tiebook.core.errors import TiebookError
from tiebook.interactions.services import KINDS
from tiebook.people.normalize import normalize_email

TYPE_CHOICES = [(t.code, f"{t.label} ({t.category.value})") for t in taxonomy.TYPES]
CIRCLE_CHOICES = [("", "none")] + [(str(c), str(c)) for c in taxonomy.CIRCLE_INTERVALS]


def _lines(text: str) -> list[str]:
    """One value per line or comma: how people paste several emails or tags."""
    parts = [p.strip() for chunk in (text or "").splitlines() for p in chunk.split(",")]
    return [p for p in parts if p]


class PersonForm(forms.Form):
    """Parses only: the service checks every field at once, so each error shows beside its own."""

    name = forms.CharField(required=False, label="Name")
    types = forms.MultipleChoiceField(
        choices=TYPE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Kinds of connection",
    )
    organization = forms.CharField(required=False, label="Organisation")
    title = forms.CharField(required=False, label="Position or headline")
    emails = forms.CharField(
        required=False,
        label="Emails",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="One per line.",
    )
    phones = forms.CharField(
        required=False,
        label="Phones",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="One per line.",
    )
    urls = forms.CharField(
        required=False,
        label="Web and profile addresses",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="One per line.",
    )
    tags = forms.CharField(required=False, label="Tags", help_text="Separated by commas.")
    every = forms.CharField(
        required=False,
        label="Follow up every",
        help_text="Leave empty to follow their type; e.g. 30d, 2w, 3m.",
    )
    circle = forms.ChoiceField(choices=CIRCLE_CHOICES, required=False, label="Circle")
    birthday = forms.CharField(
        required=False,
        label="Birthday",
        help_text="YYYY-MM-DD, e.g. 1990-03-15; or MM-DD (03-15) when you don't know the year.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "placeholder": "YYYY-MM-DD"}),
    )
    how_met = forms.CharField(
        required=False, label="How you met", widget=forms.Textarea(attrs={"rows": 2})
    )
    expertise = forms.CharField(
        required=False,
        label="Knows about",
        help_text="Topics, separated by commas: kubernetes, VAT returns, grant writing.",
    )
    notes = forms.CharField(required=False, label="Notes", widget=forms.Textarea(attrs={"rows": 4}))
    allow_duplicate = forms.BooleanField(
        required=False, label="Add anyway: this is a different person"
    )

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            self.fields["allow_duplicate"].label = "Save anyway: they share this address"

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "types": data["types"],
            "organization": data["organization"].strip(),
            "title": data["title"],
            "emails": _lines(data["emails"]),
            "phones": _lines(data["phones"]),
            "urls": _lines(data["urls"]),
            "tags": _lines(data["tags"]),
            "every": data["every"].strip(),
            "circle": data["circle"] or None,
            "birthday": data["birthday"].strip(),
            "how_met": data["how_met"],
            "expertise": data["expertise"],
            "notes": data["notes"],
        }


class LogForm(forms.Form):
    kind = forms.ChoiceField(choices=[(k, k) for k in KINDS], initial="meeting", label="Kind")
    summary = forms.CharField(max_length=500, label="What happened")
    on = forms.DateField(required=False, label="On", widget=forms.DateInput(attrs={"type": "date"}))
    they_reached_out = forms.BooleanField(required=False, label="They reached out")
    gave = forms.CharField(max_length=500, required=False, label="You gave (advice, an intro...)")
    received = forms.CharField(max_length=500, required=False, label="You received")


class PromiseForm(forms.Form):
    description = forms.CharField(max_length=500, label="What was promised")
    due_on = forms.DateField(
        required=False, label="By", widget=forms.DateInput(attrs={"type": "date"})
    )
    they_owe = forms.BooleanField(required=False, label="They promised it to me")


SNOOZE_CHOICES = [("7", "1 week"), ("14", "2 weeks"), ("30", "1 month"), ("90", "3 months")]


def options(choices, selected=None) -> str:
    """A select's <option> elements, rendered once for a page that repeats the select."""
    from django.utils.html import format_html, format_html_join

    return format_html_join(
        "",
        "{}",
        (
            (
                format_html(
                    '<option value="{}"{}>{}</option>',
                    v,
                    " selected" if v == selected else "",
                    label,
                ),
            )
            for v, label in choices
        ),
    )


def row_options(log_form) -> dict[str, str]:
    """The kind and snooze options of the due list's rows: the same on every row."""
    return {
        "kind_options": options(log_form.fields["kind"].choices, log_form["kind"].value()),
        "snooze_options": options(SNOOZE_CHOICES),
    }


class SnoozeForm(forms.Form):
    days = forms.TypedChoiceField(choices=SNOOZE_CHOICES, coerce=int, label="Snooze for")


class IntervalsForm(forms.Form):
    """One field per type: its interval in days."""

    def __init__(self, *args, current: dict[str, int], **kwargs):
        super().__init__(*args, **kwargs)
        for t in taxonomy.TYPES:
            self.fields[t.code] = forms.IntegerField(
                min_value=1,
                max_value=3650,
                label=t.label,
                initial=current[t.code],
                help_text=f"default {t.default_interval_days} days",
            )


class ProfileForm(forms.Form):
    name = forms.CharField(max_length=150, required=False, label="Your name")
    email = forms.CharField(max_length=254, required=False, label="Your email")
    addresses = forms.CharField(
        required=False,
        max_length=20_000,
        label="Your other email addresses, one per line",
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "off", "spellcheck": "false"}),
        help_text="Mail from them is yours (outgoing), and a calendar or mailbox that names them "
        "never makes you a person in your network.",
    )

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip()
        try:
            return normalize_email(email) if email else ""
        except TiebookError as error:
            raise forms.ValidationError(str(error)) from None

    def clean_addresses(self) -> list[str]:
        """Normalised, so that what is kept and what is removed compare like the stored ones."""
        try:
            return list(
                dict.fromkeys(normalize_email(a) for a in _lines(self.cleaned_data["addresses"]))
            )
        except TiebookError as error:
            raise forms.ValidationError(str(error)) from None


class RestoreForm(forms.Form):
    file = forms.FileField(label="Backup file (JSON)")


class BulkForm(forms.Form):
    add_type = forms.ChoiceField(
        choices=[("", "—"), *TYPE_CHOICES], required=False, label="Add kind of connection"
    )
    add_tag = forms.CharField(max_length=80, required=False, label="Add tag")


class InteractionForm(forms.Form):
    """Correcting a logged interaction: the same fields as logging, and its notes."""

    kind = forms.ChoiceField(choices=[(k, k) for k in KINDS], label="Kind")
    summary = forms.CharField(max_length=500, label="What happened")
    on = forms.DateField(label="On", widget=forms.DateInput(attrs={"type": "date"}))
    they_reached_out = forms.BooleanField(required=False, label="They reached out")
    notes = forms.CharField(required=False, label="Notes", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "edit-%s")  # beside the log form on the same page
        super().__init__(*args, **kwargs)

"""Event forms: parse what the browser sends; the services check it, errors land beside fields."""

from __future__ import annotations

from django import forms

from tiebook.events.models import KINDS, STATUSES
from tiebook.web.forms import _lines


class EventForm(forms.Form):
    name = forms.CharField(required=False, label="Name")
    kind = forms.ChoiceField(choices=[(k, k) for k in KINDS], initial="meetup", label="Kind")
    starts_on = forms.DateField(label="Starts", widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(
        required=False,
        label="Ends",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Leave empty for a one-day event.",
    )
    where = forms.CharField(required=False, label="Where", help_text="A place, or online.")
    url = forms.CharField(required=False, label="Web page")
    topics = forms.CharField(required=False, label="Topics", help_text="Separated by commas.")
    hosts = forms.CharField(required=False, label="Host", help_text="Organisations, by commas.")
    sponsors = forms.CharField(required=False, label="Sponsors", help_text="By commas.")
    status = forms.ChoiceField(
        choices=[(s, s) for s in STATUSES], initial="considering", label="Status"
    )

    def lists(self) -> dict:
        data = self.cleaned_data
        return {key: _lines(data.get(key) or "") for key in ("topics", "hosts", "sponsors")}


class MetForm(forms.Form):
    """The one-handed quick form: a name, and whatever else there is time for."""

    name = forms.CharField(
        required=False,
        label="Name",
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "words"}),
    )
    email = forms.CharField(
        required=False,
        label="Email",
        widget=forms.EmailInput(attrs={"autocomplete": "off", "inputmode": "email"}),
    )
    org = forms.CharField(required=False, label="Organisation")
    note = forms.CharField(required=False, label="Note", widget=forms.Textarea(attrs={"rows": 2}))


class FollowupDaysForm(forms.Form):
    days = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=365,
        label="Follow up within (days)",
        help_text="Leave empty for your default.",
    )

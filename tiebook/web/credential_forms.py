"""Forms of the credentials and filings pages: they parse; the services judge every field."""

from __future__ import annotations

from django import forms
from django.urls import reverse_lazy

DATE = {"type": "date"}


def picker(name: str) -> forms.TextInput:
    """A text box that suggests people as one types (htmx fills its datalist)."""
    return forms.TextInput(
        attrs={
            "placeholder": "Name, email or id",
            "autocomplete": "off",
            "list": f"{name}-options",
            "hx-get": reverse_lazy("web:credential_people"),
            "hx-trigger": "input changed delay:250ms",
            "hx-target": f"#{name}-options",
            "hx-swap": "innerHTML",
        }
    )


class CredentialForm(forms.Form):
    name = forms.CharField(required=False, label="Credential", help_text="e.g. CPA licence.")
    issuer = forms.CharField(
        required=False, label="Issuer", help_text="The licensing authority or board."
    )
    expires = forms.DateField(
        required=False, label="Expires on", widget=forms.DateInput(attrs=DATE)
    )
    number = forms.CharField(required=False, label="Number")
    issued = forms.DateField(required=False, label="Issued on", widget=forms.DateInput(attrs=DATE))
    ce_hours_required = forms.CharField(
        required=False, label="CE hours required", help_text="Per renewal cycle, e.g. 30."
    )
    lead_days = forms.IntegerField(
        required=False,
        min_value=0,
        max_value=3650,
        label="Remind me this many days ahead",
        help_text="Default 90.",
    )
    notes = forms.CharField(required=False, label="Notes", widget=forms.Textarea(attrs={"rows": 2}))


class HoursForm(forms.Form):
    hours = forms.CharField(
        label="Hours", widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 5})
    )
    on = forms.DateField(required=False, label="On", widget=forms.DateInput(attrs=DATE))
    activity = forms.CharField(required=False, max_length=300, label="Activity")


class ContactForm(forms.Form):
    person = forms.CharField(label="Person", widget=picker("person"))
    role = forms.CharField(required=False, max_length=80, label="Role", help_text="e.g. registrar.")


class RenewForm(forms.Form):
    expires = forms.DateField(label="New expiry date", widget=forms.DateInput(attrs=DATE))


class FilingForm(forms.Form):
    title = forms.CharField(
        required=False, label="Filing or deadline", help_text="e.g. VAT return."
    )
    organization = forms.CharField(
        required=False, label="With", help_text="The government body: a tax office, a regulator."
    )
    due = forms.DateField(required=False, label="Due on", widget=forms.DateInput(attrs=DATE))
    contact = forms.CharField(required=False, label="Contact there", widget=picker("contact"))
    lead_days = forms.IntegerField(
        required=False,
        min_value=0,
        max_value=3650,
        label="Remind me this many days ahead",
        help_text="Default 14.",
    )
    yearly = forms.BooleanField(required=False, label="Every year")
    notes = forms.CharField(required=False, label="Notes", widget=forms.Textarea(attrs={"rows": 2}))

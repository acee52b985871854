"""Forms of the networking pages (knowledge shared, references): they parse, services check."""

from __future__ import annotations

from django import forms

ANSWERS = [("", "No answer yet"), ("yes", "Agreed"), ("no", "Declined")]


def names(text: str) -> list[str]:
    """One person per line or comma, as a name, part of one, an email or an id."""
    parts = [p.strip() for line in (text or "").splitlines() for p in line.split(",")]
    return [p for p in parts if p]


class ShareForm(forms.Form):
    title = forms.CharField(required=False, label="What you shared")
    link = forms.CharField(required=False, label="Link", widget=forms.URLInput)
    topics = forms.CharField(
        required=False, label="Topics", help_text="Separated by commas: kubernetes, security."
    )
    people = forms.CharField(
        required=False,
        label="With",
        widget=forms.Textarea(attrs={"rows": 2, "autocomplete": "off"}),
        help_text="One name (or part of it, or an email) per line or comma.",
    )
    received = forms.BooleanField(required=False, label="They gave it to me")


class ReferenceForm(forms.Form):
    person = forms.CharField(required=False, label="Who")
    skill = forms.CharField(required=False, label="Skill they would speak for")
    answer = forms.ChoiceField(choices=ANSWERS, required=False, label="Their answer")
    confirmed = forms.DateField(
        required=False,
        label="Last confirmed",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Leave empty: today, if they agreed.",
    )

    def agreed(self) -> bool | None:
        return {"yes": True, "no": False}.get(self.cleaned_data.get("answer") or "")

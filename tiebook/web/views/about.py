"""Settings: the owner's profile (headline, skills, experiences, offer, what they look for)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from tiebook.accounts.selectors import ProfileData, profile_get
from tiebook.accounts.services import profile_set
from tiebook.core.errors import TiebookError
from tiebook.web.views.common import add_error

LIST_FIELDS = ("skills", "experiences", "roles", "organizations", "topics")


def _lines(text: str) -> list[str]:
    """One item per line: an organisation's name or an experience may hold a comma."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _area(label: str, rows: int = 3, help_text: str = "") -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": rows, "autocomplete": "off"})
    return forms.CharField(
        label=label, required=False, max_length=20_000, widget=widget, help_text=help_text
    )


class AboutForm(forms.Form):
    headline = forms.CharField(
        label="Headline",
        required=False,
        max_length=1000,  # the service says the real limit beside the field
        help_text="One line on what you do, e.g. Data engineer in payments.",
    )
    skills = _area("Skills, one per line")
    experiences = _area("Experiences, one per line", help_text="A short list of what you did.")
    offer = _area("What you can offer", help_text="Advice, reviews, introductions...")
    roles = _area("Roles you are looking for, one per line", rows=2)
    organizations = _area("Organisations you would like to work with, one per line", rows=2)
    topics = _area("Topics you want to learn or hear about, one per line", rows=2)

    def data_for_service(self) -> ProfileData:
        clean = self.cleaned_data
        lists = {key: tuple(_lines(clean[key])) for key in LIST_FIELDS}
        return ProfileData(headline=clean["headline"], offer=clean["offer"], **lists)


def about_form(owner) -> AboutForm:
    profile = profile_get(owner=owner)
    initial = {key: "\n".join(getattr(profile, key)) for key in LIST_FIELDS}
    return AboutForm(initial={"headline": profile.headline, "offer": profile.offer, **initial})


@require_POST
def save(request):
    from tiebook.web.views.settings_page import _page

    form = AboutForm(request.POST)
    if form.is_valid():
        try:
            profile_set(owner=request.user, data=form.data_for_service())
        except TiebookError as error:
            add_error(form, error)
    if form.errors:
        return _page(request, about=form, status=422)
    messages.success(request, "Saved what you offer and what you are looking for.")
    return redirect("web:settings")

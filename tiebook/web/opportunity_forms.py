"""Forms of the opportunity pages: parse what the browser sends; the services check it."""

from __future__ import annotations

from django import forms

from tiebook.opportunities.domain import KIND_CODES
from tiebook.opportunities.models import ROLES, STAGES, Referral

DATE = forms.DateInput(attrs={"type": "date"})


class OpportunityForm(forms.Form):
    title = forms.CharField(required=False, label="Title", max_length=300)
    kind = forms.ChoiceField(choices=[(k, k) for k in KIND_CODES], label="Kind")
    organization = forms.CharField(required=False, label="Organisation", max_length=300)
    next_step = forms.CharField(required=False, label="Next step", max_length=500)
    next_step_on = forms.DateField(required=False, label="By", widget=DATE)


class NextStepForm(forms.Form):
    next_step = forms.CharField(required=False, label="Next step", max_length=500)
    next_step_on = forms.DateField(required=False, label="By", widget=DATE)


class MoveForm(forms.Form):
    stage = forms.ChoiceField(choices=STAGES, label="Stage")


class LinkForm(forms.Form):
    person = forms.CharField(
        required=False, label="Person", help_text="A name, part of one, or an email."
    )
    role = forms.ChoiceField(choices=ROLES, label="Role")


class ReferralForm(forms.Form):
    person = forms.CharField(required=False, label="With", help_text="A name or an email.")
    direction = forms.ChoiceField(
        choices=[("asked", "I asked them"), ("received", "they gave me"), ("given", "I gave")],
        label="Which way",
    )
    kind = forms.ChoiceField(choices=Referral.KINDS, label="Kind")
    to = forms.CharField(
        required=False, label="Reaching", help_text="Optional: the person it reaches."
    )
    what = forms.CharField(required=False, label="For what", max_length=500)
    on = forms.DateField(required=False, label="On", widget=DATE)


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(choices=Referral.OUTCOMES, label="Outcome")
    note = forms.CharField(required=False, label="Note", max_length=2000)


class PersonReferralForm(forms.Form):
    """A referral, introduction or favour recorded from the person's own page."""

    direction = ReferralForm.base_fields["direction"]
    kind = ReferralForm.base_fields["kind"]
    to = ReferralForm.base_fields["to"]
    what = ReferralForm.base_fields["what"]
    on = ReferralForm.base_fields["on"]

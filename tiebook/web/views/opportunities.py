"""Opportunities on the web: the board by stage (move with a tap), one opportunity's page with
its people, next step, history, referrals and who could refer you, and the give/ask balance."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from tiebook.core.errors import NotFound, TiebookError
from tiebook.insights.ledger import balance_overall
from tiebook.insights.refer_selectors import referrers_for_opportunity
from tiebook.opportunities import domain
from tiebook.opportunities.referrals import referral_record, referral_set_outcome
from tiebook.opportunities.selectors import (
    opportunities_board,
    opportunity_get,
    opportunity_record,
    referral_get,
)
from tiebook.opportunities.services import (
    opportunity_create,
    opportunity_delete,
    opportunity_link,
    opportunity_move,
    opportunity_set_next,
    opportunity_unlink,
)
from tiebook.people.selectors import person_resolve
from tiebook.web.opportunity_forms import (
    LinkForm,
    MoveForm,
    NextStepForm,
    OpportunityForm,
    OutcomeForm,
    PersonReferralForm,
    ReferralForm,
)
from tiebook.web.views.common import add_error, is_htmx, person_or_404


def _opp_or_404(request, opportunity_id: int):
    try:
        return opportunity_get(owner=request.user, opportunity_id=opportunity_id)
    except NotFound:
        raise Http404("No such opportunity.") from None


def _moves(stage: str) -> dict:
    after, before = domain.next_stage(stage), domain.previous_stage(stage)
    return {
        "next_stage": after,
        "next_label": domain.stage_label(after) if after else "",
        "previous_stage": before,
        "previous_label": domain.stage_label(before) if before else "",
    }


def _board_context(request, **extra) -> dict:
    columns = opportunities_board(owner=request.user)
    for column in columns:
        for opp in column.opportunities:  # what the card's two buttons move it to
            for key, value in _moves(opp.stage).items():
                setattr(opp, key, value)
    return {
        "nav": "opportunities",
        "columns": columns,
        "stages": domain.STAGE_LABELS,
        **extra,
    }


@require_GET
def board(request):
    context = _board_context(
        request, form=OpportunityForm(), balance=balance_overall(owner=request.user)
    )
    return render(request, "web/opportunities.html", context)


@require_POST
def add(request):
    form = OpportunityForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            opp = opportunity_create(
                owner=request.user,
                title=data["title"],
                kind=data["kind"],
                organization=data["organization"],
                next_step=data["next_step"],
                next_step_on=data["next_step_on"],
            )
        except TiebookError as error:
            add_error(form, error)
        else:
            messages.success(request, f"Added: {opp.title}")
            return redirect("web:opportunity", opportunity_id=opp.pk)
    context = _board_context(request, form=form, balance=balance_overall(owner=request.user))
    return render(request, "web/opportunities.html", context, status=422)


@require_POST
def move(request, opportunity_id: int):
    """Move to the stage sent; from the board, htmx gets the board back to swap in place."""
    opp = _opp_or_404(request, opportunity_id)
    form = MoveForm(request.POST)
    from_board = request.POST.get("from") == "board"
    if form.is_valid():
        before = opp.stage_label
        opportunity_move(owner=request.user, opportunity=opp, stage=form.cleaned_data["stage"])
        note = f"Moved {opp.title} from {before} to {opp.stage_label}."
    else:
        note = "Choose a stage to move it to."
    if is_htmx(request) and from_board:
        return render(request, "web/_opp_board.html", _board_context(request, note=note))
    (messages.success if form.is_valid() else messages.error)(request, note)
    if from_board:
        return redirect("web:opportunities")
    return redirect("web:opportunity", opportunity_id=opp.pk)


def _detail_context(request, opportunity_id: int, **forms) -> dict:
    record = opportunity_record(owner=request.user, opportunity_id=opportunity_id)
    record.suggestions = referrers_for_opportunity(owner=request.user, record=record)
    opp = record.opportunity
    initial = {"next_step": opp.next_step, "next_step_on": opp.next_step_on}
    return {
        "nav": "opportunities",
        "record": record,
        "opp": opp,
        **_moves(opp.stage),
        "stages": domain.STAGE_LABELS,
        "move_form": MoveForm(initial={"stage": opp.stage}),
        "next_form": forms.pop("next_form", None) or NextStepForm(initial=initial),
        "link_form": forms.pop("link_form", None) or LinkForm(),
        "referral_form": forms.pop("referral_form", None)
        or ReferralForm(initial={"direction": "asked"}),
        "outcome_form": OutcomeForm(),
        **forms,
    }


@require_GET
def detail(request, opportunity_id: int):
    _opp_or_404(request, opportunity_id)
    return render(request, "web/opportunity.html", _detail_context(request, opportunity_id))


def _again(request, opportunity_id: int, **forms):
    """The page again with the form that failed, its errors beside its fields."""
    context = _detail_context(request, opportunity_id, **forms)
    return render(request, "web/opportunity.html", context, status=422)


@require_POST
def next_step(request, opportunity_id: int):
    opp = _opp_or_404(request, opportunity_id)
    form = NextStepForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            opportunity_set_next(
                owner=request.user,
                opportunity=opp,
                text=data["next_step"],
                on=data["next_step_on"],
            )
        except TiebookError as error:
            add_error(form, error)
        else:
            messages.success(request, "Next step saved." if opp.next_step else "Next step cleared.")
            return redirect("web:opportunity", opportunity_id=opp.pk)
    return _again(request, opp.pk, next_form=form)


def _person(request, form, field: str, *, required: bool = True):
    text = form.cleaned_data.get(field) or ""
    if not text.strip() and not required:
        return None
    try:
        return person_resolve(owner=request.user, ref=text)
    except TiebookError as error:
        form.add_error(field, str(error))
        return None


@require_POST
def link(request, opportunity_id: int):
    opp = _opp_or_404(request, opportunity_id)
    form = LinkForm(request.POST)
    if form.is_valid():
        person = _person(request, form, "person")
        if person is not None:
            made = opportunity_link(
                owner=request.user, opportunity=opp, person=person, role=form.cleaned_data["role"]
            )
            messages.success(request, f"Linked {person.display_name} as {made.role_label}.")
            return redirect("web:opportunity", opportunity_id=opp.pk)
    return _again(request, opp.pk, link_form=form)


@require_POST
def unlink(request, opportunity_id: int, person_id: int):
    opp = _opp_or_404(request, opportunity_id)
    person = person_or_404(request, person_id)
    role = request.POST.get("role") or None
    try:
        opportunity_unlink(owner=request.user, opportunity=opp, person=person, role=role)
    except TiebookError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Unlinked {person.display_name}.")
    return redirect("web:opportunity", opportunity_id=opp.pk)


@require_POST
def delete(request, opportunity_id: int):
    opp = _opp_or_404(request, opportunity_id)
    title = opp.title
    opportunity_delete(owner=request.user, opportunity=opp)
    messages.success(request, f"Deleted: {title}")
    return redirect("web:opportunities")


@require_POST
def referral_add(request, opportunity_id: int):
    opp = _opp_or_404(request, opportunity_id)
    form = ReferralForm(request.POST)
    if form.is_valid():
        person = _person(request, form, "person")
        to = _person(request, form, "to", required=False)
        if person is not None and not form.errors:
            data = form.cleaned_data
            try:
                referral_record(
                    owner=request.user,
                    person=person,
                    direction=data["direction"],
                    kind=data["kind"],
                    what=data["what"],
                    opportunity=opp,
                    to_person=to,
                    on=data["on"],
                )
            except TiebookError as error:
                add_error(form, error)
            else:
                messages.success(request, f"Referral with {person.display_name} recorded.")
                return redirect("web:opportunity", opportunity_id=opp.pk)
    return _again(request, opp.pk, referral_form=form)


@require_POST
def referral_outcome(request, referral_id: int):
    try:
        referral = referral_get(owner=request.user, referral_id=referral_id)
    except NotFound:
        raise Http404("No such referral.") from None
    form = OutcomeForm(request.POST)
    if form.is_valid():
        referral_set_outcome(
            owner=request.user,
            referral=referral,
            outcome=form.cleaned_data["outcome"],
            note=form.cleaned_data["note"] or None,
        )
        messages.success(request, f"Outcome saved: {referral.outcome_label}.")
    else:
        messages.error(request, "Choose an outcome.")
    if referral.opportunity_id:
        return redirect("web:opportunity", opportunity_id=referral.opportunity_id)
    return redirect("web:person", person_id=referral.person_id)


@require_POST
def person_referral_add(request, person_id: int):
    """A referral, introduction or favour with this person, from their page."""
    from tiebook.web.views.person import record_context

    person = person_or_404(request, person_id)
    form = PersonReferralForm(request.POST)
    if form.is_valid():
        to = _person(request, form, "to", required=False)
        if not form.errors:
            data = form.cleaned_data
            try:
                referral = referral_record(
                    owner=request.user,
                    person=person,
                    direction=data["direction"],
                    kind=data["kind"],
                    what=data["what"],
                    to_person=to,
                    on=data["on"],
                )
            except TiebookError as error:
                add_error(form, error)
            else:
                kind = referral.get_kind_display().capitalize()
                messages.success(request, f"{kind} {referral.direction}: recorded.")
                return redirect("web:person", person_id=person.pk)
    context = record_context(request, person.pk, referral_form=form)
    return render(request, "web/person.html", context, status=422)

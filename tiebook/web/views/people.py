"""People: search, filter, sort and page through the network; bulk add a type or a tag."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from tiebook import taxonomy
from tiebook.core.errors import TiebookError
from tiebook.core.params import MAX_ID, safe_next, search_text, whole_number
from tiebook.people.selectors import (
    SORTS,
    PeopleFilter,
    PeoplePage,
    people_list,
    people_list_by_ids,
)
from tiebook.people.services import PersonChanges, person_tag, person_update
from tiebook.search.selectors import resolved
from tiebook.web.forms import TYPE_CHOICES, BulkForm
from tiebook.web.templatetags.tiebook_web import counted
from tiebook.web.views.common import today

PAGE_SIZE = 50
FILTER_KEYS = (
    "q",
    "category",
    "type",
    "tag",
    "org",
    "circle",
    "due",
    "dormant",
    "archived",
    "sort",
)


def people_filters(params) -> PeopleFilter:
    """The People page's filters from its address (also what its export links carry)."""
    day = today()
    return PeopleFilter(
        query=search_text(params.get("q")),
        category=search_text(params.get("category")),
        type=search_text(params.get("type")),
        tag=search_text(params.get("tag")),
        organization=search_text(params.get("org")),
        circle=whole_number(params.get("circle", "")),
        due_by=day if params.get("due") else None,
        dormant_on=day if params.get("dormant") else None,
        include_archived=bool(params.get("archived")),
        sort=params.get("sort") if params.get("sort") in SORTS else "name",
    )


def _page_number(params) -> int:
    """The page asked for: anything but a page number is the first, a number past the end the
    last (as Django's Paginator.get_page does)."""
    return whole_number(params.get("page", ""), clamp=True) or 1


def _people_page(owner, filters: PeopleFilter, number: int) -> PeoplePage:
    filters = resolved(owner, filters)
    page = people_list(
        owner=owner, filters=filters, limit=PAGE_SIZE, offset=(number - 1) * PAGE_SIZE
    )
    last = max(1, -(-page.total // PAGE_SIZE))
    if number <= last:
        return page
    return people_list(owner=owner, filters=filters, limit=PAGE_SIZE, offset=(last - 1) * PAGE_SIZE)


@require_GET
def people(request):
    error = None
    number = _page_number(request.GET)
    try:
        page = _people_page(request.user, people_filters(request.GET), number)
    except TiebookError as exc:  # an unknown type or category typed into the URL
        error, page = str(exc), _people_page(request.user, PeopleFilter(), 1)
    kept = {k: request.GET[k] for k in FILTER_KEYS if request.GET.get(k)}
    paginator = Paginator(range(page.total), PAGE_SIZE)
    context = {
        "nav": "people",
        "page": page,
        "error": error,
        "params": kept,
        "filtered": any(k != "sort" for k in kept),
        "filters_open": any(k not in ("sort", "q") for k in kept),
        "query_string": urlencode(kept),
        "pages": paginator.get_page(number),
        "type_choices": TYPE_CHOICES,
        "categories": [c.value for c in taxonomy.Category],
        "circles": list(taxonomy.CIRCLE_INTERVALS),
        "sorts": list(SORTS),
        "today": today(),
        "bulk_form": BulkForm(),
    }
    template = (
        "web/_people_results.html" if request.headers.get("HX-Request") else "web/people.html"
    )
    return render(request, template, context)


def _id(raw: str) -> int | None:
    return whole_number(raw, maximum=MAX_ID)


@require_POST
def bulk(request):
    ids = [i for i in map(_id, request.POST.getlist("ids")) if i is not None]
    chosen = people_list_by_ids(owner=request.user, ids=ids)
    form = BulkForm(request.POST)
    back = safe_next(request, request.POST.get("back"), "web:people")  # the page it was sent from
    if not chosen or not form.is_valid():
        messages.error(request, "Tick at least one person, then choose a type or a tag to add.")
        return redirect(back)
    if form.cleaned_data["add_type"]:
        for person in chosen:
            person_update(
                owner=request.user,
                person=person,
                changes=PersonChanges(add_types=[form.cleaned_data["add_type"]]),
            )
    if form.cleaned_data["add_tag"]:
        person_tag(owner=request.user, people=chosen, tags=[form.cleaned_data["add_tag"]])
    messages.success(request, f"Updated {counted(len(chosen), 'person', 'people')}.")
    return redirect(back)

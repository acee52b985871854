"""Who could refer me at an organisation, on the web: the form, the ranked people and the paths."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_GET

from tiebook.core.errors import TiebookError
from tiebook.core.params import search_text, whole_number
from tiebook.insights.refer_selectors import organization_names, refer_at

LIMIT, MAX_LIMIT = 20, 200


@require_GET
def refer(request):
    org = (search_text(request.GET.get("org")) or "")[:300]
    limit = whole_number(request.GET.get("limit", ""), maximum=MAX_LIMIT, clamp=True) or LIMIT
    context = {"nav": "insights", "org": org, "found": None, "error": None, "hint": None}
    status = 200
    if org:
        try:
            context["found"] = refer_at(owner=request.user, org=org, limit=limit)
        except TiebookError as error:
            context["error"], context["hint"] = error.message, error.hint
            context["candidates"] = getattr(error, "candidates", [])
            status = 404
    return render(request, "web/refer.html", context, status=status)


@require_GET
def organizations(request):
    """The organisation picker's suggestions: <option>s for its datalist."""
    text = (search_text(request.GET.get("org")) or "")[:200]
    names = organization_names(owner=request.user, prefix=text)
    return render(request, "web/_refer_organizations.html", {"names": names})

"""The map of the network: the page (filters, a text list) and the JSON the graph is drawn from."""

from __future__ import annotations

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from tiebook import taxonomy
from tiebook.core.params import whole_number
from tiebook.insights.network_map import MAP_LIMIT, MapFilters, network_map, network_people

LIST_LIMIT = 200  # people in the text list; the graph draws up to MAP_LIMIT


def map_filters(params) -> MapFilters:
    """The filters from the address; a value that is not a category, type or circle is 'any'."""
    category = params.get("category", "")
    code = params.get("type", "")
    circle = whole_number(params.get("circle", ""))
    return MapFilters(
        category=category if category in {c.value for c in taxonomy.Category} else None,
        type=code if code in taxonomy.BY_CODE else None,
        circle=circle if circle in taxonomy.CIRCLE_INTERVALS else None,
    )


def _listed(data: dict) -> list[dict]:
    """The strongest people on the map, for the text list."""
    return [
        {**node, "category_label": node["category"] or "no type"}
        for node in data["nodes"][:LIST_LIMIT]
    ]


@require_GET
def page(request):
    filters = map_filters(request.GET)
    # The page lists the people; the links, which cost most, come with the JSON the graph reads.
    data = network_people(owner=request.user, filters=filters)
    context = {
        "nav": "insights",
        "filters": filters,
        "data": data,
        "listed": _listed(data),
        "list_limit": LIST_LIMIT,
        "map_limit": MAP_LIMIT,
        "categories": [c.value for c in taxonomy.Category],
        "types": taxonomy.TYPES,
        "circles": list(taxonomy.CIRCLE_INTERVALS),
        "query": request.GET.urlencode(),
    }
    return render(request, "web/network_map.html", context)


@require_GET
def data(request):
    return JsonResponse(network_map(owner=request.user, filters=map_filters(request.GET)))

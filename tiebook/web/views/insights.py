"""The Insights page: the network's health with its charts, each finding with its why."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from tiebook.insights.health import Health
from tiebook.insights.health_selectors import network_health
from tiebook.web.views.common import today


def _percent(share: float | None) -> int | None:
    return None if share is None else round(100 * share)


def _months(found: Health) -> list[str]:
    """The months, the current one marked: its count is only so far, not a drop."""
    months = [month for month, _ in found.touches]
    if months:
        months[-1] += " so far"
    return months


def charts(found: Health) -> dict:
    """What the page's script draws, and its tables show to screen readers: label and value
    lists only, so the script needs no knowledge of the findings."""
    categories = found.categories.categories
    followups = found.followups.categories
    return {
        "categories": {
            "labels": [c.category for c in categories],
            "series": {"people": [c.people for c in categories]},
        },
        "strength": {
            "labels": list(found.strength),
            "series": {"people": list(found.strength.values())},
        },
        "touches": {
            "labels": _months(found),
            "series": {"interactions": [n for _, n in found.touches]},
        },
        "circles": {
            "labels": [f"{c.circle} {c.name}" for c in found.circles.circles],
            "series": {
                "people within": [c.within for c in found.circles.circles],
                "about": [c.circle for c in found.circles.circles],
            },
        },
        "followups": {
            "labels": [c.category for c in followups],
            "series": {
                "on time": [c.on_time for c in followups],
                "overdue": [c.overdue for c in followups],
            },
            "stacked": True,
        },
    }


def _rows(chart: dict) -> list[tuple[str, list]]:
    """The chart's data as table rows: a label, then one value per series."""
    series = list(chart["series"].values())
    return [(label, [values[i] for values in series]) for i, label in enumerate(chart["labels"])]


@require_http_methods(["GET"])
def insights(request):
    found = network_health(owner=request.user, today=today())
    drawn = charts(found)
    tables = {
        key: {"columns": list(chart["series"]), "rows": _rows(chart)}
        for key, chart in drawn.items()
    }
    context = {
        "nav": "insights",
        "health": found,
        "charts": drawn,
        "tables": tables,
        "employer_percent": _percent(found.employer.share),
        "followups_percent": _percent(found.followups.share_on_time),
        "family_percent": _percent(found.family.share),
    }
    return render(request, "web/insights.html", context)

"""Today: who to follow up with and why, open promises, the network at a glance."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_GET

from tiebook.followups.nudges import agenda_due
from tiebook.followups.selectors import people_due, taxonomy_summary
from tiebook.interactions.selectors import tasks_open
from tiebook.web.forms import LogForm, row_options
from tiebook.web.views.common import today as local_today
from tiebook.web.views.person import DUE_WINDOW_DAYS

PAGE = 30


@require_GET
def today(request):
    day = local_today()
    due = people_due(owner=request.user, today=day, within_days=DUE_WINDOW_DAYS, limit=PAGE)
    context = {
        "nav": "today",
        "today": day,
        "due": due,
        **row_options(LogForm()),
        "promises": tasks_open(owner=request.user, limit=10),
        "agenda": agenda_due(owner=request.user, today=day, within_days=DUE_WINDOW_DAYS),
        "summary": taxonomy_summary(owner=request.user),
    }
    return render(request, "web/today.html", context)

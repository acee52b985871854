"""Who can help with X: the question box on Today and its page of answers."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_GET

from tiebook.core.errors import TiebookError
from tiebook.core.params import search_text
from tiebook.search.selectors import QUESTION_MAX
from tiebook.search.selectors import find as find_people

RESULTS = 20


@require_GET
def find(request):
    question = (search_text(request.GET.get("q")) or "")[:QUESTION_MAX]
    context = {"nav": "today", "q": question, "answer": None, "error": ""}
    if question:
        try:
            context["answer"] = find_people(owner=request.user, question=question, limit=RESULTS)
        except TiebookError as exc:
            context["error"] = str(exc)
    return render(request, "web/find.html", context)

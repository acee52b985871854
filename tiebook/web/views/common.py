"""What the views share: the owner's today, htmx detection, tiebook errors onto forms."""

from __future__ import annotations

from django.http import Http404

from tiebook.core.errors import NotFound, TiebookError
from tiebook.core.timeparse import today as local_today


def today():
    return local_today()


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def person_or_404(request, person_id: int):
    """The signed-in owner's person, or 404: another owner's id looks like no id at all."""
    from tiebook.people.selectors import person_get

    try:
        return person_get(owner=request.user, person_id=person_id)
    except NotFound:
        raise Http404("No such person.") from None


# Which form field a service's error belongs beside.
FIELD_FOR = {
    "type": "types",
    "email": "emails",
    "phone": "phones",
    "url": "urls",
    "social": "urls",
    "every": "every",
    "circle": "circle",
    "name": "name",
    "organization": "organization",
    "tag": "tags",
    "contact": "emails",
    "summary": "summary",
    "kind": "kind",
    "on": "on",
}


def add_error(form, error: TiebookError, *, hint: str | None = None) -> None:
    """Put each of the error's problems beside its field; `hint` replaces the service's hint."""
    for problem in getattr(error, "problems", [error]):
        field = FIELD_FOR.get(problem.field or "")
        if field not in form.fields and problem.field in form.fields:
            field = problem.field  # a form whose field has the service's own name
        text = f"{problem.message} {hint}" if hint else str(problem)
        form.add_error(field if field in form.fields else None, text)

"""Duplicates: likely pairs of records of one person, side by side, merged with one button."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from tiebook import taxonomy
from tiebook.core.errors import TiebookError
from tiebook.core.params import MAX_ID, whole_number
from tiebook.interactions.models import Participant
from tiebook.people.merging import duplicates_find, pair_set_apart, person_merge
from tiebook.people.models import ContactPoint, Person, PersonType
from tiebook.web.views.common import person_or_404

LIMIT = 100
SHOWN_KINDS = ("email", "phone", "social")
TYPE_LABELS = dict(taxonomy.CHOICES)


@dataclass
class Side:
    person: Person
    contacts: dict[str, list[str]] = field(default_factory=dict)  # kind -> values
    types: list[str] = field(default_factory=list)  # labels of their kinds of connection
    interactions: int = 0


@dataclass
class PairView:
    left: Side
    right: Side
    evidence: str
    review: bool  # a name-only match: look before merging


def duplicate_sides(*, owner, people: list[Person]) -> dict[int, Side]:
    """What the page shows of each person, in three queries whatever the number of pairs."""
    sides = {p.pk: Side(person=p) for p in people}
    ids = list(sides)
    contacts = defaultdict(lambda: defaultdict(list))
    for person_id, kind, value in (
        ContactPoint.objects.filter(owner=owner, person_id__in=ids, kind__in=SHOWN_KINDS)
        .order_by("person_id", "kind", "-is_primary", "id")
        .values_list("person_id", "kind", "value")
    ):
        contacts[person_id][kind].append(value)
    for person_id, type_code in (
        PersonType.objects.filter(owner=owner, person_id__in=ids)
        .order_by("person_id", "id")
        .values_list("person_id", "type")
    ):
        sides[person_id].types.append(TYPE_LABELS.get(type_code, type_code))
    for row in (
        Participant.objects.filter(owner=owner, person_id__in=ids)
        .values("person_id")
        .annotate(n=Count("id"))
        .order_by()
    ):
        sides[row["person_id"]].interactions = row["n"]
    for person_id, side in sides.items():
        side.contacts = {k: contacts[person_id][k] for k in SHOWN_KINDS if contacts[person_id][k]}
    return sides


def _review(pair) -> bool:
    # A shared name alone is a guess; older duplicates_find marked every pair sure.
    return not pair.sure or pair.evidence.startswith("same name")


def _pairs(owner) -> list[PairView]:
    found = duplicates_find(owner=owner, limit=LIMIT)
    people = {p.pk: p for pair in found for p in (pair.first, pair.second)}
    sides = duplicate_sides(owner=owner, people=list(people.values()))
    views = [
        PairView(sides[pair.first.pk], sides[pair.second.pk], pair.evidence, _review(pair))
        for pair in found
    ]
    return sorted(views, key=lambda view: view.review)  # sure ones first, order kept within


@require_GET
def duplicates(request):
    pairs = _pairs(request.user)
    context = {
        "nav": "duplicates",
        "pairs": pairs,
        "reviews": sum(1 for p in pairs if p.review),
        "capped": len(pairs) >= LIMIT,
        "limit": LIMIT,
    }
    return render(request, "web/duplicates.html", context)


@require_POST
def merge(request):
    keep = person_or_404(request, _id(request.POST.get("keep")))
    other = person_or_404(request, _id(request.POST.get("other")))
    other_name, other_id = other.display_name, other.pk
    try:
        kept = person_merge(owner=request.user, keep=keep, other=other)
    except TiebookError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            f"Merged {other_name} (id {other_id}) into {kept.display_name} (id {kept.pk}); "
            "every interaction, note and contact point of both is kept.",
        )
    return redirect("web:duplicates")


@require_POST
def apart(request):
    first = person_or_404(request, _id(request.POST.get("first")))
    second = person_or_404(request, _id(request.POST.get("second")))
    try:
        pair_set_apart(owner=request.user, first=first, second=second)
    except TiebookError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            f"{first.display_name} and {second.display_name} are two people; "
            "they will not be paired again.",
        )
    return redirect("web:duplicates")


def _id(raw) -> int:
    """A person id from the form; anything else is a person that does not exist."""
    return whole_number(raw, maximum=MAX_ID) or 0

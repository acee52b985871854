"""Knowledge shared: log an item given to several people or received from one, list them, and
find whom else an item would help."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import URLValidator
from django.db import connection, transaction
from django.db.models import Q

from tiebook.core.errors import NotFound, ValidationError
from tiebook.interactions import relevance
from tiebook.interactions.models import Interaction, KnowledgeShare
from tiebook.interactions.services import InteractionInput, interaction_log
from tiebook.people.models import Person, PersonTag

TITLE_MAX = 500
LINK_MAX = 1000
TOPIC_MAX = 80
TOPICS_MAX = 20
SUMMARY_MAX = 500
CANDIDATES_MAX = 1000  # people read to rank suggestions, the closest ties first
TERMS_MAX = 12  # terms of an item that are searched for


@dataclass
class ShareInput:
    title: str
    link: str = ""
    topics: Sequence[str] = field(default_factory=list)
    received: bool = False  # from them, rather than to them
    on: dt.date | None = None  # None: now


# -- writes --------------------------------------------------------------------------------------


def _title(raw: str) -> str:
    title = " ".join((raw or "").split())
    if not title:
        raise ValidationError("Say what was shared (the title is empty).", field="title")
    if len(title) > TITLE_MAX:
        raise ValidationError(
            f"The title is longer than {TITLE_MAX} characters; put a link instead.", field="title"
        )
    return title


def _link(raw: str) -> str:
    link = (raw or "").strip()
    if not link:
        return ""
    if "://" not in link:
        link = f"https://{link}"
    try:
        URLValidator(schemes=["http", "https"])(link)
    except DjangoValidationError:
        raise ValidationError(
            f"'{raw.strip()}' is not a web address; write it like https://example.com/post.",
            field="link",
        ) from None
    if len(link) > LINK_MAX:
        raise ValidationError(f"The link is longer than {LINK_MAX} characters.", field="link")
    return link


def _topics(raw: Sequence[str]) -> list[str]:
    topics: dict[str, str] = {}
    for topic in raw:
        for part in str(topic).split(","):
            text = " ".join(part.split())
            if len(text) > TOPIC_MAX:
                raise ValidationError(
                    f"The topic '{text[:30]}...' is longer than {TOPIC_MAX} characters.",
                    field="topics",
                )
            if text:
                topics.setdefault(relevance.fold(text), text)
    if len(topics) > TOPICS_MAX:
        raise ValidationError(f"Give at most {TOPICS_MAX} topics.", field="topics")
    return list(topics.values())


def _summary(title: str, received: bool) -> str:
    summary = f"Received: {title}" if received else f"Shared: {title}"
    return summary if len(summary) <= SUMMARY_MAX else summary[: SUMMARY_MAX - 3] + "..."


def share_log(*, owner, people: Sequence[Person], data: ShareInput) -> Interaction:
    """Record an item given to these people (one share each, all in one interaction with them,
    so it is on their timelines and counts as contact), or received from them."""
    title, link, topics = _title(data.title), _link(data.link), _topics(data.topics)
    if not people:
        field_ = "from" if data.received else "with"
        raise ValidationError(
            "Name who received it." if not data.received else "Name who gave it to you.",
            field=field_,
        )
    given = KnowledgeShare.RECEIVED if data.received else KnowledgeShare.GAVE
    entry = InteractionInput(
        summary=_summary(title, data.received),
        kind="message",
        on=data.on,
        they_reached_out=data.received,
        gave=[title] if not data.received else [],
        received=[title] if data.received else [],
    )
    with transaction.atomic():
        interaction = interaction_log(owner=owner, people=people, data=entry)
        KnowledgeShare.objects.filter(owner=owner, interaction=interaction, direction=given).update(
            link=link, topics=topics
        )
    return interaction


def share_with_more(*, owner, share: KnowledgeShare, people: Sequence[Person]) -> Interaction:
    """Give an item already shared to more people: the same title, link and topics, today."""
    if share.owner_id != owner.pk:
        raise NotFound(f"No share with number {share.pk}.")
    data = ShareInput(title=share.title, link=share.link, topics=list(share.topics))
    return share_log(owner=owner, people=people, data=data)


# -- reads ---------------------------------------------------------------------------------------


def share_get(*, owner, share_id: int) -> KnowledgeShare:
    found = KnowledgeShare.objects.filter(owner=owner, pk=share_id).select_related("person")
    share = found.first()
    if share is None:
        raise NotFound(f"No share with number {share_id}.")
    return share


def shares_list(*, owner, person: Person | None = None, limit: int = 100) -> list[KnowledgeShare]:
    """What was given and received, newest first, with whom."""
    rows = KnowledgeShare.objects.filter(owner=owner)
    if person is not None:
        rows = rows.filter(person=person)
    return list(rows.select_related("person").order_by("-occurred_at", "-id")[:limit])


def shares_of_interaction(*, owner, interaction: Interaction) -> list[KnowledgeShare]:
    rows = KnowledgeShare.objects.filter(owner=owner, interaction=interaction)
    return list(rows.select_related("person").order_by("id"))  # in the order they were named


def _matching(owner, terms: list[str]) -> Q:
    """People whose expertise, headline, notes or tags contain one of the terms: a wide net the
    database casts, which the ranking then narrows to whole words."""
    tag_terms = reduce(or_, (Q(tag__name_key__icontains=t) for t in terms))
    tagged = PersonTag.objects.filter(tag_terms, owner=owner).values("person_id")
    fields = reduce(
        or_,
        (
            Q(expertise__icontains=t) | Q(headline__icontains=t) | Q(notes__icontains=t)
            for t in terms
        ),
    )
    return fields | Q(pk__in=tagged)


def _ids(query) -> list[int]:
    """The ids the query selects. On SQLite the people table is read straight through: a search
    that reads every one of the owner's people is about three times quicker that way than
    through the owner index the planner picks (a random lookup per row); PostgreSQL plans it
    itself."""
    if connection.vendor != "sqlite":
        return list(query)
    sql, params = query.query.sql_with_params()
    table = f'FROM "{Person._meta.db_table}" '
    with connection.cursor() as cursor:
        cursor.execute(sql.replace(table, f"{table}NOT INDEXED ", 1), params)
        return [row[0] for row in cursor.fetchall()]


def _candidates(owner, ids: list[int]) -> list[relevance.Candidate]:
    tags: dict[int, list[str]] = {}
    for person_id, name in PersonTag.objects.filter(owner=owner, person_id__in=ids).values_list(
        "person_id", "tag__name"
    ):
        tags.setdefault(person_id, []).append(name)
    rows = Person.objects.filter(owner=owner, pk__in=ids).values_list(
        "pk", "display_name", "expertise", "headline", "notes", "tie_strength"
    )
    return [
        relevance.Candidate(
            person_id=pk,
            name=name,
            expertise=[str(e) for e in expertise] if isinstance(expertise, list) else [],
            tags=tags.get(pk, []),
            headline=headline,
            notes=notes,
            tie_strength=strength,
        )
        for pk, name, expertise, headline, notes, strength in rows
    ]


def share_suggestions(
    *, owner, title: str, topics: Sequence[str], limit: int = 10
) -> list[relevance.Suggestion]:
    """Whom an item would help, best first, with what matched; people who already have it (given
    or received under the same title) are left out. The database picks the candidates (at most
    CANDIDATES_MAX, closest ties first), so a large network is never read row by row."""
    terms = [t for t, _ in relevance.share_terms(title=title, topics=topics)][:TERMS_MAX]
    if not terms:
        return []
    have = KnowledgeShare.objects.filter(owner=owner, title__iexact=title).values("person_id")
    ids = _ids(
        Person.objects.filter(_matching(owner, terms), owner=owner, archived_at__isnull=True)
        .exclude(pk__in=have)
        .order_by("-tie_strength", "pk")
        .values_list("pk", flat=True)[:CANDIDATES_MAX]
    )
    candidates = _candidates(owner, ids)
    return relevance.rank_suggestions(candidates, title=title, topics=topics, limit=limit)


def share_suggestions_for(*, owner, share: KnowledgeShare, limit: int = 10):
    """Whom else a logged item would help."""
    if share.owner_id != owner.pk:
        raise NotFound(f"No share with number {share.pk}.")
    return share_suggestions(owner=owner, title=share.title, topics=share.topics, limit=limit)

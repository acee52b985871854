"""Rich and JSON renderings of what the selectors return."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from rich.console import Console
from rich.table import Table

from tiebook import taxonomy


def local_day(moment: dt.datetime | None) -> str:
    return timezone.localdate(moment).isoformat() if moment else "never"


def due_phrase(day: dt.date | None, today: dt.date) -> str:
    if day is None:
        return "not scheduled"
    delta = (day - today).days
    if delta == 0:
        return f"{day.isoformat()} (today)"
    if delta > 0:
        return f"{day.isoformat()} (in {delta} day{'s' if delta != 1 else ''})"
    return f"{day.isoformat()} ({-delta} day{'s' if delta != -1 else ''} overdue)"


def type_labels(codes) -> str:
    return ", ".join(taxonomy.BY_CODE[c].label for c in codes)


def person_line(record) -> str:
    person = record.person
    parts = [f"{person.display_name} (id {person.pk})"]
    if record.types:
        parts.append(f": {type_labels(record.types)}")
    if person.organization_id:
        parts.append(f" at {person.organization.name}")
    return "".join(parts)


def next_line(record) -> str:
    if record.interval is None and record.person.next_due_on:
        # No rhythm, but a reason (people met at an event, an introduction) makes them due.
        return f"Next follow-up {due_phrase(record.person.next_due_on, record.today)}."
    if record.interval is None:
        return "No follow-up rhythm yet: give them a type (--type), a circle or --every."
    return (
        f"Next follow-up {due_phrase(record.person.next_due_on, record.today)}, "
        f"every {record.interval.days} days ({record.interval.reason()})."
    )


def person_card(out: Console, record) -> None:
    data = record.as_dict()
    out.print(f"{data['name']}  (id {data['id']})", style="bold", markup=False)
    if data["title"] or data["organization"]:
        at = " at ".join(x for x in (data["title"], data["organization"]) if x)
        out.print(at, markup=False)
    for code in data["types"]:
        kind = taxonomy.BY_CODE[code]
        out.print(f"  {kind.label} ({kind.category.value})", markup=False)
    for key in ("emails", "phones", "urls"):
        for point in data[key]:
            out.print(f"  {point['kind']}: {point['value']}", markup=False)
    if data["tags"]:
        out.print(f"  tags: {', '.join(data['tags'])}", markup=False)
    if data["birthday"]:
        out.print(f"Birthday: {record.person.birthday_label}", markup=False)
    if data["how_met"]:
        out.print(f"How you met: {data['how_met']}", markup=False)
    if data["expertise"]:
        out.print(f"Knows about: {', '.join(data['expertise'])}", markup=False)
    out.print(f"Follow-up: {next_line(record).removeprefix('Next follow-up ')}", markup=False)
    out.print(f"Why: {data['why']}", markup=False)
    out.print(
        f"Tie strength: {data['tie_strength']}/100{', dormant' if data['dormant'] else ''}",
        markup=False,
    )
    if data["archived"]:
        out.print("Archived.", markup=False)
    _card_lists(out, data)


def _card_lists(out: Console, data: dict) -> None:
    if data["relationships"]:
        out.print("Relationships:", markup=False)
    for tie in data["relationships"]:
        out.print(f"  {tie['relation']} {tie['name']} (id {tie['person_id']})", markup=False)
    if data["notes"]:
        out.print(f"Notes: {data['notes']}", markup=False)
    count = data["interaction_count"]
    out.print(f"Interactions ({count}):" if count else "No interactions yet.", markup=False)
    for item in data["interactions"]:
        others = ", ".join(p["name"] for p in item["with"])
        extra = f" (with {others})" if others else ""
        out.print(
            f"  {item['id']:>4}  {item['on']}  {item['kind']:<8} {item['summary']}{extra}",
            markup=False,
        )
    if data["knowledge"]:
        out.print("Given and received:", markup=False)
    for share in data["knowledge"]:
        out.print(f"  {share['on']}  {share['direction']:<8} {share['title']}", markup=False)
    if data["vouches"]:
        out.print("Vouched for you:", markup=False)
    for vouch in data["vouches"]:
        on = f"{vouch['on']}  " if vouch["on"] else ""
        said = (
            f"endorsed you for {vouch['skill']}"
            if vouch["kind"] == "endorsement"
            else f"recommended you: {' '.join(vouch['text'].split())[:120]}"
        )
        out.print(f"  {on}{said}", markup=False)
    if data.get("references"):
        out.print("Reference for you:", markup=False)
    for ref in data.get("references", []):
        out.print(f"  {ref['skill']}: {ref['status']}, {ref['why']}", markup=False)
    if data["promises"]:
        out.print("Open promises:", markup=False)
    for task in data["promises"]:
        who = "you owe them" if task["direction"] == "i_owe" else "they owe you"
        by = f" by {task['due_on']}" if task["due_on"] else ""
        out.print(f"  {task['id']}: {who}: {task['description']}{by}", markup=False)


def page_dict(page) -> dict:
    return {
        "total": page.total,
        "limit": page.limit,
        "offset": page.offset,
        "people": [_row_dict(p) for p in page.people],
    }


def _row_dict(person) -> dict:
    return {
        "id": person.pk,
        "name": person.display_name,
        "types": [t.type for t in person.types.all()],
        "organization": person.organization.name if person.organization_id else None,
        "title": person.headline,
        "tags": [pt.tag.name for pt in person.person_tags.all()],
        "last_interaction_at": (
            timezone.localtime(person.last_interaction_at).isoformat(timespec="seconds")
            if person.last_interaction_at
            else None
        ),
        "next_due_on": person.next_due_on.isoformat() if person.next_due_on else None,
        "tie_strength": person.tie_strength,
        "archived": person.archived_at is not None,
    }


def people_table(out: Console, page, today: dt.date) -> None:
    if not page.people:
        out.print(
            "No one matches." if page.total == 0 and page.offset == 0 else "No more people.",
            markup=False,
        )
        return
    table = Table(show_edge=False, box=None, pad_edge=False)
    for column in ("id", "name", "types", "organization", "last talk", "next due"):
        table.add_column(column, overflow="fold")
    for p in page.people:
        table.add_row(
            str(p.pk),
            p.display_name,
            type_labels(t.type for t in p.types.all()),
            p.organization.name if p.organization_id else "",
            local_day(p.last_interaction_at),
            p.next_due_on.isoformat() if p.next_due_on else "",
        )
    out.print(table)
    end = page.offset + len(page.people)
    if page.total > end or page.offset:
        out.print(
            f"{page.offset + 1}-{end} of {page.total}; use --offset {end} for more."
            if page.total > end
            else f"{page.offset + 1}-{end} of {page.total}.",
            markup=False,
        )


def due_dict(person) -> dict:
    return {
        "id": person.pk,
        "name": person.display_name,
        "last_interaction_at": (
            timezone.localtime(person.last_interaction_at).isoformat(timespec="seconds")
            if person.last_interaction_at
            else None
        ),
        "next_due_on": person.next_due_on.isoformat() if person.next_due_on else None,
    }


def due_list_dict(result, agenda=()) -> dict:
    return {
        "today": result.today.isoformat(),
        "until": result.until.isoformat(),
        "total": result.total,
        "overdue": result.overdue,
        "people": [
            {
                "id": i.person_id,
                "name": i.name,
                "organization": i.organization or None,
                "types": list(i.types),
                "next_due_on": i.next_due_on.isoformat(),
                "overdue_days": max(i.priority.overdue_days, 0),
                "priority": i.priority.score,
                "why": i.priority.why,
                "reasons": [_reason_dict(r) for r in i.reasons],
            }
            for i in result.items
        ],
        "items": [{**_reason_dict(a), "person": None} for a in agenda],
    }


def _reason_dict(reason) -> dict:
    return {
        "source": reason.source,
        "source_id": reason.source_id,
        "due_on": reason.due_on.isoformat(),
        "why": reason.why,
    }


def _due_cell(item, today: dt.date) -> str:
    days = item.priority.overdue_days
    if days > 0:
        return f"{days}d overdue"
    if days == 0:
        return "today"
    return f"in {-days}d"


def due_table(out: Console, result, agenda=()) -> None:
    _people_due_table(out, result, cheer=not agenda)
    if agenda:
        out.print("Also due:", markup=False)
        for item in agenda:
            out.print(f"  {due_phrase(item.due_on, result.today)}: {item.why}", markup=False)


def _people_due_table(out: Console, result, *, cheer: bool = True) -> None:
    if not result.total:
        window = "" if result.until == result.today else f" by {result.until.isoformat()}"
        out.print(f"No one is due{window}.{' Nice.' if cheer else ''}", markup=False)
        return
    upcoming = result.total - result.overdue
    out.print(
        f"{result.overdue} overdue, {upcoming} due"
        f"{' today' if result.until == result.today else ' by ' + result.until.isoformat()}"
        ".",
        markup=False,
    )
    table = Table(show_edge=False, box=None, pad_edge=False)
    for column in ("id", "name", "due", "why"):
        table.add_column(column, overflow="fold")
    for item in result.items:
        table.add_row(
            str(item.person_id), item.name, _due_cell(item, result.today), item.priority.why
        )
    out.print(table)
    if result.total > len(result.items):
        out.print(
            f"Showing {len(result.items)} of {result.total}; use --limit for more.", markup=False
        )


def taxonomy_dict(summary) -> dict:
    return {
        "people": summary.people,
        "untyped": summary.untyped,
        "categories": [
            {
                "category": c.category.value,
                "about": taxonomy.CATEGORY_BLURBS[c.category],
                "people": c.people,
                "types": [
                    {
                        "type": t.type.code,
                        "label": t.type.label,
                        "people": t.people,
                        "interval_days": t.interval_days,
                        "interval_changed": t.interval_changed,
                        "about": t.type.blurb,
                    }
                    for t in c.types
                ],
            }
            for c in summary.categories
        ],
    }


def taxonomy_table(out: Console, summary) -> None:
    table = Table(show_edge=False, box=None, pad_edge=False)
    for column in ("type", "people", "every", "who"):
        table.add_column(column, overflow="fold")
    for cat in summary.categories:
        table.add_row(
            f"{cat.category.value} ({cat.people})",
            "",
            "",
            taxonomy.CATEGORY_BLURBS[cat.category],
            style="bold",
        )
        for t in cat.types:
            mark = "*" if t.interval_changed else ""
            table.add_row(
                f"  {t.type.code}", str(t.people), f"{t.interval_days}d{mark}", t.type.blurb
            )
    out.print(table)
    line = f"{summary.people} people"
    if summary.untyped:
        line += f", {summary.untyped} without a type"
    if any(t.interval_changed for c in summary.categories for t in c.types):
        line += "; * your own interval"
    out.print(line + ".", markup=False)


def tasks_table(out: Console, tasks) -> None:
    if not tasks:
        out.print("No open promises.", markup=False)
        return
    for task in tasks:
        who = task.person.display_name if task.person else "someone"
        line = f"You owe {who}" if task.direction == "i_owe" else f"{who} owes you"
        by = f" by {task.due_on.isoformat()}" if task.due_on else ""
        out.print(f"{task.pk:>4}  {line}: {task.description}{by}", markup=False)

"""Insight commands: the network's health, each finding with its figures and why."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.table import Table

from tiebook.cli.common import JSON_OPTION, owner, today
from tiebook.cli.output import console, handles_errors, print_json


def health(as_json: bool = JSON_OPTION) -> None:
    """How healthy your network is: the 12 types covered, the balance of the three categories,
    dependence on your employer, follow-ups on time, give and ask, family as advocates, former
    strong ties to reconnect with, circles against 5/15/50/150, and who bridges your groups.

    Example: tiebook health --json
    """
    from tiebook.insights.health import health_dict
    from tiebook.insights.health_selectors import network_health

    found = network_health(owner=owner(), today=today())
    if as_json:
        print_json(health_dict(found))
    else:
        health_report(console(), found)


def _percent(share: float | None) -> str:
    return "-" if share is None else f"{round(100 * share)}%"


def _table(*columns: str) -> Table:
    table = Table(show_edge=False, box=None, pad_edge=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    return table


def _heading(out: Console, text: str) -> None:
    out.print()
    out.print(text, style="bold", markup=False)


def _why(out: Console, text: str) -> None:
    out.print(text, markup=False)


def health_report(out: Console, found) -> None:
    people = "1 person" if found.people == 1 else f"{found.people} people"
    out.print(f"Network health on {found.today.isoformat()}: {people}", markup=False)
    if found.attention:
        _heading(out, "Worth your attention")
        for line in found.attention:
            out.print(f"  - {line}", markup=False)
    for part in (
        _coverage,
        _categories,
        _employer,
        _followups,
        _give_ask,
        _family,
        _reconnect,
        _circles,
        _strength,
        _touches,
        _brokerage,
    ):
        part(out, found)


def _coverage(out: Console, found) -> None:
    coverage = found.coverage
    _heading(out, f"Types covered: {coverage.covered} of 12")
    for t in coverage.missing:
        out.print(f"  missing {t.label} ({t.category}): {t.why}", markup=False)
    _why(out, coverage.why)


def _categories(out: Console, found) -> None:
    _heading(out, "Balance of the three categories")
    table = _table("category", "people", "share", "for")
    for c in found.categories.categories:
        mark = " (thin)" if c.thin else ""
        table.add_row(c.category, str(c.people), _percent(c.share) + mark, c.why)
    out.print(table)
    _why(out, found.categories.why)


def _employer(out: Console, found) -> None:
    employer = found.employer
    if employer.employer:
        _heading(out, f"Dependence on your employer: {employer.employer} ({employer.how})")
    else:
        _heading(out, "Dependence on your employer")
    _why(out, employer.why)


def _followups(out: Console, found) -> None:
    followups = found.followups
    _heading(out, "Follow-ups on time")
    table = _table("category", "on time", "overdue", "on time share")
    for c in followups.categories:
        table.add_row(c.category, str(c.on_time), str(c.overdue), _percent(c.share_on_time))
    table.add_row(
        "all", str(followups.on_time), str(followups.overdue), _percent(followups.share_on_time)
    )
    out.print(table)
    _why(out, followups.why)


def _give_ask(out: Console, found) -> None:
    _heading(out, "Give and ask")
    _why(out, found.give_ask.why)


def _family(out: Console, found) -> None:
    family = found.family
    _heading(out, "Family as referrers and references")
    if family.names:
        out.print(f"  family: {', '.join(family.names)}", markup=False)
    _why(out, family.why)


def _reconnect(out: Console, found) -> None:
    reconnect = found.reconnect
    _heading(out, f"Reconnect: former strong ties now dormant ({reconnect.total})")
    if reconnect.people:
        table = _table("id", "name", "why")
        for p in reconnect.people:
            table.add_row(str(p.person_id), p.name, p.why)
        out.print(table)
        if reconnect.total > len(reconnect.people):
            out.print(f"Showing the first {len(reconnect.people)}.", markup=False)
    _why(out, reconnect.why)


def _circles(out: Console, found) -> None:
    _heading(out, "Circles against Dunbar's layers")
    table = _table("circle", "in it", "within", "about")
    for c in found.circles.circles:
        mark = " (over)" if c.over else ""
        table.add_row(f"{c.circle} {c.name}", str(c.people), f"{c.within}{mark}", str(c.circle))
    out.print(table)
    _why(out, found.circles.why)


def _strength(out: Console, found) -> None:
    _heading(out, "Tie strength")
    _why(out, ", ".join(f"{label} {n}" for label, n in found.strength.items()))


def _touches(out: Console, found) -> None:
    _heading(out, "Touches per month, last 12 months (this one so far)")
    _why(out, ", ".join(f"{month} {n}" for month, n in found.touches))


def _brokerage(out: Console, found) -> None:
    brokerage = found.brokerage
    _heading(out, "Brokerage")
    if brokerage is None:
        return
    _why(out, brokerage.ego.why)
    if brokerage.brokers:
        out.print("People who bridge otherwise separate groups:", markup=False)
        table = _table("id", "name", "betweenness", "why")
        for b in brokerage.brokers:
            table.add_row(str(b.person_id), b.name, f"{b.betweenness:.3f}", b.why)
        out.print(table)
    _why(out, brokerage.why)


def register(app: typer.Typer) -> None:
    app.command("health")(handles_errors(health))

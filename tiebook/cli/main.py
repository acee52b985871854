"""The `tiebook` command: a thin skin over the services and selectors."""

from __future__ import annotations

import typer

from tiebook.cli import (
    accounts,
    circles,
    credentials,
    data,
    events,
    exporting,
    followups,
    insights,
    interactions,
    interchange,
    network,
    opportunities,
    people,
    refer,
    references,
    referrals,
    search,
    shares,
    web,
)

app = typer.Typer(
    name="tiebook",
    help=(
        "tiebook keeps your professional network: twelve kinds of connection, who to follow up "
        'with today and why.\n\nExample: tiebook add "Grace Hopper" --type mentor'
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

for module in (
    people,
    followups,
    interactions,
    data,
    interchange,
    exporting,
    web,
    accounts,
    events,
    opportunities,
    referrals,
    shares,
    references,
    credentials,
    network,
    search,
    refer,
    insights,
    circles,
):
    module.register(app)


def run() -> None:
    app()

"""Signing in: login links (local mode) and password accounts (server mode)."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from tiebook.cli.common import JSON_OPTION
from tiebook.cli.output import handles_errors, print_json, say
from tiebook.core.errors import ValidationError

user_app = typer.Typer(
    name="user",
    help=(
        "Accounts that sign in with a password, for a team on a server (TIEBOOK_MODE=server)."
        "\n\nExample: tiebook user add ada"
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
)


def _base_url(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return f"http://{shown}:{port}"


def login_link(
    host: Annotated[
        str, typer.Option("--host", metavar="HOST", help="The address 'tiebook serve' listens on.")
    ] = "127.0.0.1",
    port: Annotated[
        int, typer.Option("--port", metavar="PORT", help="The port 'tiebook serve' listens on.")
    ] = 8000,
    as_json: bool = JSON_OPTION,
) -> None:
    """Print a fresh link that signs your browser in to the network `tiebook serve` shows
    (local mode).

    The link works once, within 24 hours. No password is needed on your own computer. It is for
    the network in TIEBOOK_HOME, so use the same TIEBOOK_HOME as the running server; where there
    is no network yet, nothing is made and the command says so.
    Example: TIEBOOK_HOME=~/tiebook tiebook login-link --port 8080
    """
    from tiebook.accounts.services import mode_require, signin_link_create
    from tiebook.core.database import place
    from tiebook.core.owners import owner_get

    mode_require(mode="local")
    user = owner_get()
    link = signin_link_create(user=user, base_url=_base_url(host, port))
    if as_json:
        print_json({"url": link, "account": user.username, "valid_hours": 24, "network": place()})
    else:
        say(f"Sign-in link for the network in {place()} (valid once, for 24 hours):")
        say(link)


def _password_from_stdin() -> str:
    password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        raise ValidationError("No password on standard input; write it as one line.")
    return password


def user_add(
    username: Annotated[
        str, typer.Argument(metavar="USERNAME", help="The name they sign in with.")
    ],
    password_stdin: Annotated[
        bool,
        typer.Option("--password-stdin", help="Read the password from one line of standard input."),
    ] = False,
    as_json: bool = JSON_OPTION,
) -> None:
    """Add an account that signs in with a password (server mode).

    Asks for the password twice, unless --password-stdin reads it from standard input.
    Example: TIEBOOK_MODE=server tiebook user add ada
    """
    from tiebook.accounts.services import mode_require, user_create

    mode_require(mode="server")  # before asking for a password that cannot be used
    if password_stdin:
        password = _password_from_stdin()
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True, err=True)
    user = user_create(username=username, password=password)
    if as_json:
        print_json({"username": user.username, "id": user.pk})
    else:
        say(f"Added user {user.username}; they can sign in with their password now.")


def user_list(as_json: bool = JSON_OPTION) -> None:
    """List the accounts, one username per line.

    Example: tiebook user list --json
    """
    from tiebook.accounts.selectors import usernames_list

    names = usernames_list()
    if as_json:
        print_json([{"username": name} for name in names])
    else:
        for name in names:
            say(name)


def _many(flag: str, help_text: str):
    return typer.Option(flag, metavar="TEXT", help=help_text)


ListOption = list[str] | None


def me(
    email: Annotated[
        list[str] | None,
        typer.Option("--email", metavar="ADDRESS", help="Add an address of yours (repeatable)."),
    ] = None,
    remove_email: Annotated[
        list[str] | None,
        typer.Option("--remove-email", metavar="ADDRESS", help="Forget an address of yours."),
    ] = None,
    name: Annotated[str | None, typer.Option("--name", help="Your name.")] = None,
    headline: Annotated[
        str | None,
        typer.Option("--headline", metavar="TEXT", help="One line on what you do ('' clears it)."),
    ] = None,
    skill: Annotated[ListOption, _many("--skill", "Add a skill of yours (repeatable).")] = None,
    remove_skill: Annotated[ListOption, _many("--remove-skill", "Remove a skill.")] = None,
    experience: Annotated[
        ListOption, _many("--experience", "Add an experience, one line each (repeatable).")
    ] = None,
    remove_experience: Annotated[
        ListOption, _many("--remove-experience", "Remove an experience.")
    ] = None,
    offer: Annotated[
        str | None,
        typer.Option("--offer", metavar="TEXT", help="What you can offer others ('' clears it)."),
    ] = None,
    role: Annotated[
        ListOption, _many("--looking-for-role", "A role you are looking for (repeatable).")
    ] = None,
    remove_role: Annotated[
        ListOption, _many("--remove-looking-for-role", "No longer look for this role.")
    ] = None,
    org: Annotated[
        ListOption,
        _many("--looking-for-org", "An organisation you would like to work with (repeatable)."),
    ] = None,
    remove_org: Annotated[
        ListOption, _many("--remove-looking-for-org", "No longer look for this organisation.")
    ] = None,
    topic: Annotated[
        ListOption, _many("--looking-for-topic", "A topic you want to learn or hear about.")
    ] = None,
    remove_topic: Annotated[
        ListOption, _many("--remove-looking-for-topic", "No longer look for this topic.")
    ] = None,
    as_json: bool = JSON_OPTION,
) -> None:
    """Show or set who you are: your name, your own email addresses and your profile (headline,
    skills, experiences, what you offer and what you are looking for).

    Mail from your addresses is yours (outgoing); calendars and mailboxes that name them never
    make you a person in your own network. Your profile is what suggestions match against.
    Example: tiebook me --headline "Data engineer" --skill Python --looking-for-role Staff
    """
    from django.db import transaction

    from tiebook.accounts.selectors import own_addresses, profile_get
    from tiebook.accounts.services import ProfileChanges, own_addresses_set, profile_change
    from tiebook.core.owners import owner_get_or_create

    user, _ = owner_get_or_create()
    adding = {"skills": skill, "experiences": experience, "roles": role}
    adding |= {"organizations": org, "topics": topic}
    removing = {"skills": remove_skill, "experiences": remove_experience, "roles": remove_role}
    removing |= {"organizations": remove_org, "topics": remove_topic}
    changes = ProfileChanges(
        headline=headline,
        offer=offer,
        add={key: items for key, items in adding.items() if items},
        remove={key: items for key, items in removing.items() if items},
    )
    with transaction.atomic():  # a refused address leaves the profile as it was, and back
        if email or remove_email or name is not None:
            own_addresses_set(owner=user, add=email or [], remove=remove_email or [], name=name)
        if changes.add or changes.remove or headline is not None or offer is not None:
            profile_change(owner=user, changes=changes)
    addresses = own_addresses(owner=user)
    profile = profile_get(owner=user)
    if as_json:
        print_json({"name": user.first_name, "emails": addresses, **profile.as_dict()})
        return
    say(f"Name: {user.first_name or '(not set)'}")
    if addresses:
        say(f"Addresses: {', '.join(addresses)}")
    else:
        say("Addresses: none yet; add yours with: tiebook me --email ADDRESS")
    for line in _profile_lines(profile):
        say(line)


def _profile_lines(profile) -> list[str]:
    """The profile's lines, only those that are set (an empty profile adds none)."""
    lines = [f"Headline: {profile.headline}"] if profile.headline else []
    if profile.skills:
        lines.append(f"Skills: {', '.join(profile.skills)}")
    if profile.experiences:
        lines += ["Experiences:", *(f"  - {item}" for item in profile.experiences)]
    if profile.offer:
        lines.append(f"Offer: {' '.join(profile.offer.split())}")
    for label, items in (
        ("roles", profile.roles),
        ("organisations", profile.organizations),
        ("topics", profile.topics),
    ):
        if items:
            lines.append(f"Looking for {label}: {', '.join(items)}")
    return lines


def register(app: typer.Typer) -> None:
    app.command("me")(handles_errors(me))
    app.command("login-link")(handles_errors(login_link, existing=True))
    user_app.command("add")(handles_errors(user_add))
    user_app.command("list")(handles_errors(user_list))
    app.add_typer(user_app, name="user")

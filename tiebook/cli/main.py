"""The `tiebook` command: a thin skin over the services and selectors.

A command's module, and what it imports, loads only when that command runs: `tiebook types` does
not pay for the importers, the exporters or the web server, and `tiebook --help` lists every
command from the table below without loading any of them.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

import typer
from typer.core import TyperGroup

from tiebook.cli import coercion

if TYPE_CHECKING:
    import click

HELP = (
    "tiebook keeps your professional network: twelve kinds of connection, who to follow up "
    'with today and why.\n\nExample: tiebook add "Grace Hopper" --type mentor'
)

# Every command: the module of tiebook.cli that registers it, and the first sentence of its help
# (all of it that `tiebook --help` can show). In the order `tiebook --help` lists them; a test
# checks the table against the commands themselves.
COMMANDS: dict[str, tuple[str, str]] = {
    "add": ("people", "Add a person to your network."),
    "edit": (
        "people",
        "Change a person: name, types, organisation, contact points, tags, rhythm, notes, "
        "birthday.",
    ),
    "show": (
        "people",
        "Show everything about a person: types, contact points, rhythm, timeline, promises.",
    ),
    "list": ("people", "List people, by name, with filters."),
    "tag": ("people", "Add tags to a person (or remove them); with no tags, show theirs."),
    "archive": (
        "people",
        "Archive a person: kept with their history, but out of lists and follow-ups.",
    ),
    "delete": ("people", "Delete a person and their history for good (asks first unless --yes)."),
    "log": ("followups", "Log an interaction with one or more people; their follow-ups move on."),
    "due": (
        "followups",
        "Who to follow up with: overdue first, then by priority, each with why; then what else "
        "is due by a date (renewals, next steps) with no one named.",
    ),
    "snooze": ("followups", "Put off a follow-up: not due before then (a later due date stays)."),
    "types": (
        "followups",
        "The twelve connection types in three categories, with how many people hold each.",
    ),
    "interval": (
        "followups",
        "Change how often a type of connection is due (for everyone of that type).",
    ),
    "promise": ("followups", "Record a promise: something you owe someone (or they owe you)."),
    "promises": ("followups", "Open promises, soonest first."),
    "done": ("followups", "Mark a promise as kept."),
    "init": ("data", "Set up tiebook: the data directory, the database and your account."),
    "demo": ("data", "Fill an empty network with a realistic made-up one, for trying tiebook out."),
    "backup": ("data", "Write everything in your network to one JSON file."),
    "restore": ("data", "Restore a backup into an empty network (a fresh TIEBOOK_HOME)."),
    "import": (
        "interchange",
        "Bring people in from LinkedIn, vCard, Google or Outlook CSV, any CSV, a calendar "
        "(.ics) or mail (mbox, .eml, a Maildir folder); one undoable run.",
    ),
    "imports": ("interchange", "List past imports, newest first, with what each did."),
    "undo-import": (
        "interchange",
        "Undo an import: the network goes back to how it was before it.",
    ),
    "dupes": (
        "interchange",
        "Likely duplicates, with the evidence: a shared email, phone or profile, the same name,"
        " or a name one may also go by (a nickname, an initial).",
    ),
    "merge": (
        "interchange",
        "Merge two records of one person, keeping every interaction, note, contact point, type,"
        " tag and relationship of both (KEEP's own values win).",
    ),
    "not-same": (
        "interchange",
        "Say two people are not one person, so tiebook dupes stops pairing them.",
    ),
    "export": (
        "exporting",
        "Export people as vCard 4.0, CSV or JSON, or your coming follow-ups and promises as an "
        "iCalendar (ics); the filters are those of 'tiebook list'.",
    ),
    "serve": (
        "web",
        "Serve the web app; locally, print a one-time link that signs your browser in.",
    ),
    "me": (
        "accounts",
        "Show or set who you are: your name, your own email addresses and your profile "
        "(headline, skills, experiences, what you offer and what you are looking for).",
    ),
    "login-link": (
        "accounts",
        "Print a fresh link that signs your browser in to the network `tiebook serve` shows "
        "(local mode).",
    ),
    "events": (
        "events",
        "List your events: upcoming first (soonest first), then past ones (latest first).",
    ),
    "opps": ("opportunities", "Opportunities by stage, with their people and next step."),
    "referrals": (
        "referrals",
        "Referrals, introductions and favours, newest first, with their outcome.",
    ),
    "balance": (
        "referrals",
        "The give/ask balance: knowledge shared, introductions and referrals given, against "
        "referrals, introductions and favours asked.",
    ),
    "shares": ("shares", "What you gave and received, newest first."),
    "references": (
        "references",
        "Your reference list: who agreed and confirmed within the last 12 months; the others to"
        " ask again; and who endorsed or recommended you but was not asked yet.",
    ),
    "credentials": (
        "credentials",
        "Your credentials, the soonest expiry first, with days left and CE progress.",
    ),
    "filings": ("filings", "Open filings and deadlines, the soonest first."),
    "relate": ("network", "Record how two people in your network are tied: PERSON KIND OTHER."),
    "unrelate": (
        "network",
        "Forget the ties between two people: every one, or only the kind given with --as.",
    ),
    "ties": (
        "network",
        'List whom a person is tied to, read from their side ("manages", "mentee of"...).',
    ),
    "intro": ("network", "Record an introduction you made: PERSON to OTHER."),
    "intros": ("network", "List the introductions you made, newest first, with their follow-ups."),
    "find": ("search", "Who in your network can help with something, best first, each with why."),
    "reindex": (
        "search",
        "Rebuild the search index of your whole network (and its sentence vectors, when search "
        "by meaning is installed).",
    ),
    "refer": (
        "refer",
        "Who could refer you at an organisation: people there now or before, and people one or "
        "two relationships away from one of them, each with the path and why.",
    ),
    "health": (
        "insights",
        "How healthy your network is: the 12 types covered, the balance of the three "
        "categories, dependence on your employer, follow-ups on time, give and ask, family as "
        "advocates, former strong ties to reconnect with, circles against 5/15/50/150, and who "
        "bridges your groups.",
    ),
    "circle": (
        "circles",
        "Show a person's circle and the suggested one, or set it (their follow-up rhythm follows).",
    ),
    "circles": (
        "circles",
        "Your circles against Dunbar's 5/15/50/150, and the circles suggested from tie strength"
        " and touches this year.",
    ),
    "interaction": (
        "interactions",
        "Correct or delete a logged interaction, by the number `tiebook show` gives it.",
    ),
    "user": (
        "accounts",
        "Accounts that sign in with a password, for a team on a server (TIEBOOK_MODE=server).",
    ),
    "event": (
        "events",
        "Community events: meetups, conferences, webinars, workshops and talks; who you met "
        "there and following up after.",
    ),
    "opp": (
        "opportunities",
        "Opportunities (a job, a client, a partnership, a speaking slot) and the people who can"
        " move them forward.",
    ),
    "referral": (
        "referrals",
        "Referrals, introductions and favours asked, received and given, with how they went.",
    ),
    "share": (
        "shares",
        "Knowledge shared: give an article, a tool or advice to people (or note one you were "
        "given), and see whom else it would help.",
    ),
    "reference": (
        "references",
        "References who will speak for your skills: add one per skill, with whether they "
        "agreed, and confirm it again each year.",
    ),
    "credential": (
        "credentials",
        "A licence or certification: add one, log CE hours, name the contact at the issuer, "
        "renew it.",
    ),
    "filing": (
        "filings",
        "A filing or deadline with a government body, linked to the people there.",
    ),
}


_registered: dict[str, typer.Typer] = {}


def _registrations(module_name: str) -> typer.Typer:
    """What a module registers, registered once: a second time would add its sub-commands twice."""
    found = _registered.get(module_name)
    if found is None:
        module = importlib.import_module(f"tiebook.cli.{module_name}")
        found = typer.Typer(rich_markup_mode=None, add_completion=False)
        module.register(found)
        _registered[module_name] = found
    return found


def command_load(name: str) -> click.Command:
    """The command (or group of commands) called `name`, made from its module alone."""
    registry = _registrations(COMMANDS[name][0])
    holder = typer.Typer(rich_markup_mode=None, add_completion=False)
    for info in registry.registered_commands:
        if info.name == name:
            holder.registered_commands = [info]
            return typer.main.get_command(holder)
    for info in registry.registered_groups:
        if info.name == name:
            holder.registered_groups = [info]
            return typer.main.get_command(holder).commands[name]
    raise LookupError(f"tiebook.cli.{COMMANDS[name][0]} registers no command {name!r}")


class _Commands(Mapping):
    """The commands by name, each made the first time it is looked up."""

    def __init__(self) -> None:
        self._made: dict[str, click.Command] = {}

    def __getitem__(self, name: str) -> click.Command:
        if name not in self._made:
            if name not in COMMANDS:
                raise KeyError(name)
            self._made[name] = command_load(name)
        return self._made[name]

    def __iter__(self) -> Iterator[str]:
        return iter(COMMANDS)

    def __len__(self) -> int:
        return len(COMMANDS)


class LazyGroup(TyperGroup):
    """The `tiebook` group: commands load on demand; the help lists them from COMMANDS."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.commands = _Commands()

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # As TyperGroup.format_commands does, with each command's help from the table.
        limit = formatter.width - 6 - max(len(name) for name in COMMANDS)
        rows = [(name, short_help(summary, limit)) for name, (_, summary) in COMMANDS.items()]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


def short_help(text: str, limit: int) -> str:
    try:
        from typer._click.utils import make_default_short_help
    except ImportError:  # a Typer that uses Click itself
        from click.utils import make_default_short_help
    return make_default_short_help(text, limit)


def _tiebook() -> None:
    pass  # the group's own callback: nothing to do before a command


app = typer.Typer(
    name="tiebook",
    help=HELP,
    cls=LazyGroup,
    callback=_tiebook,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


coercion.install()


def run() -> None:
    app()

"""Commands start at once: each loads its own module and what it uses, nothing else; `tiebook
--help` lists every command without loading one."""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import subprocess
import sys
import textwrap

import pytest
import typer
import typer.main
from typer.core import TyperGroup

import tiebook.cli
from tiebook.cli import main

# Modules a small command has no use for, each costing its start a noticeable fraction of a second.
HEAVY = (
    "pydantic",  # Typer's conversion of values, not needed for words and whole numbers
    "vobject",
    "icalendar",
    "phonenumbers",
    "email_validator",
    "rapidfuzz",
    "networkx",
    "numpy",
    "Stemmer",
    "sentence_transformers",
    "django.views.debug",  # Django's error pages, made by a logging handler tiebook has no use for
    "django.db.migrations.executor",  # the migration planner, when nothing is left to apply
)

SCRIPT = textwrap.dedent(
    """
    import json, sys

    from tiebook.cli.main import app

    report, args = sys.argv[1], sys.argv[2:]
    try:
        app(args, prog_name="tiebook")
    except SystemExit as stop:
        code = stop.code
    with open(report, "w") as out:
        json.dump({"code": code, "modules": sorted(sys.modules)}, out)
    """
)


def _run(home, *args: str) -> tuple[int, set[str]]:
    """Run the command in a fresh Python on a SQLite network in `home`: its exit code and every
    module it loaded."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TIEBOOK_", "DJANGO_"))}
    env.update(TIEBOOK_HOME=str(home), TIEBOOK_SEMANTIC="0")
    report = home / "modules.json"
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(report), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert report.exists(), result.stderr
    data = json.loads(report.read_text())
    return data["code"], set(data["modules"])


def _loaded(modules: set[str], names) -> list[str]:
    return sorted(m for m in modules for name in names if m == name or m.startswith(f"{name}."))


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    home = tmp_path_factory.mktemp("startup")
    code, _ = _run(home, "init")
    assert code in (0, None)
    return home


def test_types_loads_its_own_module_and_nothing_heavy(home):
    code, modules = _run(home, "types")
    assert code in (0, None)
    assert _loaded(modules, HEAVY) == []
    commands = {m for m in modules if m.startswith("tiebook.cli.")}
    assert commands <= {
        "tiebook.cli.main",
        "tiebook.cli.coercion",
        "tiebook.cli.common",
        "tiebook.cli.output",
        "tiebook.cli.render",
        "tiebook.cli.setup",
        "tiebook.cli.followups",
    }
    assert _loaded(modules, ["tiebook.interchange.formats", "tiebook.web.views"]) == []


def test_due_and_list_load_nothing_heavy(home):
    for args in (["due"], ["list", "--json", "--limit", "50"], ["promises"]):
        code, modules = _run(home, *args)
        assert code in (0, None), args
        assert _loaded(modules, HEAVY) == [], args


def test_help_loads_no_command_and_not_django(home):
    code, modules = _run(home, "--help")
    assert code == 0
    assert {m for m in modules if m.startswith("tiebook.cli.")} <= {
        "tiebook.cli.main",
        "tiebook.cli.coercion",
    }
    assert _loaded(modules, ["django", "rich", *HEAVY]) == []


def _registered() -> dict[str, str]:
    """Every command any module of tiebook.cli registers, and that module's name."""
    found = {}
    for info in pkgutil.iter_modules(tiebook.cli.__path__):
        module = importlib.import_module(f"tiebook.cli.{info.name}")
        if hasattr(module, "register"):
            app = main._registrations(info.name)
            for name in [c.name for c in app.registered_commands] + [
                g.name for g in app.registered_groups
            ]:
                assert name not in found, f"two modules register tiebook {name}"
                found[name] = info.name
    return found


def test_the_table_names_every_command_and_the_module_that_registers_it():
    assert {name: module for name, (module, _) in main.COMMANDS.items()} == _registered()


def test_the_table_holds_what_help_shows_of_each_command():
    for name, (_, summary) in main.COMMANDS.items():
        command = main.command_load(name)
        for limit in (20, 45, 61, 80, 200):
            assert main.short_help(summary, limit) == command.get_short_help_str(limit), name


def test_help_is_what_it_would_be_with_every_command_loaded():
    lazy = typer.main.get_command(main.app)
    eager = TyperGroup(
        name="tiebook",
        commands={name: main.command_load(name) for name in main.COMMANDS},
        help=main.HELP,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    with lazy.make_context("tiebook", ["types"]) as ctx:
        shown = lazy.get_help(ctx)
    with eager.make_context("tiebook", ["types"]) as ctx:
        assert shown == eager.get_help(ctx)
    assert "  types        The twelve connection types in three categories, with how" in shown


def test_an_unknown_command_suggests_the_nearest(tb):
    result = tb("typs")
    assert result.exit_code == 2
    assert "No such command 'typs'. Did you mean 'types'?" in result.output


def test_options_given_are_still_converted_and_checked(tb):
    tb("add", "Grace Hopper", "--type", "mentor")
    tb("add", "Ada Lovelace", "--type", "mentor")
    assert [p["name"] for p in tb.json("list", "--limit", "1")["people"]] == ["Ada Lovelace"]
    assert [p["name"] for p in tb.json("list", "--limit", "+1")["people"]] == ["Ada Lovelace"]
    for bad, why in (("many", "Input should be a valid integer"), ("99999999999", "less than")):
        result = tb("list", "--limit", bad)
        assert result.exit_code == 2
        assert "Invalid value for '--limit'" in result.output
        assert why in result.output
    assert tb("due", "--limit", "0").output == "Error: The limit must be at least 1.\n"

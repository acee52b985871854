"""docs/cli.md is kept true: every command and every option is documented there."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main

from tiebook.cli.main import app

DOCS = Path(__file__).resolve().parents[2] / "docs" / "cli.md"


def _walk(group, prefix: str = ""):
    for name, command in group.commands.items():
        yield f"{prefix}{name}", command
        if hasattr(command, "commands"):  # a sub-group: `tiebook user add`
            yield from _walk(command, f"{prefix}{name} ")


def _commands():
    return sorted(_walk(typer.main.get_command(app)))


def _section(name: str) -> str:
    text = DOCS.read_text()
    match = re.search(rf"^## tiebook {name}\n(.*?)(?=^## |\Z)", text, re.S | re.M)
    assert match, f"docs/cli.md has no section '## tiebook {name}'"
    return match.group(1)


def test_every_command_has_a_section_in_the_docs():
    for name, _ in _commands():
        _section(name)


def test_every_option_of_every_command_is_documented():
    for name, command in _commands():
        section = _section(name)
        for param in command.params:
            for opt in param.opts:
                if opt.startswith("--") and opt != "--help":
                    assert f"`{opt}" in section, f"tiebook {name} {opt} is not in docs/cli.md"


def test_every_command_has_an_example_in_its_help():
    for name, command in _commands():
        example = (command.help or "").partition("Example:")[2]
        assert f"tiebook {name}" in example, f"tiebook {name} help has no example"

"""tiebook as a new user meets it: the real command, in fresh data directories, on SQLite files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


def run(home: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "TIEBOOK_HOME": str(home),
        # Each home gets its own SQLite file, whatever database the suite itself runs on.
        "TIEBOOK_DATABASE_URL": f"sqlite:///{home / 'tiebook.sqlite3'}",
        "COLUMNS": "200",
    }
    done = subprocess.run(
        [sys.executable, "-m", "tiebook", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if check:
        assert done.returncode == 0, done.stderr
    return done


@pytest.fixture
def home(tmp_path):
    return tmp_path / "home"


def test_a_new_user_adds_logs_and_sees_the_next_follow_up(home):
    run(
        home,
        "add",
        "Grace Hopper",
        "--type",
        "mentor",
        "--type",
        "educator",
        "--org",
        "US Navy",
        "--email",
        "grace@navy.example",
    )
    run(home, "log", "grace", "Coffee")
    shown = json.loads(run(home, "show", "grace", "--json").stdout)
    today = shown["added_at"][:10]
    assert [(i["on"], i["summary"]) for i in shown["interactions"]] == [(today, "Coffee")]
    assert shown["interval_days"] == 30
    assert shown["why"] == "mentor - last talk today, every 30 days"
    assert (home / "tiebook.sqlite3").exists()
    assert (home / "secret_key").stat().st_mode & 0o777 == 0o600


def test_bad_input_leaves_the_database_as_it_was(home, tmp_path):
    run(home, "add", "Grace Hopper", "--type", "mentor")
    run(home, "add", "Grace Murray", "--type", "friend")
    run(home, "backup", str(tmp_path / "before.json"))
    attempts = [
        (["add", "Ada", "--type", "mentr"], 1, "Did you mean 'mentor'?"),
        (["add", "Ada", "--email", "ada@"], 1, "'ada@' is not an email address."),
        (["log", "hopper", "Coffee", "--on", "2026-13-01"], 1, "'2026-13-01' is not a date"),
        (["log", "grace", "Coffee"], 2, "'grace' matches 2 people"),
        (["edit", "hopper", "--circle", "7"], 1, "Circle must be one of 5, 15, 50 or 150"),
    ]
    for args, code, message in attempts:
        done = run(home, *args, check=False)
        assert (done.returncode, done.stdout) == (code, ""), args
        assert message in done.stderr
        assert done.stderr.startswith("Error: ")
        assert "Traceback" not in done.stderr
    run(home, "backup", str(tmp_path / "after.json"))
    assert (tmp_path / "before.json").read_bytes() == (tmp_path / "after.json").read_bytes()


def test_backup_restore_backup_gives_identical_content(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    run(first, "demo", "--people", "120", "--seed", "11")
    run(first, "add", "Grace Hopper", "--type", "mentor", "--tag", "navy")
    run(first, "log", "grace hopper", "Coffee", "--gave", "A paper")
    run(first, "backup", str(tmp_path / "one.json"))
    restored = run(second, "restore", str(tmp_path / "one.json"))
    assert restored.stdout.startswith("Restored 121 people")
    run(second, "backup", str(tmp_path / "two.json"))
    assert (tmp_path / "one.json").read_bytes() == (tmp_path / "two.json").read_bytes()
    again = run(second, "restore", str(tmp_path / "one.json"), check=False)
    assert again.returncode == 1
    assert again.stderr == "Error: Restore needs an empty network; this one has 121 people.\n"


def test_a_config_error_is_one_sentence(home):
    env_home = home
    done = subprocess.run(
        [sys.executable, "-m", "tiebook", "list"],
        env={**os.environ, "TIEBOOK_HOME": str(env_home), "TIEBOOK_DATABASE_URL": "mysql://x/y"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert done.stderr == (
        "Error: TIEBOOK_DATABASE_URL 'mysql://x/y' names an unsupported database; tiebook runs "
        "on sqlite:// or postgresql://.\n"
    )

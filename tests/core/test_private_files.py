"""The data directory and what tiebook writes in it are readable by their owner only."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path


def tiebook(home: Path, *args: str, script: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TIEBOOK_", "DJANGO_"))}
    command = ["-c", script] if script else ["-m", "tiebook", *args]
    return subprocess.run(
        [sys.executable, *command],
        env={**env, "TIEBOOK_HOME": str(home)},
        capture_output=True,
        text=True,
        timeout=120,
    )


def mode(path: Path) -> str:
    return oct(stat.S_IMODE(path.stat().st_mode))


def test_init_makes_the_data_directory_and_its_files_private(tmp_path):
    home = tmp_path / "new" / "tiebook"
    result = tiebook(home, "init")
    assert result.returncode == 0, result.stderr
    assert mode(home) == "0o700"
    assert mode(home / "tiebook.sqlite3") == "0o600"
    assert mode(home / "secret_key") == "0o600"


# While a connection is open SQLite keeps its -wal and -shm files beside the database.
WHILE_OPEN = textwrap.dedent(
    """
    import os, stat
    from pathlib import Path
    from tiebook.cli.setup import ready

    ready()
    from django.contrib.auth import get_user_model

    get_user_model().objects.create(username="ada")
    home = Path(os.environ["TIEBOOK_HOME"])
    for path in sorted(home.iterdir()):
        print(path.name, oct(stat.S_IMODE(path.stat().st_mode)))
    """
)


def test_the_write_ahead_log_and_shared_memory_files_are_private(tmp_path):
    result = tiebook(tmp_path / "home", script=WHILE_OPEN)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "secret_key 0o600",
        "tiebook.sqlite3 0o600",
        "tiebook.sqlite3-shm 0o600",
        "tiebook.sqlite3-wal 0o600",
    ]


def test_an_existing_database_made_readable_is_made_private_again(tmp_path):
    home = tmp_path / "home"
    assert tiebook(home, "init").returncode == 0
    (home / "tiebook.sqlite3").chmod(0o644)
    assert tiebook(home, "list").returncode == 0
    assert mode(home / "tiebook.sqlite3") == "0o600"


def test_a_backup_is_written_private(tmp_path):
    home = tmp_path / "home"
    assert tiebook(home, "add", "Grace Hopper").returncode == 0
    result = tiebook(home, "backup", str(tmp_path / "network.json"))
    assert result.returncode == 0, result.stderr
    assert mode(tmp_path / "network.json") == "0o600"

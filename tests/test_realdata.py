"""The real sample files: the tests over them skip with a reason without them, or stop the run
when TIEBOOK_TEST_REQUIRE_REALDATA=1, and the names known here are the files that are there."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests import realdata as samples

ONE_TEST = "tests/interchange/formats/test_csv_formats.py::test_thunderbird_realdata"


def test_the_folder_holds_exactly_the_known_samples(realdata: Path):
    for kind, names in samples.KNOWN.items():
        there = sorted(path.name for path in (realdata / kind).iterdir())
        assert there == sorted(names), f"update the {kind.upper()} names in tests/realdata.py"


def test_the_folder_is_taken_from_tiebook_realdata_else_beside_the_project():
    assert samples.realdata_folder({"TIEBOOK_REALDATA": "/data/samples"}) == Path("/data/samples")
    beside = samples.BESIDE
    assert samples.realdata_folder({}) == beside
    assert samples.realdata_folder({"TIEBOOK_REALDATA": " "}) == beside


def pytest_run(tmp_path: Path, **environ: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TIEBOOK_TEST_REQUIRE_")}
    env.update(TIEBOOK_REALDATA=str(tmp_path / "nowhere"), **environ)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-rs", ONE_TEST],
        cwd=samples.PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_without_the_samples_their_tests_skip_with_the_reason(tmp_path):
    run = pytest_run(tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    reason = (
        f"real sample files not found at {tmp_path / 'nowhere'}; set TIEBOOK_REALDATA to their "
        "folder (or TIEBOOK_TEST_REQUIRE_REALDATA=1 to make this an error)"
    )
    assert reason in run.stdout
    assert "2 skipped" in run.stdout


def test_without_the_samples_a_run_that_requires_them_stops_with_one_sentence(tmp_path):
    run = pytest_run(tmp_path, TIEBOOK_TEST_REQUIRE_REALDATA="1")
    assert run.returncode == pytest.ExitCode.USAGE_ERROR
    assert run.stderr.strip() == (
        f"ERROR: TIEBOOK_TEST_REQUIRE_REALDATA=1 but the real sample files are not found at "
        f"{tmp_path / 'nowhere'}: set TIEBOOK_REALDATA to the folder that holds vcard/, ics/, "
        "csv/ and mbox/."
    )

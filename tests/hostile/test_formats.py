"""Hostile files through the real `tiebook import`, in a subprocess under a memory cap: each is
refused or read with one sentence, the machine keeps its memory, and nothing else is written."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.hostile import corpus
from tests.hostile.capped import Run, tiebook

PEAK_MB = 400  # a plain import peaks near 70 MB; the calendar bomb took 1.9 GB and more


@pytest.fixture(scope="session")
def new_network(tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("new") / "home"
    assert tiebook(home, "init").returncode == 0
    return home


@pytest.fixture
def home(new_network: Path, tmp_path: Path) -> Path:
    """A network just made with `tiebook init` (made once, copied for each test)."""
    return Path(shutil.copytree(new_network, tmp_path / "home"))


def import_(home: Path, name: str, data: bytes) -> Run:
    path = home.parent / name
    path.write_bytes(data)
    run = tiebook(home, "import", str(path))
    assert run.returncode == 0, run.stderr  # -9: killed at the time limit (capped.TIMEOUT)
    assert "Traceback" not in run.stdout + run.stderr
    assert run.peak_mb < PEAK_MB
    return run


def people(home: Path) -> list[str]:
    return [p["name"] for p in json.loads(tiebook(home, "list", "--json").stdout)["people"]]


def last_import(home: Path) -> dict:
    return json.loads(tiebook(home, "imports", "--json").stdout)[0]


def nothing_written(home: Path) -> None:
    assert people(home) == []
    run = last_import(home)
    assert (run["created"], run["interactions"]) == (0, 0)


@pytest.mark.parametrize(
    ("make", "sentence"),
    [
        (corpus.ics_every_second, "event 1 repeats more often than daily; skipped."),
        (corpus.ics_secondly_forever, "event 1 repeats more often than daily; skipped."),
        (corpus.ics_yearly_every_minute, "event 1 repeats more often than daily; skipped."),
        (corpus.ics_many_rules, "event 1 has more than 10 repeat rules; skipped."),
        (corpus.ics_many_dates, "event 1 has more than 2000 extra dates (RDATE); skipped."),
    ],
)
def test_a_calendar_that_repeats_without_end_is_refused_within_the_time_limit(home, make, sentence):
    run = import_(home, "bomb.ics", make())
    assert f"  problem: {sentence}\n" in run.stdout
    nothing_written(home)


def test_cards_nested_a_thousand_deep_are_each_named_and_the_outer_one_imports(home):
    run = import_(home, "nested.vcf", corpus.vcard_nested(990))
    assert "  problem: card 2 is nested inside card 1; skipped.\n" in run.stdout
    assert "  ... and 969 more problems (--json shows all)\n" in run.stdout
    assert people(home) == ["Ann Lee"]


def test_a_ten_megabyte_line_is_cut_and_said_so(home):
    run = import_(home, "long.vcf", corpus.vcard_long_line(10))
    assert "  note: card 1: Ann Lee: notes cut to the length tiebook keeps.\n" in run.stdout
    assert people(home) == ["Ann Lee"]


def test_a_calendar_line_folded_over_ten_megabytes_is_read_within_the_time_limit(home):
    run = import_(home, "long.ics", corpus.ics_folded_long_line(10))
    assert run.stdout.startswith("Import 1: long.ics (ics): 0 new,")
    nothing_written(home)


@pytest.mark.parametrize(
    ("name", "make", "person", "note"),
    [
        (
            "people.csv",
            corpus.csv_cp1252,
            "José Müller’s",
            "people.csv is not valid UTF-8 on line 2; read as Windows-1252: check accented names",
        ),
        (
            "people.vcf",
            corpus.vcard_latin1,
            "José Müller",
            "people.vcf is not valid UTF-8 on lines 3 and 4; read as Windows-1252: check "
            "accented names",
        ),
        ("nul.csv", corpus.csv_nul_bytes, "Ann Lee", None),
        ("utf16.csv", corpus.csv_nul_utf16_without_bom, "Ann Lée", None),
    ],
)
def test_text_that_is_not_utf8_is_read_right_and_said_so(home, name, make, person, note):
    run = import_(home, name, make())
    notes = [line for line in run.stdout.splitlines() if "UTF-8" in line]
    assert notes == ([f"  note: {note}"] if note else [])
    assert people(home) == [person]

"""`make bench`'s own parts that need no network: percentiles, the table with its goals and marks,
the document, the made-up import files and the floor they are held against (no timings)."""

from __future__ import annotations

import pytest

from scripts.benchkit import imports, report
from scripts.benchkit.network import Spec, schema_key
from scripts.benchkit.stats import percentile, timings_summary
from scripts.benchkit.table import ROWS, cell, over, table_lines

ROW = {row.key: row for row in ROWS}


def test_percentile_is_the_nearest_rank():
    twenty = [float(n) for n in range(20, 0, -1)]
    assert percentile(twenty, 95) == 19
    assert percentile(twenty, 50) == 10
    assert percentile(twenty, 100) == 20
    assert percentile([1.0, 2.0, 3.0, 4.0], 50) == 2
    assert percentile([7.0], 95) == 7


def test_percentile_refuses_nothing_to_rank():
    with pytest.raises(ValueError, match="no values"):
        percentile([], 50)
    with pytest.raises(ValueError, match="q must be in"):
        percentile([1.0], 0)


def test_a_summary_counts_requests_per_second_of_wall_time():
    summary = timings_summary([10.0, 20.0, 30.0, 40.0], seconds=2)
    assert summary == {"p50_ms": 20.0, "p95_ms": 40.0, "requests": 4, "rps": 2.0}


def test_a_page_over_its_goal_is_marked_beside_the_figure_that_misses():
    row = ROW["page.today.8"]
    missed = {"p50_ms": 120.0, "p95_ms": 210.4, "rps": 9.54, "requests": 80, "errors": 0}
    assert cell(row, missed) == "p50 120 ms, p95 210 ms ✗, 9.5/s"
    assert over(row, missed)
    met = {**missed, "p95_ms": 150.0}
    assert cell(row, met) == "p50 120 ms, p95 150 ms, 9.5/s"
    assert not over(row, met)


def test_a_command_shows_its_time_and_memory_each_against_its_goal():
    row = ROW["cmd.types"]
    assert cell(row, {"seconds": 0.25, "peak_mb": 63.2}) == "0.25 s, 63 MB"
    assert cell(row, {"seconds": 1.04, "cpu_seconds": 0.61, "peak_mb": 512}) == (
        "1.0 s ✗, cpu 0.61 s, 512 MB ✗"
    )
    assert (
        cell(row, {"error": "tiebook types failed: boom"}) == "failed: tiebook types failed: boom"
    )
    assert over(row, {"error": "boom"})


def test_an_import_is_shown_as_a_multiple_of_its_floor():
    row = ROW["import.namesakes"]
    result = {"seconds": 2.5, "floor_seconds": 0.2, "floor_ratio": 12.5, "peak_mb": 90}
    assert cell(row, result) == "2.5 s, 12.5x floor (0.20 s) ✗, 90 MB"


def test_the_table_puts_goal_and_before_beside_each_column_and_leaves_out_rows_never_measured():
    sqlite = {"cmd.due": {"seconds": 0.4, "peak_mb": 70}}
    postgresql = {"cmd.due": {"seconds": 0.7, "peak_mb": 80}}
    lines = table_lines(
        [("SQLite", sqlite), ("PostgreSQL", postgresql)], sizes={"rows": 30_000}, markdown=True
    )
    assert lines == [
        "| figure | goal | before | SQLite | PostgreSQL |",
        "|---|---|---|---|---|",
        "| `tiebook due` | <= 0.5 s, <= 400 MB | 1.1 s | 0.40 s, 70 MB | 0.70 s ✗, 80 MB |",
    ]
    text = table_lines([("SQLite", sqlite)], sizes={}, markdown=False)
    assert text[0].split() == ["figure", "goal", "before", "SQLite"]
    assert text[1].startswith("`tiebook due`")
    assert text[1].endswith("1.1 s   0.40 s, 70 MB")


def test_the_document_shows_each_database_measured_with_its_machine():
    machine = {
        "cpu": "AMD EPYC, 2 CPUs",
        "memory": "23.4 GiB",
        "os": "Debian",
        "python": "3.11.7",
        "sqlite": "3.45.1",
        "date": "2026-01-02",
        "commit": "abc1234",
        "load": "0.5",
    }
    sizes = {"people": 100_000, "seed": 7, "rows": 30_000, "meetings": 5_000, "owners": 1}
    columns = [
        {
            "column": "postgresql",
            "sizes": sizes,
            "machine": {**machine, "postgresql": "15.20"},
            "results": {"cmd.due": {"seconds": 0.45, "peak_mb": 80}},
        },
        {"column": "sqlite", "sizes": sizes, "machine": machine, "results": {}},
    ]
    text = report.document(columns)
    assert "| figure | goal | before | SQLite | PostgreSQL |" in text
    assert "| `tiebook due` | <= 0.5 s, <= 400 MB | 1.1 s |  | 0.45 s, 80 MB |" in text
    assert "- **PostgreSQL**, 2026-01-02, commit abc1234: 100,000 people (seed 7)" in text
    assert "PostgreSQL 15.20; load average 0.5 when it started." in text


def test_rows_are_chosen_by_group_key_or_prefix():
    chosen = [row.key for row in ROWS if row.selected(["page.today", "cmd.due", "demo"])]
    assert chosen == ["page.today.1", "page.today.8", "cmd.due", "demo.build"]
    assert all(row.selected(None) for row in ROWS)


def test_the_namesakes_file_has_324_names_at_8_companies_each_row_its_own_profile(tmp_path):
    file = tmp_path / "Namesakes.csv"
    imports.namesakes(file, 2_000)
    rows = imports.linkedin_rows(file)
    assert len(rows) == 2_000
    assert len({(row[0], row[1]) for row in rows}) <= 324
    assert len({row[4] for row in rows}) == 8
    assert len({row[2] for row in rows}) == 2_000
    assert 400 < sum(1 for row in rows if row[3]) < 600  # a quarter with an email


def test_the_floor_writes_the_rows_into_a_fresh_file_and_leaves_nothing_behind(tmp_path):
    file = tmp_path / "Connections.csv"
    imports.connections(file, 50)
    rows = imports.linkedin_rows(file)
    assert len(rows) == 50
    assert all(len(row) == 7 for row in rows)
    assert imports.floor_seconds(rows, tmp_path, tries=2) > 0
    assert sorted(path.name for path in tmp_path.iterdir()) == ["Connections.csv"]


def test_a_new_migration_names_a_new_network(tmp_path):
    migrations = tmp_path / "tiebook" / "people" / "migrations"
    migrations.mkdir(parents=True)
    (migrations / "0001_initial.py").touch()
    before = schema_key(tmp_path)
    (migrations / "0002_more.py").touch()
    assert schema_key(tmp_path) != before
    assert Spec(people=5_000, seed=3, owners=2).name.startswith("s3_p5000_o2_")

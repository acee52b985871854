"""The results of a run, kept per database as JSON, and docs/benchmarks.md made from whichever
databases have been measured, side by side."""

from __future__ import annotations

import json
from pathlib import Path

from .table import OVER, ROWS, over, table_lines

COLUMNS = ("sqlite", "postgresql", "postgresql-owners")  # the document's order


def title(stored: dict) -> str:
    sizes = stored["sizes"]
    if stored["column"] == "postgresql-owners":
        return f"PostgreSQL, {sizes['owners']} owners"
    return {"sqlite": "SQLite", "postgresql": "PostgreSQL"}[stored["column"]]


def load(path: Path) -> dict | None:
    return json.loads(path.read_text()) if path.exists() else None


def save(path: Path, stored: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(stored, indent=1, sort_keys=True) + "\n")


def misses(stored: dict) -> list[str]:
    """The keys of the rows whose figure is over its goal."""
    return [row.key for row in ROWS if over(row, stored["results"].get(row.key))]


def _machine_lines(stored: dict) -> list[str]:
    machine, sizes = stored["machine"], stored["sizes"]
    owners = f"{sizes['owners']} owners of " if sizes.get("owners", 1) > 1 else ""
    lines = [
        f"- **{title(stored)}**, {machine['date']}, commit {machine['commit']}: "
        f"{owners}{sizes['people']:,} people (seed {sizes['seed']}); imports of "
        f"{sizes['rows']:,} rows.",
        f"  {machine['cpu']}; {machine['memory']}; {machine['os']}; Python {machine['python']}; "
        f"SQLite {machine['sqlite']}"
        + (f"; PostgreSQL {machine['postgresql']}" if machine.get("postgresql") else "")
        + f"; load average {machine.get('load', '?')} when it started.",
    ]
    return lines


HOW = """\
## How each figure is measured

- **The network**: `tiebook init` and `tiebook demo --people 100000 --seed 7` (about a million
  interactions), built once and cached by seed, size, owners and the latest migration of every
  app (SQLite: a data directory under `~/.cache/tiebook/bench/`; PostgreSQL: a template database
  `tiebook_bench_s7_p100000_...`). Every run measures a fresh copy (SQLite: a copied directory;
  PostgreSQL: `CREATE DATABASE ... TEMPLATE ...`), so what a command writes never spoils the
  cache. `tiebook demo` is timed when the cache is built.
- **Pages**: through the real server, `tiebook serve` (waitress, its default threads), signed
  in as a browser is. 1 client: sequential requests on one keep-alive connection after two
  warm-ups. 8 clients: 8 threads, each with its own keep-alive connection, sending the next
  request as soon as the last is answered, for a fixed number of requests or seconds. p50 and
  p95 are nearest-rank percentiles of the answered requests, /s is requests answered per second
  of wall time, cpu the server's CPU time (user and system) per answered request. The server's
  peak memory (VmHWM) is read after every page has been measured.
- **Commands**: each a whole process (start-up included): its wall time, its CPU time (user and
  system) and its peak memory, the maximum resident set (from `wait4`). On a shared machine the
  CPU times are steadier than the wall times. Search by meaning is off (`TIEBOOK_SEMANTIC=0`);
  it is optional and measured apart.
- **Imports**: each file into a fresh, empty network. The LinkedIn file has 154 names at 2,000
  companies, 30% with an email; the namesakes file 324 names (18 first by 18 last) at 8
  companies, every row its own profile URL, a quarter with an email. The calendar has 5,000
  meetings with one to three of the imported people each. **Floor**: a bare `sqlite3`
  `executemany` of the same rows into one plain table of a fresh file, in one transaction (the
  CSV already read; the best of three); the import is shown as a multiple of it.
- **In-process search** (`scripts/search_timing.py`): `find` on 8 questions and the People
  search box on 8 queries, 10 times each, without the web server.
"""


def document(columns: list[dict]) -> str:
    """docs/benchmarks.md from the stored results, in the order of COLUMNS."""
    columns = sorted(columns, key=lambda stored: COLUMNS.index(stored["column"]))
    pairs = [(title(stored), stored["results"]) for stored in columns]
    lines = [
        "# Benchmarks",
        "",
        "What `make bench` measured at 100,000 people, against the goals of the speed work.",
        "**before** holds the figures measured on SQLite when that work began (the same kind of",
        "2-core machine); the other columns are the latest run on each database, on the machine",
        f"described below. {OVER} marks a figure over its goal. Written by `scripts/bench.py`;",
        "[Running the tests](development.md#benchmarks) says how to run it.",
        "",
        *table_lines(pairs, sizes=columns[0]["sizes"], markdown=True),
        "",
        "## Machines",
        "",
    ]
    for stored in columns:
        lines += _machine_lines(stored)
    return "\n".join(lines) + "\n\n" + HOW

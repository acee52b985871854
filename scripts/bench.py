"""Measure tiebook at the size it is built for and print the table of figures against their goals.

The 100,000-person demo network is built once and cached (by seed, size, owners and schema); each
run measures a copy of it: the pages through the real server with 1 and 8 clients, the commands
as whole processes with their peak memory, the imports against a bare SQLite floor. The table is
printed, and a run at the default sizes also writes it to docs/benchmarks.md beside the other
database's latest figures.

Run it with `make bench` (SQLite) or with TIEBOOK_DATABASE_URL set (PostgreSQL); `--quick` tries
the harness at small sizes, `--only pages,cmd.due` measures some rows.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from benchkit import imports, machine, pages, procs, report
from benchkit.network import ROOT, PostgresNetwork, Spec, SqliteNetwork, cache_root, owner_name
from benchkit.table import COMMANDS, PAGES, ROWS, cell, label, table_lines

DEFAULTS = {"people": 100_000, "seed": 7, "rows": 30_000, "meetings": 5_000}
QUICK = {"people": 5_000, "rows": 3_000, "meetings": 500}
RESULTS = ROOT / "docs" / "benchmarks"
DOCUMENT = ROOT / "docs" / "benchmarks.md"


def say(text: str) -> None:
    print(text, flush=True)


def arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, to try the harness")
    parser.add_argument(
        "--only",
        metavar="ROWS",
        help="rows to measure, by group (pages, "
        "search, commands, demo, imports), key (cmd.due) or prefix (page.today)",
    )
    parser.add_argument("--people", type=int, help="people in the network (per owner)")
    parser.add_argument("--seed", type=int, help="the demo's seed")
    parser.add_argument("--rows", type=int, help="rows of each LinkedIn file")
    parser.add_argument("--meetings", type=int, help="meetings in the calendar")
    parser.add_argument(
        "--owners",
        type=int,
        default=1,
        help="PostgreSQL: this many owners of the network's size in one database",
    )
    parser.add_argument(
        "--requests", type=int, help="requests per page by 1 client (each of 8 makes half as many)"
    )
    parser.add_argument("--seconds", type=float, help="at most this long per page and client count")
    parser.add_argument("--cache", metavar="DIR", help="where SQLite networks are cached")
    parser.add_argument("--rebuild", action="store_true", help="build the network again")
    parser.add_argument(
        "--render", action="store_true", help="only write docs/benchmarks.md from the last results"
    )
    args = parser.parse_args(argv)
    sizes = {**DEFAULTS, **(QUICK if args.quick else {})}
    for name in sizes:
        if getattr(args, name) is None:
            setattr(args, name, sizes[name])
    args.full = {name: getattr(args, name) for name in DEFAULTS} == DEFAULTS
    args.requests = args.requests or (5 if args.quick else 20)
    args.seconds = args.seconds or (10.0 if args.quick else 40.0)
    args.only = [word.strip() for word in args.only.split(",")] if args.only else None
    return args


class Run:
    """One run's results, kept as they come and shown as they come."""

    def __init__(self, args: argparse.Namespace, stored: dict | None) -> None:
        self.args = args
        self.results = dict(stored["results"]) if stored else {}
        self.rows = {row.key: row for row in ROWS}

    def wanted(self, key: str) -> bool:
        return self.rows[key].selected(self.args.only)

    def record(self, key: str, result: dict) -> None:
        self.results[key] = result
        sizes = {"rows": self.args.rows, "meetings": self.args.meetings}
        say(f"  {label(self.rows[key], sizes):<58} {cell(self.rows[key], result)}")

    def attempt(self, key: str, measure) -> None:
        try:
            self.record(key, measure())
        except procs.BenchError as error:
            self.record(key, {"error": str(error)})


def commands(run: Run, env: dict, scratch: Path) -> None:
    for key, _, args, _ in COMMANDS:
        if run.wanted(f"cmd.{key}"):
            arguments_ = [arg.format(out=scratch) for arg in args]
            run.attempt(f"cmd.{key}", lambda a=arguments_: procs.run(a, env=env).figures)
            for made in scratch.iterdir():  # an export of 100,000 people is large
                made.unlink()


def search(run: Run, env: dict) -> None:
    if not (run.wanted("search.find") or run.wanted("search.people")):
        return
    script = Path(__file__).with_name("search_timing.py")
    done = subprocess.run(
        [sys.executable, str(script), "--json"], env=env, capture_output=True, text=True
    )
    if done.returncode:
        reason = (done.stderr.strip().splitlines() or ["no reason"])[-1]
        for key in ("search.find", "search.people"):
            run.record(key, {"error": f"search_timing.py failed: {reason}"})
        return
    figures = json.loads(done.stdout)
    run.record("search.find", figures["find"])
    run.record("search.people", figures["people"])


def web_pages(run: Run, env: dict, owners: int) -> None:
    keys = [f"page.{page.key}.{n}" for page in PAGES for n in (1, 8)]
    if not any(run.wanted(key) for key in [*keys, "page.server"]):
        return
    args = run.args
    with pages.serving(env, username=owner_name(1) if owners > 1 else None) as server:
        for page in PAGES:
            if server.stopped():
                break
            if run.wanted(f"page.{page.key}.1"):
                run.record(
                    f"page.{page.key}.1",
                    pages.one_client(
                        server, page.path, requests=args.requests, seconds=args.seconds
                    ),
                )
            if run.wanted(f"page.{page.key}.8"):
                per_client = max(1, args.requests // 2)
                run.record(
                    f"page.{page.key}.8",
                    pages.many_clients(
                        server, page.path, clients=8, requests=per_client, seconds=args.seconds
                    ),
                )
        stopped = server.stopped()
        if stopped:
            run.record("page.server", {"error": stopped})
        else:
            run.record("page.server", {"peak_mb": round(server.peak_memory_mb(), 1)})


def network_rows(run: Run, network, spec: Spec, scratch: Path) -> None:
    groups = ("pages", "search", "commands", "demo")
    if not any(row.selected(run.args.only) for row in ROWS if row.group in groups):
        return
    if run.args.rebuild:
        network.drop()
    owners = f"{spec.owners} owners of " if spec.owners > 1 else ""
    say(f"The network: {owners}{spec.people:,} people, seed {spec.seed}")
    meta = network.ensure(say)
    if run.wanted("demo.build"):
        if "seconds" in meta:
            built = {"seconds": meta["seconds"], "peak_mb": meta["peak_mb"]}
            if spec.owners > 1:
                built["note"] = f"each owner; {meta['total_seconds']:.0f} s for all {spec.owners}"
            run.record("demo.build", built)
        else:
            run.record("demo.build", {"note": "built elsewhere, not timed"})
    with network.copy() as extra:
        env = {**os.environ, **extra}
        commands(run, env, scratch)
        search(run, env)
        web_pages(run, env, spec.owners)
        if run.wanted("cmd.reindex"):  # last: it rewrites the index
            run.attempt("cmd.reindex", lambda: procs.run(["reindex"], env=env).figures)


def write_document() -> None:
    """docs/benchmarks.md from the latest results of every database measured at full size."""
    columns = [report.load(RESULTS / f"{name}.json") for name in report.COLUMNS]
    DOCUMENT.write_text(report.document([stored for stored in columns if stored]))
    say(f"Wrote {DOCUMENT.relative_to(ROOT)}.")


def main(argv: list[str] | None = None) -> int:
    # Search by meaning is an optional extra, measured apart; these are tiebook's own figures.
    os.environ["TIEBOOK_SEMANTIC"] = "0"
    args = arguments(argv)
    if args.render:
        write_document()
        return 0
    url = os.environ.get("TIEBOOK_DATABASE_URL", "").strip()
    postgresql = url.startswith(("postgres://", "postgresql://"))
    if args.owners > 1 and not postgresql:
        sys.exit("--owners needs PostgreSQL: set TIEBOOK_DATABASE_URL.")
    spec = Spec(people=args.people, seed=args.seed, owners=args.owners)
    network = (
        PostgresNetwork(spec, url) if postgresql else SqliteNetwork(spec, cache_root(args.cache))
    )
    column = (
        "sqlite" if not postgresql else "postgresql" if args.owners == 1 else "postgresql-owners"
    )
    sizes = {
        "people": args.people,
        "seed": args.seed,
        "rows": args.rows,
        "meetings": args.meetings,
        "owners": args.owners,
    }
    if args.full:
        path = RESULTS / f"{column}.json"
    else:
        path = cache_root(args.cache) / "results" / f"{column}-{spec.name}-r{args.rows}.json"
    stored = report.load(path)
    if stored and (not args.only or stored["sizes"] != sizes):
        stored = None  # a whole run starts afresh; --only adds to the last run of the same sizes
    version = network.server_version() if postgresql else None
    run = Run(args, stored)
    described = machine.describe(ROOT, postgresql=version)  # the load before the run adds its own
    with tempfile.TemporaryDirectory(prefix="tiebook-bench-") as scratch:
        try:
            if args.owners == 1 and any(
                row.selected(args.only) for row in ROWS if row.group == "imports"
            ):
                say(f"Imports ({args.rows:,} rows), each into an empty network")
                imports.measure(
                    network.empty,
                    rows=args.rows,
                    meetings_count=args.meetings,
                    scratch=Path(scratch),
                    wanted=run.wanted,
                    record=run.record,
                )
            outputs = Path(scratch) / "out"
            outputs.mkdir()
            network_rows(run, network, spec, outputs)
        except procs.BenchError as error:  # what was measured until then is still kept
            say(f"Stopped: {error}")
    stored = {"column": column, "sizes": sizes, "machine": described, "results": run.results}
    report.save(path, stored)
    say("")
    for line in table_lines([(report.title(stored), run.results)], sizes=sizes, markdown=False):
        say(line)
    missed = report.misses(stored)
    say(f"\n{len(missed)} figures over their goal." if missed else "\nEvery figure meets its goal.")
    if args.full:
        write_document()
        say(f"Kept the results in {path.relative_to(ROOT)}.")
    else:
        say(f"Results in {path} (docs/benchmarks.md is written by runs at the default sizes).")
    return 0


if __name__ == "__main__":
    sys.exit(main())

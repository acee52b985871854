"""Timings a user would feel: importing 30,000 LinkedIn connections, again, a calendar of
5,000 meetings with them, and undoing the connections; then the 100,000-person demo (with its
events, opportunities, shares, references and credentials), its pages, due list and health.

Each step runs the real `tiebook` command in a fresh data directory and prints its wall time.
Run it with `make bench` (SQLite) or with TIEBOOK_DATABASE_URL set for PostgreSQL.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FIRST = [
    "Ada",
    "Grace",
    "Alan",
    "Edsger",
    "Barbara",
    "Donald",
    "Frances",
    "Ken",
    "Margaret",
    "John",
    "Radia",
    "Tim",
    "Hedy",
    "Linus",
]
LAST = [
    "Lovelace",
    "Hopper",
    "Turing",
    "Dijkstra",
    "Liskov",
    "Knuth",
    "Allen",
    "Thompson",
    "Hamilton",
    "Backus",
    "Perlman",
]
COMPANIES = [f"Company {n}" for n in range(2000)]
HEADER = [
    "First Name",
    "Last Name",
    "URL",
    "Email Address",
    "Company",
    "Position",
    "Connected On",
]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def connections(path: Path, rows: int, seed: int = 7) -> None:
    """A Connections.csv as LinkedIn writes it: notes preamble, BOM, CRLF, some emails."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        handle.write('Notes:\r\n"Some email addresses may be missing."\r\n\r\n')
        out = csv.writer(handle, lineterminator="\r\n")
        out.writerow(
            [
                "First Name",
                "Last Name",
                "URL",
                "Email Address",
                "Company",
                "Position",
                "Connected On",
            ]
        )
        for n in range(rows):
            first, last = rng.choice(FIRST), rng.choice(LAST)
            email = f"{first}.{last}.{n}@example.org".lower() if rng.random() < 0.3 else ""
            day = f"{rng.randint(1, 28):02d} {rng.choice(MONTHS)} {rng.randint(2008, 2026)}"
            url = f"https://www.linkedin.com/in/{first}-{last}-{n}".lower()
            out.writerow([first, last, url, email, rng.choice(COMPANIES), "Engineer", day])


def meetings(path: Path, connections_file: Path, count: int, seed: int = 11) -> None:
    """A calendar of `count` meetings in the last two years, each with one to three of the
    connections who have an email, and now and then an address nobody has yet."""
    with connections_file.open(encoding="utf-8-sig", newline="") as handle:
        lines = handle.read().split("\r\n", 3)[3]
    people = [row for row in csv.DictReader(lines.splitlines()) if row["Email Address"]]
    rng, today = random.Random(seed), dt.date.today()
    events = []
    for n in range(count):
        day = today - dt.timedelta(days=rng.randint(1, 700))
        guests = [
            f"ATTENDEE;CN={row['First Name']} {row['Last Name']}:mailto:{row['Email Address']}"
            for row in rng.sample(people, rng.randint(1, 3))
        ]
        if rng.random() < 0.1:
            guests.append(f"ATTENDEE;CN=Guest {n}:mailto:guest.{n}@example.net")
        events.append(
            f"BEGIN:VEVENT\r\nUID:bench-{n}\r\nDTSTART:{day:%Y%m%d}T090000Z\r\n"
            f"SUMMARY:Meeting {n}\r\nORGANIZER:mailto:me@example.com\r\n"
            + "\r\n".join(guests)
            + "\r\nEND:VEVENT\r\n"
        )
    path.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//tiebook//bench//EN\r\n"
        + "".join(events)
        + "END:VCALENDAR\r\n",
        encoding="utf-8",
    )


def timed(label: str, *args: str, env: dict) -> float:
    start = time.perf_counter()
    done = subprocess.run(["tiebook", *args], env=env, capture_output=True, text=True)
    took = time.perf_counter() - start
    if done.returncode:
        sys.exit(f"{label} failed: {done.stderr.strip()}")
    first = done.stdout.splitlines()[0] if done.stdout else ""
    print(f"{label:<28} {took:6.1f} s   {first[:90]}")
    return took


def main() -> None:
    # Search by meaning is an optional extra; these figures are tiebook's own (words only).
    os.environ["TIEBOOK_SEMANTIC"] = "0"
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=30_000)
    parser.add_argument("--demo", type=int, default=100_000, help="people in the demo (0: none)")
    args = parser.parse_args()
    imports(args.rows)
    if args.demo:
        demo(args.demo)


def demo(people: int) -> None:
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "TIEBOOK_HOME": home}
        timed("tiebook init", "init", env=env)
        timed(f"demo of {people:,} people", "demo", "--people", str(people), env=env)
        timed("tiebook due --json", "due", "--json", env=env)
        # Search by words: the figures the issue sets (search by meaning is measured apart).
        words = {**env, "TIEBOOK_SEMANTIC": "0"}
        timed("tiebook find", "find", "kubernetes security audit", env=words)
        timed("tiebook reindex", "reindex", env=words)
        timed("tiebook health", "health", env=env)
        timed("tiebook refer (largest org)", "refer", "Harbor Works", env=env)
        pages = ["/", "/people/", "/people/?q=garcia", "/events/", "/opportunities/"]
        pages += ["/credentials/", "/find/?q=kubernetes+security+audit", "/insights/"]
        pages += ["/insights/refer/?org=Harbor+Works"]
        script = Path(__file__).with_name("page_timing.py")
        subprocess.run(
            [sys.executable, str(script), "--times", "10", *pages], env=words, check=True
        )
        script = Path(__file__).with_name("search_timing.py")
        subprocess.run([sys.executable, str(script)], env=words, check=True)


def imports(rows: int) -> None:
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "TIEBOOK_HOME": home}
        file = Path(home) / "Connections.csv"
        connections(file, rows)
        timed("tiebook init", "init", env=env)
        timed(f"import {rows:,} connections", "import", str(file), env=env)
        timed("import them again", "import", str(file), env=env)
        calendar = Path(home) / "calendar.ics"
        meetings(calendar, file, 5_000)
        timed("tiebook me --email", "me", "--email", "me@example.com", env=env)
        timed("import 5,000 meetings", "import", str(calendar), env=env)
        timed("undo the meetings", "undo-import", "3", env=env)
        timed("undo the first import", "undo-import", "1", env=env)


if __name__ == "__main__":
    main()

"""The import rows: LinkedIn files and a calendar made up for the benchmark, the imports timed as
whole commands, and the floor they are held against (a bare executemany of the same rows)."""

from __future__ import annotations

import csv
import datetime as dt
import os
import random
import sqlite3
import time
from pathlib import Path

from . import procs

FIRST = [
    "Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken",
    "Margaret", "John", "Radia", "Tim", "Hedy", "Linus",
]  # fmt: skip
LAST = [
    "Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "Thompson",
    "Hamilton", "Backus", "Perlman",
]  # fmt: skip
COMPANIES = [f"Company {n}" for n in range(2000)]
# Namesakes: 18 first names by 18 last names (324 people's names) at 8 companies.
NAMESAKE_FIRST = [
    "Maria", "Jose", "Ana", "Juan", "Wei", "Li", "Mohammed", "Fatima", "David",
    "Sarah", "Michael", "Laura", "Carlos", "Elena", "James", "Anna", "Daniel", "Sofia",
]  # fmt: skip
NAMESAKE_LAST = [
    "Garcia", "Smith", "Wang", "Kim", "Nguyen", "Muller", "Rossi", "Silva", "Khan",
    "Lopez", "Brown", "Martin", "Cohen", "Singh", "Novak", "Jones", "Ivanova", "Okafor",
]  # fmt: skip
NAMESAKE_COMPANIES = [f"Namesake Works {n}" for n in range(8)]
HEADER = [
    "First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On",
]  # fmt: skip
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def _write_linkedin(path: Path, rows) -> None:
    """A Connections.csv as LinkedIn writes it: notes preamble, BOM, CRLF."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        handle.write('Notes:\r\n"Some email addresses may be missing."\r\n\r\n')
        out = csv.writer(handle, lineterminator="\r\n")
        out.writerow(HEADER)
        out.writerows(rows)


def _day(rng: random.Random) -> str:
    return f"{rng.randint(1, 28):02d} {rng.choice(MONTHS)} {rng.randint(2008, 2026)}"


def connections(path: Path, rows: int, seed: int = 7) -> None:
    """Connections from 154 names at 2,000 companies, 30% with an email."""
    rng = random.Random(seed)

    def made():
        for n in range(rows):
            first, last = rng.choice(FIRST), rng.choice(LAST)
            email = f"{first}.{last}.{n}@example.org".lower() if rng.random() < 0.3 else ""
            url = f"https://www.linkedin.com/in/{first}-{last}-{n}".lower()
            yield [first, last, url, email, rng.choice(COMPANIES), "Engineer", _day(rng)]

    _write_linkedin(path, made())


def namesakes(path: Path, rows: int, seed: int = 13) -> None:
    """Many people of the same name at the same few companies, each their own profile: 324
    names at 8 companies, every row its own profile URL, a quarter with an email."""
    rng = random.Random(seed)

    def made():
        for n in range(rows):
            first, last = rng.choice(NAMESAKE_FIRST), rng.choice(NAMESAKE_LAST)
            email = f"{first}.{last}.{n}@example.com".lower() if rng.random() < 0.25 else ""
            url = f"https://www.linkedin.com/in/{first}-{last}-{n:x}".lower()
            company = rng.choice(NAMESAKE_COMPANIES)
            yield [first, last, url, email, company, "Analyst", _day(rng)]

    _write_linkedin(path, made())


def linkedin_rows(path: Path) -> list[tuple[str, ...]]:
    """The data rows of a file `connections` or `namesakes` wrote."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        text = handle.read().split("\r\n", 3)[3]
    reader = csv.reader(text.splitlines())
    next(reader)
    return [tuple(row) for row in reader]


def meetings(path: Path, connections_file: Path, count: int, seed: int = 11) -> None:
    """A calendar of `count` meetings in the last two years, each with one to three of the
    connections who have an email, and now and then an address nobody has yet."""
    people = [row for row in linkedin_rows(connections_file) if row[3]]
    rng, today = random.Random(seed), dt.date.today()
    events = []
    for n in range(count):
        day = today - dt.timedelta(days=rng.randint(1, 700))
        guests = [
            f"ATTENDEE;CN={row[0]} {row[1]}:mailto:{row[3]}"
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


def floor_seconds(rows: list[tuple[str, ...]], directory: Path, *, tries: int = 3) -> float:
    """The least an import of these rows could take: a bare `executemany` into one plain table
    of a fresh SQLite file, in one transaction (the CSV already read); the best of `tries`."""
    best = float("inf")
    for _ in range(tries):
        path = directory / "floor.sqlite3"
        path.unlink(missing_ok=True)
        start = time.perf_counter()
        connection = sqlite3.connect(path)
        connection.execute(
            "CREATE TABLE connection (first_name TEXT, last_name TEXT, url TEXT, email TEXT, "
            "company TEXT, position TEXT, connected_on TEXT)"
        )
        with connection:
            connection.executemany("INSERT INTO connection VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
        connection.close()
        best = min(best, time.perf_counter() - start)
        path.unlink()
    return best


def _against_floor(done: procs.Finished, floor: float) -> dict:
    return {
        **done.figures,
        "floor_seconds": round(floor, 4),
        "floor_ratio": round(done.seconds / floor, 1),
    }


def measure(env_of, *, rows: int, meetings_count: int, scratch: Path, wanted, record) -> None:
    """The import rows, each in a fresh empty network: `env_of()` gives a context manager with
    the environment variables that reach one, `wanted(key)` says whether a row is asked for,
    `record(key, result)` keeps its figures."""
    keys = (
        "import.linkedin",
        "import.again",
        "import.meetings",
        "import.undo_meetings",
        "import.undo",
    )
    if any(wanted(key) for key in keys):
        file = scratch / "Connections.csv"
        connections(file, rows)
        floor = floor_seconds(linkedin_rows(file), scratch)
        with env_of() as extra:
            env = {**os.environ, **extra}
            procs.run(["init"], env=env)
            done = procs.run(["import", str(file)], env=env)
            record("import.linkedin", _against_floor(done, floor))
            record("import.again", procs.run(["import", str(file)], env=env).figures)
            calendar = scratch / "calendar.ics"
            meetings(calendar, file, meetings_count)
            procs.run(["me", "--email", "me@example.com"], env=env)
            record("import.meetings", procs.run(["import", str(calendar)], env=env).figures)
            record("import.undo_meetings", procs.run(["undo-import", "3"], env=env).figures)
            record("import.undo", procs.run(["undo-import", "1"], env=env).figures)
    if wanted("import.namesakes"):
        file = scratch / "Namesakes.csv"
        namesakes(file, rows)
        floor = floor_seconds(linkedin_rows(file), scratch)
        with env_of() as extra:
            env = {**os.environ, **extra}
            procs.run(["init"], env=env)
            record(
                "import.namesakes", _against_floor(procs.run(["import", str(file)], env=env), floor)
            )

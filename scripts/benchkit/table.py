"""The rows `make bench` measures, each with its goal and its figure from before the speed work,
and the table that shows them side by side (in the terminal and in docs/benchmarks.md)."""

from __future__ import annotations

from dataclasses import dataclass

MEMORY_MB = 400  # the goal for the peak memory of every command and of the web server
PAGE_P95_MS = 150  # the goal for every page's 95th percentile with 8 clients
OVER = "✗"  # the mark beside a figure over its goal


@dataclass(frozen=True)
class Goal:
    metric: str  # a key of a row's result: p95_ms, seconds, peak_mb, floor_ratio
    limit: float

    def met(self, value: float) -> bool:
        return value <= self.limit

    @property
    def text(self) -> str:
        limit = f"{self.limit:g}"
        return {
            "p95_ms": f"p95 <= {limit} ms",
            "seconds": f"<= {limit} s",
            "peak_mb": f"<= {limit} MB",
            "floor_ratio": f"<= {limit}x floor",
        }[self.metric]


@dataclass(frozen=True)
class Row:
    key: str  # "page.today.8", "cmd.due": what --only selects (by key, prefix or group)
    label: str
    group: str  # pages, search, commands, demo, imports
    goals: tuple[Goal, ...] = ()

    def selected(self, only: list[str] | None) -> bool:
        if not only:
            return True
        return any(
            word in (self.group, self.key) or self.key.startswith(word + ".") for word in only
        )


@dataclass(frozen=True)
class Page:
    key: str
    name: str
    path: str


PAGES = (
    Page("today", "Today", "/"),
    Page("people", "People", "/people/"),
    Page("people_search", "People search", "/people/?q=garcia"),
    Page("find", "Who can help", "/find/?q=kubernetes+security+audit"),
    Page("insights", "Insights", "/insights/"),
    Page("events", "Events", "/events/"),
    Page("opportunities", "Opportunities", "/opportunities/"),
    Page("credentials", "Credentials", "/credentials/"),
    Page("refer", "Who could refer me", "/insights/refer/?org=Harbor+Works"),
)

# The commands measured on the network, as whole processes: key, label, arguments ("{out}" is a
# scratch directory), and the goal for the wall time when the issue sets one.
COMMANDS = (
    ("types", "`tiebook types` (a small command)", ("types",), 0.3),
    ("due", "`tiebook due`", ("due",), 0.5),
    ("list", "`tiebook list --json --limit 50`", ("list", "--json", "--limit", "50"), 0.5),
    ("export", "`tiebook export json`", ("export", "json", "{out}/people.json"), 15),
    ("backup", "`tiebook backup`", ("backup", "{out}/backup.json"), 20),
    ("find", "`tiebook find` (words)", ("find", "kubernetes security audit"), None),
    ("health", "`tiebook health`", ("health",), None),
    ("refer", "`tiebook refer` (largest organisation)", ("refer", "Harbor Works"), None),
)
MEMORY = Goal("peak_mb", MEMORY_MB)


def _rows() -> tuple[Row, ...]:
    rows = []
    for page in PAGES:
        where = f"{page.name} `{page.path}`"
        rows.append(Row(f"page.{page.key}.1", f"{where}, 1 client", "pages"))
        goal = (Goal("p95_ms", PAGE_P95_MS),)
        rows.append(Row(f"page.{page.key}.8", f"{where}, 8 clients", "pages", goal))
    rows.append(
        Row("page.server", "web server's peak memory, after every page", "pages", (MEMORY,))
    )
    rows.append(Row("search.find", "who can help, in-process (8 questions)", "search"))
    rows.append(Row("search.people", "People search box, in-process (8 queries)", "search"))
    for key, label, _, limit in COMMANDS:
        goals = (Goal("seconds", limit), MEMORY) if limit else (MEMORY,)
        rows.append(Row(f"cmd.{key}", label, "commands", goals))
    rows.append(Row("cmd.reindex", "`tiebook reindex`", "commands", (MEMORY,)))
    rows.append(Row("demo.build", "`tiebook demo` (building the network)", "demo", (MEMORY,)))
    import_goals = (Goal("seconds", 3), Goal("floor_ratio", 10), MEMORY)
    rows += [
        Row("import.linkedin", "LinkedIn import, {rows} rows", "imports", import_goals),
        Row("import.again", "the same file again", "imports", (MEMORY,)),
        Row("import.meetings", "calendar of {meetings} meetings with them", "imports", (MEMORY,)),
        Row("import.undo_meetings", "undo the meetings", "imports", (MEMORY,)),
        Row("import.undo", "undo the LinkedIn import", "imports", (MEMORY,)),
        Row(
            "import.namesakes",
            "LinkedIn import, {rows} rows of namesakes",
            "imports",
            import_goals,
        ),
    ]
    return tuple(rows)


ROWS = _rows()

# BEFORE: the figures of the speed issue, measured on SQLite at 100,000 people on a 2-core machine
# when the work on speed began. They are the "before" column and are never re-measured.
BEFORE = {
    "page.today.1": "p50 515 ms, p95 631 ms",
    "page.today.8": "p50 3.7 s, p95 5.2 s, 2.1/s",
    "page.people.1": "p50 247 ms, p95 337 ms",
    "page.people.8": "p95 2.2 s, 5.3/s",
    "page.people_search.8": "p95 3.8 s",
    "cmd.types": "0.9-1.1 s",
    "cmd.due": "1.1 s",
    "cmd.list": "1.6 s",
    "cmd.export": "194 s",
    "cmd.backup": "87 s, 494 MB",
    "import.linkedin": "5.5-6 s",
    "import.namesakes": "11.5-13.5 s, 37-47x floor",
}


def ms(value: float) -> str:
    if value >= 1000:
        return f"{value / 1000:.1f} s"
    return f"{value:.1f} ms" if value < 10 else f"{value:.0f} ms"


def secs(value: float) -> str:
    if value < 1:
        return f"{value:.2f} s"
    return f"{value:.1f} s" if value < 100 else f"{value:.0f} s"


FORMATS = (  # the order a cell shows a result's parts in, and how
    ("p50_ms", lambda v: f"p50 {ms(v)}"),
    ("p95_ms", lambda v: f"p95 {ms(v)}"),
    ("rps", lambda v: f"{v:.1f}/s"),
    ("cpu_ms", lambda v: f"cpu {ms(v)}"),
    ("seconds", secs),
    ("cpu_seconds", lambda v: f"cpu {secs(v)}"),
    ("floor_ratio", lambda v: f"{v:.1f}x floor"),
    ("peak_mb", lambda v: f"{v:.0f} MB"),
    ("errors", lambda v: f"{v:g} errors"),
)


def cell(row: Row, result: dict | None) -> str:
    """A result as the table shows it, with the mark beside each part over its goal."""
    if not result:
        return ""
    if "error" in result:
        return f"failed: {result['error']}"
    limits = {goal.metric: goal for goal in row.goals}
    parts = []
    for metric, show in FORMATS:
        value = result.get(metric)
        if value is None or (metric == "errors" and not value):
            continue
        text = show(value)
        if metric == "floor_ratio" and "floor_seconds" in result:
            text += f" ({secs(result['floor_seconds'])})"
        goal = limits.get(metric)
        if goal and not goal.met(value):
            text += f" {OVER}"
        parts.append(text)
    if result.get("note"):
        parts.append(result["note"])
    return ", ".join(parts)


def over(row: Row, result: dict | None) -> bool:
    """Whether a result misses one of its row's goals (or failed)."""
    if not result:
        return False
    if "error" in result or result.get("errors"):
        return True
    return any(goal.metric in result and not goal.met(result[goal.metric]) for goal in row.goals)


def label(row: Row, sizes: dict) -> str:
    return row.label.format(
        rows=f"{sizes.get('rows', 0):,}", meetings=f"{sizes.get('meetings', 0):,}"
    )


def table_lines(columns: list[tuple[str, dict]], *, sizes: dict, markdown: bool) -> list[str]:
    """The table: figure, goal, before, then one column per (title, results) pair, in the rows'
    order; a row none of the columns measured is left out."""
    head = ["figure", "goal", "before", *(title for title, _ in columns)]
    body = []
    for row in ROWS:
        cells = [cell(row, results.get(row.key)) for _, results in columns]
        if not any(cells):
            continue
        goal = ", ".join(goal.text for goal in row.goals)
        body.append([label(row, sizes), goal, BEFORE.get(row.key, ""), *cells])
    if markdown:
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        return lines + ["| " + " | ".join(line) + " |" for line in body]
    widths = [max(len(line[n]) for line in [head, *body]) for n in range(len(head))]
    return [
        "  ".join(text.ljust(width) for text, width in zip(line, widths, strict=True)).rstrip()
        for line in [head, *body]
    ]

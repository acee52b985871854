"""Counts the database keeps, so that pages read them instead of counting 100,000 people.

- people_due_day: per owner and due date, how many active people with a rhythm fall due that
  day. Who is due by a day, and who is overdue, is then a sum over at most a few thousand days.
- people_tally: per owner, how many people are active (not archived), and a version that moves
  whenever a person is added, deleted, archived or brought back, or a type is given or taken
  (the counts per type are kept until it moves).

Triggers keep both, so every writer (the services, imports, undo, merge, restore, the demo) keeps
them right without knowing about them. On PostgreSQL they run once per statement over its
changed rows, so a bulk write touches each day's row and the owner's tally once, not per person.
"""

from django.db import migrations

_DUE = "archived_at IS NULL AND followup_interval_days IS NOT NULL AND next_due_on IS NOT NULL"


def _due(row: str) -> str:
    return " AND ".join(f"{row}.{term}" for term in _DUE.split(" AND "))


# SQLite: row triggers. `active` is 1 or 0: whether the row counts as an active person.
_SQLITE_DAY_ADD = (
    "INSERT INTO people_due_day (owner_id, day, people) "
    "SELECT {row}.owner_id, {row}.next_due_on, 1 WHERE {due} "
    "ON CONFLICT (owner_id, day) DO UPDATE SET people = people + 1;"
)
_SQLITE_DAY_REMOVE = (
    "UPDATE people_due_day SET people = people - 1 "
    "WHERE owner_id = {row}.owner_id AND day = {row}.next_due_on AND {due};"
)
_SQLITE_TALLY = (
    "INSERT INTO people_tally (owner_id, active, version) VALUES ({row}.owner_id, {active}, 1) "
    "ON CONFLICT (owner_id) DO UPDATE SET active = active + {active}, version = version + 1;"
)


def _sqlite() -> list[str]:
    add_new = _SQLITE_DAY_ADD.format(row="new", due=_due("new"))
    remove_old = _SQLITE_DAY_REMOVE.format(row="old", due=_due("old"))
    return [
        "CREATE TABLE people_due_day (owner_id integer NOT NULL, day date NOT NULL, "
        "people integer NOT NULL, PRIMARY KEY (owner_id, day)) WITHOUT ROWID",
        "CREATE TABLE people_tally (owner_id integer PRIMARY KEY, active integer NOT NULL, "
        "version integer NOT NULL)",
        "CREATE TRIGGER people_kept_added AFTER INSERT ON people_person BEGIN "
        + add_new
        + _SQLITE_TALLY.format(row="new", active="(new.archived_at IS NULL)")
        + " END",
        "CREATE TRIGGER people_kept_gone AFTER DELETE ON people_person BEGIN "
        + remove_old
        + _SQLITE_TALLY.format(row="old", active="-(old.archived_at IS NULL)")
        + " END",
        "CREATE TRIGGER people_kept_due_moved "
        "AFTER UPDATE OF next_due_on, archived_at, followup_interval_days ON people_person "
        "WHEN old.next_due_on IS NOT new.next_due_on "
        "OR (old.archived_at IS NULL) <> (new.archived_at IS NULL) "
        "OR (old.followup_interval_days IS NULL) <> (new.followup_interval_days IS NULL) "
        f"BEGIN {remove_old} {add_new} END",
        "CREATE TRIGGER people_kept_archived AFTER UPDATE OF archived_at ON people_person "
        "WHEN (old.archived_at IS NULL) <> (new.archived_at IS NULL) BEGIN "
        + _SQLITE_TALLY.format(
            row="new", active="(new.archived_at IS NULL) - (old.archived_at IS NULL)"
        )
        + " END",
        "CREATE TRIGGER people_kept_typed AFTER INSERT ON people_persontype BEGIN "
        + _SQLITE_TALLY.format(row="new", active=0)
        + " END",
        "CREATE TRIGGER people_kept_untyped AFTER DELETE ON people_persontype BEGIN "
        + _SQLITE_TALLY.format(row="old", active=0)
        + " END",
        "CREATE TRIGGER people_kept_retyped AFTER UPDATE ON people_persontype BEGIN "
        + _SQLITE_TALLY.format(row="new", active=0)
        + " END",
    ]


# PostgreSQL: statement triggers over the transition tables old_rows and new_rows.
_PG_DAYS = (
    "INSERT INTO people_due_day AS kept (owner_id, day, people) "
    "SELECT owner_id, day, SUM(n) FROM ({changes}) AS changes GROUP BY owner_id, day "
    "HAVING SUM(n) <> 0 "
    "ON CONFLICT (owner_id, day) DO UPDATE SET people = kept.people + EXCLUDED.people;"
)
# `changes` gives (owner_id, active): each row changed, and how it moves the active count.
_PG_TALLY = (
    "INSERT INTO people_tally AS kept (owner_id, active, version) "
    "SELECT owner_id, SUM(active), 1 FROM ({changes}) AS changes GROUP BY owner_id "
    "ON CONFLICT (owner_id) DO UPDATE "
    "SET active = kept.active + EXCLUDED.active, version = kept.version + 1;"
)


def _pg_days(table: str, n: int) -> str:
    return f"SELECT owner_id, next_due_on AS day, {n} AS n FROM {table} WHERE {_DUE}"


def _pg_function(name: str, body: str) -> str:
    return (
        f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"{body} RETURN NULL; END $$"
    )


_PG_FUNCTIONS = {
    "people_kept_added": _PG_DAYS.format(changes=_pg_days("new_rows", 1))
    + _PG_TALLY.format(
        changes="SELECT owner_id, (archived_at IS NULL)::int AS active FROM new_rows"
    ),
    "people_kept_gone": _PG_DAYS.format(changes=_pg_days("old_rows", -1))
    + _PG_TALLY.format(
        changes="SELECT owner_id, -(archived_at IS NULL)::int AS active FROM old_rows"
    ),
    "people_kept_edited": _PG_DAYS.format(
        changes=f"{_pg_days('old_rows', -1)} UNION ALL {_pg_days('new_rows', 1)}"
    )
    + _PG_TALLY.format(
        changes="SELECT new_rows.owner_id, "
        "(new_rows.archived_at IS NULL)::int - (old_rows.archived_at IS NULL)::int AS active "
        "FROM old_rows JOIN new_rows ON new_rows.id = old_rows.id "
        "WHERE (old_rows.archived_at IS NULL) <> (new_rows.archived_at IS NULL)"
    ),
    "people_kept_typed": _PG_TALLY.format(changes="SELECT owner_id, 0 AS active FROM new_rows"),
    "people_kept_untyped": _PG_TALLY.format(changes="SELECT owner_id, 0 AS active FROM old_rows"),
}
_PG_TRIGGERS = [
    ("people_kept_added", "INSERT ON people_person", "NEW TABLE AS new_rows"),
    ("people_kept_gone", "DELETE ON people_person", "OLD TABLE AS old_rows"),
    ("people_kept_edited", "UPDATE ON people_person", "OLD TABLE AS old_rows NEW TABLE AS new_rows"),
    ("people_kept_typed", "INSERT ON people_persontype", "NEW TABLE AS new_rows"),
    ("people_kept_untyped", "DELETE ON people_persontype", "OLD TABLE AS old_rows"),
    ("people_kept_typed", "UPDATE ON people_persontype", "NEW TABLE AS new_rows"),
]


def _postgresql() -> list[str]:
    sql = [
        "CREATE TABLE people_due_day (owner_id integer NOT NULL, day date NOT NULL, "
        "people integer NOT NULL, PRIMARY KEY (owner_id, day))",
        "CREATE TABLE people_tally (owner_id integer PRIMARY KEY, active integer NOT NULL, "
        "version bigint NOT NULL)",
    ]
    sql += [_pg_function(name, body) for name, body in _PG_FUNCTIONS.items()]
    for n, (function, event, tables) in enumerate(_PG_TRIGGERS):
        sql.append(
            f"CREATE TRIGGER people_kept_{n} AFTER {event} REFERENCING {tables} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()"
        )
    return sql


# What is already there, counted once.
_COUNT_EXISTING = [
    "INSERT INTO people_due_day (owner_id, day, people) "
    f"SELECT owner_id, next_due_on, COUNT(*) FROM people_person WHERE {_DUE} "
    "GROUP BY owner_id, next_due_on",
    "INSERT INTO people_tally (owner_id, active, version) "
    "SELECT owner_id, SUM(CASE WHEN archived_at IS NULL THEN 1 ELSE 0 END), 1 "
    "FROM people_person GROUP BY owner_id",
]


def create(apps, schema_editor):
    connection = schema_editor.connection
    statements = _postgresql() if connection.vendor == "postgresql" else _sqlite()
    with connection.cursor() as cursor:
        for statement in [*statements, *_COUNT_EXISTING]:
            cursor.execute(statement)


def drop(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for name in _PG_FUNCTIONS:
                cursor.execute(f"DROP FUNCTION IF EXISTS {name}() CASCADE")
        else:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' "
                "AND name LIKE 'people_kept_%%'"
            )
            for (name,) in cursor.fetchall():
                cursor.execute(f"DROP TRIGGER {name}")
        for table in ("people_due_day", "people_tally"):
            cursor.execute(f"DROP TABLE IF EXISTS {table}")


class Migration(migrations.Migration):
    dependencies = [("people", "0005_person_interaction_count")]

    operations = [migrations.RunPython(create, drop)]

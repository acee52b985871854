"""Counts the database keeps, so that Today reads them instead of counting 100,000 people.

- followups_due_day: per owner and due date, how many active people with a rhythm fall due that
  day. Who is due by a day, and who is overdue, is then a sum over at most a few thousand days.
- followups_people_version: per owner, a number that moves whenever a person is added, deleted,
  archived or brought back, or a type is given or taken: the type counts are kept until it moves.

Triggers keep both, so every writer (the services, imports, undo, merge, restore, the demo) keeps
them right without knowing about them. On PostgreSQL the triggers run once per statement over
its changed rows (a bulk write touches a day's row once, not once per person).
"""

from django.db import migrations

_DUE = "archived_at IS NULL AND followup_interval_days IS NOT NULL AND next_due_on IS NOT NULL"


def _due(row: str) -> str:
    return " AND ".join(f"{row}.{term}" for term in _DUE.split(" AND "))


_SQLITE_DAY_ADD = (
    "INSERT INTO followups_due_day (owner_id, day, people) "
    "SELECT {row}.owner_id, {row}.next_due_on, 1 WHERE {due} "
    "ON CONFLICT (owner_id, day) DO UPDATE SET people = people + 1;"
)
_SQLITE_DAY_REMOVE = (
    "UPDATE followups_due_day SET people = people - 1 "
    "WHERE owner_id = {row}.owner_id AND day = {row}.next_due_on AND {due};"
)
_SQLITE_BUMP = (
    "INSERT INTO followups_people_version (owner_id, version) VALUES ({row}.owner_id, 1) "
    "ON CONFLICT (owner_id) DO UPDATE SET version = version + 1;"
)


def _sqlite() -> list[str]:
    add_new = _SQLITE_DAY_ADD.format(row="new", due=_due("new"))
    remove_old = _SQLITE_DAY_REMOVE.format(row="old", due=_due("old"))
    return [
        "CREATE TABLE followups_due_day (owner_id integer NOT NULL, day date NOT NULL, "
        "people integer NOT NULL, PRIMARY KEY (owner_id, day)) WITHOUT ROWID",
        "CREATE TABLE followups_people_version (owner_id integer PRIMARY KEY, "
        "version integer NOT NULL)",
        f"CREATE TRIGGER followups_due_added AFTER INSERT ON people_person BEGIN {add_new} "
        + _SQLITE_BUMP.format(row="new")
        + " END",
        f"CREATE TRIGGER followups_due_gone AFTER DELETE ON people_person BEGIN {remove_old} "
        + _SQLITE_BUMP.format(row="old")
        + " END",
        "CREATE TRIGGER followups_due_moved "
        "AFTER UPDATE OF next_due_on, archived_at, followup_interval_days ON people_person "
        "WHEN old.next_due_on IS NOT new.next_due_on "
        "OR (old.archived_at IS NULL) <> (new.archived_at IS NULL) "
        "OR (old.followup_interval_days IS NULL) <> (new.followup_interval_days IS NULL) "
        f"BEGIN {remove_old} {add_new} END",
        "CREATE TRIGGER followups_version_archived AFTER UPDATE OF archived_at ON people_person "
        "WHEN (old.archived_at IS NULL) <> (new.archived_at IS NULL) BEGIN "
        + _SQLITE_BUMP.format(row="new")
        + " END",
        "CREATE TRIGGER followups_version_typed AFTER INSERT ON people_persontype BEGIN "
        + _SQLITE_BUMP.format(row="new")
        + " END",
        "CREATE TRIGGER followups_version_untyped AFTER DELETE ON people_persontype BEGIN "
        + _SQLITE_BUMP.format(row="old")
        + " END",
        "CREATE TRIGGER followups_version_retyped AFTER UPDATE ON people_persontype BEGIN "
        + _SQLITE_BUMP.format(row="new")
        + " END",
    ]


# PostgreSQL: statement triggers over the transition tables "old_rows" and "new_rows".
_PG_DAYS = (
    "INSERT INTO followups_due_day AS kept (owner_id, day, people) "
    "SELECT owner_id, day, SUM(n) FROM ({changes}) AS changes GROUP BY owner_id, day "
    "HAVING SUM(n) <> 0 "
    "ON CONFLICT (owner_id, day) DO UPDATE SET people = kept.people + EXCLUDED.people;"
)
_PG_BUMP = (
    "INSERT INTO followups_people_version AS kept (owner_id, version) "
    "SELECT DISTINCT owner_id, 1 FROM ({owners}) AS owners "
    "ON CONFLICT (owner_id) DO UPDATE SET version = kept.version + 1;"
)


def _pg_rows(table: str, n: int) -> str:
    return f"SELECT owner_id, next_due_on AS day, {n} AS n FROM {table} WHERE {_DUE}"


def _pg_function(name: str, body: str) -> str:
    return (
        f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"{body} RETURN NULL; END $$"
    )


def _postgresql() -> list[str]:
    moved = f"{_pg_rows('old_rows', -1)} UNION ALL {_pg_rows('new_rows', 1)}"
    archived = (
        "SELECT new_rows.owner_id FROM old_rows JOIN new_rows ON new_rows.id = old_rows.id "
        "WHERE (old_rows.archived_at IS NULL) <> (new_rows.archived_at IS NULL)"
    )
    return [
        "CREATE TABLE followups_due_day (owner_id integer NOT NULL, day date NOT NULL, "
        "people integer NOT NULL, PRIMARY KEY (owner_id, day))",
        "CREATE TABLE followups_people_version (owner_id integer PRIMARY KEY, "
        "version bigint NOT NULL)",
        _pg_function(
            "followups_people_added",
            _PG_DAYS.format(changes=_pg_rows('new_rows', 1))
            + _PG_BUMP.format(owners="SELECT owner_id FROM new_rows"),
        ),
        _pg_function(
            "followups_people_gone",
            _PG_DAYS.format(changes=_pg_rows('old_rows', -1))
            + _PG_BUMP.format(owners="SELECT owner_id FROM old_rows"),
        ),
        _pg_function(
            "followups_people_edited",
            _PG_DAYS.format(changes=moved) + _PG_BUMP.format(owners=archived),
        ),
        _pg_function(
            "followups_types_added", _PG_BUMP.format(owners="SELECT owner_id FROM new_rows")
        ),
        _pg_function(
            "followups_types_gone", _PG_BUMP.format(owners="SELECT owner_id FROM old_rows")
        ),
        "CREATE TRIGGER followups_people_added AFTER INSERT ON people_person "
        "REFERENCING NEW TABLE AS new_rows "
        "FOR EACH STATEMENT EXECUTE FUNCTION followups_people_added()",
        "CREATE TRIGGER followups_people_gone AFTER DELETE ON people_person "
        "REFERENCING OLD TABLE AS old_rows "
        "FOR EACH STATEMENT EXECUTE FUNCTION followups_people_gone()",
        "CREATE TRIGGER followups_people_edited AFTER UPDATE ON people_person "
        "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows "
        "FOR EACH STATEMENT EXECUTE FUNCTION followups_people_edited()",
        "CREATE TRIGGER followups_types_added AFTER INSERT ON people_persontype "
        "REFERENCING NEW TABLE AS new_rows "
        "FOR EACH STATEMENT EXECUTE FUNCTION followups_types_added()",
        "CREATE TRIGGER followups_types_gone AFTER DELETE ON people_persontype "
        "REFERENCING OLD TABLE AS old_rows "
        "FOR EACH STATEMENT EXECUTE FUNCTION followups_types_gone()",
        "CREATE TRIGGER followups_types_changed AFTER UPDATE ON people_persontype "
        "REFERENCING NEW TABLE AS new_rows "
        "FOR EACH STATEMENT EXECUTE FUNCTION followups_types_added()",
    ]


# What is already there, counted once.
_COUNT_EXISTING = [
    f"INSERT INTO followups_due_day (owner_id, day, people) "
    f"SELECT owner_id, next_due_on, COUNT(*) FROM people_person WHERE {_DUE} "
    "GROUP BY owner_id, next_due_on",
    "INSERT INTO followups_people_version (owner_id, version) "
    "SELECT DISTINCT owner_id, 1 FROM people_person",
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
            for name in (
                "followups_people_added",
                "followups_people_gone",
                "followups_people_edited",
                "followups_types_added",
                "followups_types_gone",
            ):
                cursor.execute(f"DROP FUNCTION IF EXISTS {name}() CASCADE")
        else:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' "
                "AND name LIKE 'followups%%'"
            )
            for (name,) in cursor.fetchall():
                cursor.execute(f"DROP TRIGGER {name}")
        for table in ("followups_due_day", "followups_people_version"):
            cursor.execute(f"DROP TABLE IF EXISTS {table}")


class Migration(migrations.Migration):
    dependencies = [
        ("followups", "0002_nudges"),
        ("people", "0004_person_interaction_count"),
    ]

    operations = [migrations.RunPython(create, drop)]

"""The search index: a document per person and a queue of people whose document is out of date.

The database itself queues a person whenever a row their document is made of changes (triggers on
people, organisations, contact points, interactions, knowledge shares, vouches and events), so
every writer, the bulk ones included, keeps search right without knowing about it; search catches
the queue up before it answers."""

from django.db import migrations

# Tables whose rows belong to one person's document through their person_id.
_BY_PERSON = [
    "people_contactpoint",
    "interactions_participant",
    "interactions_knowledgeshare",
    "interactions_vouch",
    "events_eventperson",
]
_PERSON_COLUMNS = (
    "given_name, family_name, display_name, nickname, headline, organization_id, department, "
    "location, how_met, notes, expertise"
)
_ORIGINALS = ("name", "work", "expertise", "notes", "contact", "history")

_SQLITE_MARK = (
    "INSERT INTO search_pending (person_id, owner_id) {source} "
    "ON CONFLICT (person_id) DO UPDATE SET stage = 0, version = version + 1;"
)


def _sqlite_mark(person: str, owner: str) -> str:
    return _SQLITE_MARK.format(source=f"VALUES ({person}, {owner})")


def _sqlite_mark_select(select: str) -> str:
    return _SQLITE_MARK.format(source=select)  # every select here has a WHERE: no parse doubt


def _sqlite() -> list[str]:
    sql = [
        "CREATE TABLE search_pending (person_id integer PRIMARY KEY, owner_id integer NOT NULL, "
        "stage integer NOT NULL DEFAULT 0, version integer NOT NULL DEFAULT 0)",
        "CREATE INDEX search_pending_owner ON search_pending (owner_id, stage)",
        "CREATE TABLE search_document (person_id integer PRIMARY KEY, owner_id integer NOT NULL, "
        + ", ".join(f"{c} text NOT NULL DEFAULT ''" for c in _ORIGINALS)
        + ")",
        "CREATE INDEX search_document_owner ON search_document (owner_id)",
        # The People search box: folded words, each matched as the start of a word.
        "CREATE VIRTUAL TABLE search_people USING fts5(name, work, expertise, notes, contact, "
        "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')",
        # Who can help: what someone is and knows (names and contact folded, work and
        # expertise stemmed), then what was said of them and with them (notes, history).
        "CREATE VIRTUAL TABLE search_terms USING fts5(strong, weak, "
        "tokenize = 'unicode61 remove_diacritics 2')",
        # People: their own fields, and leaving.
        "CREATE TRIGGER search_person_added AFTER INSERT ON people_person BEGIN "
        + _sqlite_mark("new.id", "new.owner_id")
        + " END",
        f"CREATE TRIGGER search_person_edited AFTER UPDATE OF {_PERSON_COLUMNS} ON people_person "
        "BEGIN " + _sqlite_mark("new.id", "new.owner_id") + " END",
        "CREATE TRIGGER search_person_gone AFTER DELETE ON people_person BEGIN "
        "DELETE FROM search_people WHERE rowid = old.id; "
        "DELETE FROM search_terms WHERE rowid = old.id; "
        "DELETE FROM search_document WHERE person_id = old.id; "
        "DELETE FROM search_pending WHERE person_id = old.id; END",
        "CREATE TRIGGER search_organization_renamed AFTER UPDATE OF name ON people_organization "
        "BEGIN "
        + _sqlite_mark_select(
            "SELECT id, owner_id FROM people_person WHERE organization_id = new.id"
        )
        + " END",
        "CREATE TRIGGER search_interaction_edited AFTER UPDATE OF summary, notes "
        "ON interactions_interaction BEGIN "
        + _sqlite_mark_select(
            "SELECT person_id, owner_id FROM interactions_participant "
            "WHERE interaction_id = new.id"
        )
        + " END",
        "CREATE TRIGGER search_event_renamed AFTER UPDATE OF name ON events_event BEGIN "
        + _sqlite_mark_select(
            "SELECT person_id, owner_id FROM events_eventperson WHERE event_id = new.id"
        )
        + " END",
    ]
    column = "person_id"
    for table in _BY_PERSON:
        name = table.split("_", 1)[1]
        sql += [
            f"CREATE TRIGGER search_{name}_added AFTER INSERT ON {table} BEGIN "
            + _sqlite_mark(f"new.{column}", "new.owner_id")
            + " END",
            f"CREATE TRIGGER search_{name}_edited AFTER UPDATE ON {table} BEGIN "
            + _sqlite_mark(f"old.{column}", "old.owner_id")
            + " "
            + _sqlite_mark(f"new.{column}", "new.owner_id")
            + " END",
            f"CREATE TRIGGER search_{name}_gone AFTER DELETE ON {table} BEGIN "
            + _sqlite_mark(f"old.{column}", "old.owner_id")
            + " END",
        ]
    return sql


_PG_MARK = (
    "INSERT INTO search_pending (person_id, owner_id) {source} "
    "ON CONFLICT (person_id) DO UPDATE SET stage = 0, version = search_pending.version + 1;"
)


def _postgresql() -> list[str]:
    sql = [
        "CREATE TABLE search_pending (person_id bigint PRIMARY KEY, owner_id integer NOT NULL, "
        "stage smallint NOT NULL DEFAULT 0, version integer NOT NULL DEFAULT 0)",
        "CREATE INDEX search_pending_owner ON search_pending (owner_id, stage)",
        "CREATE TABLE search_document (person_id bigint PRIMARY KEY, owner_id integer NOT NULL, "
        + ", ".join(f"{c} text NOT NULL DEFAULT ''" for c in _ORIGINALS)
        + ", people tsvector NOT NULL, everything tsvector NOT NULL)",
        "CREATE INDEX search_document_owner ON search_document (owner_id)",
        "CREATE INDEX search_document_people ON search_document USING gin (people)",
        "CREATE INDEX search_document_everything ON search_document USING gin (everything)",
        # One function marks the person of the changed row, before and after.
        "CREATE FUNCTION search_mark_person() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "IF TG_OP IN ('UPDATE', 'DELETE') THEN "
        + _PG_MARK.format(source="VALUES (OLD.person_id, OLD.owner_id)")
        + " END IF; IF TG_OP IN ('INSERT', 'UPDATE') THEN "
        + _PG_MARK.format(source="VALUES (NEW.person_id, NEW.owner_id)")
        + " END IF; RETURN NULL; END $$",
        "CREATE FUNCTION search_mark_self() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        + _PG_MARK.format(source="VALUES (NEW.id, NEW.owner_id)")
        + " RETURN NULL; END $$",
        "CREATE FUNCTION search_forget_person() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "DELETE FROM search_document WHERE person_id = OLD.id; "
        "DELETE FROM search_pending WHERE person_id = OLD.id; RETURN NULL; END $$",
        "CREATE FUNCTION search_mark_organization() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        + _PG_MARK.format(
            source="SELECT id, owner_id FROM people_person WHERE organization_id = NEW.id"
        )
        + " RETURN NULL; END $$",
        "CREATE FUNCTION search_mark_interaction() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        + _PG_MARK.format(
            source="SELECT person_id, owner_id FROM interactions_participant "
            "WHERE interaction_id = NEW.id"
        )
        + " RETURN NULL; END $$",
        "CREATE FUNCTION search_mark_event() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        + _PG_MARK.format(
            source="SELECT person_id, owner_id FROM events_eventperson WHERE event_id = NEW.id"
        )
        + " RETURN NULL; END $$",
        "CREATE TRIGGER search_person_added AFTER INSERT ON people_person "
        "FOR EACH ROW EXECUTE FUNCTION search_mark_self()",
        f"CREATE TRIGGER search_person_edited AFTER UPDATE OF {_PERSON_COLUMNS} ON people_person "
        "FOR EACH ROW EXECUTE FUNCTION search_mark_self()",
        "CREATE TRIGGER search_person_gone AFTER DELETE ON people_person "
        "FOR EACH ROW EXECUTE FUNCTION search_forget_person()",
        "CREATE TRIGGER search_organization_renamed AFTER UPDATE OF name ON people_organization "
        "FOR EACH ROW EXECUTE FUNCTION search_mark_organization()",
        "CREATE TRIGGER search_interaction_edited AFTER UPDATE OF summary, notes "
        "ON interactions_interaction FOR EACH ROW EXECUTE FUNCTION search_mark_interaction()",
        "CREATE TRIGGER search_event_renamed AFTER UPDATE OF name ON events_event "
        "FOR EACH ROW EXECUTE FUNCTION search_mark_event()",
    ]
    for table in _BY_PERSON:
        name = table.split("_", 1)[1]
        sql.append(
            f"CREATE TRIGGER search_{name}_changed AFTER INSERT OR UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION search_mark_person()"
        )
    return sql


# Everyone already there is queued once, so an existing network is indexed on first search.
_QUEUE_EVERYONE = (
    "INSERT INTO search_pending (person_id, owner_id) SELECT id, owner_id FROM people_person"
)


def create(apps, schema_editor):
    connection = schema_editor.connection
    statements = _postgresql() if connection.vendor == "postgresql" else _sqlite()
    with connection.cursor() as cursor:
        for statement in [*statements, _QUEUE_EVERYONE]:
            cursor.execute(statement)


def drop(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT proname FROM pg_proc WHERE proname LIKE 'search\\_%%' "
                "AND pronamespace = current_schema()::regnamespace"
            )
            for (name,) in cursor.fetchall():
                cursor.execute(f"DROP FUNCTION {name}() CASCADE")
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'search%%'")
            for (name,) in cursor.fetchall():
                cursor.execute(f"DROP TRIGGER {name}")
        for table in ("search_people", "search_terms", "search_document", "search_pending"):
            cursor.execute(f"DROP TABLE IF EXISTS {table}")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
        ("people", "0002_distinct_pair"),
        ("interactions", "0004_owner_source_index"),
        ("events", "0001_initial"),
    ]

    operations = [migrations.RunPython(create, drop)]

from django.db import migrations, models

FIELD = models.PositiveIntegerField(default=0)


def add_column(apps, schema_editor):
    """SQLite adds the column in place: Django would copy the whole table into a new one (a
    NOT NULL column), slow at 100,000 people and refused when people introduced each other."""
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            "ALTER TABLE people_person ADD COLUMN interaction_count integer unsigned NOT NULL "
            "DEFAULT 0 CHECK (interaction_count >= 0)"
        )
    else:
        field = FIELD.clone()
        field.set_attributes_from_name("interaction_count")
        schema_editor.add_field(apps.get_model("people", "Person"), field)


def drop_column(apps, schema_editor):
    schema_editor.execute("ALTER TABLE people_person DROP COLUMN interaction_count")

# Everyone's count of interactions, from the participants already there.
COUNT_EXISTING = """
UPDATE people_person SET interaction_count = (
    SELECT COUNT(*) FROM interactions_participant
    WHERE interactions_participant.person_id = people_person.id
)
WHERE id IN (SELECT person_id FROM interactions_participant)
"""


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0004_owner_guards"),
        ("interactions", "0004_owner_source_index"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(model_name="person", name="interaction_count", field=FIELD)
            ],
            database_operations=[migrations.RunPython(add_column, drop_column)],
        ),
        migrations.RunSQL(COUNT_EXISTING, migrations.RunSQL.noop, elidable=True),
        migrations.RemoveIndex(model_name="person", name="person_owner_last"),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(
                fields=["owner", "last_interaction_at", "interaction_count"],
                name="person_owner_last_count",
            ),
        ),
        migrations.RemoveIndex(model_name="person", name="person_owner_strength"),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(
                condition=models.Q(("archived_at__isnull", True)),
                fields=["owner", "tie_strength", "next_due_on"],
                name="person_owner_strength_due",
            ),
        ),
    ]

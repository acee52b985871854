from django.db import migrations, models

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
        ("people", "0003_person_strength_circle_indexes"),
        ("interactions", "0004_owner_source_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="person",
            name="interaction_count",
            field=models.PositiveIntegerField(default=0),
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
        migrations.AddIndex(
            model_name="person",
            index=models.Index(fields=["owner", "updated_at"], name="person_owner_updated"),
        ),
    ]

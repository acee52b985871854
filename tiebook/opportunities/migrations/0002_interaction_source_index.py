"""An index on interactions by (owner, source), so that the give/ask balance counts the
introductions you made (`source = 'intro'`) without reading every interaction. It belongs to the
interactions app; it is made here with plain SQL (both SQLite and PostgreSQL read it) so that
this app needs no migration of another app's model. Moving it into Interaction.Meta later means
dropping this one first."""

from django.db import migrations

INDEX = "interaction_owner_source"


class Migration(migrations.Migration):
    dependencies = [("opportunities", "0001_initial"), ("interactions", "0002_vouch")]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON interactions_interaction (owner_id, source)",
            reverse_sql=f"DROP INDEX IF EXISTS {INDEX}",
        )
    ]

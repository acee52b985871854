"""A person's vectors: one row per owner and person, kept within the owner.

On SQLite, adding the owner to a unique constraint rebuilds the table, and a rebuilt table loses
its triggers: the search index's triggers on contact points, participants and event people are
made again here (all of them, each replaced, so it does not matter which ran first)."""

import importlib
import re
from functools import partial

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from tiebook.core import owner_guards
from tiebook.core.owner_guards import Guard

TARGETS: list[str] = []
REBUILT = ["search.PersonVector"]  # on SQLite
GUARDS = [Guard("search.PersonVector", "person")]


def restore_triggers(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return  # PostgreSQL alters tables in place: its triggers stay
    index = importlib.import_module("tiebook.search.migrations.0002_index")
    with connection.cursor() as cursor:
        for statement in index._sqlite():
            found = re.match(r"CREATE TRIGGER (\w+) ", statement)
            if found:
                cursor.execute(f"DROP TRIGGER IF EXISTS {found[1]}")
                cursor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0002_owner_guards"),
        ("interactions", "0005_owner_guards"),
        ("people", "0004_owner_guards"),
        ("search", "0002_index"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(
            partial(owner_guards.triggers_set_aside, models=REBUILT), migrations.RunPython.noop
        ),
        migrations.AlterField(
            model_name="personvector",
            name="person",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="+", to="people.person"
            ),
        ),
        owner_guards.unique_added(
            "search.PersonVector",
            models.UniqueConstraint(fields=("owner", "person"), name="personvector_once"),
        ),
        migrations.RunPython(
            partial(owner_guards.statistics_renewed, models=REBUILT), migrations.RunPython.noop
        ),
        # Going back rebuilds the tables again: the triggers that name them go first.
        migrations.RunPython(
            migrations.RunPython.noop, partial(owner_guards.triggers_set_aside, models=REBUILT)
        ),
        migrations.RunPython(
            partial(owner_guards.install, targets=TARGETS, guards=GUARDS),
            partial(owner_guards.uninstall, targets=TARGETS, guards=GUARDS),
        ),
        migrations.RunPython(restore_triggers, migrations.RunPython.noop),
    ]

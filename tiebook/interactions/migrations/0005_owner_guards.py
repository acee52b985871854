"""Owner in every unique constraint; keys between the owner's rows kept within one owner."""

from functools import partial

from django.conf import settings
from django.db import migrations

from tiebook.core import owner_guards
from tiebook.core.owner_guards import Guard

TARGETS = ["interactions.Interaction"]
REBUILT = ["interactions.Participant"]  # on SQLite
GUARDS = [
    Guard("interactions.Participant", "interaction"),
    Guard("interactions.Participant", "person"),
    Guard("interactions.KnowledgeShare", "person"),
    Guard("interactions.KnowledgeShare", "interaction"),
    Guard("interactions.Task", "person"),
    Guard("interactions.Vouch", "person"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("interactions", "0004_owner_source_index"),
        ("people", "0004_owner_guards"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(
            partial(owner_guards.triggers_set_aside, models=REBUILT), migrations.RunPython.noop
        ),
        owner_guards.unique_replaced(
            "interactions.Participant", "participant_once", ["owner", "interaction", "person"]
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
    ]

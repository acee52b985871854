"""Owner in every unique constraint; keys between the owner's rows kept within one owner."""

from functools import partial

from django.conf import settings
from django.db import migrations

from tiebook.core import owner_guards
from tiebook.core.owner_guards import Guard

TARGETS = ["events.Event"]
REBUILT = ["events.EventOrganization", "events.EventPerson"]  # on SQLite
GUARDS = [
    Guard("events.EventOrganization", "event"),
    Guard("events.EventOrganization", "organization"),
    Guard("events.EventPerson", "event"),
    Guard("events.EventPerson", "person"),
    Guard("events.EventPerson", "interaction"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
        ("interactions", "0005_owner_guards"),
        ("people", "0004_owner_guards"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(
            partial(owner_guards.triggers_set_aside, models=REBUILT), migrations.RunPython.noop
        ),
        owner_guards.unique_replaced(
            "events.EventOrganization",
            "event_org_role_once",
            ["owner", "event", "organization", "role"],
        ),
        owner_guards.unique_replaced(
            "events.EventPerson", "event_person_once", ["owner", "event", "person"]
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

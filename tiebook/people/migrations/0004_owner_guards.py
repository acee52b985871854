"""Owner in every unique constraint; keys between the owner's rows kept within one owner."""

from functools import partial

from django.conf import settings
from django.db import migrations

from tiebook.core import owner_guards
from tiebook.core.owner_guards import Guard

TARGETS = ["people.Organization", "people.Person", "people.Tag"]
REBUILT = ["people.ContactPoint", "people.PersonTag", "people.PersonType"]  # on SQLite
GUARDS = [
    Guard("people.Person", "organization"),
    Guard("people.Person", "introduced_by"),
    Guard("people.PersonType", "person"),
    Guard("people.ContactPoint", "person"),
    Guard("people.PersonTag", "person"),
    Guard("people.PersonTag", "tag"),
    Guard("people.Relationship", "from_person"),
    Guard("people.Relationship", "to_person"),
    Guard("people.DistinctPair", "first"),
    Guard("people.DistinctPair", "second"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0003_person_strength_circle_indexes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(
            partial(owner_guards.triggers_set_aside, models=REBUILT), migrations.RunPython.noop
        ),
        owner_guards.unique_replaced(
            "people.ContactPoint",
            "contact_point_once_per_person",
            ["owner", "person", "kind", "normalized"],
        ),
        owner_guards.unique_replaced(
            "people.PersonTag", "person_tag_once", ["owner", "person", "tag"]
        ),
        owner_guards.unique_replaced(
            "people.PersonType", "person_type_once", ["owner", "person", "type"]
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

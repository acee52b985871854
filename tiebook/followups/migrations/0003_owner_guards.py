"""A nudge's person kept within the nudge's owner."""

from functools import partial

from django.db import migrations

from tiebook.core import owner_guards
from tiebook.core.owner_guards import Guard

TARGETS: list[str] = []
GUARDS = [Guard("followups.Nudge", "person")]


class Migration(migrations.Migration):
    dependencies = [
        ("followups", "0002_nudges"),
        ("people", "0004_owner_guards"),
    ]

    operations = [
        migrations.RunPython(
            partial(owner_guards.install, targets=TARGETS, guards=GUARDS),
            partial(owner_guards.uninstall, targets=TARGETS, guards=GUARDS),
        ),
    ]

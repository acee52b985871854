"""Owner in every unique constraint (a referral's interaction included); keys between the
owner's rows kept within one owner."""

from functools import partial

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from tiebook.core import owner_guards
from tiebook.core.owner_guards import Guard

TARGETS = ["opportunities.Opportunity"]
REBUILT = ["opportunities.OpportunityPerson", "opportunities.Referral"]  # on SQLite
GUARDS = [
    Guard("opportunities.Opportunity", "organization"),
    Guard("opportunities.OpportunityPerson", "opportunity"),
    Guard("opportunities.OpportunityPerson", "person"),
    Guard("opportunities.StageChange", "opportunity"),
    Guard("opportunities.Referral", "person"),
    Guard("opportunities.Referral", "to_person"),
    Guard("opportunities.Referral", "opportunity"),
    Guard("opportunities.Referral", "interaction"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("interactions", "0005_owner_guards"),
        ("opportunities", "0001_initial"),
        ("people", "0004_owner_guards"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(
            partial(owner_guards.triggers_set_aside, models=REBUILT), migrations.RunPython.noop
        ),
        migrations.AlterField(
            model_name="referral",
            name="interaction",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="referrals",
                to="interactions.interaction",
            ),
        ),
        migrations.AddConstraint(
            model_name="referral",
            constraint=models.UniqueConstraint(
                condition=models.Q(("interaction__isnull", False)),
                fields=("owner", "interaction"),
                name="referral_interaction_once",
            ),
        ),
        owner_guards.unique_replaced(
            "opportunities.OpportunityPerson",
            "opportunity_person_role_once",
            ["owner", "opportunity", "person", "role"],
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

"""Owner in every unique constraint; keys between the owner's rows kept within one owner."""

from functools import partial

from django.conf import settings
from django.db import migrations

from tiebook.core import owner_guards
from tiebook.core.owner_guards import Guard

TARGETS = ["credentials.Credential", "credentials.Filing"]
REBUILT = ["credentials.CredentialContact", "credentials.FilingContact"]  # on SQLite
GUARDS = [
    Guard("credentials.Credential", "issuer"),
    Guard("credentials.CredentialHours", "credential"),
    Guard("credentials.CredentialContact", "credential"),
    Guard("credentials.CredentialContact", "person"),
    Guard("credentials.Filing", "organization"),
    Guard("credentials.FilingContact", "filing"),
    Guard("credentials.FilingContact", "person"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("credentials", "0001_initial"),
        ("people", "0004_owner_guards"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(
            partial(owner_guards.triggers_set_aside, models=REBUILT), migrations.RunPython.noop
        ),
        owner_guards.unique_replaced(
            "credentials.CredentialContact",
            "credential_contact_once",
            ["owner", "credential", "person"],
        ),
        owner_guards.unique_replaced(
            "credentials.FilingContact", "filing_contact_once", ["owner", "filing", "person"]
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

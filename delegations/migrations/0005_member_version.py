"""A version on members: the lost-update guard of core/concurrency.py.

On SQLite, adding a column rebuilds the table, and renaming the rebuilt table fails while a trigger names it:
triggers that name the member table are set aside before and created again, from their stored SQL, after.
"""

from django.db import migrations, models

from core.sqlite_triggers import set_aside

SET_ASIDE, MAKE_AGAIN = set_aside("delegations_member")


class Migration(migrations.Migration):
    dependencies = [
        ("delegations", "0004_history_of_translations"),
    ]

    operations = [
        SET_ASIDE,
        migrations.AddField(
            model_name="historicalmember",
            name="version",
            field=models.PositiveIntegerField(
                default=0,
                editable=False,
                help_text="Steigt bei jedem Speichern; schützt vor dem Überschreiben fremder Änderungen.",
                verbose_name="Version",
            ),
        ),
        migrations.AddField(
            model_name="member",
            name="version",
            field=models.PositiveIntegerField(
                default=0,
                editable=False,
                help_text="Steigt bei jedem Speichern; schützt vor dem Überschreiben fremder Änderungen.",
                verbose_name="Version",
            ),
        ),
        MAKE_AGAIN,
    ]

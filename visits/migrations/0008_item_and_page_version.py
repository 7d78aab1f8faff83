"""A version on programme items and event pages: the lost-update guard of core/concurrency.py.

On SQLite, adding a column rebuilds the table, and renaming the rebuilt table fails while a trigger (of this
app, 0002, or of another app) names it; the trigger on the old table would also be lost. So every trigger that
names these tables is set aside before and created again, from its own stored SQL, after.
"""

from django.db import migrations, models

from core.sqlite_triggers import set_aside

SET_ASIDE, MAKE_AGAIN = set_aside("visits_programmeitem", "visits_eventpage")


class Migration(migrations.Migration):
    dependencies = [
        ("visits", "0007_golden_book_kind"),
    ]

    operations = [
        SET_ASIDE,
        migrations.AddField(
            model_name="eventpage",
            name="version",
            field=models.PositiveIntegerField(
                default=0,
                editable=False,
                help_text="Steigt bei jedem Speichern; schützt vor dem Überschreiben fremder Änderungen.",
                verbose_name="Version",
            ),
        ),
        migrations.AddField(
            model_name="historicaleventpage",
            name="version",
            field=models.PositiveIntegerField(
                default=0,
                editable=False,
                help_text="Steigt bei jedem Speichern; schützt vor dem Überschreiben fremder Änderungen.",
                verbose_name="Version",
            ),
        ),
        migrations.AddField(
            model_name="historicalprogrammeitem",
            name="version",
            field=models.PositiveIntegerField(
                default=0,
                editable=False,
                help_text="Steigt bei jedem Speichern; schützt vor dem Überschreiben fremder Änderungen.",
                verbose_name="Version",
            ),
        ),
        migrations.AddField(
            model_name="programmeitem",
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

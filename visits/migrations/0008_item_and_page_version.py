"""A version on programme items and event pages: the lost-update guard of kleve_partnership/concurrency.py.

On SQLite, adding a column rebuilds the table, which the triggers of 0002 would break (and the trigger on
the programme item table goes with the old table): they are dropped before and created again after.
"""

import importlib

from django.db import migrations, models

_triggers = importlib.import_module("visits.migrations.0002_appointment_item_same_delegation")


def _on_sqlite(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for statement in statements:
                schema_editor.execute(statement)

    return run


DROP_TRIGGERS = migrations.RunPython(
    _on_sqlite(_triggers.SQLITE_REVERSE), _on_sqlite(_triggers.SQLITE_FORWARD), elidable=False
)
CREATE_TRIGGERS = migrations.RunPython(
    _on_sqlite(_triggers.SQLITE_FORWARD), _on_sqlite(_triggers.SQLITE_REVERSE), elidable=False
)


class Migration(migrations.Migration):
    dependencies = [
        ("visits", "0007_golden_book_kind"),
    ]

    operations = [
        DROP_TRIGGERS,
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
        CREATE_TRIGGERS,
    ]

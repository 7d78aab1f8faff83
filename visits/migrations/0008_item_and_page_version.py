"""A version on programme items and event pages: the lost-update guard of kleve_partnership/concurrency.py.

On SQLite, adding a column rebuilds the table, and renaming the rebuilt table fails while a trigger (of this
app, 0002, or of another app) names it; the trigger on the old table would also be lost. So every trigger that
names these tables is set aside before and created again, from its own stored SQL, after.
"""

from django.db import migrations, models

TABLES = ("visits_programmeitem", "visits_eventpage")
_set_aside: list[str] = []


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
        triggers = [(name, sql) for name, sql in cursor.fetchall() if any(t in sql for t in TABLES)]
    for name, sql in triggers:
        _set_aside.append(sql)
        schema_editor.execute(f'DROP TRIGGER "{name}"')


def create_triggers(apps, schema_editor):
    while _set_aside:
        schema_editor.execute(_set_aside.pop(0))


class Migration(migrations.Migration):
    dependencies = [
        ("visits", "0007_golden_book_kind"),
    ]

    operations = [
        migrations.RunPython(drop_triggers, create_triggers, elidable=False),
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
        migrations.RunPython(create_triggers, drop_triggers, elidable=False),
    ]

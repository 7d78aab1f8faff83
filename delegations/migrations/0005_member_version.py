"""A version on members: the lost-update guard of kleve_partnership/concurrency.py.

On SQLite, adding a column rebuilds the table, and renaming the rebuilt table fails while a trigger names it:
triggers that name the member table are set aside before and created again, from their stored SQL, after.
"""

from django.db import migrations, models

TABLE = "delegations_member"
_set_aside: list[str] = []


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
        triggers = [(name, sql) for name, sql in cursor.fetchall() if TABLE in sql]
    for name, sql in triggers:
        _set_aside.append(sql)
        schema_editor.execute(f'DROP TRIGGER "{name}"')


def create_triggers(apps, schema_editor):
    while _set_aside:
        schema_editor.execute(_set_aside.pop(0))


class Migration(migrations.Migration):
    dependencies = [
        ("delegations", "0004_history_of_translations"),
    ]

    operations = [
        migrations.RunPython(drop_triggers, create_triggers, elidable=False),
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
        migrations.RunPython(create_triggers, drop_triggers, elidable=False),
    ]

"""Migrations that rebuild a SQLite table while a trigger names it: set the triggers aside, make them again.

SQLite rebuilds a table to add or alter most columns, and renaming the rebuilt table fails while a trigger
names it (the trigger on the old table would be lost, too). `set_aside(*tables)` gives the two operations to
put around such a migration's operations; on other databases they do nothing.
"""

from django.db import migrations


def set_aside(*tables: str) -> tuple[migrations.RunPython, migrations.RunPython]:
    """Operations (before, after): drop every trigger naming one of `tables`, then create it from its SQL."""
    kept: list[str] = []

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor != "sqlite":
            return
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
            triggers = [(name, sql) for name, sql in cursor.fetchall() if any(t in sql for t in tables)]
        for name, sql in triggers:
            kept.append(sql)
            schema_editor.execute(f'DROP TRIGGER "{name}"')

    def create(apps, schema_editor):
        while kept:
            schema_editor.execute(kept.pop(0))

    return (
        migrations.RunPython(drop, create, elidable=False),
        migrations.RunPython(create, drop, elidable=False),
    )

"""The import a programme item came from (a spreadsheet), so one import can be undone.

The column is nullable, so SQLite adds it without rebuilding the table; going back removes it, which does
rebuild it: the triggers naming the table are set aside around both (core/sqlite_triggers.py).
"""

from django.db import migrations, models

from core.sqlite_triggers import set_aside

SET_ASIDE, MAKE_AGAIN = set_aside("visits_programmeitem")


class Migration(migrations.Migration):

    dependencies = [
        ('visits', '0013_staff_links_and_contact_notices'),
    ]

    operations = [
        SET_ASIDE,
        migrations.AddField(
            model_name='historicalprogrammeitem',
            name='import_batch',
            field=models.UUIDField(blank=True, db_index=True, editable=False, help_text='Kennung des Tabellen-Imports, der den Programmpunkt angelegt hat.', null=True, verbose_name='Import'),
        ),
        migrations.AddField(
            model_name='programmeitem',
            name='import_batch',
            field=models.UUIDField(blank=True, db_index=True, editable=False, help_text='Kennung des Tabellen-Imports, der den Programmpunkt angelegt hat.', null=True, verbose_name='Import'),
        ),
        MAKE_AGAIN,
    ]

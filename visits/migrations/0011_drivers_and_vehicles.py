"""Drivers and vehicles on programme items and their released copies, so they can be booked (and double-booked)
like venues and interpreters; vehicles join the role table.

The new columns are nullable without default, so SQLite adds them without rebuilding the tables; the triggers
naming them are set aside all the same, as in 0008, should a later Django rebuild them.
"""

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models

from core.sqlite_triggers import set_aside
from delegations.roles import apply_role_permissions

SET_ASIDE, MAKE_AGAIN = set_aside("visits_programmeitem", "visits_releaseditem")


class Migration(migrations.Migration):

    dependencies = [
        ('delegations', '0006_notices_and_readiness'),
        ('visits', '0010_event_pages_and_photos_to_press'),
    ]

    operations = [
        SET_ASIDE,
        migrations.AddField(
            model_name='historicalprogrammeitem',
            name='driver',
            field=models.ForeignKey(blank=True, db_constraint=False, limit_choices_to={'role': 'driver'}, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='delegations.contact', verbose_name='Fahrer/in'),
        ),
        migrations.AddField(
            model_name='programmeitem',
            name='driver',
            field=models.ForeignKey(blank=True, limit_choices_to={'role': 'driver'}, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='driven_items', to='delegations.contact', verbose_name='Fahrer/in'),
        ),
        migrations.AddField(
            model_name='releaseditem',
            name='driver',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='delegations.contact', verbose_name='Fahrer/in'),
        ),
        migrations.CreateModel(
            name='Vehicle',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(help_text='Zum Beispiel „Kleinbus 1“.', max_length=100, verbose_name='Bezeichnung')),
                ('registration', models.CharField(blank=True, max_length=20, verbose_name='Kennzeichen')),
                ('seats', models.PositiveSmallIntegerField(blank=True, help_text='Plätze für Fahrgäste, ohne den Fahrersitz.', null=True, validators=[django.core.validators.MinValueValidator(1)], verbose_name='Sitzplätze')),
                ('notes', models.TextField(blank=True, verbose_name='Hinweise')),
            ],
            options={
                'verbose_name': 'Fahrzeug',
                'verbose_name_plural': 'Fahrzeuge',
                'ordering': ['name', 'registration'],
                'constraints': [models.CheckConstraint(condition=models.Q(('seats__isnull', True), ('seats__gte', 1), _connector='OR'), name='vehicle_has_a_seat', violation_error_message='Ein Fahrzeug hat mindestens einen Sitzplatz.')],
            },
        ),
        migrations.AddField(
            model_name='historicalprogrammeitem',
            name='vehicle',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='visits.vehicle', verbose_name='Fahrzeug'),
        ),
        migrations.AddField(
            model_name='programmeitem',
            name='vehicle',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='items', to='visits.vehicle', verbose_name='Fahrzeug'),
        ),
        migrations.AddField(
            model_name='releaseditem',
            name='vehicle',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='visits.vehicle', verbose_name='Fahrzeug'),
        ),
        MAKE_AGAIN,
        migrations.RunPython(apply_role_permissions, migrations.RunPython.noop),
    ]

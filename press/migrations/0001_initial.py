"""Event pages and photos come from the visits app (visits 0010): into this app's state only, on their tables.

Each model names its old table (`db_table`, and the history's `table_name` in translation.py), so nothing is
created or copied. `EventPage` is listed here without its `Versioned` mixin, as visits' state had it: a mixin
without fields is nothing a migration needs.
"""

import core.storage
import django.db.models.deletion
import press.models
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('delegations', '0006_notices_and_readiness'),
        ('visits', '0010_event_pages_and_photos_to_press'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='Photo',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('image', models.ImageField(height_field='height', storage=core.storage.private_storage, upload_to=press.models.photo_upload_to, verbose_name='Bild', width_field='width')),
                        ('width', models.PositiveIntegerField(editable=False, null=True, verbose_name='Breite')),
                        ('height', models.PositiveIntegerField(editable=False, null=True, verbose_name='Höhe')),
                        ('alt_text', models.CharField(max_length=300, verbose_name='Alternativtext')),
                        ('alt_text_de', models.CharField(max_length=300, null=True, verbose_name='Alternativtext')),
                        ('alt_text_uk', models.CharField(max_length=300, null=True, verbose_name='Alternativtext')),
                        ('alt_text_en', models.CharField(max_length=300, null=True, verbose_name='Alternativtext')),
                        ('caption', models.CharField(blank=True, max_length=300, verbose_name='Bildunterschrift')),
                        ('caption_de', models.CharField(blank=True, max_length=300, null=True, verbose_name='Bildunterschrift')),
                        ('caption_uk', models.CharField(blank=True, max_length=300, null=True, verbose_name='Bildunterschrift')),
                        ('caption_en', models.CharField(blank=True, max_length=300, null=True, verbose_name='Bildunterschrift')),
                        ('credit', models.CharField(blank=True, max_length=200, verbose_name='Bildnachweis')),
                        ('consent_confirmed', models.BooleanField(default=False, verbose_name='Einwilligung der Abgebildeten liegt vor')),
                        ('uploaded_at', models.DateTimeField(auto_now_add=True, verbose_name='hochgeladen')),
                        ('rendition_key', models.CharField(blank=True, db_index=True, editable=False, max_length=32, verbose_name='Kennung der Bildgrößen')),
                        ('renditions', models.JSONField(blank=True, default=list, editable=False, verbose_name='Bildgrößen')),
                        ('uploaded_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, to=settings.AUTH_USER_MODEL, verbose_name='hochgeladen von')),
                    ],
                    options={
                        'verbose_name': 'Foto',
                        'verbose_name_plural': 'Fotos',
                        'db_table': 'visits_photo',
                        'ordering': ['-uploaded_at'],
                    },
                ),
                migrations.CreateModel(
                    name='HistoricalEventPage',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('slug', models.SlugField(max_length=100, verbose_name='Kurzname (URL)')),
                        ('title', models.CharField(max_length=200, verbose_name='Titel')),
                        ('title_de', models.CharField(max_length=200, null=True, verbose_name='Titel')),
                        ('title_uk', models.CharField(max_length=200, null=True, verbose_name='Titel')),
                        ('title_en', models.CharField(max_length=200, null=True, verbose_name='Titel')),
                        ('summary', models.TextField(blank=True, verbose_name='Zusammenfassung')),
                        ('summary_de', models.TextField(blank=True, null=True, verbose_name='Zusammenfassung')),
                        ('summary_uk', models.TextField(blank=True, null=True, verbose_name='Zusammenfassung')),
                        ('summary_en', models.TextField(blank=True, null=True, verbose_name='Zusammenfassung')),
                        ('body', models.TextField(blank=True, verbose_name='Text')),
                        ('body_de', models.TextField(blank=True, null=True, verbose_name='Text')),
                        ('body_uk', models.TextField(blank=True, null=True, verbose_name='Text')),
                        ('body_en', models.TextField(blank=True, null=True, verbose_name='Text')),
                        ('status', models.CharField(choices=[('draft', 'Entwurf'), ('in_review', 'in Prüfung'), ('scheduled', 'geplant (zeitgesteuert)'), ('published', 'veröffentlicht'), ('archived', 'archiviert')], default='draft', max_length=20, verbose_name='Status')),
                        ('publish_at', models.DateTimeField(blank=True, null=True, verbose_name='veröffentlichen ab')),
                        ('embargo_until', models.DateTimeField(blank=True, null=True, verbose_name='Sperrfrist bis')),
                        ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='angelegt')),
                        ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='geändert')),
                        ('version', models.PositiveIntegerField(default=0, editable=False, help_text='Steigt bei jedem Speichern; schützt vor dem Überschreiben fremder Änderungen.', verbose_name='Version')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('author', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='Autor/in')),
                        ('delegation', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='delegations.delegation', verbose_name='Besuch')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('programme_item', models.ForeignKey(blank=True, db_constraint=False, limit_choices_to={'visibility': 'public'}, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='visits.programmeitem', verbose_name='Programmpunkt')),
                        ('hero', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='press.photo', verbose_name='Titelbild')),
                    ],
                    options={
                        'verbose_name': 'historical Veranstaltungsseite',
                        'verbose_name_plural': 'historical Veranstaltungsseiten',
                        'db_table': 'visits_historicaleventpage',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='EventPage',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('slug', models.SlugField(max_length=100, unique=True, verbose_name='Kurzname (URL)')),
                        ('title', models.CharField(max_length=200, verbose_name='Titel')),
                        ('title_de', models.CharField(max_length=200, null=True, verbose_name='Titel')),
                        ('title_uk', models.CharField(max_length=200, null=True, verbose_name='Titel')),
                        ('title_en', models.CharField(max_length=200, null=True, verbose_name='Titel')),
                        ('summary', models.TextField(blank=True, verbose_name='Zusammenfassung')),
                        ('summary_de', models.TextField(blank=True, null=True, verbose_name='Zusammenfassung')),
                        ('summary_uk', models.TextField(blank=True, null=True, verbose_name='Zusammenfassung')),
                        ('summary_en', models.TextField(blank=True, null=True, verbose_name='Zusammenfassung')),
                        ('body', models.TextField(blank=True, verbose_name='Text')),
                        ('body_de', models.TextField(blank=True, null=True, verbose_name='Text')),
                        ('body_uk', models.TextField(blank=True, null=True, verbose_name='Text')),
                        ('body_en', models.TextField(blank=True, null=True, verbose_name='Text')),
                        ('status', models.CharField(choices=[('draft', 'Entwurf'), ('in_review', 'in Prüfung'), ('scheduled', 'geplant (zeitgesteuert)'), ('published', 'veröffentlicht'), ('archived', 'archiviert')], default='draft', max_length=20, verbose_name='Status')),
                        ('publish_at', models.DateTimeField(blank=True, null=True, verbose_name='veröffentlichen ab')),
                        ('embargo_until', models.DateTimeField(blank=True, null=True, verbose_name='Sperrfrist bis')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='angelegt')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='geändert')),
                        ('version', models.PositiveIntegerField(default=0, editable=False, help_text='Steigt bei jedem Speichern; schützt vor dem Überschreiben fremder Änderungen.', verbose_name='Version')),
                        ('author', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, to=settings.AUTH_USER_MODEL, verbose_name='Autor/in')),
                        ('delegation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='event_pages', to='delegations.delegation', verbose_name='Besuch')),
                        ('programme_item', models.ForeignKey(blank=True, limit_choices_to={'visibility': 'public'}, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='event_pages', to='visits.programmeitem', verbose_name='Programmpunkt')),
                        ('gallery', models.ManyToManyField(blank=True, related_name='event_pages', to='press.photo', verbose_name='Galerie')),
                        ('hero', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='press.photo', verbose_name='Titelbild')),
                    ],
                    options={
                        'verbose_name': 'Veranstaltungsseite',
                        'verbose_name_plural': 'Veranstaltungsseiten',
                        'db_table': 'visits_eventpage',
                        'ordering': ['-publish_at', '-created_at'],
                        'permissions': [('publish_eventpage', 'Kann Veranstaltungsseiten veröffentlichen')],
                    },
                ),
                migrations.AddConstraint(
                    model_name='photo',
                    constraint=models.CheckConstraint(condition=models.Q(('alt_text', ''), _negated=True), name='photo_alt_text_required', violation_error_message='Jedes Foto braucht einen Alternativtext.'),
                ),
                migrations.AddConstraint(
                    model_name='eventpage',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('status', 'scheduled'), _negated=True), ('publish_at__isnull', False), _connector='OR'), name='eventpage_scheduled_has_publish_at', violation_error_message='Eine zeitgesteuerte Seite braucht einen Veröffentlichungszeitpunkt.'),
                ),
            ],
        ),
    ]

"""What each translation was made from: one German source per object, field and language (core.models)."""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.CreateModel(
            name='TranslationSource',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('object_id', models.PositiveBigIntegerField(verbose_name='Objekt')),
                ('field', models.CharField(max_length=64, verbose_name='Feld')),
                ('language', models.CharField(max_length=8, verbose_name='Sprache')),
                ('source', models.TextField(blank=True, verbose_name='deutscher Ausgangstext')),
                ('recorded_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='erfasst am')),
                ('content_type', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='contenttypes.contenttype', verbose_name='Art')),
            ],
            options={
                'verbose_name': 'Ausgangstext einer Übersetzung',
                'verbose_name_plural': 'Ausgangstexte von Übersetzungen',
                'constraints': [models.UniqueConstraint(fields=('content_type', 'object_id', 'field', 'language'), name='translation_source_unique')],
            },
        ),
    ]

"""The delivery record of notices (state, tries, errors, channel), accepted readiness findings, and salts
from which guest links can be made again for a notice."""

import django.utils.timezone
from django.db import migrations, models

from delegations.roles import apply_role_permissions


def mark_earlier_notices_sent(apps, schema_editor):
    """Notices recorded before the delivery record were sent: their row was written after the email went."""
    ReleaseNotification = apps.get_model("visits", "ReleaseNotification")
    ReleaseNotification.objects.filter(sent_at__isnull=False).update(state="sent", attempts=1)


class Migration(migrations.Migration):

    dependencies = [
        ('delegations', '0006_notices_and_readiness'),
        ('visits', '0008_item_and_page_version'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='releasenotification',
            options={'ordering': ['release', 'member__last_name', 'member__first_name', 'channel'], 'verbose_name': 'Mitteilung', 'verbose_name_plural': 'Mitteilungen'},
        ),
        migrations.RemoveConstraint(
            model_name='releasenotification',
            name='release_notification_once_per_member',
        ),
        migrations.AddField(
            model_name='guestaccess',
            name='token_salt',
            field=models.CharField(blank=True, editable=False, max_length=32, verbose_name='Token-Salz'),
        ),
        migrations.AddField(
            model_name='programmerelease',
            name='accepted_findings',
            field=models.JSONField(blank=True, default=list, verbose_name='bewusst akzeptierte Befunde'),
        ),
        migrations.AddField(
            model_name='programmerelease',
            name='accepted_reason',
            field=models.TextField(blank=True, verbose_name='Begründung der Freigabe trotz Befunden'),
        ),
        migrations.AddField(
            model_name='releasenotification',
            name='attempts',
            field=models.PositiveSmallIntegerField(default=0, verbose_name='Versuche'),
        ),
        migrations.AddField(
            model_name='releasenotification',
            name='channel',
            field=models.CharField(choices=[('email', 'E-Mail'), ('messenger', 'Messenger')], default='email', max_length=10, verbose_name='Kanal'),
        ),
        migrations.AddField(
            model_name='releasenotification',
            name='claimed_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='in Arbeit seit'),
        ),
        migrations.AddField(
            model_name='releasenotification',
            name='last_error',
            field=models.TextField(blank=True, verbose_name='letzter Fehler'),
        ),
        migrations.AddField(
            model_name='releasenotification',
            name='next_attempt_at',
            field=models.DateTimeField(default=django.utils.timezone.now, verbose_name='nächster Versuch'),
        ),
        migrations.AddField(
            model_name='releasenotification',
            name='queued_at',
            field=models.DateTimeField(default=django.utils.timezone.now, verbose_name='eingereiht am'),
        ),
        migrations.AddField(
            model_name='releasenotification',
            name='state',
            field=models.CharField(choices=[('queued', 'wartet'), ('sent', 'gesendet'), ('failed', 'fehlgeschlagen'), ('retrying', 'neuer Versuch geplant'), ('given_up', 'aufgegeben')], default='queued', max_length=10, verbose_name='Zustand'),
        ),
        migrations.AddField(
            model_name='releasenotification',
            name='updated_at',
            field=models.DateTimeField(auto_now=True, verbose_name='geändert'),
        ),
        migrations.AlterField(
            model_name='releasenotification',
            name='sent_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='gesendet am'),
        ),
        migrations.RunPython(mark_earlier_notices_sent, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name='releasenotification',
            index=models.Index(fields=['state', 'next_attempt_at'], name='notice_due_idx'),
        ),
        migrations.AddConstraint(
            model_name='releasenotification',
            constraint=models.UniqueConstraint(fields=('release', 'member', 'channel'), name='release_notification_once_per_channel'),
        ),
        migrations.AddConstraint(
            model_name='releasenotification',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('state', 'sent'), _negated=True), ('sent_at__isnull', False), _connector='OR'), name='release_notification_sent_has_time'),
        ),
        # Planners see and send again notices; read-only staff see them.
        migrations.RunPython(apply_role_permissions, migrations.RunPython.noop),
    ]

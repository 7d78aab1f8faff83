"""Event pages and photos leave the visits app for the press app: taken out of this app's state only.

Their tables (visits_eventpage, its gallery, visits_historicaleventpage, visits_photo) stay as they are, with
every row; press 0001 takes the same models into its state with those table names, and press 0002 moves their
content types (so permissions, groups and the admin's log follow) and applies the role table again.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('visits', '0009_notices_and_readiness'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.RemoveConstraint(
                    model_name='eventpage',
                    name='eventpage_scheduled_has_publish_at',
                ),
                migrations.RemoveField(
                    model_name='historicaleventpage',
                    name='author',
                ),
                migrations.RemoveField(
                    model_name='historicaleventpage',
                    name='delegation',
                ),
                migrations.RemoveField(
                    model_name='historicaleventpage',
                    name='hero',
                ),
                migrations.RemoveField(
                    model_name='historicaleventpage',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicaleventpage',
                    name='programme_item',
                ),
                migrations.RemoveConstraint(
                    model_name='photo',
                    name='photo_alt_text_required',
                ),
                migrations.RemoveField(
                    model_name='eventpage',
                    name='author',
                ),
                migrations.RemoveField(
                    model_name='eventpage',
                    name='delegation',
                ),
                migrations.RemoveField(
                    model_name='eventpage',
                    name='gallery',
                ),
                migrations.RemoveField(
                    model_name='eventpage',
                    name='hero',
                ),
                migrations.RemoveField(
                    model_name='eventpage',
                    name='programme_item',
                ),
                migrations.DeleteModel(
                    name='HistoricalEventPage',
                ),
                migrations.RemoveField(
                    model_name='photo',
                    name='uploaded_by',
                ),
                migrations.DeleteModel(
                    name='EventPage',
                ),
                migrations.DeleteModel(
                    name='Photo',
                ),
            ],
        ),
    ]

"""The content types of event pages, photos and the pages' history move from `visits` to `press`.

A content type keeps its row (and id), only its app label changes: the permissions on it (now
`press.publish_eventpage` and so on), the groups and users holding them, and the admin's log of the pages all
follow without a copy. Then the role table (delegations/roles.py with press/roles.py) is applied again.

Where `press` content types exist already (a migration in between made the permissions of every app), they
are new and empty: the old rows are kept, and who holds a new permission gets the old one as well.
"""

from django.conf import settings
from django.db import migrations

from delegations.roles import apply_role_permissions

MOVED = ("eventpage", "photo", "historicaleventpage")


def _relabel(apps, schema_editor, *, source: str, target: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    holders = [
        apps.get_model("auth", "Group").permissions.through,
        apps.get_model(settings.AUTH_USER_MODEL).user_permissions.through,
    ]
    db = schema_editor.connection.alias
    for model in MOVED:
        old = ContentType.objects.using(db).filter(app_label=source, model=model).first()
        if old is None:
            continue
        new = ContentType.objects.using(db).filter(app_label=target, model=model).first()
        if new is not None:
            for perm in Permission.objects.using(db).filter(content_type=new):
                kept, _ = Permission.objects.using(db).get_or_create(
                    content_type=old, codename=perm.codename, defaults={"name": perm.name}
                )
                for through in holders:
                    holder = next(f.name for f in through._meta.fields if f.is_relation and f.name != "permission")
                    for row in through.objects.using(db).filter(permission=perm):
                        through.objects.using(db).get_or_create(
                            **{f"{holder}_id": getattr(row, f"{holder}_id")}, permission=kept
                        )
            new.delete()
        old.app_label = target
        old.save(update_fields=["app_label"])
    ContentType.objects.clear_cache()


def to_press(apps, schema_editor):
    _relabel(apps, schema_editor, source="visits", target="press")


def back_to_visits(apps, schema_editor):
    _relabel(apps, schema_editor, source="press", target="visits")


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("press", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(to_press, back_to_visits),
        migrations.RunPython(apply_role_permissions, migrations.RunPython.noop),
    ]

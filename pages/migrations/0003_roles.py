"""Planners and the press office get their permissions on the legal pages and the feedback."""

from django.db import migrations

from delegations.roles import apply_role_permissions


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("pages", "0002_default_pages"),
        ("visits", "0004_photo_renditions"),
    ]

    operations = [migrations.RunPython(apply_role_permissions, migrations.RunPython.noop)]

"""The letters app's permissions for the staff groups (planners all, read-only view and print, press none)."""

from django.db import migrations

from delegations.roles import apply_role_permissions


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("letters", "0001_initial"),
    ]

    operations = [migrations.RunPython(apply_role_permissions, migrations.RunPython.noop)]

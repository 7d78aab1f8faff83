"""The staff groups get their permissions on funding (see funding/roles.py)."""

from django.db import migrations

from delegations.roles import apply_role_permissions


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("funding", "0001_initial"),
        ("pages", "0003_roles"),
        ("visits", "0006_programme_releases"),
    ]

    operations = [migrations.RunPython(apply_role_permissions, migrations.RunPython.noop)]

"""Planners may set which groups must log in with two factors."""

from django.db import migrations

from delegations.roles import apply_role_permissions


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("visits", "0003_roles"),
    ]

    operations = [migrations.RunPython(apply_role_permissions, migrations.RunPython.noop)]

"""The staff groups planners, press office and read-only with their permissions."""

from django.db import migrations

from delegations.roles import apply_role_permissions


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("delegations", "0001_initial"),
        ("visits", "0002_appointment_item_same_delegation"),
    ]

    operations = [migrations.RunPython(apply_role_permissions, migrations.RunPython.noop)]

"""The staff roles (Django groups) and what each may do; applied by data migrations.

Each app keeps its part of the table in its own `roles.py`, as `PERMISSIONS = {group name: {(app label,
codename), …}}`, and adds it here from its `AppConfig.ready()` with `contribute`; this module holds the
delegations' part. So the table is whole once Django is set up, before any migration runs, and this app,
at the bottom, names none of the apps above it. A later migration that adds models calls
`apply_role_permissions` again, so the groups match the table.
"""

PLANNERS = "planners"
PRESS_OFFICE = "press office"
READ_ONLY = "read-only"

ALL = ("add", "change", "delete", "view")

_MODELS = ("topic", "partnership", "organisation", "contact", "delegation", "member")

PERMISSIONS = {
    PLANNERS: {("delegations", f"{action}_{model}") for model in _MODELS for action in ALL}
    | {("delegations", "view_contact_details"), ("delegations", "view_special_categories")},
    # Press office: no personal data of members, no contact phone numbers or emails.
    PRESS_OFFICE: {
        ("delegations", "view_topic"),
        ("delegations", "view_partnership"),
        ("delegations", "view_organisation"),
        ("delegations", "view_contact"),
        ("delegations", "view_delegation"),
    },
    # Read-only: sees the planning, but not the special categories of personal data (GDPR Art. 9).
    READ_ONLY: {("delegations", f"view_{model}") for model in _MODELS}
    | {("delegations", "view_contact_details")},
}

ROLE_PERMISSIONS: dict[str, set[tuple[str, str]]] = {
    group: set() for group in (PLANNERS, PRESS_OFFICE, READ_ONLY)
}


def contribute(permissions: dict[str, set[tuple[str, str]]]) -> None:
    """Add an app's part to the table (idempotent); an unknown group name is an error, not a new group."""
    for group, perms in permissions.items():
        ROLE_PERMISSIONS[group] |= perms


contribute(PERMISSIONS)


def apply_role_permissions(apps, schema_editor=None) -> None:
    """Create the groups and set their permissions exactly to the table above (idempotent)."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, wanted in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        perms = [
            perm
            for perm in Permission.objects.select_related("content_type").filter(
                content_type__app_label__in={app for app, _ in wanted}
            )
            if (perm.content_type.app_label, perm.codename) in wanted
        ]
        group.permissions.set(perms)

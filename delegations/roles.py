"""The staff roles (Django groups) and what each may do; applied by data migrations.

A later migration that adds models calls `apply_role_permissions` again, so the groups match this table.
The apps around the visit (protocol, funding, …) keep their part of the table in their own `roles.py`, as
`PERMISSIONS = {group name: {(app label, codename), …}}`; it is merged in here.
"""

import importlib

PLANNERS = "planners"
PRESS_OFFICE = "press office"
READ_ONLY = "read-only"

ALL = ("add", "change", "delete", "view")

# Models of each app, for the planners who do everything.
_DOMAIN_MODELS = {
    "delegations": ["topic", "partnership", "organisation", "contact", "delegation", "member"],
    "visits": [
        "venue",
        "programmeitem",
        "companyappointment",
        "guestaccess",
        "programmerelease",
        "releasenotification",
    ],
    "pages": ["legalpage", "accessibilityfeedback"],
}


def _everything() -> set[tuple[str, str]]:
    perms = {
        (app, f"{action}_{model}")
        for app, models in _DOMAIN_MODELS.items()
        for model in models
        for action in ALL
    }
    perms |= {
        ("delegations", "view_contact_details"),
        ("delegations", "view_special_categories"),
        ("visits", "release_programme"),
    }
    return perms


ROLE_PERMISSIONS: dict[str, set[tuple[str, str]]] = {
    PLANNERS: _everything(),
    # Press office: event pages and photos (press/roles.py) and the public side of the programme; no personal
    # data of members, no contact phone numbers or emails, no hotels, no guest links.
    PRESS_OFFICE: {
        ("delegations", "view_topic"),
        ("delegations", "view_partnership"),
        ("delegations", "view_organisation"),
        ("delegations", "view_contact"),
        ("delegations", "view_delegation"),
        ("visits", "view_venue"),
        ("visits", "view_programmeitem"),
        # The legal pages' texts, and the accessibility feedback to read (planners answer it).
        ("pages", "change_legalpage"),
        ("pages", "view_legalpage"),
        ("pages", "view_accessibilityfeedback"),
    },
    # Read-only: sees the planning, but not the special categories of personal data (GDPR Art. 9), no
    # guest links, and not the feedback the public sends (names and addresses of senders).
    READ_ONLY: {
        (app, f"view_{model}")
        for app, models in _DOMAIN_MODELS.items()
        for model in models
        if model not in {"guestaccess", "accessibilityfeedback"}
    }
    | {("delegations", "view_contact_details")},
}


# Apps whose `roles.py` adds to the table (a missing module adds nothing).
EXTRA_ROLE_APPS = ("press", "protocol", "funding", "followup", "letters", "privacy", "accounts")


def _merge_extra_roles() -> None:
    for app in EXTRA_ROLE_APPS:
        try:
            module = importlib.import_module(f"{app}.roles")
        except ModuleNotFoundError as error:
            if error.name != f"{app}.roles":
                raise
            continue
        for group, perms in module.PERMISSIONS.items():
            ROLE_PERMISSIONS[group] |= perms


_merge_extra_roles()


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

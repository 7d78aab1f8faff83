"""Who may set which groups must log in with two factors: planners only."""

PERMISSIONS = {
    "planners": {
        ("accounts", f"{action}_twofactorrequirement") for action in ("add", "change", "delete", "view")
    },
    "press office": set(),
    "read-only": set(),
}

"""The letters app's part of the staff roles (added to `delegations.roles` by its AppConfig).

Planners do everything; read-only staff see the letters and the letterhead and download letters and badges;
the press office sees nothing here, since letters and badges name the guests.
"""

PERMISSIONS = {
    "planners": {
        ("letters", f"{action}_{model}")
        for model in ("letterhead", "invitationletter")
        for action in ("add", "change", "delete", "view")
    }
    | {("letters", "print_badges")},
    "read-only": {
        ("letters", "view_letterhead"),
        ("letters", "view_invitationletter"),
        ("letters", "print_badges"),
    },
    "press office": set(),
}

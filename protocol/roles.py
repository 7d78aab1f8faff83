"""Who may do what in the protocol app (added to `delegations.roles` by its AppConfig).

Planners do everything; read-only staff see the plans; the press office sees nothing here, since seating
plans, speeches and the gifts register name the guests.
"""

MODELS = ("precedenceentry", "seatingplan", "table", "seat", "speech", "gift")

PERMISSIONS = {
    "planners": {
        ("protocol", f"{action}_{model}")
        for model in MODELS
        for action in ("add", "change", "delete", "view")
    },
    "read-only": {("protocol", f"view_{model}") for model in MODELS},
    "press office": set(),
}

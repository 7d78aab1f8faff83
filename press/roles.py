"""Who may do what in the press app (merged into delegations.roles).

The press office writes, schedules and publishes event pages and looks after their photos; planners may do the
same; read-only staff see the pages and photos.
"""

MODELS = ("eventpage", "photo")

_WRITE = {
    ("press", f"{action}_{model}") for model in MODELS for action in ("add", "change", "delete", "view")
}
_WRITE |= {("press", "publish_eventpage")}

PERMISSIONS = {
    "planners": _WRITE,
    "press office": _WRITE,
    "read-only": {("press", f"view_{model}") for model in MODELS},
}

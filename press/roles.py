"""Who may do what in the press app (added to `delegations.roles` by `PressConfig.ready`).

The press office writes, schedules and publishes event pages and looks after their photos; planners may do the
same; read-only staff see the pages and photos.
"""

from delegations.roles import PLANNERS, PRESS_OFFICE, READ_ONLY

MODELS = ("eventpage", "photo")

_WRITE = {
    ("press", f"{action}_{model}") for model in MODELS for action in ("add", "change", "delete", "view")
}
_WRITE |= {("press", "publish_eventpage")}

PERMISSIONS = {
    PLANNERS: _WRITE,
    PRESS_OFFICE: _WRITE,
    READ_ONLY: {("press", f"view_{model}") for model in MODELS},
}

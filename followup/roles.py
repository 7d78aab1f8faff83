"""The followup app's part of the staff roles: planners do everything, read-only views, press office nothing.

The press office works on the public side; outcomes, commitments and actions are internal working notes.
"""

_MODELS = ("outcome", "action")

PERMISSIONS = {
    "planners": {
        ("followup", f"{action}_{model}")
        for model in _MODELS
        for action in ("add", "change", "delete", "view")
    },
    "read-only": {("followup", f"view_{model}") for model in _MODELS},
    "press office": set(),
}

"""The legal pages' part of the staff roles (added to `delegations.roles` by `PagesConfig.ready`).

Planners do everything. The press office edits the legal pages' texts and reads the accessibility feedback
(planners answer it). Read-only sees the pages but not the feedback: it names its senders.
"""

from delegations.roles import ALL, PLANNERS, PRESS_OFFICE, READ_ONLY

PERMISSIONS = {
    PLANNERS: {
        ("pages", f"{action}_{model}") for model in ("legalpage", "accessibilityfeedback") for action in ALL
    },
    PRESS_OFFICE: {
        ("pages", "change_legalpage"),
        ("pages", "view_legalpage"),
        ("pages", "view_accessibilityfeedback"),
    },
    READ_ONLY: {("pages", "view_legalpage")},
}

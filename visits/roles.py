"""The visits app's part of the staff roles (added to `delegations.roles` by `VisitsConfig.ready`).

Planners do everything, releases and publishing included. The press office writes event pages with photos
and sees venues and programme items, the public side; no guest links, appointments, releases or notices.
Read-only sees the planning but no guest links.
"""

from delegations.roles import ALL, PLANNERS, PRESS_OFFICE, READ_ONLY

_MODELS = (
    "venue",
    "programmeitem",
    "companyappointment",
    "eventpage",
    "photo",
    "guestaccess",
    "programmerelease",
    "releasenotification",
)

PERMISSIONS = {
    PLANNERS: {("visits", f"{action}_{model}") for model in _MODELS for action in ALL}
    | {("visits", "publish_eventpage"), ("visits", "release_programme")},
    PRESS_OFFICE: {
        ("visits", "view_venue"),
        ("visits", "view_programmeitem"),
        ("visits", "add_eventpage"),
        ("visits", "change_eventpage"),
        ("visits", "delete_eventpage"),
        ("visits", "view_eventpage"),
        ("visits", "publish_eventpage"),
        ("visits", "add_photo"),
        ("visits", "change_photo"),
        ("visits", "delete_photo"),
        ("visits", "view_photo"),
    },
    READ_ONLY: {("visits", f"view_{model}") for model in _MODELS if model != "guestaccess"},
}

"""The visits app's part of the staff roles (added to `delegations.roles` by `VisitsConfig.ready`).

Planners do everything, releases included. The press office sees venues, vehicles and programme items, the
public side (its event pages and photos are the press app's, press/roles.py); no guest links, appointments,
releases or notices. Read-only sees the planning but no guest or staff links, and which documents a visit
has, but does not download them (visa papers and contracts name people; like funding receipts, the overview
does not need them).
"""

from delegations.roles import ALL, PLANNERS, PRESS_OFFICE, READ_ONLY

_MODELS = (
    "venue",
    "vehicle",
    "programmeitem",
    "companyappointment",
    "guestaccess",
    "staffaccess",
    "programmerelease",
    "releasenotification",
    "attachment",
    "delayrecord",
)

PERMISSIONS = {
    PLANNERS: {("visits", f"{action}_{model}") for model in _MODELS for action in ALL}
    | {("visits", "release_programme"), ("visits", "download_attachment")},
    PRESS_OFFICE: {
        ("visits", "view_venue"),
        ("visits", "view_vehicle"),
        ("visits", "view_programmeitem"),
    },
    READ_ONLY: {
        ("visits", f"view_{model}") for model in _MODELS if model not in {"guestaccess", "staffaccess"}
    },
}

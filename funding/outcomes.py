"""What the visit achieved, for the proof of use: from the follow-up app when it is there.

`followup.queries.outcomes_for_delegation(delegation)` returns dicts with `starts_at`, `item_title`, `kind`
("outcome" or "commitment") and `text`. Without that app, the outcomes written on company appointments
stand in.
"""

import importlib

from visits.models import CompanyAppointment


def _appointment_outcomes(delegation) -> list[dict]:
    appointments = (
        CompanyAppointment.objects.filter(delegation=delegation)
        .exclude(outcome="")
        .select_related("company", "programme_item")
        .order_by("programme_item__starts_at", "pk")
    )
    return [
        {
            "starts_at": appointment.programme_item.starts_at if appointment.programme_item else None,
            "item_title": appointment.programme_item.title
            if appointment.programme_item
            else str(appointment),
            "kind": "outcome",
            "text": appointment.outcome,
        }
        for appointment in appointments
    ]


def outcomes_for_delegation(delegation) -> list[dict]:
    try:
        module = importlib.import_module("followup.queries")
    except ModuleNotFoundError as error:
        if error.name != "followup.queries":
            raise
        return _appointment_outcomes(delegation)
    return list(module.outcomes_for_delegation(delegation))

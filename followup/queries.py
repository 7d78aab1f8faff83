"""Reads of the followup app with their rules: outcomes in programme order, actions of a delegation."""

from django.db.models import F
from django.db.models.functions import Coalesce

from visits.enums import ItemStatus

from .models import Outcome


def outcomes_in_programme_order(delegation):
    """The delegation's outcomes and commitments of items held, in programme order, related rows joined.

    A record on a company appointment sorts by the appointment's programme item; one on an appointment without
    an item sorts last. Records on cancelled items are left out: they did not happen.
    """
    return (
        Outcome.objects.for_delegation(delegation)
        .exclude(programme_item__status=ItemStatus.CANCELLED)
        .exclude(appointment__programme_item__status=ItemStatus.CANCELLED)
        .select_related(
            "programme_item",
            "appointment__programme_item",
            "appointment__company",
            "appointment__topic",
            "member",
            "contact",
            "organisation",
        )
        .annotate(starts_at=Coalesce("programme_item__starts_at", "appointment__programme_item__starts_at"))
        .order_by(F("starts_at").asc(nulls_last=True), "pk")
    )


def held_item_of(outcome: Outcome):
    """The programme item an outcome belongs to, directly or through its company appointment (or None)."""
    if outcome.programme_item_id:
        return outcome.programme_item
    return outcome.appointment.programme_item


def outcomes_for_delegation(delegation) -> list[dict]:
    """Outcomes and commitments of a delegation as plain rows, in programme order, in one query.

    Each row: `starts_at` (aware datetime, or None for an appointment without a programme item),
    `item_title` (the item's title in the active language, else the appointment as "company – topic"),
    `kind` ("outcome" or "commitment") and `text`. Used by the funding app's proof-of-use export.
    """
    rows = []
    for outcome in outcomes_in_programme_order(delegation):
        item = held_item_of(outcome)
        rows.append(
            {
                "starts_at": outcome.starts_at,
                "item_title": item.title if item is not None else str(outcome.appointment),
                "kind": str(outcome.kind),
                "text": outcome.text,
            }
        )
    return rows

"""What the followup app finds for the planner's desk (`delegations.attention`), for all visits at once.

Actions overdue or due soon, and company visits held without an outcome recorded; registered by
`FollowupConfig.ready()`, a fixed number of queries for all visits together.
"""

import datetime as dt

from django.db.models import Count, Exists, Min, OuterRef, Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import ngettext

from delegations.attention import SOON_DAYS, Attention, Urgency, contribute
from visits.enums import AppointmentStatus
from visits.models import CompanyAppointment

from .models import Action, Outcome


def _date(value) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def due_actions(delegations, today):
    """Unfinished actions past their due date, and those due within `SOON_DAYS`."""
    soon = today + dt.timedelta(days=SOON_DAYS)
    rows = (
        Action.objects.unfinished()
        .filter(delegation__in=delegations, due_on__lte=soon)
        .values("delegation")
        .annotate(
            overdue=Count("pk", filter=Q(due_on__lt=today)),
            due=Count("pk", filter=Q(due_on__gte=today)),
            first=Min("due_on"),
            next=Min("due_on", filter=Q(due_on__gte=today)),
        )
    )
    for row in rows:
        pk = row["delegation"]
        url = reverse("followup:delegation", args=[pk])
        if row["overdue"]:
            text = ngettext(
                "%(count)d Aufgabe der Nachbereitung überfällig (seit %(date)s)",
                "%(count)d Aufgaben der Nachbereitung überfällig (die älteste seit %(date)s)",
                row["overdue"],
            ) % {"count": row["overdue"], "date": _date(row["first"])}
            yield Attention(pk, Urgency.NOW, text, url, due=row["first"])
        if row["due"]:
            text = ngettext(
                "%(count)d Aufgabe der Nachbereitung bald fällig (am %(date)s)",
                "%(count)d Aufgaben der Nachbereitung bald fällig (die erste am %(date)s)",
                row["due"],
            ) % {"count": row["due"], "date": _date(row["next"])}
            yield Attention(pk, Urgency.SOON, text, url, due=row["next"])


def appointments_without_outcome(delegations, today):
    """Confirmed company visits that are over, with neither the appointment's outcome nor a record of one."""
    recorded = Outcome.objects.filter(appointment=OuterRef("pk"))
    rows = (
        CompanyAppointment.objects.filter(
            delegation__in=delegations,
            status=AppointmentStatus.CONFIRMED,
            programme_item__ends_at__lte=timezone.now(),
            outcome="",
        )
        .exclude(Exists(recorded))
        .values("delegation")
        .annotate(count=Count("pk"), since=Min("programme_item__ends_at"))
    )
    for row in rows:
        pk, count = row["delegation"], row["count"]
        text = ngettext(
            "%(count)d Unternehmensbesuch ohne festgehaltenes Ergebnis",
            "%(count)d Unternehmensbesuche ohne festgehaltenes Ergebnis",
            count,
        ) % {"count": count}
        held = timezone.localdate(row["since"])
        # Fresh in mind for a week after the visit: then it is time.
        urgency = Urgency.NOW if held <= today - dt.timedelta(days=7) else Urgency.SOON
        yield Attention(pk, urgency, text, reverse("followup:delegation", args=[pk]), due=held)


def register() -> None:
    contribute("due_actions", due_actions, permissions=["followup.view_action"])
    contribute(
        "appointments_without_outcome",
        appointments_without_outcome,
        permissions=["followup.view_outcome", "visits.view_companyappointment"],
    )

"""What the funding app finds for the planner's desk (`delegations.attention`), for all visits at once.

A funding still only planned whose programme wants the application a number of days before the trip: the
deadline is near or past. Registered by `FundingConfig.ready()`; one query for all visits together.
"""

import datetime as dt

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext

from delegations.attention import Attention, Urgency, contribute, urgency_before

from .enums import FundingState
from .models import DelegationFunding


def application_deadlines(delegations, today):
    fundings = DelegationFunding.objects.filter(
        delegation__in=delegations,
        state=FundingState.PLANNED,
        programme__min_notice_days__isnull=False,
    ).select_related("programme", "delegation")
    for funding in fundings:
        programme = funding.programme
        deadline = funding.delegation.arrival_date - dt.timedelta(days=programme.min_notice_days)
        values = {"programme": programme.name, "date": formats.date_format(deadline, "SHORT_DATE_FORMAT")}
        if deadline < today:
            text = (
                gettext("Förderantrag bei „%(programme)s“ nicht gestellt, die Frist lief am %(date)s ab")
                % values
            )
        else:
            text = gettext("Förderantrag bei „%(programme)s“ bis %(date)s stellen") % values
        url = reverse("funding:delegation", args=[funding.delegation_id])
        urgency = Urgency.NOW if deadline < today else urgency_before(deadline, today)
        yield Attention(funding.delegation_id, urgency, text, url, due=deadline)


def register() -> None:
    contribute("application_deadlines", application_deadlines, permissions=["funding.view_delegationfunding"])

"""What needs attention in the visits on the desk: a registry the apps add their findings to, for /admin/.

The admin's index (`/admin/`) is the planner's desk: per visit in preparation, under way or just over, what
needs doing, most urgent first, each line linking to the admin page where it is done. This app, at the bottom,
knows no app above it, so every app that knows of something to do (a blocking release finding, a notice that
did not arrive, an overdue action, a funding deadline) contributes a provider from its `AppConfig.ready()`
with `contribute`, as it contributes its part of the staff roles (`delegations.roles`).

A provider is asked once for all visits on the desk together and runs a fixed number of queries for them,
never one per visit; it is asked only for a user holding its permissions, and its lines link only to pages
those permissions open.
"""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import IntEnum

from django.db.models import Q
from django.utils.translation import pgettext_lazy

from .enums import DelegationStatus
from .models import Delegation

# A visit stays on the desk this long after its departure: the time its follow-up is usually done in.
FOLLOW_UP_DAYS = 56
# A deadline closer than this is soon.
SOON_DAYS = 14


class Urgency(IntEnum):
    """How soon a line needs doing; the lower, the more urgent."""

    NOW = 0  # overdue, failed, or blocking a visit that is about to start or under way
    SOON = 1  # due within `SOON_DAYS`
    LATER = 2  # to do, with time

    @property
    def label(self) -> str:
        return str(URGENCY_LABELS[self])


URGENCY_LABELS = {
    Urgency.NOW: pgettext_lazy("urgency of a line on the desk", "dringend"),
    Urgency.SOON: pgettext_lazy("urgency of a line on the desk", "bald"),
    Urgency.LATER: pgettext_lazy("urgency of a line on the desk", "offen"),
}


def urgency_before(deadline: dt.date, today: dt.date) -> Urgency:
    """Overdue or today is now, within `SOON_DAYS` is soon, anything later is later."""
    if deadline <= today:
        return Urgency.NOW
    if deadline <= today + dt.timedelta(days=SOON_DAYS):
        return Urgency.SOON
    return Urgency.LATER


@dataclass(frozen=True)
class Attention:
    """One line of a visit on the desk: what needs doing, in words, and the admin page where it is done."""

    delegation_id: int
    urgency: Urgency
    text: str
    url: str
    # The date by which it is due, if there is one: the sooner, the higher within the same urgency.
    due: dt.date | None = None

    @property
    def order(self) -> tuple:
        """Most urgent first, then the earliest due; lines alike keep the order of their providers."""
        return (self.urgency, self.due or dt.date.max)


# A provider: (the visits on the desk, today) -> the lines it finds, for any of them.
Find = Callable[[list[Delegation], dt.date], Iterable[Attention]]


@dataclass(frozen=True)
class Provider:
    name: str
    permissions: tuple[str, ...]
    find: Find

    def applies_to(self, user) -> bool:
        return user.has_perms(self.permissions)


PROVIDERS: dict[str, Provider] = {}


def contribute(name: str, find: Find, *, permissions: Iterable[str]) -> None:
    """Add a provider to the desk (idempotent by name): it is asked only for users holding `permissions`."""
    PROVIDERS[name] = Provider(name, tuple(permissions), find)


@dataclass
class VisitOnDesk:
    """A visit and its lines, most urgent first."""

    delegation: Delegation
    lines: list[Attention] = field(default_factory=list)

    @property
    def urgency(self) -> Urgency | None:
        return self.lines[0].urgency if self.lines else None

    @property
    def order(self) -> tuple:
        first = self.lines[0].order if self.lines else (len(Urgency), dt.date.max)
        return (*first, self.delegation.arrival_date, self.delegation.pk)


def visits_on_desk(today: dt.date):
    """Visits in preparation or under way, and those over for less than `FOLLOW_UP_DAYS`; not cancelled."""
    preparing = [DelegationStatus.PLANNING, DelegationStatus.CONFIRMED, DelegationStatus.UNDER_WAY]
    return Delegation.objects.filter(
        Q(status__in=preparing)
        | Q(
            status=DelegationStatus.COMPLETED,
            departure_date__gte=today - dt.timedelta(days=FOLLOW_UP_DAYS),
        )
    ).order_by("arrival_date", "pk")


def providers_for(user) -> list[Provider]:
    return [provider for provider in PROVIDERS.values() if provider.applies_to(user)]


def desk(user, today: dt.date) -> list[VisitOnDesk]:
    """The visits on the desk with what each provider the user may ask finds, the most urgent visit first.

    One query for the visits and each provider's own fixed number, whatever the number of visits.
    """
    providers = providers_for(user)
    if not providers or not user.has_perm("delegations.view_delegation"):
        return []
    visits = {delegation.pk: VisitOnDesk(delegation) for delegation in visits_on_desk(today)}
    if not visits:
        return []
    delegations = [visit.delegation for visit in visits.values()]
    for provider in providers:
        for line in provider.find(delegations, today):
            visits[line.delegation_id].lines.append(line)
    for visit in visits.values():
        visit.lines.sort(key=lambda line: line.order)
    return sorted(visits.values(), key=lambda visit: visit.order)

"""Venues and vehicles booked by two items at once, of any delegations."""

from typing import TYPE_CHECKING

from django.utils.translation import gettext

from .kinds import Conflict, ConflictKind
from .timelines import overlapping_pairs, vehicle_timelines, venue_timelines

if TYPE_CHECKING:
    from .check import ProgrammeCheck


def double_booked_venues(check: "ProgrammeCheck") -> list[tuple[tuple, Conflict]]:
    """(sort key, conflict) for every two overlapping items that book the same venue."""
    kind = ConflictKind.VENUE_DOUBLE_BOOKED
    found = []
    for timeline in venue_timelines(check.entries):
        for first, second in overlapping_pairs(timeline):
            if not check.wanted(first, second):
                continue
            venue = first.item.venue
            message = gettext("%(venue)s ist doppelt belegt: %(first)s und %(second)s.") % {
                "venue": venue.name,
                "first": check.describe(first),
                "second": check.describe(second),
            }
            conflict = check.conflict(kind, message, (first.item, second.item), venue=venue)
            found.append(((first.index, second.index, kind), conflict))
    return found


def double_booked_vehicles(check: "ProgrammeCheck") -> list[tuple[tuple, Conflict]]:
    """(sort key, conflict) for every two overlapping items that book the same vehicle."""
    kind = ConflictKind.VEHICLE_DOUBLE_BOOKED
    found = []
    for timeline in vehicle_timelines(check.entries):
        for first, second in overlapping_pairs(timeline):
            if not check.wanted(first, second):
                continue
            vehicle = first.item.vehicle
            message = gettext("%(vehicle)s ist gleichzeitig bei %(first)s und %(second)s eingeplant.") % {
                "vehicle": str(vehicle),
                "first": check.describe(first),
                "second": check.describe(second),
            }
            conflict = check.conflict(kind, message, (first.item, second.item), vehicle=vehicle)
            found.append(((first.index, second.index, kind), conflict))
    return found

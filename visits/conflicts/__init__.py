"""Conflicts in a delegation's programme, found before they happen: for the programme page and the item form.

`find_conflicts(delegation)` checks a whole visit in a fixed number of queries; `conflicts_for_item(item, …)`
checks one (possibly unsaved) item as the form holds it, so staff are warned while saving is still allowed;
`shared_resource_conflicts(items)` finds the double bookings of contacts, venues and vehicles among items
already read, of any visits (the planners' calendar).

The rules, and why they are drawn where they are:

- Cancelled items take part in no conflict.
- Two items overlap when one starts before the other ends; items that only touch (10:00–11:00, 11:00–12:00)
  do not.
- No participants chosen means the whole delegation, so such an item overlaps every member's item; except
  for an internal (staff-only) item, which with nobody chosen involves no member: it is the staff's own
  preparation, not the guests' programme.
- Free time is the absence of programme: it books nobody and no place, and needs neither interpreter nor
  travel time.
- A host, the interpreter or the driver (the item's contacts) in two overlapping items is a conflict, across
  delegations too, since the same county staff look after every visit.
- A vehicle in two overlapping items is a conflict, across delegations too (free time books none).
- A venue is double-booked when overlapping items of any delegations meet there. Hotels and stations are not
  booked (several groups stay or pass there), and a transfer only meets at a place, it does not book it.
- Travel time: between two consecutive items of the same person at different venues there must be the
  straight-line distance at `CONFLICT_TRANSFER_SPEED_KMH` plus `CONFLICT_TRANSFER_BUFFER_MINUTES`. A
  transfer item covers the move itself, so a pair with a transfer in it is not checked; neither is a pair
  where a venue has no coordinates (nothing to measure).
- The stay is counted in whole days in the delegation's time zone (Europe/Berlin for incoming visits).
- An item needs an interpreter when one of its people needs one and prefers Ukrainian or English; the
  interpreter must have the pair German ↔ that language (`LanguagePair.from_german_to`). Transfers and free
  time need no interpreter.
- A company visit needs a confirmed company appointment linked to it.
"""

from collections import defaultdict
from collections.abc import Iterable

from delegations.models import Contact, Delegation, Member

from ..models import ProgrammeItem
from ..models.programme import NON_BOOKING_ITEM_KINDS, UNBOOKED_VENUE_KINDS
from .check import ProgrammeCheck
from .entries import NEIGHBOUR_WINDOW, load_many
from .interpreters import needed_language_pairs
from .kinds import SEVERITY, Conflict, ConflictKind, ConflictSeverity
from .shared import shared_resource_conflicts
from .travel import DEFAULT_TRANSFER_BUFFER_MINUTES, DEFAULT_TRANSFER_SPEED_KMH, EARTH_RADIUS_KM, distance_km

__all__ = [
    "DEFAULT_TRANSFER_BUFFER_MINUTES",
    "DEFAULT_TRANSFER_SPEED_KMH",
    "EARTH_RADIUS_KM",
    "NEIGHBOUR_WINDOW",
    "NON_BOOKING_ITEM_KINDS",
    "SEVERITY",
    "UNBOOKED_VENUE_KINDS",
    "Conflict",
    "ConflictKind",
    "ConflictSeverity",
    "conflicts_for_item",
    "conflicts_of_planned_items",
    "distance_km",
    "find_conflicts",
    "find_conflicts_of_visits",
    "group_by_item",
    "needed_language_pairs",
    "shared_resource_conflicts",
]


def find_conflicts(delegation: Delegation) -> list[Conflict]:
    """Every conflict in the delegation's programme, in programme order (nine queries at most, any size)."""
    return ProgrammeCheck(delegation).run()


def find_conflicts_of_visits(delegations: Iterable[Delegation]) -> dict[int, list[Conflict]]:
    """`find_conflicts` of several visits at once, by delegation key, in the same nine queries at most."""
    delegations = list(delegations)
    loaded = load_many(delegations)
    return {
        delegation.pk: ProgrammeCheck(delegation, loaded=loaded[delegation.pk]).run()
        for delegation in delegations
    }


def conflicts_for_item(
    item: ProgrammeItem,
    *,
    participants: Iterable[Member] | None = None,
    hosts: Iterable[Contact] | None = None,
) -> list[Conflict]:
    """The conflicts an item would have as the form holds it, saved or not.

    `participants` and `hosts` are the form's choices (the many-to-many fields are not on an unsaved item);
    left out, the stored ones count. The item's stored version is replaced by this one, not compared with it.
    """
    if item.is_cancelled:
        return []
    if participants is None:
        participants = item.participants.all() if item.pk else ()
    if hosts is None:
        hosts = item.hosts.all() if item.pk else ()
    return ProgrammeCheck(
        item.delegation, focus=item, focus_participants=participants, focus_hosts=hosts
    ).run()


def conflicts_of_planned_items(delegation: Delegation, planned: Iterable[tuple]) -> list[Conflict]:
    """The conflicts unsaved items would have once added to the delegation's programme: with its items, with
    other delegations' bookings of the same people and places, and among themselves.

    Each planned entry is `(item, hosts)` (a copy: no participants, the whole delegation) or
    `(item, hosts, participants)` (an import). One check for all of them, so a fixed number of queries
    however many there are."""
    planned = [entry for entry in planned if not entry[0].is_cancelled]
    if not planned:
        return []
    return ProgrammeCheck(delegation, planned=planned).run()


def group_by_item(conflicts: Iterable[Conflict]) -> dict[int, list[Conflict]]:
    """Conflicts under the primary key of every saved item they involve, for the programme page."""
    grouped: dict[int, list[Conflict]] = defaultdict(list)
    for conflict in conflicts:
        for item in conflict.items:
            if item.pk is not None:
                grouped[item.pk].append(conflict)
    return dict(grouped)

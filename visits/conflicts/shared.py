"""Double bookings of the county's resources among any items, of every visit: the planners' calendar.

The programme check (`ProgrammeCheck`) looks at one visit and the other visits' items near it. The calendar
looks at every visit in a month at once, so it asks the same question of a list of items it has already read:
which contact (host, interpreter, driver), venue or vehicle is booked by two items at overlapping times. The
rules are the programme check's (`ProgrammeItem.books_venue`, `.books_vehicle`, `.busy_contacts()`, the same
sweep over each resource's timeline) and so are the messages; no query is made here.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext, ngettext

from ..models import ProgrammeItem
from .check import describe_item
from .entries import Entry, names
from .kinds import SEVERITY, Conflict, ConflictKind
from .timelines import overlapping_pairs, people_timelines, vehicle_timelines, venue_timelines


def shared_resource_conflicts(items: Iterable[ProgrammeItem]) -> dict[int, list[Conflict]]:
    """{item pk: its double bookings} among `items`, which carry their venue, vehicle, interpreter and driver
    (select_related) and their hosts (prefetch_related); cancelled items take part in none."""
    entries = []
    for item in sorted(items, key=lambda item: (item.starts_at, item.ends_at, item.pk)):
        if item.is_cancelled:
            continue
        # Not `own`: members count only within their own visit, which the programme page checks.
        entry = Entry(item=item, own=False, contacts=tuple(item.busy_contacts(item.hosts.all())))
        entry.index = len(entries)
        entries.append(entry)
    zone = timezone.get_current_timezone()
    found: list[Conflict] = []

    def describe(entry: Entry) -> str:
        if entry.description is None:
            entry.description = describe_item(entry.item, zone, with_delegation=True)
        return entry.description

    shared: dict[tuple[int, int], list] = defaultdict(list)
    for person, timeline in people_timelines(entries):
        for first, second in overlapping_pairs(timeline):
            shared[(first.index, second.index)].append(person)
    for (first_index, second_index), persons in sorted(shared.items()):
        first, second = entries[first_index], entries[second_index]
        message = ngettext(
            "%(people)s ist gleichzeitig bei %(first)s und %(second)s eingeplant.",
            "%(people)s sind gleichzeitig bei %(first)s und %(second)s eingeplant.",
            len(persons),
        ) % {"people": names(persons), "first": describe(first), "second": describe(second)}
        found.append(
            _conflict(ConflictKind.CONTACT_DOUBLE_BOOKED, message, first, second, contacts=tuple(persons))
        )
    for timeline in venue_timelines(entries):
        for first, second in overlapping_pairs(timeline):
            venue = first.item.venue
            message = gettext("%(venue)s ist doppelt belegt: %(first)s und %(second)s.") % {
                "venue": venue.name,
                "first": describe(first),
                "second": describe(second),
            }
            found.append(_conflict(ConflictKind.VENUE_DOUBLE_BOOKED, message, first, second, venue=venue))
    for timeline in vehicle_timelines(entries):
        for first, second in overlapping_pairs(timeline):
            vehicle = first.item.vehicle
            message = gettext("%(vehicle)s ist gleichzeitig bei %(first)s und %(second)s eingeplant.") % {
                "vehicle": str(vehicle),
                "first": describe(first),
                "second": describe(second),
            }
            found.append(
                _conflict(ConflictKind.VEHICLE_DOUBLE_BOOKED, message, first, second, vehicle=vehicle)
            )

    by_item: dict[int, list[Conflict]] = defaultdict(list)
    for conflict in found:
        for item in conflict.items:
            by_item[item.pk].append(conflict)
    return dict(by_item)


def _conflict(kind: ConflictKind, message: str, first: Entry, second: Entry, **related) -> Conflict:
    return Conflict(kind, SEVERITY[kind], message, (first.item, second.item), **related)

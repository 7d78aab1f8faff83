"""Each person's, booked venue's and vehicle's items in start order, and the pairs of them that overlap."""

from collections import defaultdict
from collections.abc import Iterator

from delegations.models import Contact

from .entries import WHOLE_DELEGATION, Entry


def people_timelines(entries: list[Entry]) -> list[tuple[object, list[Entry]]]:
    """(person, their items) for everyone the entries keep busy: members, contacts, or the whole delegation.

    Members count only in their own delegation's items; contacts in every delegation's (the same county staff
    look after every visit). A delegation without members entered stands as WHOLE_DELEGATION.
    """
    timelines: dict[tuple, list[Entry]] = defaultdict(list)
    person_of: dict[tuple, object] = {WHOLE_DELEGATION: WHOLE_DELEGATION}
    for entry in entries:  # in start order, so every timeline is too
        if not entry.item.books_people:
            continue
        if entry.stands_for_delegation and not entry.members:
            timelines[WHOLE_DELEGATION].append(entry)
        for person in (*(entry.members if entry.own else ()), *entry.contacts):
            key = ("contact" if isinstance(person, Contact) else "member", person.pk)
            person_of[key] = person
            timelines[key].append(entry)
    return [(person_of[key], timeline) for key, timeline in timelines.items()]


def venue_timelines(entries: list[Entry]) -> list[list[Entry]]:
    """The items of each venue that they book, in start order."""
    timelines: dict[int, list[Entry]] = defaultdict(list)
    for entry in entries:
        if entry.item.books_venue:
            timelines[entry.item.venue_id].append(entry)
    return list(timelines.values())


def vehicle_timelines(entries: list[Entry]) -> list[list[Entry]]:
    """The items of each vehicle that they book, in start order."""
    timelines: dict[int, list[Entry]] = defaultdict(list)
    for entry in entries:
        if entry.item.books_vehicle:
            timelines[entry.item.vehicle_id].append(entry)
    return list(timelines.values())


def overlapping_pairs(timeline: list[Entry]) -> Iterator[tuple[Entry, Entry]]:
    """Pairs of items that overlap, from a list in start order: a sweep that keeps only the running items.

    Each item meets only the items still running when it starts, so the work grows with the number of
    overlaps, not with the square of the items.
    """
    running: list[Entry] = []
    for entry in timeline:
        starts_at = entry.item.starts_at
        running = [other for other in running if other.item.ends_at > starts_at]
        for other in running:
            yield other, entry
        running.append(entry)

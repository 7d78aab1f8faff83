"""Members, hosts and interpreters booked into two items at once."""

from collections import defaultdict
from typing import TYPE_CHECKING

from django.utils.translation import gettext, ngettext

from delegations.models import Contact

from .entries import WHOLE_DELEGATION, members_and_contacts, names
from .kinds import Conflict, ConflictKind
from .timelines import overlapping_pairs

if TYPE_CHECKING:
    from .check import ProgrammeCheck


def double_booked_people(check: "ProgrammeCheck") -> list[tuple[tuple, Conflict]]:
    """(sort key, conflict) for every two overlapping items that share people: one conflict per pair of items,
    however many people they share."""
    shared: dict[tuple, list] = defaultdict(list)  # (kind, first index, second index) -> the people
    for person, timeline in check.people_timelines:
        kind = (
            ConflictKind.CONTACT_DOUBLE_BOOKED
            if isinstance(person, Contact)
            else ConflictKind.MEMBER_DOUBLE_BOOKED
        )
        for first, second in overlapping_pairs(timeline):
            if check.wanted(first, second):
                shared[(kind, first.index, second.index)].append(person)

    found = []
    for (kind, first_index, second_index), persons in shared.items():
        first, second = check.entries[first_index], check.entries[second_index]
        texts = {"first": check.describe(first), "second": check.describe(second)}
        if persons == [WHOLE_DELEGATION]:
            message = (
                gettext("Die Delegation ist gleichzeitig bei %(first)s und %(second)s eingeplant.") % texts
            )
            conflict = check.conflict(kind, message, (first.item, second.item))
        else:
            message = ngettext(
                "%(people)s ist gleichzeitig bei %(first)s und %(second)s eingeplant.",
                "%(people)s sind gleichzeitig bei %(first)s und %(second)s eingeplant.",
                len(persons),
            ) % {"people": names(persons), **texts}
            conflict = check.conflict(
                kind, message, (first.item, second.item), **members_and_contacts(persons)
            )
        found.append(((first_index, second_index, kind), conflict))
    return found

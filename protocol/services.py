"""Writes to the order of precedence that touch several rows: moving a place, adding who is missing."""

from django.db import transaction
from django.db.models import Max

from delegations.enums import ContactRole
from delegations.models import Contact, Delegation, Member

from .models import PrecedenceEntry

UP = "up"
DOWN = "down"


def _locked_order(delegation: Delegation) -> list[PrecedenceEntry]:
    return list(
        PrecedenceEntry.objects.select_for_update().filter(delegation=delegation).order_by("position")
    )


@transaction.atomic
def move_entry(*, entry: PrecedenceEntry, direction: str) -> bool:
    """Swap `entry` with its neighbour above or below; False when it is already first or last.

    The swap passes through a free position above all others, so the unique position holds at every step
    (SQLite cannot defer the constraint).
    """
    order = _locked_order(entry.delegation)
    index = next(i for i, row in enumerate(order) if row.pk == entry.pk)
    other_index = index - 1 if direction == UP else index + 1
    if other_index < 0 or other_index >= len(order):
        return False
    current, other = order[index], order[other_index]
    free = order[-1].position + 1
    current_position, other_position = current.position, other.position
    PrecedenceEntry.objects.filter(pk=current.pk).update(position=free)
    PrecedenceEntry.objects.filter(pk=other.pk).update(position=current_position)
    PrecedenceEntry.objects.filter(pk=current.pk).update(position=other_position)
    return True


def missing_people(delegation: Delegation) -> tuple[list[Member], list[Contact]]:
    """Guests and hosts of the delegation's programme not yet in its order, in a sensible first order:
    the head of the delegation before the other guests, the county head before the other hosts."""
    members = list(
        delegation.members.active()
        .exclude(precedence_entries__delegation=delegation)
        .order_by("-is_head", "last_name", "first_name")
    )
    contacts = list(
        Contact.objects.filter(hosted_items__delegation=delegation)
        .exclude(precedence_entries__delegation=delegation)
        .distinct()
        .order_by("last_name", "first_name")
    )
    contacts.sort(key=lambda contact: contact.role != ContactRole.COUNTY_HEAD)
    return members, contacts


@transaction.atomic
def add_missing_participants(*, delegation: Delegation) -> int:
    """Append every guest and host of the programme who is not yet listed; returns how many were added."""
    _locked_order(delegation)
    members, contacts = missing_people(delegation)
    last = PrecedenceEntry.objects.filter(delegation=delegation).aggregate(last=Max("position"))["last"] or 0
    entries = [
        PrecedenceEntry(delegation=delegation, position=last + offset, **person)
        for offset, person in enumerate(
            [*({"member": member} for member in members), *({"contact": contact} for contact in contacts)],
            start=1,
        )
    ]
    PrecedenceEntry.objects.bulk_create(entries)
    return len(entries)

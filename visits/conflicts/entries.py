"""The items a check looks at, read in a fixed number of queries, and the people each of them keeps busy."""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import F
from django.utils.translation import gettext

from delegations.models import Contact, Delegation, Member

from ..enums import Visibility
from ..models import ProgrammeItem, Venue

# How far around the visit (or the form's item) other items are read: more than any way there takes.
NEIGHBOUR_WINDOW = dt.timedelta(days=1)

# The person standing for a delegation that has no members entered yet.
WHOLE_DELEGATION = ("delegation",)


@dataclass(eq=False)
class Entry:
    """An item as the check sees it: who it binds and whether it belongs to the delegation under check."""

    item: ProgrammeItem
    own: bool
    members: tuple[Member, ...] = ()
    contacts: tuple[Contact, ...] = ()
    appointment_status: str | None = None
    index: int = 0
    description: str | None = None

    @property
    def stands_for_delegation(self) -> bool:
        # Nobody chosen: the whole delegation, unless the item is the staff's own (internal) business.
        return self.own and self.item.visibility != Visibility.INTERNAL


@dataclass
class Loaded:
    """What a check reads: the entries in programme order, the delegation's members, the entries in focus
    (the form's item, or the planned ones), if any."""

    entries: list[Entry]
    members: list[Member]
    focus_entries: list[Entry]


def item_key(item: ProgrammeItem):
    """The key of an item's many-to-many rows: its pk, or the object itself while it is unsaved."""
    return item.pk if item.pk is not None else ("unsaved", id(item))


def load(
    delegation: Delegation,
    focus: ProgrammeItem | None,
    focus_participants: list[Member],
    focus_hosts: list[Contact],
    planned: list[tuple[ProgrammeItem, list[Contact]]] = (),
) -> Loaded:
    """The items, their people and places in a fixed number of queries.

    Many-to-many rows are read as plain pairs of keys, and the few venues and contacts once each: a model
    instance per relation (prefetch_related) would cost more than all the checks together. `planned` are
    unsaved items with their hosts (a copied programme), checked as if they were already in the delegation.
    """
    delegation_members = list(delegation.members.all())
    members = {member.pk: member for member in delegation_members}
    items = (
        ProgrammeItem.objects.filter(delegation=delegation)
        .not_cancelled()
        .annotate(appointment_status=F("appointment__status"))
        .in_order()
    )
    focused = ([focus] if focus is not None else []) + [item for item, _hosts in planned]
    if focused:
        # Only items around the form's item (or the planned ones) can clash with them or be the way there.
        items = items.overlapping(
            min(item.starts_at for item in focused) - NEIGHBOUR_WINDOW,
            max(item.ends_at for item in focused) + NEIGHBOUR_WINDOW,
        )
    if focus is not None and focus.pk is not None:
        items = items.exclude(pk=focus.pk)  # the form's version replaces the stored one
    own = [Entry(item=item, own=True, appointment_status=item.appointment_status) for item in items]
    rows = ProgrammeItem.participants.through.objects.filter(programmeitem__in=items.values("pk"))
    chosen = _keys_by_item(rows, "member_id")
    rows = ProgrammeItem.hosts.through.objects.filter(programmeitem__in=items.values("pk"))
    hosted = _keys_by_item(rows, "contact_id")
    for entry in own:
        entry.members = tuple(members[pk] for pk in chosen.get(entry.item.pk, ()) if pk in members)
    focus_entries = []
    if focus is not None:
        focus_entries.append(
            Entry(
                item=focus,
                own=True,
                members=tuple(members.get(member.pk, member) for member in focus_participants),
                appointment_status=_appointment_status(focus),
            )
        )
        hosted[item_key(focus)] = [contact.pk for contact in focus_hosts]
    for item, hosts in planned:
        focus_entries.append(Entry(item=item, own=True))
        hosted[item_key(item)] = [contact.pk for contact in hosts]
    own += focus_entries
    focus_hosts = [*focus_hosts, *(contact for _item, hosts in planned for contact in hosts)]

    neighbours, neighbour_items = _neighbours(delegation, own, hosted)
    if neighbours:
        rows = ProgrammeItem.hosts.through.objects.filter(programmeitem__in=neighbour_items.values("pk"))
        hosted.update(_keys_by_item(rows, "contact_id"))
    entries = own + neighbours
    contacts = {contact.pk: contact for contact in focus_hosts}
    contacts.update(
        (contact.pk, contact) for contact in Contact.objects.filter(pk__in=_contact_ids(entries, hosted))
    )
    venues = Venue.objects.in_bulk({entry.item.venue_id for entry in entries if entry.item.venue_id})
    # A few other delegations, each read once (select_related would build one per item).
    delegations = Delegation.objects.in_bulk({entry.item.delegation_id for entry in neighbours})
    delegations[delegation.pk] = delegation

    for entry in entries:
        item = entry.item
        # Cache the relations, so neither the checks nor a reader of a Conflict's items query per item.
        if item.delegation_id in delegations:
            item.delegation = delegations[item.delegation_id]
        if item.venue_id in venues:
            item.venue = venues[item.venue_id]
        if item.interpreter_id in contacts:
            item.interpreter = contacts[item.interpreter_id]
        hosts = [contacts[pk] for pk in hosted.get(item_key(item), ()) if pk in contacts]
        entry.contacts = tuple(item.busy_contacts(hosts))
        if entry.stands_for_delegation and not entry.members:
            entry.members = tuple(delegation_members)  # none chosen: the whole delegation
    entries.sort(
        key=lambda entry: (entry.item.starts_at, entry.item.ends_at, not entry.own, entry.item.pk or 0)
    )
    for index, entry in enumerate(entries):
        entry.index = index
    return Loaded(entries=entries, members=delegation_members, focus_entries=focus_entries)


def _neighbours(delegation: Delegation, own: list[Entry], hosted: dict):
    """Other delegations' items near this visit that book the same venues or keep the same contacts busy."""
    contact_ids = _contact_ids(own, hosted)
    venue_ids = {entry.item.venue_id for entry in own if entry.item.venue_id}
    if not own or not (venue_ids or contact_ids):
        return [], None
    window_start = min(entry.item.starts_at for entry in own) - NEIGHBOUR_WINDOW
    window_end = max(entry.item.ends_at for entry in own) + NEIGHBOUR_WINDOW
    items = (
        ProgrammeItem.objects.exclude(delegation=delegation)
        .not_cancelled()
        .overlapping(window_start, window_end)
        .booking(venues=venue_ids, contacts=contact_ids)
    )
    return [Entry(item=item, own=False) for item in items], items


def _keys_by_item(through_rows, other_key: str) -> dict[int | None, list[int]]:
    """Many-to-many rows as {programme item key: [keys of the other side]}."""
    keys: dict[int | None, list[int]] = defaultdict(list)
    for item_id, other_id in through_rows.values_list("programmeitem_id", other_key):
        keys[item_id].append(other_id)
    return keys


def _contact_ids(entries: list[Entry], hosted: dict) -> set[int]:
    """The keys of the contacts the entries' items keep busy: their hosts and interpreters."""
    keys = {pk for entry in entries for pk in hosted.get(item_key(entry.item), ())}
    return keys | {entry.item.interpreter_id for entry in entries if entry.item.interpreter_id}


def _appointment_status(item: ProgrammeItem) -> str | None:
    # A missing reverse one-to-one raises an AttributeError subclass, so getattr's default applies.
    appointment = getattr(item, "appointment", None) if item.pk else None
    return appointment.status if appointment is not None else None


def names(persons: Iterable) -> str:
    """The people of a conflict as staff read them, in alphabetical order."""
    return ", ".join(
        sorted(
            gettext("die Delegation") if person is WHOLE_DELEGATION else person.full_name
            for person in persons
        )
    )


def members_and_contacts(persons: list) -> dict:
    """The people of a conflict as a Conflict holds them, members and contacts apart."""
    return {
        "members": tuple(p for p in persons if isinstance(p, Member)),
        "contacts": tuple(p for p in persons if isinstance(p, Contact)),
    }

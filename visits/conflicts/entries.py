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
    planned: list[tuple] = (),
) -> Loaded:
    """The items, their people and places in a fixed number of queries.

    Many-to-many rows are read as plain pairs of keys, and the few venues and contacts once each: a model
    instance per relation (prefetch_related) would cost more than all the checks together. `planned` are
    unsaved items with their hosts (a copied programme), and optionally their participants (an imported
    one; none means the whole delegation), checked as if they were already in the delegation.
    """
    delegation_members = list(delegation.members.all())
    members = {member.pk: member for member in delegation_members}
    items = (
        ProgrammeItem.objects.filter(delegation=delegation)
        .not_cancelled()
        .annotate(appointment_status=F("appointment__status"))
        .select_related("vehicle")  # few items have one: a join, not a query
        .in_order()
    )
    focused = ([focus] if focus is not None else []) + [item for item, *_people in planned]
    if focused:
        # Only items around the form's item (or the planned ones) can clash with them or be the way there.
        items = items.overlapping(
            min(item.starts_at for item in focused) - NEIGHBOUR_WINDOW,
            max(item.ends_at for item in focused) + NEIGHBOUR_WINDOW,
        )
    if focus is not None and focus.pk is not None:
        items = items.exclude(pk=focus.pk)  # the form's version replaces the stored one
    # A planned item that is saved already (a delay moves it) replaces its stored version, as the form's does.
    replaced = [item.pk for item, *_people in planned if item.pk is not None]
    if replaced:
        items = items.exclude(pk__in=replaced)
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
    statuses = (
        dict(ProgrammeItem.objects.filter(pk__in=replaced).values_list("pk", "appointment__status"))
        if replaced
        else {}
    )
    for item, hosts, *chosen in planned:
        participants = tuple(members.get(member.pk, member) for member in (chosen[0] if chosen else ()))
        focus_entries.append(
            Entry(item=item, own=True, members=participants, appointment_status=statuses.get(item.pk))
        )
        hosted[item_key(item)] = [contact.pk for contact in hosts]
    own += focus_entries
    focus_hosts = [*focus_hosts, *(contact for _item, hosts, *_chosen in planned for contact in hosts)]

    neighbours, neighbour_items = _neighbours(delegation, own, hosted)
    if neighbours:
        rows = ProgrammeItem.hosts.through.objects.filter(programmeitem__in=neighbour_items.values("pk"))
        hosted.update(_keys_by_item(rows, "contact_id"))
    entries = own + neighbours
    # What the form's item (or the planned ones) holds already is not read again: its hosts, and the
    # interpreter, driver and venue a caller read with it (the admin's change form joins them).
    contacts = {contact.pk: contact for contact in focus_hosts}
    venues = {}
    for item in focused:
        for relation, known in (("interpreter", contacts), ("driver", contacts), ("venue", venues)):
            cached = ProgrammeItem._meta.get_field(relation).is_cached(item)
            related = getattr(item, relation) if cached else None
            if related is not None:
                known[related.pk] = related
    contacts.update(Contact.objects.in_bulk(_contact_ids(entries, hosted) - contacts.keys()))
    venues.update(
        Venue.objects.in_bulk(
            {entry.item.venue_id for entry in entries if entry.item.venue_id} - venues.keys()
        )
    )
    # A few other delegations, each read once (select_related would build one per item).
    delegations = Delegation.objects.in_bulk({entry.item.delegation_id for entry in neighbours})
    delegations[delegation.pk] = delegation
    _attach(entries, delegation_members, hosted, contacts, venues, delegations)
    return Loaded(entries=_in_order(entries), members=delegation_members, focus_entries=focus_entries)


def load_many(delegations: Iterable[Delegation]) -> dict[int, Loaded]:
    """What a check of each of several whole visits reads, in the same fixed number of queries as one.

    For the planner's start page, which checks every visit in preparation at once. The other delegations'
    items near each visit are read in one query for all of them (their time span, any of their venues and
    contacts) and sorted out per visit here, as `_neighbours` asks the database for one.
    """
    checked = {delegation.pk: delegation for delegation in delegations}
    if not checked:
        return {}
    members_of: dict[int, list[Member]] = defaultdict(list)
    for member in Member.objects.filter(delegation__in=list(checked)):
        members_of[member.delegation_id].append(member)
    items = (
        ProgrammeItem.objects.filter(delegation__in=list(checked))
        .not_cancelled()
        .annotate(appointment_status=F("appointment__status"))
        .select_related("vehicle")
        .in_order()
    )
    own_of: dict[int, list[Entry]] = defaultdict(list)
    for item in items:
        own_of[item.delegation_id].append(
            Entry(item=item, own=True, appointment_status=item.appointment_status)
        )
    rows = ProgrammeItem.participants.through.objects.filter(programmeitem__in=items.values("pk"))
    chosen = _keys_by_item(rows, "member_id")
    rows = ProgrammeItem.hosts.through.objects.filter(programmeitem__in=items.values("pk"))
    hosted = _keys_by_item(rows, "contact_id")
    for pk, own in own_of.items():
        members = {member.pk: member for member in members_of[pk]}
        for entry in own:
            entry.members = tuple(members[m] for m in chosen.get(entry.item.pk, ()) if m in members)

    # Each visit's neighbours are the items of other delegations in its window that book its venues or keep
    # its contacts busy: read once for the span and the venues and contacts of all, sorted out below.
    wanted = {
        pk: (
            min(entry.item.starts_at for entry in own) - NEIGHBOUR_WINDOW,
            max(entry.item.ends_at for entry in own) + NEIGHBOUR_WINDOW,
            {entry.item.venue_id for entry in own if entry.item.venue_id},
            _contact_ids(own, hosted),
            {entry.item.vehicle_id for entry in own if entry.item.vehicle_id},
        )
        for pk, own in own_of.items()
    }
    wanted = {pk: scope for pk, scope in wanted.items() if scope[2] or scope[3] or scope[4]}
    nearby: list[ProgrammeItem] = []
    if wanted:
        nearby_items = (
            ProgrammeItem.objects.not_cancelled()
            .overlapping(min(s[0] for s in wanted.values()), max(s[1] for s in wanted.values()))
            .booking(
                venues={v for s in wanted.values() for v in s[2]},
                contacts={c for s in wanted.values() for c in s[3]},
                vehicles={v for s in wanted.values() for v in s[4]},
            )
            .select_related("vehicle")
        )
        nearby = list(nearby_items)
        # The hosts of the checked visits' own items are read already.
        if any(item.delegation_id not in checked for item in nearby):
            others_items = nearby_items.exclude(delegation__in=list(checked))
            rows = ProgrammeItem.hosts.through.objects.filter(programmeitem__in=others_items.values("pk"))
            hosted.update(_keys_by_item(rows, "contact_id"))
    all_items = [entry.item for own in own_of.values() for entry in own] + nearby
    contact_ids = {pk for item in all_items for pk in hosted.get(item.pk, ())}
    contact_ids |= {item.interpreter_id for item in all_items if item.interpreter_id}
    contact_ids |= {item.driver_id for item in all_items if item.driver_id}
    contacts = Contact.objects.in_bulk(contact_ids)
    venues = Venue.objects.in_bulk({item.venue_id for item in all_items if item.venue_id})
    others = Delegation.objects.in_bulk({item.delegation_id for item in nearby} - set(checked))

    loaded = {}
    for pk in checked:
        own = own_of.get(pk, [])
        neighbours = []
        if pk in wanted:
            starts, ends, venue_ids, contact_ids, vehicle_ids = wanted[pk]
            for item in nearby:
                if item.delegation_id == pk or not (item.starts_at < ends and item.ends_at > starts):
                    continue
                item.venue = venues.get(item.venue_id) if item.venue_id else None
                books_venue = item.venue_id in venue_ids and item.books_venue
                busy = {*hosted.get(item.pk, ()), item.interpreter_id, item.driver_id} & contact_ids
                if books_venue or busy or (item.vehicle_id in vehicle_ids and item.books_vehicle):
                    neighbours.append(Entry(item=item, own=False))
        entries = own + neighbours
        _attach(entries, members_of[pk], hosted, contacts, venues, {**others, **checked})
        loaded[pk] = Loaded(entries=_in_order(entries), members=members_of[pk], focus_entries=[])
    return loaded


def _attach(entries, delegation_members, hosted, contacts, venues, delegations) -> None:
    """Cache every relation the checks read on the entries' items, and the people each entry keeps busy."""
    for entry in entries:
        item = entry.item
        # Cache the relations, so neither the checks nor a reader of a Conflict's items query per item.
        if item.delegation_id in delegations:
            item.delegation = delegations[item.delegation_id]
        if item.venue_id in venues:
            item.venue = venues[item.venue_id]
        if item.interpreter_id in contacts:
            item.interpreter = contacts[item.interpreter_id]
        if item.driver_id in contacts:
            item.driver = contacts[item.driver_id]
        hosts = [contacts[pk] for pk in hosted.get(item_key(item), ()) if pk in contacts]
        entry.contacts = tuple(item.busy_contacts(hosts))
        if entry.stands_for_delegation and not entry.members:
            entry.members = tuple(delegation_members)  # none chosen: the whole delegation


def _in_order(entries: list[Entry]) -> list[Entry]:
    entries.sort(
        key=lambda entry: (entry.item.starts_at, entry.item.ends_at, not entry.own, entry.item.pk or 0)
    )
    for index, entry in enumerate(entries):
        entry.index = index
    return entries


def _neighbours(delegation: Delegation, own: list[Entry], hosted: dict):
    """Other delegations' items near this visit that book the same venues or vehicles or keep the same
    contacts busy (hosts, interpreters, drivers): one query over the visit's dates, whatever its size."""
    contact_ids = _contact_ids(own, hosted)
    venue_ids = {entry.item.venue_id for entry in own if entry.item.venue_id}
    vehicle_ids = {entry.item.vehicle_id for entry in own if entry.item.vehicle_id}
    if not own or not (venue_ids or contact_ids or vehicle_ids):
        return [], None
    window_start = min(entry.item.starts_at for entry in own) - NEIGHBOUR_WINDOW
    window_end = max(entry.item.ends_at for entry in own) + NEIGHBOUR_WINDOW
    items = (
        ProgrammeItem.objects.exclude(delegation=delegation)
        .not_cancelled()
        .overlapping(window_start, window_end)
        .booking(venues=venue_ids, contacts=contact_ids, vehicles=vehicle_ids)
        .select_related("vehicle")
    )
    return [Entry(item=item, own=False) for item in items], items


def _keys_by_item(through_rows, other_key: str) -> dict[int | None, list[int]]:
    """Many-to-many rows as {programme item key: [keys of the other side]}."""
    keys: dict[int | None, list[int]] = defaultdict(list)
    for item_id, other_id in through_rows.values_list("programmeitem_id", other_key):
        keys[item_id].append(other_id)
    return keys


def _contact_ids(entries: list[Entry], hosted: dict) -> set[int]:
    """The keys of the contacts the entries' items keep busy: their hosts, interpreters and drivers."""
    keys = {pk for entry in entries for pk in hosted.get(item_key(entry.item), ())}
    keys |= {entry.item.interpreter_id for entry in entries if entry.item.interpreter_id}
    return keys | {entry.item.driver_id for entry in entries if entry.item.driver_id}


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

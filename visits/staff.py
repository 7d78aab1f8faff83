"""Staff links: a visit's hosts, interpreters and drivers read their own items on a personal link.

Design:
- A `StaffAccess` is made like a guest link (`visits.services`): a salt, a token derived from it and the
  secret key (with its own purpose, so no staff salt makes a guest token), only the hash stored; it expires,
  can be revoked and notes its last use. One per visit and contact; making a new one revokes the old.
- The page reads the latest release only (`ReleasedItem.objects.for_contact`), never the working programme,
  and shows each item with what the contact's roles on it need: a driver the pick-up places with addresses,
  the hotels of the guests on a transfer and the vehicle; an interpreter the language pairs the guests need
  and the topic; a host the guests' names and functions and the company visit's briefing. Nothing else of
  the guests: no phone, email, room, travel detail, dietary or accessibility need.
- A release tells each contact whose items it changed (`changes_per_contact`, queued by `visits.notices`).
"""

import datetime as dt
import hmac
from collections import defaultdict
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.links import absolute_url
from delegations.enums import LanguagePair
from delegations.models import Contact, Delegation, Member

from .conflicts.interpreters import needed_language_pairs
from .enums import ItemKind
from .models import CompanyAppointment, ReleasedItem, StaffAccess
from .services import derive_token, new_personal_link

TOKEN_PURPOSE = "staff-link"
HOST, INTERPRETER, DRIVER = "host", "interpreter", "driver"
ROLES = (HOST, INTERPRETER, DRIVER)
ROLE_LABELS = {HOST: _("Gastgeber/in"), INTERPRETER: _("Dolmetscher/in"), DRIVER: _("Fahrer/in")}
# What the page reads of a guest: names, function, whether they lead, languages and hotel. Nothing private.
GUEST_FIELDS = (
    "id",
    "delegation_id",
    "first_name",
    "last_name",
    "first_name_original",
    "last_name_original",
    "function",
    "is_head",
    "is_anonymised",
    "preferred_language",
    "needs_interpreter",
    "hotel",
)


# -- Links ------------------------------------------------------------------------------------------------


@transaction.atomic
def issue_staff_access(
    *, delegation: Delegation, contact: Contact, expires_at: dt.datetime | None = None, created_by=None
) -> tuple[StaffAccess, str]:
    """A new personal link of a contact for one visit; the contact's previous links of the visit stop working.

    Returns the stored access and the raw token (the database keeps its hash only).
    """
    return new_personal_link(
        StaffAccess,
        purpose=TOKEN_PURPOSE,
        holder={"delegation": delegation, "contact": contact},
        expires_at=expires_at,
        created_by=created_by,
    )


def staff_link_path(token: str) -> str:
    return reverse("staff_schedule:page", kwargs={"token": token})


def staff_link_url(token: str, request=None) -> str:
    return absolute_url(staff_link_path(token), request)


def token_of(access: StaffAccess) -> str | None:
    """The access's token made again from its salt; None when the secret key changed since."""
    token = derive_token(access.token_salt, purpose=TOKEN_PURPOSE)
    return token if hmac.compare_digest(StaffAccess.hash_token(token), access.token_hash) else None


def current_link_url(*, delegation: Delegation, contact: Contact) -> str | None:
    """The URL of the contact's valid link for the visit, made again from its salt; None without one."""
    for access in StaffAccess.objects.valid().filter(delegation=delegation, contact=contact):
        token = token_of(access)
        if token is not None:
            return staff_link_url(token)
    return None


def find_staff_access(token: str, *, now: dt.datetime | None = None) -> StaffAccess | None:
    """The one way to open a staff link: unknown, expired and revoked tokens all give None, in one query."""
    if not StaffAccess.is_well_formed(token):
        return None
    return (
        StaffAccess.objects.valid(now)
        .select_related("delegation", "contact")
        .filter(token_hash=StaffAccess.hash_token(token))
        .first()
    )


def revoke_staff_access(access: StaffAccess) -> None:
    if access.revoked_at is None:
        access.revoked_at = timezone.now()
        access.save(update_fields=["revoked_at"])


# -- Who works on a visit ------------------------------------------------------------------------------


def roles_of(item, contact_pk: int) -> list[str]:
    """The contact's roles on an item (hosts prefetched), in the order host, interpreter, driver."""
    roles = []
    if any(host.pk == contact_pk for host in item.hosts.all()):
        roles.append(HOST)
    if item.interpreter_id == contact_pk:
        roles.append(INTERPRETER)
    if item.driver_id == contact_pk:
        roles.append(DRIVER)
    return roles


def staff_roles(delegation: Delegation) -> list[tuple[str, Contact]]:
    """(role, contact) for every host, interpreter and driver of the visit's latest release, by name."""
    items = (
        ReleasedItem.objects.latest()
        .filter(release__delegation=delegation)
        .select_related("interpreter", "driver")
        .prefetch_related("hosts")
    )
    found: dict[tuple[str, int], Contact] = {}
    for item in items:
        for host in item.hosts.all():
            found[HOST, host.pk] = host
        if item.interpreter is not None:
            found[INTERPRETER, item.interpreter_id] = item.interpreter
        if item.driver is not None:
            found[DRIVER, item.driver_id] = item.driver
    return sorted(
        ((role, contact) for (role, _pk), contact in found.items()),
        key=lambda pair: (ROLES.index(pair[0]), pair[1].last_name, pair[1].first_name, pair[1].pk),
    )


def staff_contacts(delegation: Delegation) -> list[Contact]:
    """Each contact with a role on the visit's latest release, once."""
    seen = {}
    for _role, contact in staff_roles(delegation):
        seen.setdefault(contact.pk, contact)
    return sorted(seen.values(), key=lambda c: (c.last_name, c.first_name, c.pk))


# -- The page ----------------------------------------------------------------------------------------------


@dataclass
class StaffEntry:
    """One item as a contact sees it: the item and what their roles on it need."""

    item: ReleasedItem
    roles: list[str]
    guests: list[Member]
    pickups: list = field(default_factory=list)  # venues (hotels) where the guests on a transfer are
    language_pairs: list[str] = field(default_factory=list)
    guest_languages: list[str] = field(default_factory=list)
    topic: str = ""
    briefing: str = ""

    @property
    def role_labels(self) -> list[str]:
        return [str(ROLE_LABELS[role]) for role in self.roles]

    @property
    def is_host(self) -> bool:
        return HOST in self.roles

    @property
    def is_interpreter(self) -> bool:
        return INTERPRETER in self.roles

    @property
    def is_driver(self) -> bool:
        return DRIVER in self.roles


@dataclass
class StaffDay:
    date: dt.date
    entries: list[StaffEntry]


def contact_items(access: StaffAccess):
    """The contact's items of the latest release with what the page shows of them, in a fixed number of
    queries."""
    guests = Member.objects.only(*GUEST_FIELDS).select_related("hotel")
    return (
        ReleasedItem.objects.for_contact(access.contact, access.delegation)
        .select_related("venue", "vehicle", "interpreter", "driver")
        .prefetch_related("hosts", Prefetch("participants", queryset=guests))
        .in_order()
    )


def build_schedule(access: StaffAccess) -> list[StaffDay]:
    """The contact's items day by day (in the visit's zone), each with what their roles on it need."""
    items = list(contact_items(access))
    everyone = list(
        access.delegation.members.active().only(*GUEST_FIELDS).select_related("hotel").order_by("last_name")
    )
    appointments = {
        appointment.programme_item_id: appointment
        for appointment in CompanyAppointment.objects.filter(
            programme_item__in=[item.item_id for item in items if item.item_id]
        ).select_related("topic")
    }
    zone = ZoneInfo(access.delegation.time_zone)
    days: dict[dt.date, list[StaffEntry]] = defaultdict(list)
    for item in items:
        roles = roles_of(item, access.contact_id)
        guests = [m for m in item.participants.all() if not m.is_anonymised] or everyone
        guests = sorted(guests, key=lambda m: (not m.is_head, m.last_name, m.first_name))
        entry = StaffEntry(item=item, roles=roles, guests=guests)
        appointment = appointments.get(item.item_id)
        if appointment is not None:
            entry.topic = str(appointment.topic)
            if HOST in roles:
                entry.briefing = appointment.briefing_notes
        if DRIVER in roles and item.kind == ItemKind.TRANSFER:
            hotels = {m.hotel_id: m.hotel for m in guests if m.hotel_id is not None}
            entry.pickups = sorted(hotels.values(), key=lambda venue: venue.name)
        if INTERPRETER in roles:
            pairs = needed_language_pairs(guests)
            entry.language_pairs = [str(pair.label) for pair in LanguagePair if pair in pairs]
            entry.guest_languages = sorted({m.preferred_language for m in guests})
        days[item.starts_at.astimezone(zone).date()].append(entry)
    return [StaffDay(date=day, entries=entries) for day, entries in sorted(days.items())]


def calendar_text(entry: StaffEntry) -> str:
    """An item's description in the staff calendar: the roles, then what they need, in German."""
    lines = [", ".join(entry.role_labels)]
    if entry.is_driver:
        if entry.item.vehicle is not None:
            lines.append(f"{_('Fahrzeug')}: {entry.item.vehicle}")
        for hotel in entry.pickups:
            lines.append(f"{_('Abholung')}: {hotel.name}, {hotel.address}")
        if entry.item.transport_note:
            lines.append(f"{_('Transport')}: {entry.item.transport_note}")
    if entry.is_interpreter and entry.language_pairs:
        lines.append(f"{_('Sprachpaare')}: {', '.join(entry.language_pairs)}")
    if entry.topic:
        lines.append(f"{_('Thema')}: {entry.topic}")
    if entry.is_host:
        lines.append(f"{_('Gäste')}: " + "; ".join(_guest_line(m) for m in entry.guests))
        if entry.briefing:
            lines.append(f"{_('Briefing')}: {entry.briefing}")
    if entry.item.description:
        lines.append(entry.item.description)
    return "\n".join(lines)


def _guest_line(member: Member) -> str:
    return f"{member.full_name} ({member.function})" if member.function else member.full_name


# -- What a release changed for each contact ----------------------------------------------------------


def _staff_view(copy) -> tuple:
    """What a contact is told about when it changes: everything the staff page shows of the item itself."""
    return (
        copy.starts_at,
        copy.ends_at,
        copy.venue_id,
        copy.status,
        copy.vehicle_id,
        copy.title,
        copy.description,
        copy.transport_note,
        copy.dress_code,
        frozenset(member.pk for member in copy.participants.all()),
    )


def _assignments(copies) -> dict[int, dict]:
    """contact pk → {origin key: copy} for every copy the contact has a role on."""
    per_contact: dict[int, dict] = defaultdict(dict)
    for copy in copies:
        people = {host.pk for host in copy.hosts.all()} | {copy.interpreter_id, copy.driver_id}
        for pk in people - {None}:
            per_contact[pk][copy.item_id or -copy.pk] = copy
    return per_contact


def changes_per_contact(*, previous, release) -> dict[int, list[dict]]:
    """Each contact whose items the release changed, with the changelog entries for them.

    Entries have the form of `visits.releases.compare` (``members`` empty), plus the change ``details`` for
    an item that changed in something only staff read (a vehicle, the guests on it, a text). On the first
    release every contact with an item is concerned, with no entries (like members).
    """
    from .releases import DROPPED, NEW, STATUS, TIME, VENUE

    def copies_of(rel):
        if rel is None:
            return []
        return list(rel.items.prefetch_related("hosts", "participants"))

    after = _assignments(copies_of(release))
    if previous is None:
        return {pk: [] for pk in after}
    before = _assignments(copies_of(previous))
    changed: dict[int, list[dict]] = {}
    for pk in before.keys() | after.keys():
        old_items, new_items = before.get(pk, {}), after.get(pk, {})
        entries = []
        for key in old_items.keys() | new_items.keys():
            old, new = old_items.get(key), new_items.get(key)
            shown = new or old
            base = {"item": shown.item_id, "copy": shown.pk, "before": None, "after": None, "members": []}
            if old is None:
                entries.append({**base, "change": NEW})
            elif new is None:
                entries.append({**base, "change": DROPPED})
            elif _staff_view(old) != _staff_view(new):
                if (old.starts_at, old.ends_at) != (new.starts_at, new.ends_at):
                    entries.append(
                        {
                            **base,
                            "change": TIME,
                            "before": [old.starts_at.isoformat(), old.ends_at.isoformat()],
                            "after": [new.starts_at.isoformat(), new.ends_at.isoformat()],
                        }
                    )
                if old.venue_id != new.venue_id:
                    entries.append({**base, "change": VENUE, "before": old.venue_id, "after": new.venue_id})
                if old.status != new.status:
                    entries.append({**base, "change": STATUS, "before": old.status, "after": new.status})
                if _staff_view(old)[4:] != _staff_view(new)[4:]:
                    entries.append({**base, "change": "details"})
        if entries:
            changed[pk] = sorted(entries, key=lambda e: (_starts(new_items, old_items, e), e["copy"]))
    return changed


def _starts(new_items, old_items, entry):
    for items in (new_items, old_items):
        for copy in items.values():
            if copy.pk == entry["copy"]:
                return copy.starts_at
    return dt.datetime.max.replace(tzinfo=dt.UTC)

"""Conflicts in a delegation's programme, found before they happen: for the programme page and the item form.

`find_conflicts(delegation)` checks a whole visit in a fixed number of queries; `conflicts_for_item(item, …)`
checks one (possibly unsaved) item as the form holds it, so staff are warned while saving is still allowed.

The rules, and why they are drawn where they are:

- Cancelled items take part in no conflict.
- Two items overlap when one starts before the other ends; items that only touch (10:00–11:00, 11:00–12:00)
  do not.
- No participants chosen means the whole delegation, so such an item overlaps every member's item; except
  for an internal (staff-only) item, which with nobody chosen involves no member: it is the staff's own
  preparation, not the guests' programme.
- Free time is the absence of programme: it books nobody and no place, and needs neither interpreter nor
  travel time.
- A host or the interpreter (the item's contacts) in two overlapping items is a conflict, across delegations
  too, since the same county staff look after every visit.
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

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format, number_format, time_format
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from delegations.enums import LanguagePair
from delegations.models import Contact, Delegation, Member

from .enums import AppointmentStatus, ItemKind, Visibility
from .models import ProgrammeItem, Venue
from .models.programme import NON_BOOKING_ITEM_KINDS, UNBOOKED_VENUE_KINDS  # noqa: F401 (public here too)

EARTH_RADIUS_KM = 6371.0088
DEFAULT_TRANSFER_SPEED_KMH = 50
DEFAULT_TRANSFER_BUFFER_MINUTES = 10

# How far around the visit (or the form's item) other items are read: more than any way there takes.
NEIGHBOUR_WINDOW = dt.timedelta(days=1)


class ConflictKind(models.TextChoices):
    MEMBER_DOUBLE_BOOKED = "member_double_booked", _("Mitglied doppelt eingeplant")
    CONTACT_DOUBLE_BOOKED = "contact_double_booked", _("Gastgeber/in oder Dolmetscher/in doppelt eingeplant")
    VENUE_DOUBLE_BOOKED = "venue_double_booked", _("Ort doppelt belegt")
    OUTSIDE_STAY = "outside_stay", _("außerhalb des Aufenthalts")
    MEMBER_ABSENT = "member_absent", _("vor der Ankunft oder nach der Abreise")
    TRANSFER_TOO_SHORT = "transfer_too_short", _("zu wenig Zeit für den Weg")
    INTERPRETER_MISSING = "interpreter_missing", _("Dolmetschung fehlt")
    INTERPRETER_LANGUAGE = "interpreter_language", _("Dolmetscher/in ohne passendes Sprachpaar")
    APPOINTMENT_UNCONFIRMED = "appointment_unconfirmed", _("Unternehmenstermin nicht zugesagt")


class ConflictSeverity(models.TextChoices):
    # An error cannot work out as planned; a warning may be intended or is still being arranged.
    ERROR = "error", _("Fehler")
    WARNING = "warning", _("Warnung")


SEVERITY = {
    ConflictKind.MEMBER_DOUBLE_BOOKED: ConflictSeverity.ERROR,
    ConflictKind.CONTACT_DOUBLE_BOOKED: ConflictSeverity.ERROR,
    # A venue may have several rooms; the planner knows whether the two items share one.
    ConflictKind.VENUE_DOUBLE_BOOKED: ConflictSeverity.WARNING,
    ConflictKind.OUTSIDE_STAY: ConflictSeverity.ERROR,
    ConflictKind.MEMBER_ABSENT: ConflictSeverity.WARNING,
    ConflictKind.TRANSFER_TOO_SHORT: ConflictSeverity.WARNING,
    ConflictKind.INTERPRETER_MISSING: ConflictSeverity.WARNING,
    ConflictKind.INTERPRETER_LANGUAGE: ConflictSeverity.ERROR,
    ConflictKind.APPOINTMENT_UNCONFIRMED: ConflictSeverity.WARNING,
}


@dataclass(frozen=True)
class Conflict:
    """One problem in the programme: what kind, how bad, a message in the staff's language, who and what."""

    kind: ConflictKind
    severity: ConflictSeverity
    message: str
    items: tuple[ProgrammeItem, ...]
    members: tuple[Member, ...] = ()
    contacts: tuple[Contact, ...] = ()
    venue: Venue | None = None

    def involves(self, item: ProgrammeItem) -> bool:
        return any(other is item or (item.pk is not None and other.pk == item.pk) for other in self.items)


def needed_language_pairs(members: Iterable[Member]) -> set[LanguagePair]:
    """The language pairs an item needs interpreted for these people; empty when nobody needs any."""
    pairs = set()
    for member in members:
        if member.needs_interpreter and (pair := LanguagePair.from_german_to(member.preferred_language)):
            pairs.add(pair)
    return pairs


def distance_km(first: Venue, second: Venue) -> float:
    """Straight-line (great-circle) distance between two venues with coordinates."""
    lat1, lon1 = math.radians(float(first.latitude)), math.radians(float(first.longitude))
    lat2, lon2 = math.radians(float(second.latitude)), math.radians(float(second.longitude))
    a = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def find_conflicts(delegation: Delegation) -> list[Conflict]:
    """Every conflict in the delegation's programme, in programme order (nine queries at most, any size)."""
    return _ProgrammeCheck(delegation).run()


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
    return _ProgrammeCheck(
        item.delegation, focus=item, focus_participants=participants, focus_hosts=hosts
    ).run()


def group_by_item(conflicts: Iterable[Conflict]) -> dict[int, list[Conflict]]:
    """Conflicts under the primary key of every saved item they involve, for the programme page."""
    grouped: dict[int, list[Conflict]] = defaultdict(list)
    for conflict in conflicts:
        for item in conflict.items:
            if item.pk is not None:
                grouped[item.pk].append(conflict)
    return dict(grouped)


@dataclass(eq=False)
class _Entry:
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


# The resource standing for a delegation that has no members entered yet.
_WHOLE_DELEGATION = ("delegation",)


class _ProgrammeCheck:
    """One run of every rule over a delegation's items and the other items that share people or places."""

    def __init__(
        self,
        delegation: Delegation,
        *,
        focus: ProgrammeItem | None = None,
        focus_participants: Iterable[Member] = (),
        focus_hosts: Iterable[Contact] = (),
    ) -> None:
        self.delegation = delegation
        self.zone = _zone_of(delegation)
        self.shown_zone = timezone.get_current_timezone()  # where staff read times: Europe/Berlin
        # The stay in whole days at the destination: start of arrival day to end of departure day.
        self.stay_starts = dt.datetime.combine(delegation.arrival_date, dt.time.min, tzinfo=self.zone)
        self.stay_ends = dt.datetime.combine(
            delegation.departure_date + dt.timedelta(days=1), dt.time.min, tzinfo=self.zone
        )
        self.speed_kmh = float(getattr(settings, "CONFLICT_TRANSFER_SPEED_KMH", DEFAULT_TRANSFER_SPEED_KMH))
        self.buffer_minutes = float(
            getattr(settings, "CONFLICT_TRANSFER_BUFFER_MINUTES", DEFAULT_TRANSFER_BUFFER_MINUTES)
        )
        self.conflicts: list[Conflict] = []
        self.focus_entry: _Entry | None = None
        self.entries = self._load(focus, list(focus_participants), list(focus_hosts))

    def _load(self, focus, focus_participants: list[Member], focus_hosts: list[Contact]) -> list[_Entry]:
        """The items, their people and places in a fixed number of queries.

        Many-to-many rows are read as plain pairs of keys, and the few venues and contacts once each: a model
        instance per relation (prefetch_related) would cost more than all the checks together.
        """
        delegation = self.delegation
        self.members = list(delegation.members.all())
        members = {member.pk: member for member in self.members}
        items = (
            ProgrammeItem.objects.filter(delegation=delegation)
            .not_cancelled()
            .annotate(appointment_status=F("appointment__status"))
            .in_order()
        )
        if focus is not None:
            # Only items around the form's item can clash with it or be the way to or from it.
            items = items.overlapping(focus.starts_at - NEIGHBOUR_WINDOW, focus.ends_at + NEIGHBOUR_WINDOW)
            if focus.pk is not None:
                items = items.exclude(pk=focus.pk)  # the form's version replaces the stored one
        own = [_Entry(item=item, own=True, appointment_status=item.appointment_status) for item in items]
        rows = ProgrammeItem.participants.through.objects.filter(programmeitem__in=items.values("pk"))
        chosen = _keys_by_item(rows, "member_id")
        rows = ProgrammeItem.hosts.through.objects.filter(programmeitem__in=items.values("pk"))
        hosted = _keys_by_item(rows, "contact_id")
        for entry in own:
            entry.members = tuple(members[pk] for pk in chosen.get(entry.item.pk, ()) if pk in members)
        if focus is not None:
            self.focus_entry = _Entry(
                item=focus,
                own=True,
                members=tuple(members.get(member.pk, member) for member in focus_participants),
                appointment_status=_appointment_status(focus),
            )
            own.append(self.focus_entry)
            hosted[focus.pk] = [contact.pk for contact in focus_hosts]

        neighbours, neighbour_items = self._neighbours(own, hosted)
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
            hosts = [contacts[pk] for pk in hosted.get(item.pk, ()) if pk in contacts]
            entry.contacts = tuple(item.busy_contacts(hosts))
            if entry.stands_for_delegation and not entry.members:
                entry.members = tuple(self.members)  # none chosen: the whole delegation
        entries.sort(
            key=lambda entry: (entry.item.starts_at, entry.item.ends_at, not entry.own, entry.item.pk or 0)
        )
        for index, entry in enumerate(entries):
            entry.index = index
        return entries

    def _neighbours(self, own: list[_Entry], hosted: dict) -> tuple[list[_Entry], models.QuerySet | None]:
        """Other delegations' items near this visit that book the same venues or have the same contacts."""
        contact_ids = _contact_ids(own, hosted)
        venue_ids = {entry.item.venue_id for entry in own if entry.item.venue_id}
        if not own or not (venue_ids or contact_ids):
            return [], None
        window_start = min(entry.item.starts_at for entry in own) - NEIGHBOUR_WINDOW
        window_end = max(entry.item.ends_at for entry in own) + NEIGHBOUR_WINDOW
        items = (
            ProgrammeItem.objects.exclude(delegation=self.delegation)
            .not_cancelled()
            .overlapping(window_start, window_end)
            .booking(venues=venue_ids, contacts=contact_ids)
        )
        return [_Entry(item=item, own=False) for item in items], items

    # Which results to keep: everything of the delegation, or only what touches the item in the form.

    def _wanted(self, *entries: _Entry) -> bool:
        if self.focus_entry is not None:
            return any(entry is self.focus_entry for entry in entries)
        return any(entry.own for entry in entries)

    def run(self) -> list[Conflict]:
        self._check_double_bookings_and_travel()
        for entry in self.entries:
            if entry.own and self._wanted(entry):
                self._check_stay(entry)
                self._check_interpreter(entry)
                self._check_appointment(entry)
        self.conflicts.sort(key=lambda conflict: (conflict.items[0].starts_at, conflict.items[0].ends_at))
        return self.conflicts

    def _add(self, kind: ConflictKind, message: str, items, **related) -> None:
        self.conflicts.append(Conflict(kind, SEVERITY[kind], message, tuple(items), **related))

    # People and places in two items at once, and too little time between places.

    def _check_double_bookings_and_travel(self) -> None:
        people: dict[tuple, list[_Entry]] = defaultdict(list)
        person_of: dict[tuple, object] = {_WHOLE_DELEGATION: _WHOLE_DELEGATION}
        venues: dict[int, list[_Entry]] = defaultdict(list)
        for entry in self.entries:  # in start order, so every list below is too
            if entry.item.books_people:
                if entry.stands_for_delegation and not entry.members:
                    people[_WHOLE_DELEGATION].append(entry)
                for person in (*(entry.members if entry.own else ()), *entry.contacts):
                    key = ("contact" if isinstance(person, Contact) else "member", person.pk)
                    person_of[key] = person
                    people[key].append(entry)
            if entry.item.books_venue:
                venues[entry.item.venue_id].append(entry)

        # (kind, first index, second index) -> the people concerned, so that one clash of two items is one
        # conflict however many people share it.
        overlaps: dict[tuple, list] = defaultdict(list)
        tight: dict[tuple, list] = defaultdict(list)
        for key, timeline in people.items():
            person = person_of[key]
            kind = (
                ConflictKind.CONTACT_DOUBLE_BOOKED
                if key[0] == "contact"
                else ConflictKind.MEMBER_DOUBLE_BOOKED
            )
            for first, second in _overlapping_pairs(timeline):
                if self._wanted(first, second):
                    overlaps[(kind, first.index, second.index)].append(person)
            for first, second in self._too_tight_pairs(timeline):
                if self._wanted(first, second):
                    tight[(first.index, second.index)].append(person)
        for timeline in venues.values():
            for first, second in _overlapping_pairs(timeline):
                if self._wanted(first, second):
                    overlaps[(ConflictKind.VENUE_DOUBLE_BOOKED, first.index, second.index)].append(None)

        for (kind, first_index, second_index), persons in sorted(overlaps.items(), key=_by_indices):
            first, second = self.entries[first_index], self.entries[second_index]
            texts = {"first": self._describe(first), "second": self._describe(second)}
            if kind == ConflictKind.VENUE_DOUBLE_BOOKED:
                venue = first.item.venue
                message = gettext("%(venue)s ist doppelt belegt: %(first)s und %(second)s.") % {
                    "venue": venue.name,
                    **texts,
                }
                self._add(kind, message, (first.item, second.item), venue=venue)
            elif persons == [_WHOLE_DELEGATION]:
                message = (
                    gettext("Die Delegation ist gleichzeitig bei %(first)s und %(second)s eingeplant.")
                    % texts
                )
                self._add(kind, message, (first.item, second.item))
            else:
                message = ngettext(
                    "%(people)s ist gleichzeitig bei %(first)s und %(second)s eingeplant.",
                    "%(people)s sind gleichzeitig bei %(first)s und %(second)s eingeplant.",
                    len(persons),
                ) % {"people": _names(persons), **texts}
                self._add(kind, message, (first.item, second.item), **_people(persons))

        for (first_index, second_index), persons in sorted(tight.items()):
            self._add_tight(self.entries[first_index], self.entries[second_index], persons)

    def _too_tight_pairs(self, timeline: list[_Entry]):
        """A person's consecutive items at two venues with less time between them than the way needs."""
        latest = None  # the item that ends last so far: where the person comes from
        for entry in timeline:
            if latest is not None and latest.item.ends_at <= entry.item.starts_at:
                needed = self._travel_minutes(latest.item, entry.item)
                gap = (entry.item.starts_at - latest.item.ends_at).total_seconds() / 60
                if needed is not None and gap < needed:
                    yield latest, entry
            if latest is None or entry.item.ends_at > latest.item.ends_at:
                latest = entry

    def _travel_minutes(self, first: ProgrammeItem, second: ProgrammeItem) -> float | None:
        if ItemKind.TRANSFER in (first.kind, second.kind):
            return None
        if first.venue is None or second.venue is None or first.venue_id == second.venue_id:
            return None
        if not (first.venue.has_coordinates and second.venue.has_coordinates):
            return None
        return distance_km(first.venue, second.venue) / self.speed_kmh * 60 + self.buffer_minutes

    def _add_tight(self, first: _Entry, second: _Entry, persons: list) -> None:
        needed = self._travel_minutes(first.item, second.item)
        gap = (second.item.starts_at - first.item.ends_at).total_seconds() / 60
        message = gettext(
            "Zu wenig Zeit für den Weg von %(from_venue)s nach %(to_venue)s (%(distance)s km Luftlinie): "
            "zwischen %(first)s und %(second)s liegen %(gap)d Minuten, nötig sind mindestens %(needed)d "
            "(%(people)s)."
        ) % {
            "from_venue": first.item.venue.name,
            "to_venue": second.item.venue.name,
            "distance": number_format(distance_km(first.item.venue, second.item.venue), 1),
            "first": self._describe(first),
            "second": self._describe(second),
            "gap": math.floor(gap),
            "needed": math.ceil(needed),
            "people": _names(persons),
        }
        self._add(ConflictKind.TRANSFER_TOO_SHORT, message, (first.item, second.item), **_people(persons))

    # Rules of one item.

    def _check_stay(self, entry: _Entry) -> None:
        item, delegation = entry.item, self.delegation
        if item.starts_at < self.stay_starts:
            message = gettext("%(item)s beginnt vor der Anreise der Delegation am %(date)s.") % {
                "item": self._describe(entry),
                "date": date_format(delegation.arrival_date, "SHORT_DATE_FORMAT"),
            }
            self._add(ConflictKind.OUTSIDE_STAY, message, (item,))
        if item.ends_at > self.stay_ends:
            message = gettext("%(item)s endet nach dem Abreisetag der Delegation, dem %(date)s.") % {
                "item": self._describe(entry),
                "date": date_format(delegation.departure_date, "SHORT_DATE_FORMAT"),
            }
            self._add(ConflictKind.OUTSIDE_STAY, message, (item,))
        if not entry.item.books_people:
            return
        not_yet = [m for m in entry.members if m.arrival_at is not None and item.starts_at < m.arrival_at]
        gone = [m for m in entry.members if m.departure_at is not None and item.ends_at > m.departure_at]
        if not_yet:
            message = ngettext(
                "%(people)s ist bei Beginn von %(item)s noch nicht angereist.",
                "%(people)s sind bei Beginn von %(item)s noch nicht angereist.",
                len(not_yet),
            ) % {"item": self._describe(entry), "people": _names(not_yet)}
            self._add(ConflictKind.MEMBER_ABSENT, message, (item,), members=tuple(not_yet))
        if gone:
            message = ngettext(
                "%(people)s ist vor dem Ende von %(item)s schon abgereist.",
                "%(people)s sind vor dem Ende von %(item)s schon abgereist.",
                len(gone),
            ) % {"item": self._describe(entry), "people": _names(gone)}
            self._add(ConflictKind.MEMBER_ABSENT, message, (item,), members=tuple(gone))

    def _check_interpreter(self, entry: _Entry) -> None:
        item = entry.item
        if item.kind in NON_BOOKING_ITEM_KINDS:
            return
        needed = needed_language_pairs(entry.members)
        if not needed:
            return
        interpreter = item.interpreter
        if interpreter is None:
            message = gettext(
                "%(item)s braucht Dolmetschung (%(pairs)s), aber niemand ist dafür eingeteilt."
            ) % {
                "item": self._describe(entry),
                "pairs": _pair_labels(needed),
            }
            self._add(ConflictKind.INTERPRETER_MISSING, message, (item,))
            return
        lacking = needed - set(interpreter.interpreting_languages or ())
        if lacking:
            message = gettext("%(interpreter)s hat für %(item)s nicht das nötige Sprachpaar %(pairs)s.") % {
                "interpreter": interpreter.full_name,
                "item": self._describe(entry),
                "pairs": _pair_labels(lacking),
            }
            self._add(ConflictKind.INTERPRETER_LANGUAGE, message, (item,), contacts=(interpreter,))

    def _check_appointment(self, entry: _Entry) -> None:
        item = entry.item
        if item.kind != ItemKind.COMPANY_VISIT:
            return
        status = entry.appointment_status
        if status is None:
            message = gettext("%(item)s ist ein Unternehmensbesuch ohne Unternehmenstermin.") % {
                "item": self._describe(entry)
            }
            self._add(ConflictKind.APPOINTMENT_UNCONFIRMED, message, (item,))
        elif status != AppointmentStatus.CONFIRMED:
            message = gettext(
                "Der Unternehmenstermin zu %(item)s ist noch nicht zugesagt (Stand: %(status)s)."
            ) % {
                "item": self._describe(entry),
                "status": AppointmentStatus(status).label,
            }
            self._add(ConflictKind.APPOINTMENT_UNCONFIRMED, message, (item,))

    # Words.

    def _describe(self, entry: _Entry) -> str:
        # An item is named in many messages; formatting its dates is the slowest part of a check.
        if entry.description is None:
            entry.description = self._description(entry)
        return entry.description

    def _description(self, entry: _Entry) -> str:
        item = entry.item
        start, end = (
            timezone.localtime(item.starts_at, self.shown_zone),
            timezone.localtime(item.ends_at, self.shown_zone),
        )
        end_text = (
            time_format(end, "TIME_FORMAT")
            if start.date() == end.date()
            else date_format(end, "SHORT_DATETIME_FORMAT")
        )
        when = f"{date_format(start, 'SHORT_DATETIME_FORMAT')}\N{EN DASH}{end_text}"
        if entry.own:
            return gettext("„%(title)s“ (%(when)s)") % {"title": item.title, "when": when}
        return gettext("„%(title)s“ (%(when)s, Delegation „%(delegation)s“)") % {
            "title": item.title,
            "when": when,
            "delegation": item.delegation.title,
        }


def _overlapping_pairs(timeline: list[_Entry]):
    """Pairs of items that overlap, from a list in start order: a sweep that keeps only the running items.

    Each item meets only the items still running when it starts, so the work grows with the number of
    overlaps, not with the square of the items.
    """
    running: list[_Entry] = []
    for entry in timeline:
        starts_at = entry.item.starts_at
        running = [other for other in running if other.item.ends_at > starts_at]
        for other in running:
            yield other, entry
        running.append(entry)


def _keys_by_item(through_rows, other_key: str) -> dict[int | None, list[int]]:
    """Many-to-many rows as {programme item key: [keys of the other side]}."""
    keys: dict[int | None, list[int]] = defaultdict(list)
    for item_id, other_id in through_rows.values_list("programmeitem_id", other_key):
        keys[item_id].append(other_id)
    return keys


def _contact_ids(entries: list[_Entry], hosted: dict) -> set[int]:
    """The keys of the contacts the entries' items keep busy: their hosts and interpreters."""
    keys = {pk for entry in entries for pk in hosted.get(entry.item.pk, ())}
    return keys | {entry.item.interpreter_id for entry in entries if entry.item.interpreter_id}


def _appointment_status(item: ProgrammeItem) -> str | None:
    # A missing reverse one-to-one raises an AttributeError subclass, so getattr's default applies.
    appointment = getattr(item, "appointment", None) if item.pk else None
    return appointment.status if appointment is not None else None


def _by_indices(pair):
    (kind, first, second), _persons = pair
    return first, second, kind


def _zone_of(delegation: Delegation) -> ZoneInfo:
    try:
        return ZoneInfo(delegation.time_zone or settings.TIME_ZONE)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(settings.TIME_ZONE)


def _names(persons: Iterable) -> str:
    return ", ".join(
        sorted(
            gettext("die Delegation") if person is _WHOLE_DELEGATION else person.full_name
            for person in persons
        )
    )


def _people(persons: list) -> dict:
    return {
        "members": tuple(p for p in persons if isinstance(p, Member)),
        "contacts": tuple(p for p in persons if isinstance(p, Contact)),
    }


def _pair_labels(pairs: set[LanguagePair]) -> str:
    return ", ".join(str(pair.label) for pair in LanguagePair if pair in pairs)

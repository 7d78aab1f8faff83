"""Conflicts in a delegation's programme, found before they happen: for the programme page and the item form.

`find_conflicts(delegation)` checks a whole visit in a fixed number of queries; `conflicts_for_item(item, …)`
checks one (possibly unsaved) item as the form holds it, so staff are warned while saving is still allowed.

The rules, and why they are drawn where they are:

- Cancelled items take part in no conflict.
- Two items overlap when one starts before the other ends; items that only touch (10:00–11:00, 11:00–12:00)
  do not.
- No participants chosen means the whole delegation, so such an item overlaps every member's item.
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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.formats import date_format, number_format, time_format
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from delegations.enums import LanguagePair
from delegations.models import Contact, Delegation, Member

from .enums import AppointmentStatus, ItemKind, ItemStatus, VenueKind
from .models import ProgrammeItem, Venue

EARTH_RADIUS_KM = 6371.0088
DEFAULT_TRANSFER_SPEED_KMH = 50
DEFAULT_TRANSFER_BUFFER_MINUTES = 10

# Venues several groups use at once without booking them.
UNBOOKED_VENUE_KINDS = frozenset({VenueKind.HOTEL, VenueKind.STATION})
# Items that book no venue, and items without interpretation.
NON_BOOKING_ITEM_KINDS = frozenset({ItemKind.TRANSFER, ItemKind.FREE_TIME})
# How far around the visit other delegations' items are read: enough for the travel time to or from them.
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
    """Every conflict in the delegation's programme, in programme order (six queries, whatever the size)."""
    items = _own_items(delegation)
    return _ProgrammeCheck(delegation, items, focus=None).run()


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
    delegation = item.delegation
    items = _own_items(delegation, exclude_pk=item.pk)
    check = _ProgrammeCheck(
        delegation, items, focus=item, focus_participants=list(participants), focus_hosts=list(hosts)
    )
    return check.run()


def group_by_item(conflicts: Iterable[Conflict]) -> dict[int, list[Conflict]]:
    """Conflicts under the primary key of every saved item they involve, for the programme page."""
    grouped: dict[int, list[Conflict]] = defaultdict(list)
    for conflict in conflicts:
        for item in conflict.items:
            if item.pk is not None:
                grouped[item.pk].append(conflict)
    return dict(grouped)


def _own_items(delegation: Delegation, exclude_pk: int | None = None) -> list[ProgrammeItem]:
    queryset = (
        ProgrammeItem.objects.filter(delegation=delegation)
        .exclude(status=ItemStatus.CANCELLED)
        .select_related("venue", "interpreter", "appointment")
        .prefetch_related("participants", "hosts")
        .in_order()
    )
    if exclude_pk is not None:
        queryset = queryset.exclude(pk=exclude_pk)
    return list(queryset)


@dataclass(eq=False)
class _Entry:
    """An item as the check sees it: who it binds and whether it belongs to the delegation under check."""

    item: ProgrammeItem
    own: bool
    members: tuple[Member, ...] = ()
    contacts: tuple[Contact, ...] = ()
    index: int = field(default=0)

    @property
    def books_people(self) -> bool:
        return self.item.kind != ItemKind.FREE_TIME

    @property
    def books_venue(self) -> bool:
        venue = self.item.venue
        return (
            venue is not None
            and venue.kind not in UNBOOKED_VENUE_KINDS
            and self.item.kind not in NON_BOOKING_ITEM_KINDS
        )


# The resource standing for a delegation that has no members entered yet.
_WHOLE_DELEGATION = ("delegation",)


class _ProgrammeCheck:
    """One run of every rule over a delegation's items and the other items that share people or places."""

    def __init__(
        self,
        delegation: Delegation,
        items: Sequence[ProgrammeItem],
        *,
        focus: ProgrammeItem | None,
        focus_participants: Sequence[Member] = (),
        focus_hosts: Sequence[Contact] = (),
    ) -> None:
        self.delegation = delegation
        self.zone = _zone_of(delegation)
        self.members = list(delegation.members.all())
        members_by_pk = {member.pk: member for member in self.members}
        self.speed_kmh = float(getattr(settings, "CONFLICT_TRANSFER_SPEED_KMH", DEFAULT_TRANSFER_SPEED_KMH))
        self.buffer_minutes = float(
            getattr(settings, "CONFLICT_TRANSFER_BUFFER_MINUTES", DEFAULT_TRANSFER_BUFFER_MINUTES)
        )

        entries = []
        for item in items:
            item.delegation = delegation  # spares a query per item where a message names the delegation
            participants = [members_by_pk.get(member.pk, member) for member in item.participants.all()]
            entries.append(self._entry(item, participants, item.hosts.all(), own=True))
        self.focus_entry = None
        if focus is not None:
            participants = [members_by_pk.get(member.pk, member) for member in focus_participants]
            self.focus_entry = self._entry(focus, participants, focus_hosts, own=True)
            entries.append(self.focus_entry)
        entries += [self._entry(item, (), item.hosts.all(), own=False) for item in self._neighbours(entries)]
        entries.sort(
            key=lambda entry: (entry.item.starts_at, entry.item.ends_at, not entry.own, entry.item.pk or 0)
        )
        for index, entry in enumerate(entries):
            entry.index = index
        self.entries = entries
        self.conflicts: list[Conflict] = []

    def _entry(self, item, participants, hosts, *, own: bool) -> _Entry:
        contacts = list(hosts)
        if item.interpreter is not None and all(contact.pk != item.interpreter_id for contact in contacts):
            contacts.append(item.interpreter)
        members = tuple(participants) or (tuple(self.members) if own else ())
        return _Entry(item=item, own=own, members=members, contacts=tuple(contacts))

    def _neighbours(self, entries: list[_Entry]) -> list[ProgrammeItem]:
        """Other delegations' items near at the same bookable venues or with the same contacts."""
        if not entries:
            return []
        venue_ids = {entry.item.venue_id for entry in entries if entry.books_venue}
        contact_ids = {contact.pk for entry in entries for contact in entry.contacts}
        if not venue_ids and not contact_ids:
            return []
        window_start = min(entry.item.starts_at for entry in entries) - NEIGHBOUR_WINDOW
        window_end = max(entry.item.ends_at for entry in entries) + NEIGHBOUR_WINDOW
        hosted = ProgrammeItem.hosts.through.objects.filter(
            programmeitem=OuterRef("pk"), contact__in=contact_ids
        )
        return list(
            ProgrammeItem.objects.exclude(delegation=self.delegation)
            .exclude(status=ItemStatus.CANCELLED)
            .filter(starts_at__lt=window_end, ends_at__gt=window_start)
            .filter(Q(venue__in=venue_ids) | Q(interpreter__in=contact_ids) | Exists(hosted))
            .select_related("venue", "interpreter", "delegation")
            .prefetch_related("hosts")
        )

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
            if entry.books_people:
                if entry.own and not entry.members:
                    people[_WHOLE_DELEGATION].append(entry)
                for person in (*(entry.members if entry.own else ()), *entry.contacts):
                    key = ("contact" if isinstance(person, Contact) else "member", person.pk)
                    person_of[key] = person
                    people[key].append(entry)
            if entry.books_venue:
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
            "people": self._names_or_delegation(persons),
        }
        self._add(ConflictKind.TRANSFER_TOO_SHORT, message, (first.item, second.item), **_people(persons))

    # Rules of one item.

    def _check_stay(self, entry: _Entry) -> None:
        item, delegation = entry.item, self.delegation
        stay_starts = dt.datetime.combine(delegation.arrival_date, dt.time.min, tzinfo=self.zone)
        stay_ends = dt.datetime.combine(
            delegation.departure_date + dt.timedelta(days=1), dt.time.min, tzinfo=self.zone
        )
        texts = {"item": self._describe(entry)}
        if item.starts_at < stay_starts:
            message = gettext("%(item)s beginnt vor der Anreise der Delegation am %(date)s.") % {
                **texts,
                "date": date_format(delegation.arrival_date, "SHORT_DATE_FORMAT"),
            }
            self._add(ConflictKind.OUTSIDE_STAY, message, (item,))
        if item.ends_at > stay_ends:
            message = gettext("%(item)s endet nach dem Abreisetag der Delegation, dem %(date)s.") % {
                **texts,
                "date": date_format(delegation.departure_date, "SHORT_DATE_FORMAT"),
            }
            self._add(ConflictKind.OUTSIDE_STAY, message, (item,))
        if not entry.books_people:
            return
        not_yet = [m for m in entry.members if m.arrival_at is not None and item.starts_at < m.arrival_at]
        gone = [m for m in entry.members if m.departure_at is not None and item.ends_at > m.departure_at]
        if not_yet:
            message = ngettext(
                "%(people)s ist bei Beginn von %(item)s noch nicht angereist.",
                "%(people)s sind bei Beginn von %(item)s noch nicht angereist.",
                len(not_yet),
            ) % {**texts, "people": _names(not_yet)}
            self._add(ConflictKind.MEMBER_ABSENT, message, (item,), members=tuple(not_yet))
        if gone:
            message = ngettext(
                "%(people)s ist vor dem Ende von %(item)s schon abgereist.",
                "%(people)s sind vor dem Ende von %(item)s schon abgereist.",
                len(gone),
            ) % {**texts, "people": _names(gone)}
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
        # A missing reverse one-to-one raises an AttributeError subclass, so getattr's default applies.
        appointment = getattr(item, "appointment", None) if item.pk else None
        if appointment is None:
            message = gettext("%(item)s ist ein Unternehmensbesuch ohne Unternehmenstermin.") % {
                "item": self._describe(entry)
            }
            self._add(ConflictKind.APPOINTMENT_UNCONFIRMED, message, (item,))
        elif appointment.status != AppointmentStatus.CONFIRMED:
            message = gettext(
                "Der Unternehmenstermin zu %(item)s ist noch nicht zugesagt (Stand: %(status)s)."
            ) % {
                "item": self._describe(entry),
                "status": appointment.get_status_display(),
            }
            self._add(ConflictKind.APPOINTMENT_UNCONFIRMED, message, (item,))

    # Words.

    def _describe(self, entry: _Entry) -> str:
        item = entry.item
        start, end = timezone.localtime(item.starts_at), timezone.localtime(item.ends_at)
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

    def _names_or_delegation(self, persons: list) -> str:
        if persons == [_WHOLE_DELEGATION]:
            return gettext("die Delegation")
        return _names(persons)


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


def _by_indices(pair):
    (kind, first, second), _persons = pair
    return first, second, kind


def _zone_of(delegation: Delegation) -> ZoneInfo:
    try:
        return ZoneInfo(delegation.time_zone or settings.TIME_ZONE)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(settings.TIME_ZONE)


def _names(persons: Iterable) -> str:
    return ", ".join(sorted(person.full_name for person in persons if hasattr(person, "full_name")))


def _people(persons: list) -> dict:
    return {
        "members": tuple(p for p in persons if isinstance(p, Member)),
        "contacts": tuple(p for p in persons if isinstance(p, Contact)),
    }


def _pair_labels(pairs: set[LanguagePair]) -> str:
    return ", ".join(str(pair.label) for pair in LanguagePair if pair in pairs)

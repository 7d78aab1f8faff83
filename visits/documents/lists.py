"""The lists staff print or send for a delegation: catering, transport, hotel and interpreters.

Each builder takes a `DocumentScope` and returns a `StaffList`: a title, column labels and rows of plain
values (strings and whole numbers). The admin page, the PDF, the CSV and the XLSX file all show exactly these
rows, so a test of the rows is a test of every format. Every builder runs a fixed number of queries, however
long the programme is.
"""

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from delegations.enums import ContactRole, InterpretingMode, LanguagePair
from delegations.models import Contact, Member

from ..enums import ItemKind, Visibility
from .clock import Clock
from .scope import DocumentScope

VIEW_MEMBERS = "delegations.view_member"
VIEW_ITEMS = "visits.view_programmeitem"


@dataclass(frozen=True)
class Totals:
    """A small table of sums beneath a list (the hotel's room-nights per hotel and per night)."""

    title: str
    columns: tuple[str, ...]
    rows: list[tuple]


@dataclass(frozen=True)
class StaffList:
    """One list as plain data. The first `group_columns` columns head a group of rows on pages and in PDFs;
    CSV and XLSX repeat them on every row, so each row stands on its own in a spreadsheet."""

    slug: str
    title: str
    delegation: object
    columns: tuple[str, ...]
    rows: list[tuple]
    notes: tuple[str, ...] = ()
    group_columns: int = 0
    totals: tuple[Totals, ...] = ()

    @property
    def body_columns(self) -> tuple[str, ...]:
        return self.columns[self.group_columns :]

    @property
    def groups(self) -> list[dict]:
        """Consecutive rows with the same leading values, as {"heading": str, "rows": [cells, …]}."""
        groups: list[dict] = []
        for row in self.rows:
            key = row[: self.group_columns]
            if not groups or groups[-1]["key"] != key:
                heading = " · ".join(str(value) for value in key if value not in ("", None))
                groups.append({"key": key, "heading": heading, "rows": []})
            groups[-1]["rows"].append(row[self.group_columns :])
        return groups


def person_name(member: Member) -> str:
    """Latin script, with the original script beside it where there is one: 'Olena Koval (Олена Коваль)'."""
    if member.original_name and member.original_name != member.full_name:
        return f"{member.full_name} ({member.original_name})"
    return member.full_name


def venue_line(venue) -> str:
    if venue is None:
        return ""
    return ", ".join(part for part in (venue.name, venue.address) if part)


def phone_text(phone) -> str:
    return phone.as_international if phone else ""


_NEED_SEPARATORS = re.compile(r"[,;\n]+")


def count_needs(texts) -> str:
    """Free-text needs of several people as counts per need, never with names: '2 × vegetarisch; 1 × halal'.

    Needs are split at commas, semicolons and line breaks and compared without regard to case; the most
    frequent come first.
    """
    counts: dict[str, int] = {}
    spelling: dict[str, str] = {}
    for text in texts:
        needs = {}
        for need in _NEED_SEPARATORS.split(text or ""):
            need = " ".join(need.split())
            if need:
                needs.setdefault(need.casefold(), need)
        for key, need in needs.items():
            spelling.setdefault(key, need)
            counts[key] = counts.get(key, 0) + 1
    ordered = sorted(counts, key=lambda key: (-counts[key], key))
    return "; ".join(f"{counts[key]} × {spelling[key]}" for key in ordered)


def _when_columns(clock: Clock) -> tuple[str, ...]:
    """The date and time columns of a list of items: Berlin's time, and the destination's beside it."""
    if clock.destination is None:
        return (_("Datum"), _("Zeit"))
    return (_("Datum"), _("Zeit (Berlin)"), _("Ortszeit (%(zone)s)") % {"zone": clock.destination_name})


def _when_cells(clock: Clock, item) -> tuple[str, ...]:
    """A programme item's cells under `_when_columns`."""
    date = clock.short_date(clock.day(item.starts_at))
    if clock.destination is None:
        return (date, clock.span(item.starts_at, item.ends_at))
    return (
        date,
        clock.span(item.starts_at, item.ends_at),
        clock.destination_span(item.starts_at, item.ends_at),
    )


def _staff_list(slug: str, scope: DocumentScope, **fields) -> StaffList:
    return StaffList(slug=slug, title=str(TITLES[slug]), delegation=scope.delegation, **fields)


def _active_members():
    return Member.objects.active()


def build_catering(scope: DocumentScope) -> StaffList:
    """Per meal: how many people eat, and the dietary and accessibility needs as counts without names."""
    clock = Clock(scope.delegation)
    meals = (
        scope.items.filter(kind=ItemKind.MEAL)
        .not_cancelled()
        .select_related("venue")
        .prefetch_related(Prefetch("participants", queryset=_active_members()), "hosts")
        .in_order()
    )
    delegation_members = list(_active_members().filter(delegation=scope.delegation))
    rows = []
    for meal in meals:
        guests = list(meal.participants.all()) or delegation_members
        host_side = {host.pk for host in meal.hosts.all()}
        if meal.interpreter_id:
            host_side.add(meal.interpreter_id)
        rows.append(
            (
                *_when_cells(clock, meal),
                meal.title,
                meal.venue.name if meal.venue else "",
                len(guests),
                len(host_side),
                len(guests) + len(host_side),
                count_needs(member.dietary_needs for member in guests),
                count_needs(member.accessibility_needs for member in guests),
            )
        )
    return _staff_list(
        "catering",
        scope,
        columns=(
            *_when_columns(clock),
            _("Mahlzeit"),
            _("Ort"),
            _("Gäste"),
            _("Gastgeberseite"),
            _("Personen"),
            _("Ernährung"),
            _("Barrierefreiheit"),
        ),
        rows=rows,
        notes=(
            clock.zone_note(),
            _(
                "Gäste: die Teilnehmenden des Programmpunkts, ohne Auswahl die ganze Delegation. "
                "Gastgeberseite: Gastgeber/innen und Dolmetschung."
            ),
            _("Ernährung und Barrierefreiheit nur als Anzahl je Bedarf, ohne Namen."),
        ),
        group_columns=1,
    )


def _arrival_text(member: Member, clock: Clock) -> str:
    travel = " ".join(part for part in (member.get_arrival_mode_display(), member.arrival_reference) if part)
    return ", ".join(part for part in (clock.span(member.arrival_at), travel) if part)


def _departure_text(member: Member, clock: Clock) -> str:
    travel = " ".join(
        part for part in (member.get_departure_mode_display(), member.departure_reference) if part
    )
    return ", ".join(part for part in (clock.moment(member.departure_at), travel) if part)


def build_transport(scope: DocumentScope) -> StaffList:
    """Per transfer: who rides, from where, to where, when, and with which vehicle or driver."""
    clock = Clock(scope.delegation)
    items = list(
        scope.items.not_cancelled()
        .select_related("venue", "driver", "vehicle")
        .prefetch_related(
            Prefetch("participants", queryset=_active_members().only("pk")),
            # Drivers entered as hosts before items had a driver of their own still count.
            Prefetch("hosts", queryset=Contact.objects.filter(role=ContactRole.DRIVER), to_attr="drivers"),
        )
        .in_order()
    )
    members = list(_active_members().filter(delegation=scope.delegation).select_related("hotel"))
    member_by_pk = {member.pk: member for member in members}
    riders_of = {item.pk: {member.pk for member in item.participants.all()} for item in items}
    items_by_day: dict[dt.date, list] = {}
    for item in items:
        items_by_day.setdefault(clock.day(item.starts_at), []).append(item)

    def origin(rider: Member, transfer) -> str:
        # Where the rider is before the transfer: the last place of the day, else the arrival, else the hotel.
        # Internal items are the staff's own (preparing, debriefing): the guests are not there.
        day = clock.day(transfer.starts_at)
        previous = None
        for item in items_by_day.get(day, []):
            if item.starts_at >= transfer.starts_at:
                break
            if item.visibility == Visibility.INTERNAL or item.venue is None:
                continue
            if not riders_of[item.pk] or rider.pk in riders_of[item.pk]:
                previous = item
        if previous is not None:
            return venue_line(previous.venue)
        if rider.arrival_at and clock.day(rider.arrival_at) == day and rider.arrival_at <= transfer.ends_at:
            return _("Ankunft: %(arrival)s") % {"arrival": _arrival_text(rider, clock)}
        return venue_line(rider.hotel)

    rows = []
    for transfer in items:
        if transfer.kind != ItemKind.TRANSFER:
            continue
        riders = [member_by_pk[pk] for pk in member_by_pk if pk in riders_of[transfer.pk]] or members
        origins: dict[str, int] = {}
        for rider in riders:
            place = origin(rider, transfer)
            origins[place] = origins.get(place, 0) + 1
        if len(origins) == 1:
            from_text = next(iter(origins))
        else:
            from_text = "; ".join(f"{place or '?'} ({count})" for place, count in origins.items())
        people = [transfer.driver] if transfer.driver else []
        people += [host for host in transfer.drivers if host.pk != transfer.driver_id]
        drivers = ", ".join(
            f"{driver.full_name} ({phone_text(driver.phone)})"
            if scope.show_contact_details and driver.phone
            else driver.full_name
            for driver in people
        )
        vehicle = "; ".join(part for part in (str(transfer.vehicle or ""), transfer.transport_note) if part)
        rows.append(
            (
                *_when_cells(clock, transfer),
                transfer.title,
                len(riders),
                ", ".join(person_name(rider) for rider in riders),
                from_text,
                venue_line(transfer.venue),
                vehicle,
                drivers,
            )
        )
    return _staff_list(
        "transport",
        scope,
        columns=(
            *_when_columns(clock),
            _("Transfer"),
            _("Personen"),
            _("Wer"),
            _("Von"),
            _("Nach"),
            _("Fahrzeug / Hinweis"),
            _("Fahrer/in"),
        ),
        rows=rows,
        notes=(
            clock.zone_note(),
            _(
                "Von: der Ort des vorigen Programmpunkts der Gäste am selben Tag, sonst die Ankunft oder das "
                "Hotel."
            ),
        ),
        group_columns=1,
    )


def build_hotel(scope: DocumentScope) -> StaffList:
    """Per night and hotel: who sleeps there, in which room, and who arrives or leaves."""
    clock = Clock(scope.delegation)
    delegation = scope.delegation
    members = list(_active_members().filter(delegation=delegation).select_related("hotel"))
    nights = []
    for order, member in enumerate(members):
        first = clock.day(member.arrival_at) if member.arrival_at else delegation.arrival_date
        last = clock.day(member.departure_at) if member.departure_at else delegation.departure_date
        night = first
        while night < last:
            nights.append((night, member.hotel.name if member.hotel else None, order, member, first, last))
            night += dt.timedelta(days=1)
    # By night, then hotel (people without a hotel last, so nobody is overlooked), then the members' order.
    nights.sort(key=lambda entry: (entry[0], entry[1] is None, entry[1] or "", entry[2]))
    totals = _room_nights(nights, clock)
    rows = []
    for night, hotel, _order, member, first, last in nights:
        arrives = night == first
        leaves = night + dt.timedelta(days=1) == last
        rows.append(
            (
                f"{clock.short_date(night)} – {clock.short_date(night + dt.timedelta(days=1))}",
                hotel or _("ohne Hotel"),
                member.full_name,
                member.original_name,
                member.room,
                (_arrival_text(member, clock) if member.arrival_at else _("ja")) if arrives else "",
                (_departure_text(member, clock) if member.departure_at else _("ja")) if leaves else "",
            )
        )
    return _staff_list(
        "hotel",
        scope,
        columns=(
            _("Nacht"),
            _("Hotel"),
            _("Name"),
            _("Name (Originalschrift)"),
            _("Zimmer"),
            _("Anreise"),
            _("Abreise"),
        ),
        rows=rows,
        notes=(
            _("Eine Zeile je Person und Nacht; die Abreise steht bei der letzten Nacht."),
            clock.zone_note(),
        ),
        group_columns=2,
        totals=totals,
    )


def _room_nights(nights: list[tuple], clock: Clock) -> tuple[Totals, Totals]:
    """Room-nights and person-nights per hotel and per night, for booking and for the invoice.

    People with the same room number in the same hotel share the room; a person without a room number
    counts as a room of their own, so a booking is never counted short.
    """
    rooms: dict[tuple, set] = defaultdict(set)  # (night, hotel) -> rooms
    people: Counter = Counter()
    for night, hotel, _order, member, _first, _last in nights:
        room = member.room.strip().casefold() or ("person", member.pk)
        rooms[night, hotel].add(room)
        people[night, hotel] += 1
    without = str(_("ohne Hotel"))

    def by(index: int, label) -> list[tuple]:
        room_count: Counter = Counter()
        person_count: Counter = Counter()
        for key, held in rooms.items():
            room_count[key[index]] += len(held)
            person_count[key[index]] += people[key]
        keys = sorted(room_count, key=lambda key: (key is None, key or "") if index else key)
        return [(label(key), room_count[key], person_count[key]) for key in keys]

    def night_label(night: dt.date) -> str:
        return f"{clock.short_date(night)} – {clock.short_date(night + dt.timedelta(days=1))}"

    per_hotel = by(1, lambda hotel: hotel or without)
    per_night = by(0, night_label)
    total = (
        str(_("zusammen")),
        sum(count for _label, count, _people in per_hotel),
        sum(count for _label, _rooms, count in per_hotel),
    )
    columns = (_("Zimmernächte"), _("Personennächte"))
    return (
        Totals(title=str(_("Je Hotel")), columns=(_("Hotel"), *columns), rows=[*per_hotel, total]),
        Totals(title=str(_("Je Nacht")), columns=(_("Nacht"), *columns), rows=[*per_night, total]),
    )


def _duration(start: dt.datetime, end: dt.datetime) -> str:
    minutes = int((end - start).total_seconds() // 60)
    return f"{minutes // 60}:{minutes % 60:02d} h"


def build_interpreters(scope: DocumentScope) -> StaffList:
    """Per interpreter: the programme items and times they are booked for."""
    clock = Clock(scope.delegation)
    items = (
        scope.items.not_cancelled()
        .filter(interpreter__isnull=False)
        .select_related("interpreter", "venue")
        .order_by("interpreter__last_name", "interpreter__first_name", "interpreter_id", "starts_at", "pk")
    )
    rows = []
    for item in items:
        interpreter = item.interpreter
        pairs = ", ".join(
            str(LanguagePair(pair).label)
            for pair in interpreter.interpreting_languages or []
            if pair in LanguagePair.values
        )
        mode = (
            str(InterpretingMode(interpreter.interpreting_mode).label)
            if interpreter.interpreting_mode in InterpretingMode.values
            else ""
        )
        rows.append(
            (
                interpreter.full_name,
                pairs,
                mode,
                phone_text(interpreter.phone) if scope.show_contact_details else "",
                *_when_cells(clock, item),
                _duration(item.starts_at, item.ends_at),
                item.title,
                item.venue.name if item.venue else "",
            )
        )
    return _staff_list(
        "interpreters",
        scope,
        columns=(
            _("Dolmetscher/in"),
            _("Sprachpaare"),
            _("Dolmetschart"),
            _("Telefon"),
            *_when_columns(clock),
            _("Dauer"),
            _("Programmpunkt"),
            _("Ort"),
        ),
        rows=rows,
        notes=(clock.zone_note(),),
        group_columns=4,
    )


@dataclass(frozen=True)
class ListKind:
    """A list as the office knows it: its title, who may open it, how its files are named, its builder."""

    slug: str
    title: Promise
    filename: str
    permissions: tuple[str, ...]
    build: Callable[[DocumentScope], StaffList]


TITLES = {
    "catering": gettext_lazy("Verpflegungsliste"),
    "transport": gettext_lazy("Transferliste"),
    "hotel": gettext_lazy("Hotelliste"),
    "interpreters": gettext_lazy("Dolmetscheinsätze"),
}

# Catering, transport and interpreters are planning documents: whoever may read programme and members.
# The hotel list says where the guests sleep, so it needs the member permission (not the press office's).
LIST_KINDS: dict[str, ListKind] = {
    kind.slug: kind
    for kind in (
        ListKind("catering", TITLES["catering"], "verpflegung", (VIEW_ITEMS, VIEW_MEMBERS), build_catering),
        ListKind("transport", TITLES["transport"], "transfers", (VIEW_ITEMS, VIEW_MEMBERS), build_transport),
        ListKind("hotel", TITLES["hotel"], "hotel", (VIEW_MEMBERS,), build_hotel),
        ListKind(
            "interpreters",
            TITLES["interpreters"],
            "dolmetschen",
            (VIEW_ITEMS, VIEW_MEMBERS),
            build_interpreters,
        ),
    )
}

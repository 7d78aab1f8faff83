"""The planners' calendar: the items of every visit in a month, a week or a day, for all or for one resource.

A resource is what a programme item books besides its guests: a venue, a vehicle, or a contact as host,
interpreter or driver. URLs name it ``KIND:ID`` (``venue:3``, ``interpreter:12``, ``vehicle:2``); a contact's
kind says which part of the item counts (``host:7`` is where contact 7 hosts, ``driver:7`` where they drive).

`CalendarForm` reads the page's parameters (``date``, ``view``, ``resource``) and says in words what was wrong
with them; the page then shows its default for that parameter. `read_calendar` reads the items in a fixed
number of queries, whatever the period or the number of visits, and marks the double bookings of contacts,
venues and vehicles among them (`visits.conflicts.shared_resource_conflicts`), reading a day more on either
side so that an item at the edge of the period meets what it clashes with.
"""

import calendar as calendar_module
import datetime as dt
import re
from dataclasses import dataclass, field

from django import forms
from django.db import models
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from delegations.enums import ContactRole
from delegations.models import Contact

from .conflicts import shared_resource_conflicts
from .conflicts.entries import NEIGHBOUR_WINDOW
from .enums import VenueKind
from .models import ProgrammeItem, Vehicle, Venue

VIEW_MEMBERS = "delegations.view_member"

# Dates the calendar shows: far enough for any visit, near enough that a month's grid never leaves the dates
# Python can count.
FIRST_DATE = dt.date(1900, 1, 1)
LAST_DATE = dt.date(2199, 12, 31)

# In a month's grid a day lists this many items; the rest are behind the link to the day.
MONTH_CELL_ITEMS = 3


class CalendarView(models.TextChoices):
    MONTH = "month", _("Monat")
    WEEK = "week", _("Woche")
    DAY = "day", pgettext_lazy("calendar view", "Tag")


@dataclass(frozen=True)
class ResourceKind:
    key: str
    label: str  # one of them, before a name: "Dolmetscher/in"
    plural: str  # the group in the chooser
    field: str  # the item's field that books it


RESOURCE_KINDS = {
    kind.key: kind
    for kind in (
        ResourceKind("venue", _("Ort"), _("Orte"), "venue"),
        ResourceKind("interpreter", _("Dolmetscher/in"), _("Dolmetscher/innen"), "interpreter"),
        ResourceKind("driver", _("Fahrer/in"), _("Fahrer/innen"), "driver"),
        ResourceKind("vehicle", _("Fahrzeug"), _("Fahrzeuge"), "vehicle"),
        ResourceKind("host", _("Gastgeber/in"), _("Gastgeber/innen"), "hosts"),
    )
}


@dataclass(frozen=True)
class Resource:
    """One venue, vehicle or contact in one part, as the calendar and its `.ics` show it."""

    kind: ResourceKind
    obj: object

    @property
    def key(self) -> str:
        return f"{self.kind.key}:{self.obj.pk}"

    @property
    def name(self) -> str:
        return self.obj.full_name if isinstance(self.obj, Contact) else str(self.obj)

    @property
    def label(self) -> str:
        return f"{self.kind.label}: {self.name}"

    def q(self) -> Q:
        """The items it takes part in, for the database."""
        return Q(**{self.kind.field: self.obj.pk})

    def takes_part_in(self, item: ProgrammeItem) -> bool:
        """The same for an item read with its relations (hosts prefetched)."""
        if self.kind.field == "hosts":
            return any(host.pk == self.obj.pk for host in item.hosts.all())
        return getattr(item, f"{self.kind.field}_id") == self.obj.pk


def find_resource(value: str, user) -> Resource:
    """The resource named ``KIND:ID`` that `user` may see; a ValidationError says what is wrong."""
    kind_key, _colon, pk = value.partition(":")
    kind = RESOURCE_KINDS.get(kind_key.strip().lower())
    pk = pk.strip()
    # ASCII digits only ("²" is a digit to str.isdigit, not to int), and no more than a key can hold.
    if kind is None or not re.fullmatch(r"[0-9]{1,18}", pk):
        raise forms.ValidationError(
            _(
                "„%(value)s“ ist keine gültige Auswahl. Erwartet wird ART:NUMMER, zum Beispiel venue:3 "
                "(Arten: venue, interpreter, driver, vehicle, host)."
            ),
            code="invalid",
            params={"value": value},
        )
    if kind.key == "venue":
        objects = Venue.objects.for_staff(user)
    elif kind.key == "vehicle":
        objects = Vehicle.objects.all()
    else:
        objects = Contact.objects.all()
    obj = objects.filter(pk=int(pk)).first()
    if obj is None:
        raise forms.ValidationError(
            _("Die Auswahl „%(value)s“ gibt es nicht (mehr)."),
            code="unknown",
            params={"value": value},
        )
    return Resource(kind, obj)


def resource_choices(user) -> list:
    """The chooser's options, grouped by kind: venues the user may see, vehicles, and contacts by their role
    (interpreters, drivers, and everyone else as a possible host). Three queries."""
    contacts = list(
        Contact.objects.order_by("last_name", "first_name", "pk").only("first_name", "last_name", "role")
    )
    groups = {
        "venue": [
            (f"venue:{venue.pk}", str(venue)) for venue in Venue.objects.for_staff(user).only("name", "city")
        ],
        "interpreter": [],
        "driver": [],
        "vehicle": [(f"vehicle:{vehicle.pk}", str(vehicle)) for vehicle in Vehicle.objects.all()],
        "host": [],
    }
    for contact in contacts:
        kind = {ContactRole.INTERPRETER: "interpreter", ContactRole.DRIVER: "driver"}.get(
            contact.role, "host"
        )
        groups[kind].append((f"{kind}:{contact.pk}", f"{contact.last_name}, {contact.first_name}"))
    return [("", _("alle Besuche, alle Ressourcen"))] + [
        (RESOURCE_KINDS[kind].plural, options) for kind, options in groups.items() if options
    ]


class CalendarForm(forms.Form):
    """The calendar's parameters from the query string; each one that is wrong falls back to its default."""

    date = forms.DateField(
        label=_("Datum"),
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "invalid": _("Bitte ein Datum in der Form JJJJ-MM-TT angeben, zum Beispiel 2025-11-17.")
        },
    )
    view = forms.ChoiceField(
        label=_("Ansicht"),
        required=False,
        choices=CalendarView.choices,
        error_messages={
            "invalid_choice": _("Die Ansicht „%(value)s“ gibt es nicht; möglich sind month, week und day.")
        },
    )
    resource = forms.CharField(label=_("Zeigen für"), required=False, max_length=100, widget=forms.Select)

    def __init__(self, data, *, user, **kwargs):
        super().__init__(data, **kwargs)
        self.user = user
        self.fields["resource"].widget.choices = resource_choices(user)

    def clean_date(self) -> dt.date | None:
        value = self.cleaned_data["date"]
        if value is not None and not FIRST_DATE <= value <= LAST_DATE:
            raise forms.ValidationError(
                _("Der Kalender reicht vom %(first)s bis zum %(last)s."),
                code="out_of_range",
                params={
                    "first": date_format(FIRST_DATE, "SHORT_DATE_FORMAT"),
                    "last": date_format(LAST_DATE, "SHORT_DATE_FORMAT"),
                },
            )
        return value

    def clean_resource(self) -> Resource | None:
        value = self.cleaned_data["resource"].strip()
        return find_resource(value, self.user) if value else None

    def choice(self, name: str, default):
        """The cleaned value of a field, or `default` where it is missing or was wrong."""
        if not self.is_bound:
            return default
        self.is_valid()
        value = self.cleaned_data.get(name)
        return default if value in (None, "") else value


@dataclass(frozen=True)
class Period:
    """The days a view shows around a chosen date, and where its previous and next links lead."""

    view: str
    date: dt.date

    @property
    def first(self) -> dt.date:
        if self.view == CalendarView.MONTH:
            return self.date.replace(day=1)
        if self.view == CalendarView.WEEK:
            return self.date - dt.timedelta(days=self.date.weekday())
        return self.date

    @property
    def last(self) -> dt.date:
        if self.view == CalendarView.MONTH:
            return self.date.replace(day=calendar_module.monthrange(self.date.year, self.date.month)[1])
        if self.view == CalendarView.WEEK:
            return self.first + dt.timedelta(days=6)
        return self.date

    @property
    def shown_first(self) -> dt.date:
        """The first day on the page: a month's grid starts on the Monday of its first week."""
        first = self.first
        return first - dt.timedelta(days=first.weekday()) if self.view == CalendarView.MONTH else first

    @property
    def shown_last(self) -> dt.date:
        last = self.last
        return last + dt.timedelta(days=6 - last.weekday()) if self.view == CalendarView.MONTH else last

    @property
    def previous(self) -> dt.date | None:
        day = (self.first - dt.timedelta(days=1)).replace(day=1) if self.view == CalendarView.MONTH else None
        day = day or self.first - dt.timedelta(days=7 if self.view == CalendarView.WEEK else 1)
        return day if day >= FIRST_DATE else None

    @property
    def next(self) -> dt.date | None:
        day = self.last + dt.timedelta(days=1)
        return day if day <= LAST_DATE else None

    @property
    def title(self) -> str:
        if self.view == CalendarView.MONTH:
            return date_format(self.date, "F Y")
        if self.view == CalendarView.WEEK:
            return _("%(week)s. Kalenderwoche: %(first)s bis %(last)s") % {
                "week": self.first.isocalendar().week,
                "first": date_format(self.first, "j. F"),
                "last": date_format(self.last, "j. F Y"),
            }
        return date_format(self.date, "l, j. F Y")

    def days(self) -> list[dt.date]:
        count = (self.shown_last - self.shown_first).days + 1
        return [self.shown_first + dt.timedelta(days=offset) for offset in range(count)]


@dataclass
class CalendarDay:
    date: dt.date
    in_period: bool
    is_today: bool
    items: list[ProgrammeItem] = field(default_factory=list)

    @property
    def shown_items(self) -> list[ProgrammeItem]:
        return self.items[:MONTH_CELL_ITEMS]

    @property
    def more_items(self) -> int:
        return max(len(self.items) - MONTH_CELL_ITEMS, 0)

    @property
    def conflict_count(self) -> int:
        return sum(bool(item.calendar_conflicts) for item in self.items)


def _start_of(day: dt.date, zone) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=zone)


def calendar_items(user):
    """Items a member of staff may see, with everything the calendar and the `.ics` show of them."""
    return (
        ProgrammeItem.objects.for_staff(user)
        .select_related("delegation", "venue", "interpreter", "driver", "vehicle")
        .prefetch_related(Prefetch("hosts", queryset=Contact.objects.order_by("last_name", "first_name")))
        .in_order()
    )


def read_calendar(period: Period, *, user, resource: Resource | None) -> tuple[list[CalendarDay], int]:
    """The period's days with the items of each (all visits, or those the resource takes part in), each item
    with its double bookings as `calendar_conflicts`; and the number of items with any. Two queries."""
    zone = timezone.get_current_timezone()
    starts, ends = (
        _start_of(period.shown_first, zone),
        _start_of(period.shown_last + dt.timedelta(days=1), zone),
    )
    # A day more on either side, so that an item at the edge meets what it clashes with.
    items = list(calendar_items(user).overlapping(starts - NEIGHBOUR_WINDOW, ends + NEIGHBOUR_WINDOW))
    # Conflicts name other visits' items: only for those who may see the whole planning.
    conflicts = shared_resource_conflicts(items) if user.has_perm(VIEW_MEMBERS) else {}
    hide_hotels = not user.has_perm(VIEW_MEMBERS)
    today = timezone.localdate()
    days = {day: CalendarDay(day, period.first <= day <= period.last, day == today) for day in period.days()}
    with_conflicts = 0
    for item in items:
        if not (item.starts_at < ends and item.ends_at > starts):
            continue
        if resource is not None and not resource.takes_part_in(item):
            continue
        item.calendar_conflicts = conflicts.get(item.pk, [])
        item.shown_venue = (
            None if hide_hotels and item.venue and item.venue.kind == VenueKind.HOTEL else item.venue
        )
        with_conflicts += bool(item.calendar_conflicts)
        local_start = timezone.localtime(item.starts_at, zone)
        local_end = timezone.localtime(item.ends_at, zone)
        item.ends_on_other_day = local_end.date() != local_start.date()
        # An item over midnight shows on each of its days (ending at midnight is not the next day).
        day, last_day = local_start.date(), (local_end - dt.timedelta(microseconds=1)).date()
        while day <= last_day:
            if day in days:
                days[day].items.append(item)
            day += dt.timedelta(days=1)
    return list(days.values()), with_conflicts

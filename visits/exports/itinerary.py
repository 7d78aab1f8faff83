"""A guest link's itinerary as data: days, entries and practical details, shared by the page and the PDF."""

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.conf import settings

from ..enums import ItemStatus
from ..models import GuestAccess, ProgrammeRelease, ReleasedItem, Venue
from ..releases import DROPPED, NEW, TIME
from ..zones import travellers_home_zone


@dataclass
class Entry:
    """One programme item as a guest sees it, with its times in the visit's zone and at home."""

    item: ReleasedItem
    starts: dt.datetime
    ends: dt.datetime
    home_starts: dt.datetime
    home_ends: dt.datetime
    is_now: bool = False
    is_next: bool = False
    is_over: bool = False
    release_change: str = ""  # "new" or "changed" when the latest release brought it so
    # The times before, when the latest release moved the item (a delay, a new slot); else None.
    previous_starts: dt.datetime | None = None
    previous_ends: dt.datetime | None = None
    changed_otherwise: bool = False  # the latest release changed more than its time (place, status)

    @property
    def cancelled(self) -> bool:
        return self.item.status == ItemStatus.CANCELLED

    @property
    def ends_another_day(self) -> bool:
        return self.ends.date() != self.starts.date()

    @property
    def time_changed(self) -> bool:
        return self.previous_starts is not None

    @property
    def previous_starts_another_day(self) -> bool:
        return self.time_changed and self.previous_starts.date() != self.starts.date()

    @property
    def previous_ends_another_day(self) -> bool:
        return self.time_changed and self.previous_ends.date() != self.previous_starts.date()


@dataclass
class Day:
    date: dt.date
    entries: list[Entry] = field(default_factory=list)
    is_today: bool = False
    is_past: bool = False
    utc_offset: str = ""
    home_hours_ahead: int = 0
    begins: dt.datetime | None = None  # its midnights in the visit's zone: when it is today
    ends: dt.datetime | None = None


@dataclass
class Itinerary:
    access: GuestAccess
    days: list[Day]
    venues: list[Venue]  # for the taxi cards: the hotels, then the venues of items not cancelled
    hotels: list[Venue]
    time_zone: str
    home_time_zone: str
    generated_at: dt.datetime
    during_visit: bool
    # The visit's days in its zone, from the first midnight to the last: when the "today" panel shows.
    visit_begins: dt.datetime
    visit_ends: dt.datetime
    # Until when the device may keep the panel true from this page: the end of the day after today (or after
    # the first day of the visit), never past the visit. The page is made again each midnight; a phone that
    # stays offline longer hides the panel rather than show what it no longer knows.
    panel_ends: dt.datetime | None = None
    released: bool = True

    @property
    def delegation(self):
        return self.access.delegation

    @property
    def member(self):
        return self.access.member

    @property
    def host_contact(self):
        return self.access.delegation.host_contact

    @property
    def entries(self) -> list[Entry]:
        return [entry for day in self.days for entry in day.entries]

    @property
    def next_entry(self) -> Entry | None:
        return next((entry for entry in self.entries if entry.is_next), None)

    @property
    def now_entries(self) -> list[Entry]:
        return [entry for entry in self.in_order() if entry.is_now]

    def in_order(self) -> list[Entry]:
        """The entries in time order (`entries` puts today first during the visit)."""
        return sorted(self.entries, key=lambda e: (e.item.starts_at, e.item.ends_at, e.item.pk))

    @property
    def upcoming(self) -> list[Entry]:
        """What can still be on now or next until `panel_ends`, in time order, and the first item after it
        (the next one late on the window's last day): the device picks from these as time passes."""
        ahead = [entry for entry in self.in_order() if not entry.cancelled and not entry.is_over]
        if self.panel_ends is None:
            return ahead
        within = [entry for entry in ahead if entry.item.starts_at < self.panel_ends]
        return ahead[: len(within) + 1]

    @property
    def moments(self) -> list[dt.datetime]:
        """When a page built from this itinerary stops being true: an item starts or ends (now and next), a
        day begins or ends (today first, the "today" mark), the visit begins or ends (the "today" panel)."""
        items = [moment for entry in self.entries for moment in (entry.item.starts_at, entry.item.ends_at)]
        days = [moment for day in self.days for moment in (day.begins, day.ends)]
        return [*items, *days, self.visit_begins, self.visit_ends]

    @property
    def emergency_number(self) -> str:
        return settings.EMERGENCY_NUMBER


def guest_items(access: GuestAccess):
    """What the link may show of the latest release (by the queryset's rules), with what pages read."""
    if access.member_id:
        items = ReleasedItem.objects.for_guest(access.member)
    else:
        items = ReleasedItem.objects.for_delegation(access.delegation)
    return items.select_related("venue", "interpreter").prefetch_related("hosts").in_order()


def _changes_for_link(release: ProgrammeRelease | None, access: GuestAccess) -> dict[int, list[dict]]:
    """The entries of a release's changelog that concern the link, by origin item (dropped ones left out)."""
    changes: dict[int, list[dict]] = {}
    for entry in release.changes if release else []:
        if access.member_id and access.member_id not in entry["members"]:
            continue
        if entry["item"] is not None and entry["change"] != DROPPED:
            changes.setdefault(entry["item"], []).append(entry)
    return changes


def _brought(entries: list[dict]) -> str:
    return NEW if any(entry["change"] == NEW for entry in entries) else "changed"


def _latest_release(access: GuestAccess) -> ProgrammeRelease | None:
    return ProgrammeRelease.objects.filter(delegation=access.delegation_id).order_by("-version").first()


def release_changes(access: GuestAccess) -> tuple[ProgrammeRelease | None, dict[int, str]]:
    """The latest release (None before the first), and what it brought this link, by origin item."""
    release = _latest_release(access)
    changes = _changes_for_link(release, access)
    return release, {origin: _brought(entries) for origin, entries in changes.items()}


def _moved_from(entries: list[dict], zone: ZoneInfo) -> tuple[dt.datetime, dt.datetime] | tuple[None, None]:
    """The times before the latest release moved an item, in the visit's zone (None, None if it did not)."""
    moved = next((entry for entry in entries if entry["change"] == TIME), None)
    if moved is None:
        return None, None
    starts, ends = (dt.datetime.fromisoformat(moment).astimezone(zone) for moment in moved["before"])
    return starts, ends


def _midnight(day: dt.date, zone: ZoneInfo) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=zone)


def _hours(delta: dt.timedelta | None) -> int:
    return round((delta or dt.timedelta()).total_seconds() / 3600)


def build_itinerary(access: GuestAccess, *, now: dt.datetime) -> Itinerary:
    """Read a link's items (a constant number of queries) and arrange them for guests.

    The first item not yet begun is the next one; during the visit today's day comes first, then the days
    ahead, then the days gone by. An item the latest release moved keeps its times before, for the mark.
    """
    zone = ZoneInfo(access.delegation.time_zone)
    home = ZoneInfo(travellers_home_zone(access.delegation))
    today = now.astimezone(zone).date()

    days: dict[dt.date, Day] = {}
    venues: dict[int, Venue] = {}
    next_marked = False
    release = _latest_release(access)
    changes = _changes_for_link(release, access)
    for item in guest_items(access):
        starts, ends = item.starts_at.astimezone(zone), item.ends_at.astimezone(zone)
        changed = changes.get(item.item_id, [])
        previous_starts, previous_ends = _moved_from(changed, zone)
        entry = Entry(
            item=item,
            starts=starts,
            ends=ends,
            home_starts=item.starts_at.astimezone(home),
            home_ends=item.ends_at.astimezone(home),
            is_over=item.ends_at <= now,
            release_change=_brought(changed) if changed else "",
            previous_starts=previous_starts,
            previous_ends=previous_ends,
            changed_otherwise=any(change["change"] != TIME for change in changed),
        )
        if not entry.cancelled:
            entry.is_now = item.starts_at <= now < item.ends_at
            if not next_marked and item.starts_at > now:
                entry.is_next = next_marked = True
        day = days.get(starts.date())
        if day is None:
            noon = dt.datetime.combine(starts.date(), dt.time(12), tzinfo=zone)
            day = days[starts.date()] = Day(
                date=starts.date(),
                begins=_midnight(starts.date(), zone),
                ends=_midnight(starts.date() + dt.timedelta(days=1), zone),
                is_today=starts.date() == today,
                is_past=starts.date() < today,
                utc_offset=noon.strftime("%z")[:3] + ":" + noon.strftime("%z")[3:],
                home_hours_ahead=_hours(noon.astimezone(home).utcoffset()) - _hours(noon.utcoffset()),
            )
        day.entries.append(entry)
        # The taxi cards (on the page, offline and on paper) name only places a guest still has to go to.
        if item.venue is not None and not entry.cancelled:
            venues.setdefault(item.venue.pk, item.venue)

    hotels = _hotels(access)
    ordered = sorted(days.values(), key=lambda day: day.date)
    during_visit = access.delegation.arrival_date <= today <= access.delegation.departure_date
    if during_visit:
        # On the road, today matters most: today, the days ahead, then the days already behind.
        ordered = [d for d in ordered if d.date >= today] + [d for d in ordered if d.date < today]
    taxi = {hotel.pk: hotel for hotel in hotels} | venues
    return Itinerary(
        access=access,
        days=ordered,
        venues=list(taxi.values()),
        hotels=hotels,
        time_zone=access.delegation.time_zone,
        home_time_zone=home.key,
        # "As of": the release shown (the page is kept until the next one), else this moment.
        generated_at=(release.released_at if release else now).astimezone(zone),
        during_visit=during_visit,
        visit_begins=_midnight(access.delegation.arrival_date, zone),
        visit_ends=_midnight(access.delegation.departure_date + dt.timedelta(days=1), zone),
        panel_ends=min(
            _midnight(access.delegation.departure_date + dt.timedelta(days=1), zone),
            _midnight(max(today, access.delegation.arrival_date) + dt.timedelta(days=2), zone),
        ),
        released=release is not None,
    )


def _hotels(access: GuestAccess) -> list[Venue]:
    if access.member_id:
        return [access.member.hotel] if access.member.hotel_id else []
    # A whole-delegation link shows every hotel the delegation sleeps in, without saying who sleeps where.
    return list(
        Venue.objects.filter(guests__delegation=access.delegation, guests__is_anonymised=False)
        .distinct()
        .order_by("pk")
    )

"""iCalendar files of programme items, shared by the guests' personal calendars and the public visit calendar.

The builder takes items that are already filtered (by ``ProgrammeItem.objects.for_guest``, ``.for_delegation``
or ``.public``) and only decides how much of each item to show. A thin view wraps the bytes in a response.

    build_calendar(
        items,                      # iterable of ProgrammeItem, with ``venue`` selected (select_related)
        *,
        name: str,                  # calendar name shown by the phone (NAME and X-WR-CALNAME)
        show_details=True,          # bool, or callable(item) -> bool: may time and place be shown?
        url_for=None,               # callable(item) -> absolute URL of the item, or None for no URL
        describe=None,              # callable(item) -> str for DESCRIPTION; default: the item's description
        language=None,              # "de", "uk" or "en": translated fields are read in this language
        time_zone="Europe/Berlin",  # the zone times are written in; its VTIMEZONE is included
        uid_domain=None,            # right side of the UIDs; default: the host of settings.SITE_URL
        refresh=timedelta(hours=1), # how often subscribed calendars should poll
    ) -> bytes

An item whose details are withheld (``show_details`` false for it) becomes an all-day entry on its day in
``time_zone``, without LOCATION or GEO: the public calendar of a visit with ``withhold_public_details`` passes
``show_details=lambda item: item.is_over()`` (or a flag when nothing is held back).

Each entry has a stable UID ``item-<pk>@<domain>``, SEQUENCE from ``ProgrammeItem.sequence`` (raised on every
change), DTSTAMP and LAST-MODIFIED from ``changed_at``, LOCATION with the venue's name and address, GEO, and
STATUS:CANCELLED for cancelled items, so calendar apps update or strike the entry they already hold. DTSTAMP
is the change stamp rather than the time of the download (RFC 5545 allows this for calendars without METHOD),
so two downloads of an unchanged programme are byte for byte the same.
"""

import datetime as dt
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import translation

PRODID = "-//Kreis Kleve//Kleve Partnership//DE"


def item_uid(item, domain: str) -> str:
    # A released copy is named by its working item, so every release updates the same calendar event.
    return f"item-{getattr(item, 'origin_pk', item.pk)}@{domain}"


def venue_location(venue) -> str:
    """The venue as one line for calendar apps and maps: name, then address."""
    if venue is None:
        return ""
    return ", ".join(part for part in (venue.name, venue.address) if part)


def _as_predicate(show_details) -> Callable:
    if callable(show_details):
        return show_details
    return lambda item: bool(show_details)


def build_calendar(
    items: Iterable,
    *,
    name: str,
    show_details: bool | Callable = True,
    url_for: Callable | None = None,
    describe: Callable | None = None,
    language: str | None = None,
    time_zone: str = "Europe/Berlin",
    uid_domain: str | None = None,
    refresh: dt.timedelta | None = dt.timedelta(hours=1),
) -> bytes:
    """Return the ``.ics`` bytes of ``items``; see the module docstring for the options."""
    from icalendar import Calendar, Event, vDuration

    zone = ZoneInfo(time_zone)
    # UIDs name the site, not the request's host (`core.links`): a calendar matches its events on every fetch.
    domain = uid_domain or urlsplit(settings.SITE_URL).hostname or "localhost"
    details_shown = _as_predicate(show_details)
    language = language or translation.get_language() or settings.LANGUAGE_CODE

    with translation.override(language):
        calendar = Calendar.new(prodid=PRODID, name=str(name), language=language)
        # A random calendar UID would make every download differ; the URL already names the calendar.
        calendar.pop("UID", None)
        calendar.add("x-wr-timezone", time_zone)
        if refresh:
            calendar.refresh_interval = refresh
            calendar.add("x-published-ttl", vDuration(refresh))
        first = last = None
        for item in items:
            event = _event(item, zone, domain, details_shown(item), url_for, describe, Event)
            calendar.add_component(event)
            day = item.starts_at.astimezone(zone).date()
            first = day if first is None or day < first else first
            last = day if last is None or day > last else last
        if first is not None:
            # Only the zone's rules around the visit, so the file stays small.
            calendar.add_missing_timezones(
                first_date=first - dt.timedelta(days=366), last_date=last + dt.timedelta(days=366)
            )
    return calendar.to_ical()


def _event(item, zone, domain, details_shown, url_for, describe, event_class):
    from .. import enums

    changed = item.changed_at.astimezone(dt.UTC)
    event = event_class.new(
        uid=item_uid(item, domain),
        summary=str(item.title),
        sequence=item.sequence,
        stamp=changed,
        last_modified=changed,
        status="CANCELLED" if item.status == enums.ItemStatus.CANCELLED else _status(item),
    )
    text = describe(item) if describe else (item.description or "")
    if text:
        event.add("description", text)
    if url_for:
        url = url_for(item)
        if url:
            event.add("url", url)
    if details_shown:
        event.add("dtstart", item.starts_at.astimezone(zone))
        event.add("dtend", item.ends_at.astimezone(zone))
        location = venue_location(item.venue)
        if location:
            event.add("location", location)
        if item.venue is not None and item.venue.has_coordinates:
            event.add("geo", (float(item.venue.latitude), float(item.venue.longitude)))
    else:
        day = item.starts_at.astimezone(zone).date()
        event.add("dtstart", day)
        event.add("dtend", day + dt.timedelta(days=1))
        event.add("transp", "TRANSPARENT")
    return event


def _status(item) -> str:
    from .. import enums

    return "CONFIRMED" if item.status == enums.ItemStatus.CONFIRMED else "TENTATIVE"

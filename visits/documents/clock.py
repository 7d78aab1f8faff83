"""How documents write times: Berlin time with its zone named, and for an outgoing delegation the time at the
destination beside it."""

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.utils import formats
from django.utils.translation import gettext as _

from delegations.enums import Direction


def zone_abbreviation(moment: dt.datetime) -> str:
    """The zone of an aware time as a reader knows it (MEZ, MESZ, OEZ, …); otherwise its offset from UTC."""
    name = moment.tzname() or ""
    known = {
        # Translators: abbreviation of Central European (winter) Time
        "CET": _("MEZ"),
        # Translators: abbreviation of Central European Summer Time
        "CEST": _("MESZ"),
        # Translators: abbreviation of Eastern European (winter) Time, e.g. Kyiv
        "EET": _("OEZ"),
        # Translators: abbreviation of Eastern European Summer Time
        "EEST": _("OESZ"),
    }
    if name in known:
        return known[name]
    if name.isalpha():
        return name
    # zoneinfo names zones without an abbreviation by their offset, such as "+04".
    return f"UTC{name}" if name else "UTC"


def destination_zone(delegation) -> ZoneInfo | None:
    """The destination's zone of an outgoing delegation, if it differs from Berlin; None otherwise."""
    if delegation.direction != Direction.OUTGOING or not delegation.time_zone:
        return None
    if delegation.time_zone == settings.TIME_ZONE:
        return None
    try:
        return ZoneInfo(delegation.time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        # The admin form refuses unknown zones; an old row with a typo must not break a printout.
        return None


class Clock:
    """Writes the times of one delegation's documents, in the active language."""

    def __init__(self, delegation):
        self.home = ZoneInfo(settings.TIME_ZONE)
        self.destination = destination_zone(delegation)

    @property
    def destination_name(self) -> str:
        return self.destination.key if self.destination else ""

    def day(self, moment: dt.datetime) -> dt.date:
        """The calendar day of a moment in Berlin: documents are arranged by it."""
        return moment.astimezone(self.home).date()

    @staticmethod
    def short_date(day: dt.date) -> str:
        """'Mo, 17.11.2025'"""
        return f"{formats.date_format(day, 'D')}, {formats.date_format(day, 'SHORT_DATE_FORMAT')}"

    @staticmethod
    def long_date(day: dt.date) -> str:
        """'Montag, 17. November 2025'"""
        return f"{formats.date_format(day, 'l')}, {formats.date_format(day, 'DATE_FORMAT')}"

    @staticmethod
    def date_range(first: dt.date, last: dt.date) -> str:
        if first == last:
            return formats.date_format(first, "DATE_FORMAT")
        return f"{formats.date_format(first, 'DATE_FORMAT')} – {formats.date_format(last, 'DATE_FORMAT')}"

    @staticmethod
    def _span(start: dt.datetime, end: dt.datetime | None) -> str:
        if end is None:
            return f"{start:%H:%M} {zone_abbreviation(start)}"
        if end.date() != start.date():
            return f"{start:%H:%M} – {end:%d.%m. %H:%M} {zone_abbreviation(end)}"
        if zone_abbreviation(end) != zone_abbreviation(start):  # the night the clocks change
            return f"{start:%H:%M} {zone_abbreviation(start)} – {end:%H:%M} {zone_abbreviation(end)}"
        return f"{start:%H:%M}–{end:%H:%M} {zone_abbreviation(start)}"

    def span(self, start: dt.datetime, end: dt.datetime | None = None) -> str:
        """Berlin time with the zone: '09:00–10:30 MEZ' (or '09:00 MEZ' without an end)."""
        return self._span(start.astimezone(self.home), end.astimezone(self.home) if end else None)

    def destination_span(self, start: dt.datetime, end: dt.datetime | None = None) -> str:
        """The same span in the destination's zone, or '' when there is no other zone to show."""
        if self.destination is None:
            return ""
        return self._span(
            start.astimezone(self.destination), end.astimezone(self.destination) if end else None
        )

    def moment(self, moment: dt.datetime) -> str:
        """A single moment with its day, in Berlin: 'Mo, 17.11.2025, 14:05 MEZ'."""
        local = moment.astimezone(self.home)
        return f"{self.short_date(local.date())}, {local:%H:%M} {zone_abbreviation(local)}"

    def zone_note(self) -> str:
        """One line under a document's title that says in which zone its times are."""
        if self.destination is None:
            return _("Alle Zeiten in Berliner Zeit (Europe/Berlin, MEZ/MESZ).")
        return _(
            "Alle Zeiten in Berliner Zeit (Europe/Berlin); daneben die Ortszeit am Reiseziel (%(zone)s)."
        ) % {"zone": self.destination.key}

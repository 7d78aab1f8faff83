"""Too little time to get from one venue to the next: the driving time, plus a buffer.

The driving time comes from the routing service where one is set (`ROUTING_URL`, cached per pair of places by
`core.geo_services`), else from the straight line at a set speed; the conflict says which.
"""

import dataclasses
import math
from collections import defaultdict
from collections.abc import Iterator
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext

from core.geo_services import RoutingUnavailable, driving_seconds
from core.maplinks import Point

from ..enums import ItemKind
from ..models import ProgrammeItem, Venue
from .entries import Entry, members_and_contacts, names
from .kinds import Conflict, ConflictKind

if TYPE_CHECKING:
    from .check import ProgrammeCheck

EARTH_RADIUS_KM = 6371.0088
DEFAULT_TRANSFER_SPEED_KMH = 50
DEFAULT_TRANSFER_BUFFER_MINUTES = 10


def distance_km(first: Venue, second: Venue) -> float:
    """Straight-line (great-circle) distance between two venues with coordinates."""
    lat1, lon1 = math.radians(float(first.latitude)), math.radians(float(first.longitude))
    lat2, lon2 = math.radians(float(second.latitude)), math.radians(float(second.longitude))
    a = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def too_short_transfers(check: "ProgrammeCheck") -> list[Conflict]:
    """A conflict for every two consecutive items of the same people with too little time for the way."""
    way = _Way()
    tight: dict[tuple[int, int], list] = defaultdict(list)  # (first index, second index) -> the people
    for person, timeline in check.people_timelines:
        for first, second in way.too_tight_pairs(timeline):
            if check.wanted(first, second):
                tight[(first.index, second.index)].append(person)
    return [
        way.conflict(check, check.entries[first_index], check.entries[second_index], persons)
        for (first_index, second_index), persons in sorted(tight.items())
    ]


@dataclasses.dataclass(frozen=True)
class Drive:
    """The way from one venue to another: its minutes at the wheel, and whether a routing service said so."""

    minutes: float
    routed: bool
    routing_failed: bool = False


class _Way:
    """How long the way between two items takes, by the settings read once per check."""

    def __init__(self) -> None:
        self.speed_kmh = float(getattr(settings, "CONFLICT_TRANSFER_SPEED_KMH", DEFAULT_TRANSFER_SPEED_KMH))
        self.buffer_minutes = float(
            getattr(settings, "CONFLICT_TRANSFER_BUFFER_MINUTES", DEFAULT_TRANSFER_BUFFER_MINUTES)
        )
        self.routing = bool(getattr(settings, "ROUTING_URL", ""))
        self.routing_failed = False  # once it fails, this check asks it no more
        self.drives: dict[tuple[int, int], Drive] = {}

    def drive(self, first: Venue, second: Venue) -> Drive:
        """The drive between two venues with coordinates, asked once per pair and check."""
        key = (first.pk, second.pk)
        if key not in self.drives:
            self.drives[key] = self._drive(first, second)
        return self.drives[key]

    def _drive(self, first: Venue, second: Venue) -> Drive:
        if self.routing and not self.routing_failed:
            try:
                seconds = driving_seconds(
                    Point(first.latitude, first.longitude), Point(second.latitude, second.longitude)
                )
                return Drive(seconds / 60, routed=True)
            except RoutingUnavailable:
                self.routing_failed = True
        minutes = distance_km(first, second) / self.speed_kmh * 60
        return Drive(minutes, routed=False, routing_failed=self.routing_failed)

    def minutes(self, first: ProgrammeItem, second: ProgrammeItem) -> float | None:
        """The minutes needed from `first` to `second`; None for a transfer, one venue, or no coordinates."""
        if ItemKind.TRANSFER in (first.kind, second.kind):
            return None
        if first.venue is None or second.venue is None or first.venue_id == second.venue_id:
            return None
        if not (first.venue.has_coordinates and second.venue.has_coordinates):
            return None
        return self.drive(first.venue, second.venue).minutes + self.buffer_minutes

    def too_tight_pairs(self, timeline: list[Entry]) -> Iterator[tuple[Entry, Entry]]:
        """A person's consecutive items at two venues with less time between them than the way needs."""
        latest = None  # the item that ends last so far: where the person comes from
        for entry in timeline:
            if latest is not None and latest.item.ends_at <= entry.item.starts_at:
                needed = self.minutes(latest.item, entry.item)
                gap = (entry.item.starts_at - latest.item.ends_at).total_seconds() / 60
                if needed is not None and gap < needed:
                    yield latest, entry
            if latest is None or entry.item.ends_at > latest.item.ends_at:
                latest = entry

    def conflict(self, check: "ProgrammeCheck", first: Entry, second: Entry, persons: list) -> Conflict:
        needed = self.minutes(first.item, second.item)
        gap = (second.item.starts_at - first.item.ends_at).total_seconds() / 60
        drive = self.drive(first.item.venue, second.item.venue)
        if drive.routed:
            way = gettext("%(minutes)d Minuten Fahrzeit laut Routendienst")
        elif drive.routing_failed:
            way = gettext(
                "%(distance)s km Luftlinie, bei %(speed)s km/h geschätzt, "
                "weil der Routendienst nicht antwortete"
            )
        else:
            way = gettext("%(distance)s km Luftlinie, bei %(speed)s km/h geschätzt")
        way = way % {
            "minutes": math.ceil(drive.minutes),
            "distance": number_format(distance_km(first.item.venue, second.item.venue), 1),
            "speed": number_format(self.speed_kmh, 0),
        }
        message = gettext(
            "Zu wenig Zeit für den Weg von %(from_venue)s nach %(to_venue)s (%(way)s): "
            "zwischen %(first)s und %(second)s liegen %(gap)d Minuten, nötig sind mindestens %(needed)d "
            "(%(people)s)."
        ) % {
            "from_venue": first.item.venue.name,
            "to_venue": second.item.venue.name,
            "way": way,
            "first": check.describe(first),
            "second": check.describe(second),
            "gap": math.floor(gap),
            "needed": math.ceil(needed),
            "people": names(persons),
        }
        return check.conflict(
            ConflictKind.TRANSFER_TOO_SHORT,
            message,
            (first.item, second.item),
            **members_and_contacts(persons),
        )

"""Optional outside services for places: a Nominatim geocoder and an OSRM routing service.

Both are off unless their base address is set (`GEOCODER_URL`, `ROUTING_URL`); every request names the
application in its User-Agent (Nominatim's usage policy asks for that) and waits at most
`GEO_SERVICE_TIMEOUT_SECONDS`. A geocoder's failure becomes a `GeocodingError` whose message a planner reads;
the routing service's becomes `RoutingUnavailable`, and the caller falls back to the straight line.
"""

import hashlib
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from .maplinks import MapLinkError, Point, point

# After a failure the routing service is left alone this long, so a page that checks many pairs of venues
# waits for one timeout, not one per pair.
ROUTING_PAUSE_SECONDS = 60


class GeocodingError(Exception):
    """The geocoder gave no coordinates; str() is the message for the planner, in the active language."""

    def __init__(self, message, **params):
        self.message, self.params = message, params
        super().__init__(message)

    def __str__(self) -> str:
        return str(self.message) % self.params if self.params else str(self.message)


class RoutingUnavailable(Exception):
    """No driving time: no service set, no answer, or no route."""


def user_agent() -> str:
    return f"KlevePartnership/1.0 (+{settings.SITE_URL})"


def _get(url: str, params: dict) -> requests.Response:
    return requests.get(
        url,
        params=params,
        headers={"User-Agent": user_agent(), "Accept": "application/json"},
        timeout=settings.GEO_SERVICE_TIMEOUT_SECONDS,
        allow_redirects=False,
    )


def geocode(*, street: str, postcode: str, city: str, country: str) -> Point:
    """The coordinates of a postal address, from the configured geocoder (Nominatim's structured search)."""
    if not settings.GEOCODER_URL:
        raise GeocodingError(_("Es ist kein Geocoder eingerichtet."))
    if not (street or postcode or city):
        raise GeocodingError(_("Bitte geben Sie zuerst eine Adresse an (Straße, PLZ oder Ort)."))
    host = urlsplit(settings.GEOCODER_URL).hostname
    params = {"format": "jsonv2", "limit": 1}
    params.update(
        {
            name: value
            for name, value in (("street", street), ("postalcode", postcode), ("city", city))
            if value
        }
    )
    if country:
        params["countrycodes"] = country.lower()
    unreadable = GeocodingError(_("Der Geocoder (%(host)s) hat eine unlesbare Antwort geschickt."), host=host)
    try:
        response = _get(f"{settings.GEOCODER_URL}/search", params)
    except requests.Timeout:
        raise GeocodingError(
            _("Der Geocoder (%(host)s) hat nicht innerhalb von %(seconds)s Sekunden geantwortet."),
            host=host,
            seconds=settings.GEO_SERVICE_TIMEOUT_SECONDS,
        ) from None
    except requests.RequestException:
        raise GeocodingError(_("Der Geocoder (%(host)s) ist nicht erreichbar."), host=host) from None
    if response.status_code != 200:
        raise GeocodingError(
            _("Der Geocoder (%(host)s) hat mit dem Fehler %(status)s geantwortet."),
            host=host,
            status=response.status_code,
        )
    try:
        answer = response.json()
    except ValueError:
        raise unreadable from None
    if not isinstance(answer, list):
        raise unreadable
    if not answer:
        raise GeocodingError(_("Der Geocoder (%(host)s) kennt diese Adresse nicht."), host=host)
    try:
        return point(answer[0]["lat"], answer[0]["lon"])
    except (KeyError, TypeError, MapLinkError):
        raise unreadable from None


def _routing_key(*parts) -> str:
    service = hashlib.sha256(settings.ROUTING_URL.encode()).hexdigest()[:12]
    return ":".join(["routing", service, *map(str, parts)]).replace(" ", "")


def driving_seconds(origin: Point, destination: Point) -> float:
    """The driving time from one place to another by the routing service, cached per pair of places.

    The cache key holds the coordinates, so a venue that moves gets a new time. After a failure the service
    is not asked again for `ROUTING_PAUSE_SECONDS`.
    """
    if not settings.ROUTING_URL:
        raise RoutingUnavailable("no routing service is set")
    key = _routing_key(origin, destination)
    if (seconds := cache.get(key)) is not None:
        return seconds
    pause_key = _routing_key("paused")
    if cache.get(pause_key):
        raise RoutingUnavailable("the routing service failed a moment ago")
    url = (
        f"{settings.ROUTING_URL}/route/v1/driving/"
        f"{origin.longitude},{origin.latitude};{destination.longitude},{destination.latitude}"
    )
    try:
        response = _get(url, {"overview": "false", "alternatives": "false", "steps": "false"})
        response.raise_for_status()
        answer = response.json()
        if answer.get("code") != "Ok":
            raise ValueError(answer.get("code"))
        seconds = float(answer["routes"][0]["duration"])
    except (requests.RequestException, ValueError, KeyError, IndexError, TypeError, AttributeError) as error:
        cache.set(pause_key, True, ROUTING_PAUSE_SECONDS)
        raise RoutingUnavailable(str(error)) from error
    cache.set(key, seconds, settings.ROUTING_CACHE_SECONDS)
    return seconds

"""Coordinates from a pasted map link: OpenStreetMap, Google Maps, Apple Maps, `geo:` URIs, or a bare pair.

Only what the link itself says is read; nothing is fetched. Short links (maps.app.goo.gl, goo.gl, osm.org/go)
hide their target behind a redirect, and following it would send the server to a third party, so they are
refused with the advice to paste the full address. A link to an OpenStreetMap object (/node/123) names a map
feature, not a point, and is refused too: the view around it says nothing about where the object is.
"""

import dataclasses
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

SIX_PLACES = Decimal("0.000001")
NUMBER = r"[-+]?\d{1,3}(?:\.\d+)?"
PAIR = re.compile(rf"^\s*({NUMBER})\s*,\s*({NUMBER})\s*$")
GOOGLE_PIN = re.compile(rf"!3d({NUMBER})!4d({NUMBER})")
GOOGLE_VIEW = re.compile(rf"/@({NUMBER}),({NUMBER})(?:,|$)")
GOOGLE_HOST = re.compile(r"^(?:www\.|maps\.)?google\.(?:[a-z]{2,3}|co\.[a-z]{2}|com\.[a-z]{2})$")
OSM_OBJECT = re.compile(r"^/(node|way|relation|changeset|note)/(\d+)")
SHORT_LINK_HOSTS = {"maps.app.goo.gl", "app.goo.gl", "goo.gl", "g.co", "g.page", "maps.apple"}


@dataclasses.dataclass(frozen=True)
class Point:
    """A place on the earth in WGS 84 degrees, to the six decimal places the models keep (about 10 cm)."""

    latitude: Decimal
    longitude: Decimal

    def __str__(self) -> str:
        return f"{self.latitude}, {self.longitude}"


class MapLinkError(ValidationError):
    """A link that gives no coordinates; the message says why and what to paste instead."""


def point(latitude, longitude) -> Point:
    """The point at these degrees, rounded to six places; out of range is refused."""
    try:
        lat = Decimal(str(latitude)).quantize(SIX_PLACES, rounding=ROUND_HALF_UP)
        lon = Decimal(str(longitude)).quantize(SIX_PLACES, rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError):
        raise MapLinkError(_("Die Koordinaten im Link sind keine Zahlen."), code="not_a_number") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise MapLinkError(
            _(
                "Der Breitengrad muss zwischen -90 und 90 liegen, der Längengrad zwischen -180 und 180; "
                "im Link stehen %(latitude)s und %(longitude)s."
            ),
            code="out_of_range",
            params={"latitude": latitude, "longitude": longitude},
        )
    return Point(lat, lon)


def point_from_map_link(text: str) -> Point:
    """The coordinates a map link points at; MapLinkError with a message for the user where it names none."""
    text = text.strip()
    if pair := PAIR.match(text):
        return point(*pair.groups())
    if text[:4].lower() == "geo:":
        return _from_geo_uri(text)
    if "://" not in text and re.match(r"^[\w.-]+\.[a-z]{2,}/", text, re.IGNORECASE):
        text = "https://" + text  # pasted without the scheme: www.openstreetmap.org/#map=…
    try:
        parts = urlsplit(text)
        host = (parts.hostname or "").lower().removeprefix("www.")
    except ValueError:  # a malformed address, e.g. an unclosed [ in the host
        raise _unknown() from None
    if parts.scheme.lower() not in {"http", "https"} or not host:
        raise _unknown()
    if host in SHORT_LINK_HOSTS:
        raise _short_link(host)
    query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    if host == "osm.org" and parts.path.startswith("/go/"):
        raise _short_link(host)
    if host in {"openstreetmap.org", "osm.org", "openstreetmap.de"} or host.endswith(".openstreetmap.org"):
        return _from_openstreetmap(parts, query)
    if GOOGLE_HOST.match(host) and (host.startswith("maps.") or parts.path.startswith("/maps")):
        return _from_google(parts, query)
    if host == "maps.apple.com":
        return _from_apple(query)
    raise _unknown()


def _unknown() -> MapLinkError:
    return MapLinkError(
        _(
            "Diesen Link erkennt die Anwendung nicht als Kartenlink. Erkannt werden Links von OpenStreetMap, "
            "Google Maps und Apple Maps, geo:-Adressen und Koordinaten wie „51.7890, 6.1380“."
        ),
        code="unknown_service",
    )


def _short_link(host: str) -> MapLinkError:
    return MapLinkError(
        _(
            "Ein Kurzlink (%(host)s) verrät seine Koordinaten erst beim Aufrufen, und der Server ruft keine "
            "fremden Seiten auf. Bitte öffnen Sie den Link im Browser und fügen Sie die vollständige Adresse "
            "aus der Adresszeile ein."
        ),
        code="short_link",
        params={"host": host},
    )


def _no_coordinates(service: str) -> MapLinkError:
    return MapLinkError(
        _(
            "In diesem Link von %(service)s stehen keine Koordinaten (etwa eine Suche nach einem Namen oder "
            "eine Route). Bitte setzen Sie auf der Karte eine Markierung auf den Ort und fügen Sie den Link "
            "zu dieser Markierung ein."
        ),
        code="no_coordinates",
        params={"service": service},
    )


def _pair(value: str | None) -> Point | None:
    """A `lat,lon` pair in a query value, or None if the value is something else (a name, an address)."""
    if value and (match := PAIR.match(value)):
        return point(*match.groups())
    return None


def _from_openstreetmap(parts, query: dict[str, str]) -> Point:
    if match := OSM_OBJECT.match(parts.path):
        raise MapLinkError(
            _(
                "Dieser OpenStreetMap-Link zeigt auf ein Kartenobjekt (%(kind)s %(id)s), nicht auf "
                "Koordinaten. Bitte wählen Sie auf openstreetmap.org „Teilen“, setzen Sie dort „Markierung "
                "auf der Karte einfügen“ und fügen Sie diesen Link ein."
            ),
            code="map_object",
            params={"kind": match.group(1), "id": match.group(2)},
        )
    if "mlat" in query or "mlon" in query:  # the marker, which the view (#map=) need not be centred on
        return point(query.get("mlat", ""), query.get("mlon", ""))
    if found := _pair(query.get("query")):  # /search?query=51.789,6.138: what was searched, not the view
        return found
    fragment = {key: values[-1] for key, values in parse_qs(parts.fragment).items()}
    view = re.match(rf"^\d{{1,2}}(?:\.\d+)?/({NUMBER})/({NUMBER})$", fragment.get("map", ""))
    if view:
        return point(*view.groups())
    if "lat" in query and "lon" in query:  # the old permalinks: /?lat=…&lon=…&zoom=…
        return point(query["lat"], query["lon"])
    raise _no_coordinates("OpenStreetMap")


def _from_google(parts, query: dict[str, str]) -> Point:
    path = unquote(parts.path)
    if match := GOOGLE_PIN.search(path) or GOOGLE_PIN.search(unquote(parts.query)):
        return point(*match.groups())  # the place's own pin, which the view (/@…) need not be centred on
    for key in ("q", "query", "ll", "center"):
        if found := _pair(query.get(key)):
            return found
    if match := re.match(rf"^/maps/search/({NUMBER}),\s*\+?({NUMBER})", path.replace("+", " ")):
        return point(*match.groups())
    if not path.startswith("/maps/dir") and (match := GOOGLE_VIEW.search(path)):
        return point(*match.groups())
    raise _no_coordinates("Google Maps")


def _from_apple(query: dict[str, str]) -> Point:
    # ll is the pin; coordinate the newer place links; q may be a pair or a name; sll is where a search was
    # made (next to its name in q).
    for key in ("ll", "coordinate", "q", "sll", "center"):
        if found := _pair(query.get(key)):
            return found
    raise _no_coordinates("Apple Maps")


def _from_geo_uri(text: str) -> Point:
    """RFC 5870: `geo:lat,lon[,alt][;crs=wgs84][;u=…][?q=…]`; Android's `geo:0,0?q=lat,lon(label)` too."""
    body, _sep, query_string = text[4:].partition("?")
    coordinates, *parameters = body.split(";")
    for parameter in parameters:
        name, _eq, value = parameter.partition("=")
        if name.strip().lower() == "crs" and value.strip().lower() != "wgs84":
            raise MapLinkError(
                _("Diese geo:-Adresse nutzt ein anderes Koordinatensystem als WGS 84 (%(crs)s)."),
                code="unsupported_crs",
                params={"crs": value},
            )
    values = coordinates.split(",")
    if len(values) not in (2, 3) or not all(re.fullmatch(NUMBER, value.strip()) for value in values):
        raise MapLinkError(_("Diese geo:-Adresse enthält keine gültigen Koordinaten."), code="bad_geo_uri")
    latitude, longitude = values[0].strip(), values[1].strip()
    searched = parse_qs(query_string).get("q", [""])[-1]
    if Decimal(latitude) == 0 and Decimal(longitude) == 0 and searched:
        if match := re.match(rf"^\s*({NUMBER})\s*,\s*({NUMBER})", searched):
            return point(*match.groups())
        raise _no_coordinates("geo:")
    return point(latitude, longitude)

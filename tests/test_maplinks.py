"""The map link parser (core/maplinks.py): many forms of OpenStreetMap, Google, Apple and geo: links."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.maplinks import MapLinkError, Point, point_from_map_link

KREISHAUS = Point(Decimal("51.789000"), Decimal("6.138000"))


@pytest.mark.parametrize(
    "link",
    [
        # OpenStreetMap: the view, the marker, old permalinks, a search for a pair, without the scheme
        "https://www.openstreetmap.org/#map=18/51.7890/6.1380",
        "https://www.openstreetmap.org/#map=18/51.7890/6.1380&layers=C",
        "https://openstreetmap.org/?mlat=51.789&mlon=6.138#map=18/51.7000/6.1000",
        "https://www.openstreetmap.org/?mlat=51.78900&mlon=6.13800",
        "https://www.openstreetmap.org/?lat=51.789&lon=6.138&zoom=17",
        "https://www.openstreetmap.org/search?query=51.789%2C6.138#map=18/51.7/6.1",
        "www.openstreetmap.org/#map=18/51.7890/6.1380",
        "https://osm.org/#map=18/51.7890/6.1380",
        "  https://www.openstreetmap.org/#map=18/51.7890/6.1380  ",
        # Google Maps: the pin (!3d!4d) before the view (@), q=, query=, ll=, /maps/search/, other countries
        "https://www.google.com/maps/place/Kreishaus+Kleve/@51.7,6.1,17z/data=!3m1!4b1!4m6!3m5!1s0x47c7:0x1!8m2!3d51.789!4d6.138!16s",
        "https://www.google.com/maps/place/Kreishaus/@51.789,6.138,17z",
        "https://www.google.de/maps/@51.789,6.138,15z?entry=ttu",
        "https://www.google.com/maps?q=51.789,6.138",
        "https://maps.google.com/?q=51.789,6.138",
        "https://maps.google.de/maps?ll=51.789,6.138&z=16",
        "https://www.google.com/maps/search/?api=1&query=51.789%2C6.138",
        "https://www.google.com/maps/search/51.789,+6.138?entry=tts",
        "https://www.google.co.uk/maps/@51.789,6.138,17z",
        # Apple Maps
        "https://maps.apple.com/?ll=51.789,6.138",
        "https://maps.apple.com/?ll=51.789,6.138&q=Kreishaus&z=17",
        "https://maps.apple.com/?q=Kreishaus%20Kleve&sll=51.789,6.138",
        "https://maps.apple.com/?q=51.789,6.138",
        "https://maps.apple.com/place?coordinate=51.789,6.138&name=Kreishaus",
        # geo: URIs (RFC 5870 and Android's form) and a bare pair
        "geo:51.789,6.138",
        "GEO:51.789,6.138,30;u=35",
        "geo:51.789,6.138;crs=wgs84",
        "geo:0,0?q=51.789,6.138(Kreishaus Kleve)",
        "51.789, 6.138",
        "51.7890,6.1380",
    ],
)
def test_a_link_gives_the_point_it_names(link):
    assert point_from_map_link(link) == KREISHAUS


def test_the_issues_two_links_give_the_right_coordinates():
    osm = point_from_map_link("https://www.openstreetmap.org/#map=18/51.7890/6.1380")
    google = point_from_map_link("https://www.google.com/maps/place/Kreishaus/@51.789,6.138,17z")
    assert (osm.latitude, osm.longitude) == (Decimal("51.789000"), Decimal("6.138000"))
    assert (google.latitude, google.longitude) == (Decimal("51.789000"), Decimal("6.138000"))


def test_southern_and_western_points_keep_their_sign():
    assert point_from_map_link("https://www.openstreetmap.org/#map=12/-33.8688/-70.1234") == Point(
        Decimal("-33.868800"), Decimal("-70.123400")
    )
    assert point_from_map_link("geo:-33.8688,-70.1234") == Point(Decimal("-33.868800"), Decimal("-70.123400"))


def test_more_than_six_places_are_rounded_to_what_the_models_keep():
    assert point_from_map_link("geo:51.78900049,6.1380005") == Point(
        Decimal("51.789000"), Decimal("6.138001")
    )


@pytest.mark.parametrize(
    ("link", "code"),
    [
        ("https://www.openstreetmap.org/node/123456", "map_object"),
        ("https://www.openstreetmap.org/way/987#map=19/51.789/6.138", "map_object"),
        ("https://www.openstreetmap.org/relation/62770", "map_object"),
        ("https://www.openstreetmap.org/about", "no_coordinates"),
        ("https://osm.org/go/0GJ~kXs--", "short_link"),
        ("https://maps.app.goo.gl/AbCdEf123", "short_link"),
        ("https://goo.gl/maps/AbCdEf123", "short_link"),
        ("https://g.co/kgs/AbCdEf", "short_link"),
        ("https://www.google.com/maps/place/Kreishaus+Kleve", "no_coordinates"),
        ("https://www.google.com/maps?q=Nassauerallee+15+Kleve", "no_coordinates"),
        ("https://www.google.com/maps/dir/51.7,6.1/51.8,6.2/@51.75,6.15,12z", "no_coordinates"),
        ("https://maps.apple.com/?q=Kreishaus", "no_coordinates"),
        ("https://www.openstreetmap.org/#map=18/91.0000/6.1380", "out_of_range"),
        ("https://www.google.com/maps/@51.789,181.5,17z", "out_of_range"),
        ("geo:-90.5,0", "out_of_range"),
        ("51.789, 200", "out_of_range"),
        ("geo:51.789", "bad_geo_uri"),
        ("geo:abc,def", "bad_geo_uri"),
        ("geo:51.789,6.138;crs=epsg:25832", "unsupported_crs"),
        ("geo:0,0?q=Kreishaus+Kleve", "no_coordinates"),
        ("https://www.bing.com/maps?cp=51.789~6.138", "unknown_service"),
        ("https://www.google.com/search?q=51.789,6.138", "unknown_service"),
        ("ftp://www.openstreetmap.org/#map=18/51.7890/6.1380", "unknown_service"),
        ("javascript:alert(1)", "unknown_service"),
        ("Nassauerallee 15, Kleve", "unknown_service"),
        ("http://[::1", "unknown_service"),
        ("", "unknown_service"),
    ],
)
def test_a_link_without_a_point_is_refused_with_a_reason(link, code):
    with pytest.raises(MapLinkError) as refused:
        point_from_map_link(link)
    assert refused.value.code == code
    assert refused.value.messages[0]  # a sentence for the user


def test_the_short_link_message_asks_for_the_full_link():
    with pytest.raises(MapLinkError) as refused:
        point_from_map_link("https://maps.app.goo.gl/AbCdEf123")
    assert "maps.app.goo.gl" in refused.value.messages[0]
    assert "vollständige Adresse" in refused.value.messages[0]


def test_an_osm_object_link_says_it_is_no_point():
    with pytest.raises(MapLinkError) as refused:
        point_from_map_link("https://www.openstreetmap.org/node/123456")
    assert "node 123456" in refused.value.messages[0]
    assert "nicht auf Koordinaten" in refused.value.messages[0]


latitudes = st.decimals(min_value=-90, max_value=90, places=6, allow_nan=False, allow_infinity=False)
longitudes = st.decimals(min_value=-180, max_value=180, places=6, allow_nan=False, allow_infinity=False)
LINK_FORMS = [
    "https://www.openstreetmap.org/#map=17/{lat}/{lon}",
    "https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/0/0",
    "https://www.google.com/maps/place/X/@{lat},{lon},17z",
    "https://www.google.com/maps/place/X/@0,0,17z/data=!4m2!3m1!8m2!3d{lat}!4d{lon}",
    "https://www.google.com/maps?q={lat},{lon}",
    "https://maps.apple.com/?ll={lat},{lon}",
    "https://maps.apple.com/?q=Ort&sll={lat},{lon}",
    "geo:{lat},{lon}",
    "{lat}, {lon}",
]


@given(latitude=latitudes, longitude=longitudes, form=st.sampled_from(LINK_FORMS))
def test_every_link_form_gives_back_the_point_it_was_made_from(latitude, longitude, form):
    link = form.format(lat=f"{latitude:f}", lon=f"{longitude:f}")
    assert point_from_map_link(link) == Point(
        latitude.quantize(Decimal("0.000001")), longitude.quantize(Decimal("0.000001"))
    )


@given(
    latitude=st.decimals(min_value=90, max_value=999, places=3).filter(lambda value: value > 90),
    longitude=longitudes,
    form=st.sampled_from(LINK_FORMS),
)
def test_a_latitude_beyond_the_pole_is_refused_in_every_form(latitude, longitude, form):
    link = form.format(lat=f"{latitude:f}", lon=f"{longitude:f}")
    with pytest.raises(MapLinkError) as refused:
        point_from_map_link(link)
    assert refused.value.code == "out_of_range"


@given(text=st.text(max_size=200))
def test_any_text_gives_a_point_or_a_reason_never_a_crash(text):
    try:
        found = point_from_map_link(text)
    except MapLinkError as error:
        assert error.messages
    else:
        assert -90 <= found.latitude <= 90 and -180 <= found.longitude <= 180

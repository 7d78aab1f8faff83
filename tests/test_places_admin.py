"""Places without typing coordinates: the map link, the geocoder button and the map sketch in the admin."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from delegations.models import Organisation
from tests import factories
from tests.admin_samples import admin_form_data
from tests.geo_server import GeoServer
from visits.models import Venue

OSM_LINK = "https://www.openstreetmap.org/#map=18/51.7890/6.1380"
GOOGLE_LINK = "https://www.google.com/maps/place/Kreishaus+Kleve/@51.789,6.138,17z"


@pytest.fixture
def geo_server():
    with GeoServer() as server:
        yield server


def save_venue(client, venue, **changes):
    url = reverse("admin:visits_venue_change", args=[venue.pk])
    page = client.get(url)
    assert page.status_code == 200
    return client.post(url, admin_form_data(page, **changes))


@pytest.mark.parametrize("link", [OSM_LINK, GOOGLE_LINK])
def test_a_pasted_map_link_sets_the_venues_coordinates(planner_client, link):
    venue = factories.VenueFactory(latitude=None, longitude=None)

    response = save_venue(planner_client, venue, map_link=link)

    assert response.status_code == 302
    venue.refresh_from_db()
    assert (venue.latitude, venue.longitude) == (Decimal("51.789000"), Decimal("6.138000"))
    shown = planner_client.get(response.url)
    assert "Breiten- und Längengrad aus dem Kartenlink übernommen: 51.789000, 6.138000." in shown.text


def test_the_link_wins_over_coordinates_typed_at_the_same_time(planner_client):
    venue = factories.VenueFactory(latitude=Decimal("51.5"), longitude=Decimal("6.0"))

    save_venue(planner_client, venue, latitude="51,6", longitude="x", map_link=OSM_LINK)

    venue.refresh_from_db()
    assert (venue.latitude, venue.longitude) == (Decimal("51.789000"), Decimal("6.138000"))


def test_a_venue_can_be_added_with_a_map_link_alone(planner_client):
    url = reverse("admin:visits_venue_add")
    data = admin_form_data(planner_client.get(url), name_de="Kreishaus Kleve", map_link=OSM_LINK)

    response = planner_client.post(url, data)

    assert response.status_code == 302
    venue = Venue.objects.get(name_de="Kreishaus Kleve")
    assert (venue.latitude, venue.longitude) == (Decimal("51.789000"), Decimal("6.138000"))


@pytest.mark.parametrize(
    ("link", "words"),
    [
        ("https://maps.app.goo.gl/AbCdEf123", "vollständige Adresse aus der Adresszeile"),
        ("https://www.openstreetmap.org/node/123456", "Kartenobjekt (node 123456)"),
        ("https://www.openstreetmap.org/#map=18/95.0000/6.1380", "zwischen -90 und 90"),
        ("https://example.com/karte", "nicht als Kartenlink"),
    ],
)
def test_a_bad_link_is_a_form_error_and_changes_nothing(planner_client, link, words):
    venue = factories.VenueFactory(latitude=Decimal("51.5"), longitude=Decimal("6.0"), city="Kleve")

    response = save_venue(planner_client, venue, map_link=link, city="Goch")

    assert response.status_code == 200
    assert words in response.context["adminform"].form.errors["map_link"][0]
    venue.refresh_from_db()
    assert (venue.latitude, venue.longitude, venue.city) == (Decimal("51.5"), Decimal("6.0"), "Kleve")


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("uk", "Коротке посилання (maps.app.goo.gl)"),
        ("en", "A short link (maps.app.goo.gl)"),
    ],
)
def test_the_error_is_in_the_users_language(planner_client, language, words):
    venue = factories.VenueFactory()
    planner_client.cookies["django_language"] = language

    response = save_venue(planner_client, venue, map_link="https://maps.app.goo.gl/AbCdEf123")

    assert response.status_code == 200
    assert words in response.context["adminform"].form.errors["map_link"][0]


def test_an_organisations_coordinates_come_from_a_map_link_too(planner_client):
    organisation = factories.OrganisationFactory(latitude=None, longitude=None)
    url = reverse("admin:delegations_organisation_change", args=[organisation.pk])

    response = planner_client.post(url, admin_form_data(planner_client.get(url), map_link=GOOGLE_LINK))

    assert response.status_code == 302
    organisation = Organisation.objects.get(pk=organisation.pk)
    assert (organisation.latitude, organisation.longitude) == (Decimal("51.789000"), Decimal("6.138000"))


def test_who_may_only_look_sees_no_link_field(reader_client):
    venue = factories.VenueFactory()

    page = reader_client.get(reverse("admin:visits_venue_change", args=[venue.pk]))

    assert page.status_code == 200
    assert 'name="map_link"' not in page.text
    assert "Kartenskizze" in page.text


# The geocoder


def test_without_a_geocoder_there_is_no_button_and_the_button_name_does_nothing(planner_client, settings):
    settings.GEOCODER_URL = ""
    venue = factories.VenueFactory(latitude=Decimal("51.5"), longitude=Decimal("6.0"))

    page = planner_client.get(reverse("admin:visits_venue_change", args=[venue.pk]))
    assert 'name="_geocode"' not in page.text
    response = save_venue(planner_client, venue, _geocode="1")

    assert response.status_code == 302
    venue.refresh_from_db()
    assert (venue.latitude, venue.longitude) == (Decimal("51.5"), Decimal("6.0"))


def test_the_geocoder_finds_the_coordinates_of_the_address(planner_client, settings, geo_server):
    settings.GEOCODER_URL = geo_server.url + "/nominatim"
    settings.SITE_URL = "https://partnerschaften.kreis-kleve.example"
    geo_server.answer("/nominatim/search", [{"lat": "51.7890123", "lon": "6.1380456", "display_name": "x"}])
    venue = factories.VenueFactory(latitude=None, longitude=None, street="Nassauerallee 15-23", city="Kleve")

    page = planner_client.get(reverse("admin:visits_venue_change", args=[venue.pk]))
    # After the save button, so Enter in a field saves as before and asks nobody.
    assert page.text.index('name="_save"') < page.text.index('name="_geocode"')
    response = save_venue(planner_client, venue, _geocode="1")

    assert response.status_code == 302
    venue.refresh_from_db()
    assert (venue.latitude, venue.longitude) == (Decimal("51.789012"), Decimal("6.138046"))
    [request] = geo_server.requests
    assert request["path"] == "/nominatim/search"
    assert request["query"] == {
        "format": "jsonv2",
        "limit": "1",
        "street": "Nassauerallee 15-23",
        "postalcode": "47533",
        "city": "Kleve",
        "countrycodes": "de",
    }
    assert request["user_agent"] == "KlevePartnership/1.0 (+https://partnerschaften.kreis-kleve.example)"


@pytest.mark.parametrize(
    ("status", "body", "delay", "words"),
    [
        (200, [], 0, "kennt diese Adresse nicht"),
        (503, {"error": "busy"}, 0, "hat mit dem Fehler 503 geantwortet"),
        (200, b"<html>not json</html>", 0, "unlesbare Antwort"),
        (200, [{"lat": "95", "lon": "6"}], 0, "unlesbare Antwort"),
        (200, [], 2, "nicht innerhalb von 1 Sekunden geantwortet"),
    ],
)
def test_a_geocoder_failure_is_shown_and_changes_nothing(
    planner_client, settings, geo_server, status, body, delay, words
):
    settings.GEOCODER_URL = geo_server.url
    settings.GEO_SERVICE_TIMEOUT_SECONDS = 1
    geo_server.answer("/search", body, status=status, delay=delay)
    venue = factories.VenueFactory(latitude=Decimal("51.5"), longitude=Decimal("6.0"), city="Kleve")

    response = save_venue(planner_client, venue, _geocode="1", city="Goch")

    assert response.status_code == 200
    assert words in " ".join(response.context["adminform"].form.non_field_errors())
    venue.refresh_from_db()
    assert (venue.latitude, venue.longitude, venue.city) == (Decimal("51.5"), Decimal("6.0"), "Kleve")


def test_an_unreachable_geocoder_is_an_error_not_a_500(planner_client, settings):
    settings.GEOCODER_URL = "http://127.0.0.1:9"  # discard: nothing listens
    venue = factories.VenueFactory()

    response = save_venue(planner_client, venue, _geocode="1")

    assert response.status_code == 200
    assert (
        "Der Geocoder (127.0.0.1) ist nicht erreichbar."
        in response.context["adminform"].form.non_field_errors()
    )


def test_a_map_link_needs_no_geocoder_even_with_the_button(planner_client, settings, geo_server):
    settings.GEOCODER_URL = geo_server.url
    venue = factories.VenueFactory(latitude=None, longitude=None)

    save_venue(planner_client, venue, _geocode="1", map_link=OSM_LINK)

    venue.refresh_from_db()
    assert (venue.latitude, venue.longitude) == (Decimal("51.789000"), Decimal("6.138000"))
    assert geo_server.requests == []


# The map sketch


def test_the_sketch_shows_the_venue_among_its_neighbours_with_a_text_alternative(planner_client):
    venue = factories.VenueFactory(
        name_de="Kreishaus Kleve", latitude=Decimal("51.789"), longitude=Decimal("6.138")
    )
    factories.VenueFactory(name_de="Rathaus Goch", latitude=Decimal("51.678"), longitude=Decimal("6.162"))
    factories.VenueFactory(name_de="Rathaus Kyjiw", latitude=Decimal("50.45"), longitude=Decimal("30.52"))

    page = planner_client.get(reverse("admin:visits_venue_change", args=[venue.pk]))

    sketch = page.text[page.text.index('<figure class="kleve-map">') : page.text.index("</figure>")]
    assert sketch.count('class="kleve-map-other"') == 1
    assert "<title>Rathaus Goch (Kleve)</title>" in sketch
    assert "Kyjiw" not in sketch
    assert "Breite 51,789000, Länge 6,138000" in sketch
    assert "mit 1 weiteren Ort in der Umgebung" in sketch
    assert (
        'href="https://www.openstreetmap.org/?mlat=51.789000&amp;mlon=6.138000#map=17/51.789000/6.138000"'
        in sketch
    )
    assert 'viewBox="0 0 480 320"' in sketch  # numbers in the drawing are never localised
    assert "https://" not in sketch.split("<figcaption")[0]  # the drawing itself asks nobody for anything


def test_the_press_office_sketch_leaves_out_the_hotels(press_client):
    venue = factories.VenueFactory(latitude=Decimal("51.789"), longitude=Decimal("6.138"))
    factories.HotelFactory(name_de="Hotel Cleve", latitude=Decimal("51.79"), longitude=Decimal("6.14"))

    page = press_client.get(reverse("admin:visits_venue_change", args=[venue.pk]))

    assert page.status_code == 200
    assert "Hotel Cleve" not in page.text
    assert "mit 0 weiteren Orten" in page.text


def test_a_venue_without_coordinates_has_no_sketch(planner_client):
    venue = factories.VenueFactory(latitude=None, longitude=None)

    page = planner_client.get(reverse("admin:visits_venue_change", args=[venue.pk]))

    assert page.status_code == 200
    assert "kleve-map" not in page.text


def test_the_sketch_costs_one_query_whatever_the_number_of_neighbours(planner_client):
    venue = factories.VenueFactory()
    url = reverse("admin:visits_venue_change", args=[venue.pk])

    def queries() -> int:
        planner_client.get(url)  # what a write since the last page left for the next one to fill
        with CaptureQueriesContext(connection) as captured:
            page = planner_client.get(url)
        assert page.status_code == 200
        return len(captured)

    factories.VenueFactory.create_batch(2)
    few = queries()
    factories.VenueFactory.create_batch(10)
    assert queries() == few

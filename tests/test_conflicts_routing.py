"""The transfer-time conflict with a routing service (core/geo_services.py): its driving time where it
answers, the straight line where it does not, cached per pair of places, and the message says which it was."""

import pytest
from django.core.cache import cache

from core.geo_services import RoutingUnavailable, driving_seconds
from core.maplinks import point
from tests.conflict_fixtures import (
    guest,
    messages,
    programme_item,
    transfer_rules,  # noqa: F401  (autouse fixture)
    two_venues_fixture,  # noqa: F401  (the fixture `two_venues`)
    visit_fixture,  # noqa: F401  (the fixture `visit`)
)
from tests.factories import berlin
from tests.geo_server import GeoServer
from visits.conflicts import ConflictKind, find_conflicts

pytestmark = pytest.mark.django_db


@pytest.fixture
def osrm(settings):
    cache.clear()
    with GeoServer() as server:
        settings.ROUTING_URL = server.url + "/osrm"
        settings.GEO_SERVICE_TIMEOUT_SECONDS = 1
        yield server
    cache.clear()


def route(seconds: float) -> dict:
    return {"code": "Ok", "routes": [{"duration": seconds, "distance": 15000.0}], "waypoints": []}


def two_items(visit, two_venues, gap_minutes: int) -> None:
    kreishaus, hochschule = two_venues
    guest(visit, "Olena")
    programme_item(visit, "Gespräch", berlin(2025, 11, 17, 9), berlin(2025, 11, 17, 10), venue=kreishaus)
    programme_item(
        visit, "Vortrag", berlin(2025, 11, 17, 10, gap_minutes), berlin(2025, 11, 17, 11), venue=hochschule
    )


def test_the_routing_services_driving_time_makes_the_conflict_and_is_named(visit, two_venues, osrm):
    # 21 minutes would do for the straight line (11.1 + 10); the road takes 18 minutes, so 28 are needed.
    osrm.answer("/osrm/route/v1/driving/", route(18 * 60))
    two_items(visit, two_venues, gap_minutes=25)

    assert messages(find_conflicts(visit), ConflictKind.TRANSFER_TOO_SHORT) == [
        "Zu wenig Zeit für den Weg von Kreishaus Kleve nach Hochschule Rhein-Waal (18 Minuten Fahrzeit laut "
        "Routendienst): zwischen „Gespräch“ (17.11.2025 09:00–10:00) und „Vortrag“ (17.11.2025 10:25–11:00) "
        "liegen 25 Minuten, nötig sind mindestens 28 (Olena Testenko)."
    ]
    [request] = osrm.requests
    assert request["path"] == "/osrm/route/v1/driving/6.100000,51.700000;6.100000,51.800000"
    assert request["query"]["overview"] == "false"
    assert request["user_agent"].startswith("KlevePartnership/1.0")


def test_the_driving_time_is_asked_once_per_pair_of_places(visit, two_venues, osrm):
    osrm.answer("/osrm/route/v1/driving/", route(18 * 60))
    two_items(visit, two_venues, gap_minutes=25)

    find_conflicts(visit)
    find_conflicts(visit)

    assert len(osrm.requests) == 1


def test_enough_time_by_the_road_is_no_conflict(visit, two_venues, osrm):
    osrm.answer("/osrm/route/v1/driving/", route(5 * 60))  # shorter than the straight line's 11 minutes
    two_items(visit, two_venues, gap_minutes=16)

    assert find_conflicts(visit) == []


@pytest.mark.parametrize(
    ("status", "body", "delay"),
    [
        (500, {"message": "down"}, 0),
        (400, {"code": "NoRoute"}, 0),
        (200, {"code": "Ok", "routes": []}, 0),
        (200, b"not json", 0),
        (200, route(60), 2),  # too slow
    ],
)
def test_without_an_answer_the_straight_line_is_used_and_the_message_says_so(
    visit, two_venues, osrm, status, body, delay
):
    osrm.answer("/osrm/route/v1/driving/", body, status=status, delay=delay)
    two_items(visit, two_venues, gap_minutes=21)

    assert messages(find_conflicts(visit), ConflictKind.TRANSFER_TOO_SHORT) == [
        "Zu wenig Zeit für den Weg von Kreishaus Kleve nach Hochschule Rhein-Waal (11,1 km Luftlinie, bei "
        "60 km/h geschätzt, weil der Routendienst nicht antwortete): zwischen „Gespräch“ (17.11.2025 "
        "09:00–10:00) und „Vortrag“ (17.11.2025 10:21–11:00) liegen 21 Minuten, nötig sind mindestens 22 "
        "(Olena Testenko)."
    ]


def test_after_a_failure_the_service_is_left_alone_for_a_while(osrm):
    osrm.answer("/osrm/route/v1/driving/", {"message": "down"}, status=503)
    here, there = point(51.7, 6.1), point(51.8, 6.1)

    for _ in range(3):
        with pytest.raises(RoutingUnavailable):
            driving_seconds(here, there)

    assert len(osrm.requests) == 1


def test_a_moved_venue_gets_a_new_driving_time(osrm):
    osrm.answer("/osrm/route/v1/driving/", route(600))
    assert driving_seconds(point(51.7, 6.1), point(51.8, 6.1)) == 600
    osrm.answer("/osrm/route/v1/driving/", route(900))

    assert driving_seconds(point(51.7, 6.1), point(51.8, 6.1)) == 600
    assert driving_seconds(point(51.7, 6.1), point(51.81, 6.1)) == 900


def test_without_a_routing_service_nothing_is_asked(visit, two_venues, settings):
    settings.ROUTING_URL = ""
    two_items(visit, two_venues, gap_minutes=21)

    assert messages(find_conflicts(visit), ConflictKind.TRANSFER_TOO_SHORT) == [
        "Zu wenig Zeit für den Weg von Kreishaus Kleve nach Hochschule Rhein-Waal (11,1 km Luftlinie, bei "
        "60 km/h geschätzt): zwischen „Gespräch“ (17.11.2025 09:00–10:00) und „Vortrag“ (17.11.2025 "
        "10:21–11:00) liegen 21 Minuten, nötig sind mindestens 22 (Olena Testenko)."
    ]

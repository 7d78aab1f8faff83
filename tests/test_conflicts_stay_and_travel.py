"""The conflict check of a programme, the stay and the way: items outside the stay or a member's presence,
too little time to get from one venue to the next; each once where it must warn and once where it must not."""

import datetime as dt

import pytest

from tests.conflict_fixtures import (
    guest,
    messages,
    programme_item,
    transfer_rules,  # noqa: F401  (autouse fixture)
    two_venues_fixture,  # noqa: F401  (the fixture `two_venues`)
    visit_fixture,  # noqa: F401  (the fixture `visit`)
)
from tests.factories import ContactFactory, DelegationFactory, VenueFactory, berlin
from visits.conflicts import ConflictKind, find_conflicts
from visits.enums import ItemKind

pytestmark = pytest.mark.django_db


# Outside the stay, or before a member arrives, after they leave.


def test_an_item_on_the_departure_day_is_within_the_stay_and_the_day_after_is_not(visit):
    programme_item(visit, "Abschiedsessen", berlin(2025, 11, 22, 20), berlin(2025, 11, 23, 0))
    programme_item(visit, "Nachgespräch", berlin(2025, 11, 23, 9), berlin(2025, 11, 23, 10))
    programme_item(visit, "Vorbesprechung", berlin(2025, 11, 15, 23), berlin(2025, 11, 16, 1))

    assert messages(find_conflicts(visit), ConflictKind.OUTSIDE_STAY) == [
        "„Vorbesprechung“ (15.11.2025 23:00–16.11.2025 01:00) beginnt vor der Anreise der Delegation "
        "am 16.11.2025.",
        "„Nachgespräch“ (23.11.2025 09:00–10:00) endet nach dem Abreisetag der Delegation, dem 22.11.2025.",
    ]


def test_an_item_before_a_members_arrival_or_after_their_departure_is_warned(visit):
    guest(visit, "Olena", arrival_at=berlin(2025, 11, 16, 14, 30), departure_at=berlin(2025, 11, 22, 12))
    petro = guest(visit, "Petro", arrival_at=berlin(2025, 11, 16, 10))
    programme_item(visit, "Mittagessen", berlin(2025, 11, 16, 13), berlin(2025, 11, 16, 14))
    programme_item(visit, "Kaffee", berlin(2025, 11, 16, 13), berlin(2025, 11, 16, 14), participants=[petro])
    programme_item(visit, "Stadtführung", berlin(2025, 11, 16, 14, 30), berlin(2025, 11, 16, 16))
    programme_item(visit, "Abschluss", berlin(2025, 11, 22, 10), berlin(2025, 11, 22, 12))
    programme_item(visit, "Abschiedsessen", berlin(2025, 11, 22, 12), berlin(2025, 11, 22, 14))

    assert messages(find_conflicts(visit), ConflictKind.MEMBER_ABSENT) == [
        "Olena Testenko ist bei Beginn von „Mittagessen“ (16.11.2025 13:00–14:00) noch nicht angereist.",
        "Olena Testenko ist vor dem Ende von „Abschiedsessen“ (22.11.2025 12:00–14:00) schon abgereist.",
    ]


def test_an_outgoing_visits_stay_counts_in_the_destinations_days():
    trip = DelegationFactory(
        time_zone="Europe/Kyiv", arrival_date=dt.date(2026, 5, 4), departure_date=dt.date(2026, 5, 6)
    )
    # 23:30 in Berlin is already 00:30 on the day of arrival in Kyiv.
    programme_item(trip, "Ankunft", berlin(2026, 5, 3, 23, 30), berlin(2026, 5, 4, 0, 30))

    assert find_conflicts(trip) == []


# Not enough time to get from one venue to the next.


def test_too_little_time_between_two_venues_is_warned(visit, two_venues):
    kreishaus, hochschule = two_venues
    olena = guest(visit, "Olena")
    programme_item(visit, "Gespräch", berlin(2025, 11, 17, 9), berlin(2025, 11, 17, 10), venue=kreishaus)
    programme_item(
        visit,
        "Vortrag",
        berlin(2025, 11, 17, 10, 21),
        berlin(2025, 11, 17, 11),
        venue=hochschule,
        participants=[olena],
    )

    conflicts = find_conflicts(visit)

    assert messages(conflicts, ConflictKind.TRANSFER_TOO_SHORT) == [
        "Zu wenig Zeit für den Weg von Kreishaus Kleve nach Hochschule Rhein-Waal (11,1 km "
        "Luftlinie, bei 60 km/h "
        "geschätzt): "
        "zwischen „Gespräch“ (17.11.2025 09:00–10:00) und „Vortrag“ (17.11.2025 10:21–11:00) liegen "
        "21 Minuten, nötig sind mindestens 22 (Olena Testenko)."
    ]
    assert conflicts[0].members == (olena,)


def test_just_enough_time_between_two_venues_is_no_conflict(visit, two_venues):
    kreishaus, hochschule = two_venues
    guest(visit, "Olena")
    programme_item(visit, "Gespräch", berlin(2025, 11, 17, 9), berlin(2025, 11, 17, 10), venue=kreishaus)
    programme_item(visit, "Vortrag", berlin(2025, 11, 17, 10, 22), berlin(2025, 11, 17, 11), venue=hochschule)

    assert find_conflicts(visit) == []


def test_a_transfer_item_covers_the_move_and_a_venue_without_coordinates_is_not_measured(visit, two_venues):
    kreishaus, hochschule = two_venues
    somewhere = VenueFactory(name="Unbekannt", latitude=None, longitude=None)
    guest(visit, "Olena")
    programme_item(visit, "Gespräch", berlin(2025, 11, 17, 9), berlin(2025, 11, 17, 10), venue=kreishaus)
    programme_item(
        visit,
        "Bus",
        berlin(2025, 11, 17, 10),
        berlin(2025, 11, 17, 10, 5),
        venue=kreishaus,
        kind=ItemKind.TRANSFER,
    )
    programme_item(visit, "Vortrag", berlin(2025, 11, 17, 10, 5), berlin(2025, 11, 17, 11), venue=hochschule)
    programme_item(visit, "Besichtigung", berlin(2025, 11, 17, 11), berlin(2025, 11, 17, 12), venue=somewhere)

    assert find_conflicts(visit) == []


def test_a_hosts_way_to_another_delegation_counts_too(visit, two_venues):
    kreishaus, hochschule = two_venues
    other = DelegationFactory(title="Schulpartner Wrocław")
    landrat = ContactFactory(first_name="Christoph", last_name="Gerwers")
    programme_item(
        visit, "Empfang", berlin(2025, 11, 17, 9), berlin(2025, 11, 17, 10), venue=kreishaus, hosts=[landrat]
    )
    programme_item(
        other,
        "Vortrag",
        berlin(2025, 11, 17, 10, 10),
        berlin(2025, 11, 17, 11),
        venue=hochschule,
        hosts=[landrat],
    )

    conflicts = find_conflicts(visit)

    assert [(c.kind, c.contacts) for c in conflicts] == [(ConflictKind.TRANSFER_TOO_SHORT, (landrat,))]

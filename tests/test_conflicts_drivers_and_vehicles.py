"""The conflict check learns drivers and vehicles: the same driver or vehicle booked at overlapping times,
in one visit or in two, is a conflict on the programme page and in the item's form; the released copy
keeps both; the check still reads a whole visit in a fixed number of queries."""

import datetime as dt

import pytest

from delegations.models import Delegation
from tests.conflict_fixtures import (
    messages,
    programme_item,
    transfer_rules,  # noqa: F401  (autouse fixture)
    visit_fixture,  # noqa: F401  (the fixture `visit`)
)
from tests.factories import (
    ContactFactory,
    DelegationFactory,
    DriverFactory,
    InterpreterFactory,
    VehicleFactory,
    VenueFactory,
    berlin,
    release,
)
from visits.conflicts import ConflictKind, ConflictSeverity, conflicts_for_item, find_conflicts
from visits.enums import ItemKind, ItemStatus
from visits.models import ProgrammeItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_visit():
    return DelegationFactory(
        title="Gemeinde Zgierz 2025", arrival_date=dt.date(2025, 11, 15), departure_date=dt.date(2025, 11, 19)
    )


def test_the_same_driver_in_two_visits_at_once_is_an_error_naming_the_other_visit(visit, other_visit):
    driver = DriverFactory(first_name="Dieter", last_name="Lenkrad")
    programme_item(
        visit, "Fahrt zur Hochschule", berlin(2025, 11, 17, 9), berlin(2025, 11, 17, 10), driver=driver
    )
    programme_item(
        other_visit,
        "Fahrt zum Flughafen",
        berlin(2025, 11, 17, 9, 30),
        berlin(2025, 11, 17, 11),
        driver=driver,
        kind=ItemKind.TRANSFER,
    )

    conflicts = find_conflicts(visit)

    assert messages(conflicts, ConflictKind.CONTACT_DOUBLE_BOOKED) == [
        "Dieter Lenkrad ist gleichzeitig bei „Fahrt zur Hochschule“ (17.11.2025 09:00–10:00) und "
        "„Fahrt zum Flughafen“ (17.11.2025 09:30–11:00, Delegation „Gemeinde Zgierz 2025“) eingeplant."
    ]
    assert conflicts[0].severity == ConflictSeverity.ERROR
    assert conflicts[0].contacts == (driver,)
    # The other visit's programme page shows the same clash from its side.
    assert len(messages(find_conflicts(other_visit), ConflictKind.CONTACT_DOUBLE_BOOKED)) == 1


def test_the_same_vehicle_in_two_visits_at_once_is_an_error(visit, other_visit):
    bus = VehicleFactory(name="Kleinbus 1", registration="KLE-KK 101")
    programme_item(
        visit,
        "Transfer",
        berlin(2025, 11, 17, 9),
        berlin(2025, 11, 17, 10),
        vehicle=bus,
        kind=ItemKind.TRANSFER,
    )
    programme_item(
        other_visit, "Stadtrundfahrt", berlin(2025, 11, 17, 9, 45), berlin(2025, 11, 17, 12), vehicle=bus
    )

    conflicts = find_conflicts(visit)

    assert messages(conflicts, ConflictKind.VEHICLE_DOUBLE_BOOKED) == [
        "Kleinbus 1 (KLE-KK 101) ist gleichzeitig bei „Transfer“ (17.11.2025 09:00–10:00) und "
        "„Stadtrundfahrt“ (17.11.2025 09:45–12:00, Delegation „Gemeinde Zgierz 2025“) eingeplant."
    ]
    assert conflicts[0].severity == ConflictSeverity.ERROR
    assert conflicts[0].vehicle == bus


def test_a_vehicle_in_two_items_of_one_visit_at_once_is_a_conflict_too(visit):
    bus = VehicleFactory(name="Kleinbus 1")
    programme_item(visit, "Hinfahrt", berlin(2025, 11, 17, 9), berlin(2025, 11, 17, 10), vehicle=bus)
    programme_item(visit, "Abholung", berlin(2025, 11, 17, 9, 30), berlin(2025, 11, 17, 10, 30), vehicle=bus)

    assert len(messages(find_conflicts(visit), ConflictKind.VEHICLE_DOUBLE_BOOKED)) == 1


@pytest.mark.parametrize(
    ("second", "why"),
    [
        ({"starts_at": berlin(2025, 11, 17, 10), "ends_at": berlin(2025, 11, 17, 11)}, "only touches"),
        ({"status": ItemStatus.CANCELLED}, "cancelled"),
        ({"kind": ItemKind.FREE_TIME}, "free time books nothing"),
        ({"vehicle": "another"}, "another vehicle, another driver"),
    ],
)
def test_no_double_booking_of_driver_or_vehicle_where_there_is_none(visit, other_visit, second, why):
    driver, bus = DriverFactory(), VehicleFactory()
    programme_item(
        visit, "Fahrt", berlin(2025, 11, 17, 9), berlin(2025, 11, 17, 10), vehicle=bus, driver=driver
    )
    fields = {"starts_at": berlin(2025, 11, 17, 9, 30), "ends_at": berlin(2025, 11, 17, 11)} | second
    if fields.get("vehicle") == "another":
        fields |= {"vehicle": VehicleFactory(), "driver": DriverFactory()}
    else:
        fields |= {"vehicle": bus, "driver": driver}
    programme_item(other_visit, "Andere Fahrt", **fields)

    kinds = {conflict.kind for conflict in find_conflicts(visit)}
    assert not kinds & {ConflictKind.VEHICLE_DOUBLE_BOOKED, ConflictKind.CONTACT_DOUBLE_BOOKED}, why


def test_the_item_form_warns_of_a_driver_and_vehicle_booked_by_another_visit(visit, other_visit):
    driver, bus = DriverFactory(first_name="Dieter", last_name="Lenkrad"), VehicleFactory(name="Kleinbus 2")
    programme_item(
        other_visit,
        "Abholung",
        berlin(2025, 11, 17, 8),
        berlin(2025, 11, 17, 9, 30),
        driver=driver,
        vehicle=bus,
    )
    unsaved = ProgrammeItem(
        delegation=visit,
        title="Fahrt nach Emmerich",
        kind=ItemKind.TRANSFER,
        starts_at=berlin(2025, 11, 17, 9),
        ends_at=berlin(2025, 11, 17, 10),
        driver=driver,
        vehicle=bus,
    )

    conflicts = conflicts_for_item(unsaved)

    assert {conflict.kind for conflict in conflicts} == {
        ConflictKind.CONTACT_DOUBLE_BOOKED,
        ConflictKind.VEHICLE_DOUBLE_BOOKED,
    }
    assert all("Delegation „Gemeinde Zgierz 2025“" in conflict.message for conflict in conflicts)


def test_the_item_page_in_the_admin_shows_the_clash_with_another_visit(planner_client, visit, other_visit):
    bus = VehicleFactory(name="Kleinbus 3")
    item = programme_item(visit, "Transfer", berlin(2025, 11, 17, 9), berlin(2025, 11, 17, 10), vehicle=bus)
    programme_item(other_visit, "Rundfahrt", berlin(2025, 11, 17, 9), berlin(2025, 11, 17, 10), vehicle=bus)

    page = planner_client.get(f"/admin/visits/programmeitem/{item.pk}/change/").content.decode()

    assert f"{bus} ist gleichzeitig bei" in page
    assert "Delegation „Gemeinde Zgierz 2025“" in page


def test_a_release_copies_driver_and_vehicle(visit):
    driver, bus = DriverFactory(), VehicleFactory()
    item = programme_item(
        visit,
        "Transfer",
        berlin(2025, 11, 17, 9),
        berlin(2025, 11, 17, 10),
        driver=driver,
        vehicle=bus,
        kind=ItemKind.TRANSFER,
    )

    copy = release(visit, accept_reason="Test").items.get()

    assert (copy.item, copy.driver, copy.vehicle) == (item, driver, bus)


@pytest.mark.parametrize("size", [10, 200])
def test_drivers_and_vehicles_keep_the_whole_visit_check_at_nine_queries(
    visit, size, django_assert_num_queries
):
    drivers, buses = DriverFactory.create_batch(2), VehicleFactory.create_batch(3)
    host, interpreter, venue = ContactFactory(), InterpreterFactory(), VenueFactory()
    for number in range(size):
        starts_at = berlin(2025, 11, 16, 8) + dt.timedelta(minutes=50 * number)
        programme_item(
            visit,
            f"Punkt {number}",
            starts_at,
            starts_at + dt.timedelta(hours=1),
            venue=venue,
            hosts=[host],
            interpreter=interpreter,
            driver=drivers[number % 2],
            vehicle=buses[number % 3] if number % 2 else None,
        )
    neighbour = DelegationFactory()
    programme_item(neighbour, "Nachbarn", berlin(2025, 11, 16, 8), berlin(2025, 11, 16, 9), vehicle=buses[1])
    programme_item(
        neighbour, "Nachbarn 2", berlin(2025, 11, 16, 8), berlin(2025, 11, 16, 9), driver=drivers[0]
    )
    delegation = Delegation.objects.get(pk=visit.pk)

    with django_assert_num_queries(9):
        conflicts = find_conflicts(delegation)

    assert {ConflictKind.VEHICLE_DOUBLE_BOOKED, ConflictKind.CONTACT_DOUBLE_BOOKED} <= {
        c.kind for c in conflicts
    }
    assert any("Nachbarn" in c.message for c in conflicts if c.kind == ConflictKind.VEHICLE_DOUBLE_BOOKED)

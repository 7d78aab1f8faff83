"""The conflict check of a programme, double bookings: a member, a host, an interpreter or a venue in two
items at once; each kind once where it must warn and once where it must not."""

import pytest

from tests.conflict_fixtures import (
    guest,
    messages,
    programme_item,
    transfer_rules,  # noqa: F401  (autouse fixture)
    two_venues_fixture,  # noqa: F401  (the fixture `two_venues`)
    visit_fixture,  # noqa: F401  (the fixture `visit`)
)
from tests.factories import (
    ContactFactory,
    DelegationFactory,
    HotelFactory,
    InterpreterFactory,
    VenueFactory,
    berlin,
)
from visits.conflicts import ConflictKind, ConflictSeverity, find_conflicts
from visits.enums import ItemKind, ItemStatus

pytestmark = pytest.mark.django_db


# A member or a host in two items at once.


def test_a_member_in_two_overlapping_items_is_warned(visit):
    olena = guest(visit, "Olena")
    programme_item(visit, "Gespräch", berlin(2025, 11, 17, 9), berlin(2025, 11, 17, 10), participants=[olena])
    programme_item(
        visit, "Rundgang", berlin(2025, 11, 17, 9, 30), berlin(2025, 11, 17, 11), participants=[olena]
    )

    conflicts = find_conflicts(visit)

    assert messages(conflicts, ConflictKind.MEMBER_DOUBLE_BOOKED) == [
        "Olena Testenko ist gleichzeitig bei „Gespräch“ (17.11.2025 09:00–10:00) und "
        "„Rundgang“ (17.11.2025 09:30–11:00) eingeplant."
    ]
    assert conflicts[0].severity == ConflictSeverity.ERROR
    assert conflicts[0].members == (olena,)


def test_items_that_only_touch_do_not_overlap(visit):
    olena = guest(visit, "Olena")
    programme_item(visit, "Gespräch", berlin(2025, 11, 17, 9), berlin(2025, 11, 17, 10), participants=[olena])
    programme_item(
        visit, "Rundgang", berlin(2025, 11, 17, 10), berlin(2025, 11, 17, 11), participants=[olena]
    )

    assert find_conflicts(visit) == []


def test_an_item_for_the_whole_delegation_overlaps_every_members_item(visit):
    guest(visit, "Olena")
    petro = guest(visit, "Petro")
    programme_item(visit, "Festakt", berlin(2025, 11, 17, 9), berlin(2025, 11, 17, 12))
    programme_item(
        visit, "Interview", berlin(2025, 11, 17, 11), berlin(2025, 11, 17, 11, 30), participants=[petro]
    )

    conflicts = find_conflicts(visit)

    assert messages(conflicts, ConflictKind.MEMBER_DOUBLE_BOOKED) == [
        "Petro Testenko ist gleichzeitig bei „Festakt“ (17.11.2025 09:00–12:00) und "
        "„Interview“ (17.11.2025 11:00–11:30) eingeplant."
    ]


def test_an_internal_item_with_nobody_chosen_involves_no_member(visit):
    guest(visit, "Olena", arrival_at=berlin(2025, 11, 16, 15), needs_interpreter=True)
    petro = guest(visit, "Petro", needs_interpreter=True)
    programme_item(
        visit, "Mappen packen", berlin(2025, 11, 16, 12), berlin(2025, 11, 16, 14), visibility="internal"
    )
    programme_item(
        visit, "Nachbesprechung", berlin(2025, 11, 17, 9), berlin(2025, 11, 17, 10), visibility="internal"
    )
    programme_item(
        visit,
        "Interview",
        berlin(2025, 11, 17, 9),
        berlin(2025, 11, 17, 10),
        participants=[petro],
        interpreter=InterpreterFactory(),
    )
    # An internal item someone is chosen for does involve them.
    programme_item(
        visit,
        "Vorgespräch",
        berlin(2025, 11, 17, 9, 30),
        berlin(2025, 11, 17, 11),
        visibility="internal",
        participants=[petro],
        interpreter=InterpreterFactory(),
    )

    assert [conflict.message for conflict in find_conflicts(visit)] == [
        "Petro Testenko ist gleichzeitig bei „Interview“ (17.11.2025 09:00–10:00) und "
        "„Vorgespräch“ (17.11.2025 09:30–11:00) eingeplant."
    ]


def test_two_members_in_parallel_items_of_their_own_are_no_conflict(visit):
    olena, petro = guest(visit, "Olena"), guest(visit, "Petro")
    programme_item(
        visit, "Gespräch A", berlin(2025, 11, 17, 9), berlin(2025, 11, 17, 10), participants=[olena]
    )
    programme_item(
        visit, "Gespräch B", berlin(2025, 11, 17, 9), berlin(2025, 11, 17, 10), participants=[petro]
    )

    assert find_conflicts(visit) == []


def test_people_shared_by_two_overlapping_items_make_one_conflict_naming_all_of_them(visit):
    guest(visit, "Olena")
    guest(visit, "Petro")
    programme_item(visit, "Festakt", berlin(2025, 11, 17, 9), berlin(2025, 11, 17, 12))
    programme_item(visit, "Empfang", berlin(2025, 11, 17, 11), berlin(2025, 11, 17, 13))

    assert messages(find_conflicts(visit), ConflictKind.MEMBER_DOUBLE_BOOKED) == [
        "Olena Testenko, Petro Testenko sind gleichzeitig bei „Festakt“ (17.11.2025 09:00–12:00) und "
        "„Empfang“ (17.11.2025 11:00–13:00) eingeplant."
    ]


def test_a_delegation_without_members_yet_is_still_one_group_that_cannot_be_in_two_places(visit, two_venues):
    kreishaus, hochschule = two_venues
    programme_item(visit, "Empfang", berlin(2025, 11, 17, 9), berlin(2025, 11, 17, 10), venue=kreishaus)
    programme_item(visit, "Kaffee", berlin(2025, 11, 17, 9, 30), berlin(2025, 11, 17, 10), venue=kreishaus)
    programme_item(visit, "Vortrag", berlin(2025, 11, 17, 10, 15), berlin(2025, 11, 17, 11), venue=hochschule)

    assert [c.message for c in find_conflicts(visit) if c.kind != ConflictKind.VENUE_DOUBLE_BOOKED] == [
        "Die Delegation ist gleichzeitig bei „Empfang“ (17.11.2025 09:00–10:00) und "
        "„Kaffee“ (17.11.2025 09:30–10:00) eingeplant.",
        "Zu wenig Zeit für den Weg von Kreishaus Kleve nach Hochschule Rhein-Waal (11,1 km "
        "Luftlinie, bei 60 km/h "
        "geschätzt): "
        "zwischen „Empfang“ (17.11.2025 09:00–10:00) und „Vortrag“ (17.11.2025 10:15–11:00) liegen "
        "15 Minuten, nötig sind mindestens 22 (die Delegation).",
    ]


def test_a_cancelled_item_takes_part_in_no_conflict(visit):
    olena = guest(visit, "Olena", needs_interpreter=True)
    kreishaus = VenueFactory(name="Kreishaus")
    programme_item(
        visit,
        "Gespräch",
        berlin(2025, 11, 17, 9),
        berlin(2025, 11, 17, 10),
        participants=[olena],
        venue=kreishaus,
        interpreter=InterpreterFactory(),
    )
    programme_item(
        visit,
        "Alter Termin",
        berlin(2025, 11, 17, 9),
        berlin(2025, 11, 23, 10),
        participants=[olena],
        venue=kreishaus,
        kind=ItemKind.COMPANY_VISIT,
        status=ItemStatus.CANCELLED,
    )

    assert find_conflicts(visit) == []


def test_free_time_books_nobody(visit):
    olena = guest(visit, "Olena")
    programme_item(
        visit, "Freizeit", berlin(2025, 11, 17, 14), berlin(2025, 11, 17, 18), kind=ItemKind.FREE_TIME
    )
    programme_item(
        visit, "Interview", berlin(2025, 11, 17, 15), berlin(2025, 11, 17, 16), participants=[olena]
    )

    assert find_conflicts(visit) == []


def test_a_host_in_two_overlapping_items_of_different_delegations_is_warned(visit):
    other = DelegationFactory(title="Schulpartner Wrocław")
    landrat = ContactFactory(first_name="Christoph", last_name="Gerwers")
    programme_item(visit, "Empfang", berlin(2025, 11, 17, 9), berlin(2025, 11, 17, 10), hosts=[landrat])
    programme_item(
        other, "Schulbesuch", berlin(2025, 11, 17, 9, 45), berlin(2025, 11, 17, 11), hosts=[landrat]
    )

    assert messages(find_conflicts(visit), ConflictKind.CONTACT_DOUBLE_BOOKED) == [
        "Christoph Gerwers ist gleichzeitig bei „Empfang“ (17.11.2025 09:00–10:00) und "
        "„Schulbesuch“ (17.11.2025 09:45–11:00, Delegation „Schulpartner Wrocław“) eingeplant."
    ]


def test_an_interpreter_in_two_overlapping_items_is_warned_and_one_after_the_other_is_not(visit):
    anna = InterpreterFactory(first_name="Anna", last_name="Kowal")
    programme_item(visit, "Gespräch", berlin(2025, 11, 17, 9), berlin(2025, 11, 17, 10), interpreter=anna)
    programme_item(visit, "Mittagessen", berlin(2025, 11, 17, 10), berlin(2025, 11, 17, 11), interpreter=anna)
    programme_item(
        visit, "Pressetermin", berlin(2025, 11, 17, 10, 30), berlin(2025, 11, 17, 11), interpreter=anna
    )

    conflicts = find_conflicts(visit)

    assert [c.message for c in conflicts if c.kind == ConflictKind.CONTACT_DOUBLE_BOOKED] == [
        "Anna Kowal ist gleichzeitig bei „Mittagessen“ (17.11.2025 10:00–11:00) und "
        "„Pressetermin“ (17.11.2025 10:30–11:00) eingeplant."
    ]


# A venue double-booked.


def test_a_venue_booked_by_two_delegations_at_once_is_warned(visit):
    other = DelegationFactory(title="Schulpartner Wrocław")
    aula = VenueFactory(name="Aula Berufskolleg")
    programme_item(visit, "Festakt", berlin(2025, 11, 18, 10), berlin(2025, 11, 18, 12), venue=aula)
    programme_item(other, "Schulkonzert", berlin(2025, 11, 18, 11), berlin(2025, 11, 18, 13), venue=aula)

    conflicts = find_conflicts(visit)

    assert messages(conflicts, ConflictKind.VENUE_DOUBLE_BOOKED) == [
        "Aula Berufskolleg ist doppelt belegt: „Festakt“ (18.11.2025 10:00–12:00) und "
        "„Schulkonzert“ (18.11.2025 11:00–13:00, Delegation „Schulpartner Wrocław“)."
    ]
    assert conflicts[0].venue == aula
    assert conflicts[0].severity == ConflictSeverity.WARNING


def test_a_hotel_or_a_transfer_is_not_double_booked(visit):
    other = DelegationFactory()
    hotel, station = HotelFactory(), VenueFactory(name="Bahnhof Kleve")
    programme_item(visit, "Einchecken", berlin(2025, 11, 16, 18), berlin(2025, 11, 16, 19), venue=hotel)
    programme_item(other, "Einchecken", berlin(2025, 11, 16, 18), berlin(2025, 11, 16, 19), venue=hotel)
    programme_item(
        visit,
        "Abholung",
        berlin(2025, 11, 17, 8),
        berlin(2025, 11, 17, 9),
        venue=station,
        kind=ItemKind.TRANSFER,
    )
    programme_item(
        other,
        "Abholung",
        berlin(2025, 11, 17, 8),
        berlin(2025, 11, 17, 9),
        venue=station,
        kind=ItemKind.TRANSFER,
    )

    assert find_conflicts(visit) == []

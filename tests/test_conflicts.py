"""The conflict check of a programme: each kind once where it must warn and once where it must not."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from delegations.enums import Language, LanguagePair
from delegations.models import Contact, Delegation
from tests.factories import (
    CompanyAppointmentFactory,
    ContactFactory,
    DelegationFactory,
    HotelFactory,
    InterpreterFactory,
    MemberFactory,
    ProgrammeItemFactory,
    VenueFactory,
    berlin,
)
from visits.conflicts import (
    Conflict,
    ConflictKind,
    ConflictSeverity,
    conflicts_for_item,
    find_conflicts,
    group_by_item,
    needed_language_pairs,
)
from visits.conflicts.timelines import overlapping_pairs
from visits.enums import AppointmentStatus, ItemKind, ItemStatus
from visits.models import ProgrammeItem

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def transfer_rules(settings):
    # Round figures, so the expected minutes below can be worked out by hand.
    settings.CONFLICT_TRANSFER_SPEED_KMH = 60
    settings.CONFLICT_TRANSFER_BUFFER_MINUTES = 10


@pytest.fixture
def visit():
    """The demo visit's dates, 16 to 22 November 2025."""
    return DelegationFactory(
        title="Rajon Podilsk 2025", arrival_date=dt.date(2025, 11, 16), departure_date=dt.date(2025, 11, 22)
    )


def guest(delegation, first_name, **fields):
    # Nobody needs interpretation unless a test says so, so that each test sees only the kind it is about.
    fields.setdefault("needs_interpreter", False)
    return MemberFactory(delegation=delegation, first_name=first_name, last_name="Testenko", **fields)


def programme_item(delegation, title, starts_at, ends_at, **fields):
    # No venue unless a test gives one: venues bring their own rules (double booking, travel time).
    fields.setdefault("venue", None)
    return ProgrammeItemFactory(
        delegation=delegation, title=title, starts_at=starts_at, ends_at=ends_at, **fields
    )


def messages(conflicts: list[Conflict], kind: ConflictKind) -> list[str]:
    return [conflict.message for conflict in conflicts if conflict.kind == kind]


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
        "Zu wenig Zeit für den Weg von Kreishaus Kleve nach Hochschule Rhein-Waal (11,1 km Luftlinie): "
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


@pytest.fixture
def two_venues():
    # A tenth of a degree of latitude apart: 11.1 km, at 60 km/h 11.1 minutes, plus 10 minutes of buffer.
    return (
        VenueFactory(name="Kreishaus Kleve", latitude=51.70, longitude=6.10),
        VenueFactory(name="Hochschule Rhein-Waal", latitude=51.80, longitude=6.10),
    )


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
        "Zu wenig Zeit für den Weg von Kreishaus Kleve nach Hochschule Rhein-Waal (11,1 km Luftlinie): "
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


# Interpretation.


def test_an_item_needing_interpretation_without_an_interpreter_is_warned(visit):
    guest(visit, "Olena", needs_interpreter=True, preferred_language=Language.UKRAINIAN)
    guest(visit, "John", needs_interpreter=True, preferred_language=Language.ENGLISH)
    programme_item(visit, "Gespräch", berlin(2025, 11, 17, 9), berlin(2025, 11, 17, 10))
    programme_item(visit, "Bus", berlin(2025, 11, 17, 10), berlin(2025, 11, 17, 11), kind=ItemKind.TRANSFER)

    assert messages(find_conflicts(visit), ConflictKind.INTERPRETER_MISSING) == [
        "„Gespräch“ (17.11.2025 09:00–10:00) braucht Dolmetschung "
        "(Deutsch ↔ Ukrainisch, Deutsch ↔ Englisch), aber niemand ist dafür eingeteilt."
    ]


def test_an_interpreter_with_the_right_pair_is_no_conflict_and_one_with_the_wrong_pair_is(visit):
    olena = guest(visit, "Olena", needs_interpreter=True, preferred_language=Language.UKRAINIAN)
    ukrainian = InterpreterFactory(
        first_name="Anna", last_name="Kowal", interpreting_languages=[LanguagePair.GERMAN_UKRAINIAN]
    )
    english = InterpreterFactory(
        first_name="Mary",
        last_name="Smith",
        interpreting_languages=[LanguagePair.GERMAN_ENGLISH, LanguagePair.UKRAINIAN_ENGLISH],
    )
    programme_item(
        visit, "Gespräch", berlin(2025, 11, 17, 9), berlin(2025, 11, 17, 10), interpreter=ukrainian
    )
    programme_item(
        visit,
        "Vortrag",
        berlin(2025, 11, 17, 11),
        berlin(2025, 11, 17, 12),
        interpreter=english,
        participants=[olena],
    )

    conflicts = find_conflicts(visit)

    assert [(c.kind, c.message, c.contacts) for c in conflicts] == [
        (
            ConflictKind.INTERPRETER_LANGUAGE,
            "Mary Smith hat für „Vortrag“ (17.11.2025 11:00–12:00) nicht das nötige Sprachpaar "
            "Deutsch ↔ Ukrainisch.",
            (english,),
        )
    ]


def test_members_who_need_no_interpreter_need_none(visit):
    guest(visit, "Olena", needs_interpreter=False)
    guest(visit, "Hans", needs_interpreter=True, preferred_language=Language.GERMAN)
    programme_item(visit, "Gespräch", berlin(2025, 11, 17, 9), berlin(2025, 11, 17, 10))

    assert find_conflicts(visit) == []


def test_needed_language_pairs_go_from_german_to_the_preferred_language(visit):
    members = [
        guest(visit, "Olena", needs_interpreter=True, preferred_language=Language.UKRAINIAN),
        guest(visit, "John", needs_interpreter=True, preferred_language=Language.ENGLISH),
        guest(visit, "Petro", needs_interpreter=False, preferred_language=Language.UKRAINIAN),
    ]

    assert needed_language_pairs(members) == {LanguagePair.GERMAN_UKRAINIAN, LanguagePair.GERMAN_ENGLISH}
    assert needed_language_pairs(members[2:]) == set()


def test_an_interpreters_pairs_must_come_from_the_list():
    interpreter = InterpreterFactory.build(interpreting_languages=["de-fr"], organisation=None)

    with pytest.raises(ValidationError) as error:
        interpreter.full_clean()

    assert list(error.value.message_dict) == ["interpreting_languages"]


def test_the_form_field_offers_the_pairs_as_choices():
    form_field = Contact._meta.get_field("interpreting_languages").formfield()

    assert form_field.clean(["de-uk", "uk-en"]) == ["de-uk", "uk-en"]
    assert list(form_field.choices) == [
        ("de-uk", "Deutsch ↔ Ukrainisch"),
        ("de-en", "Deutsch ↔ Englisch"),
        ("uk-en", "Ukrainisch ↔ Englisch"),
    ]


# Company visits and their appointments.


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (AppointmentStatus.CONFIRMED, []),
        (
            AppointmentStatus.REQUESTED,
            [
                "Der Unternehmenstermin zu „Besuch Wasserstoff GmbH“ (18.11.2025 09:00–11:00) ist noch nicht "
                "zugesagt (Stand: angefragt)."
            ],
        ),
    ],
)
def test_a_company_visit_needs_a_confirmed_appointment(visit, status, expected):
    item = programme_item(
        visit,
        "Besuch Wasserstoff GmbH",
        berlin(2025, 11, 18, 9),
        berlin(2025, 11, 18, 11),
        kind=ItemKind.COMPANY_VISIT,
    )
    CompanyAppointmentFactory(delegation=visit, programme_item=item, status=status)

    assert messages(find_conflicts(visit), ConflictKind.APPOINTMENT_UNCONFIRMED) == expected


def test_a_company_visit_without_an_appointment_is_warned(visit):
    programme_item(
        visit,
        "Besuch Wasserstoff GmbH",
        berlin(2025, 11, 18, 9),
        berlin(2025, 11, 18, 11),
        kind=ItemKind.COMPANY_VISIT,
    )

    assert messages(find_conflicts(visit), ConflictKind.APPOINTMENT_UNCONFIRMED) == [
        "„Besuch Wasserstoff GmbH“ (18.11.2025 09:00–11:00) ist ein Unternehmensbesuch "
        "ohne Unternehmenstermin."
    ]


# One item as the form holds it.


def test_an_unsaved_item_is_checked_with_the_chosen_participants_only_for_its_own_conflicts(visit):
    olena, petro = guest(visit, "Olena"), guest(visit, "Petro")
    programme_item(visit, "Gespräch", berlin(2025, 11, 17, 9), berlin(2025, 11, 17, 10), participants=[olena])
    programme_item(
        visit, "Interview", berlin(2025, 11, 17, 9), berlin(2025, 11, 17, 10), participants=[olena]
    )
    new = ProgrammeItem(
        delegation=visit,
        title="Radiointerview",
        kind=ItemKind.PRESS,
        starts_at=berlin(2025, 11, 17, 9, 30),
        ends_at=berlin(2025, 11, 17, 10, 30),
    )

    assert [c.message for c in conflicts_for_item(new, participants=[petro])] == []
    conflicts = conflicts_for_item(new, participants=[olena])
    assert [c.message for c in conflicts] == [
        "Olena Testenko ist gleichzeitig bei „Gespräch“ (17.11.2025 09:00–10:00) und "
        "„Radiointerview“ (17.11.2025 09:30–10:30) eingeplant.",
        "Olena Testenko ist gleichzeitig bei „Interview“ (17.11.2025 09:00–10:00) und "
        "„Radiointerview“ (17.11.2025 09:30–10:30) eingeplant.",
    ]
    assert all(conflict.involves(new) for conflict in conflicts)


def test_a_saved_item_moved_in_the_form_is_checked_at_its_new_time_not_against_its_old_self(visit):
    olena = guest(visit, "Olena")
    programme_item(visit, "Gespräch", berlin(2025, 11, 17, 9), berlin(2025, 11, 17, 10), participants=[olena])
    moved = programme_item(
        visit, "Interview", berlin(2025, 11, 17, 11), berlin(2025, 11, 17, 12), participants=[olena]
    )
    assert conflicts_for_item(moved) == []

    moved.starts_at, moved.ends_at = berlin(2025, 11, 17, 9, 30), berlin(2025, 11, 17, 10, 30)

    assert [c.kind for c in conflicts_for_item(moved)] == [ConflictKind.MEMBER_DOUBLE_BOOKED]
    moved.status = ItemStatus.CANCELLED
    assert conflicts_for_item(moved) == []


def test_conflicts_are_grouped_under_every_item_they_involve(visit):
    olena = guest(visit, "Olena")
    first = programme_item(
        visit, "Gespräch", berlin(2025, 11, 17, 9), berlin(2025, 11, 17, 10), participants=[olena]
    )
    second = programme_item(
        visit, "Interview", berlin(2025, 11, 17, 9), berlin(2025, 11, 17, 10), participants=[olena]
    )
    alone = programme_item(visit, "Abendessen", berlin(2025, 11, 17, 19), berlin(2025, 11, 17, 21))

    grouped = group_by_item(find_conflicts(visit))

    assert sorted(grouped) == sorted([first.pk, second.pk])
    assert grouped[first.pk] == grouped[second.pk]
    assert alone.pk not in grouped


# The sweep finds exactly the overlapping pairs a comparison of every pair would find.


@given(st.lists(st.tuples(st.integers(0, 48), st.integers(1, 8)), max_size=40))
def test_the_sweep_finds_the_same_pairs_as_comparing_every_pair(spans):
    start = berlin(2025, 11, 17)
    entries = sorted(
        (
            SimpleNamespace(
                item=SimpleNamespace(
                    starts_at=start + dt.timedelta(minutes=15 * offset),
                    ends_at=start + dt.timedelta(minutes=15 * (offset + length)),
                ),
                number=number,
            )
            for number, (offset, length) in enumerate(spans)
        ),
        key=lambda entry: entry.item.starts_at,
    )

    swept = {frozenset((a.number, b.number)) for a, b in overlapping_pairs(entries)}
    every_pair = {
        frozenset((a.number, b.number))
        for i, a in enumerate(entries)
        for b in entries[i + 1 :]
        if a.item.starts_at < b.item.ends_at and b.item.starts_at < a.item.ends_at
    }
    assert swept == every_pair


# A whole visit in a fixed number of queries.


@pytest.mark.parametrize("size", [10, 200])
def test_a_whole_visit_is_checked_in_the_same_number_of_queries_at_any_size(
    visit, size, django_assert_num_queries
):
    members = [guest(visit, name, needs_interpreter=True) for name in ("Olena", "Petro", "Iryna")]
    host, interpreter = ContactFactory(), InterpreterFactory()
    venues = [VenueFactory() for _ in range(5)]
    for number in range(size):
        starts_at = berlin(2025, 11, 16, 8) + dt.timedelta(minutes=50 * number)
        item = programme_item(
            visit,
            f"Punkt {number}",
            starts_at,
            starts_at + dt.timedelta(hours=1),
            venue=venues[number % 5],
            participants=members[: number % 4],
            hosts=[host],
            interpreter=interpreter,
            kind=ItemKind.COMPANY_VISIT if number % 3 == 0 else ItemKind.MEETING,
        )
        if number % 3 == 0:
            CompanyAppointmentFactory(delegation=visit, programme_item=item)
    programme_item(
        DelegationFactory(),
        "Nachbarn",
        berlin(2025, 11, 16, 8),
        berlin(2025, 11, 16, 9),
        venue=venues[0],
        hosts=[host],
    )
    delegation = Delegation.objects.get(pk=visit.pk)

    with django_assert_num_queries(9):
        conflicts = find_conflicts(delegation)

    # Each item overlaps the next and the first shares a venue with the neighbours: work at both sizes.
    assert {c.kind for c in conflicts} >= {
        ConflictKind.MEMBER_DOUBLE_BOOKED,
        ConflictKind.CONTACT_DOUBLE_BOOKED,
        ConflictKind.VENUE_DOUBLE_BOOKED,
        ConflictKind.APPOINTMENT_UNCONFIRMED,
    }

"""The conflict check of a programme, one item and a whole visit: an item as the form holds it, conflicts
grouped by item, the sweep that finds overlaps, and the same number of queries at any size."""

import datetime as dt
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from delegations.models import Delegation
from tests.conflict_fixtures import (
    guest,
    programme_item,
    transfer_rules,  # noqa: F401  (autouse fixture)
    visit_fixture,  # noqa: F401  (the fixture `visit`)
)
from tests.factories import (
    CompanyAppointmentFactory,
    ContactFactory,
    DelegationFactory,
    InterpreterFactory,
    VenueFactory,
    berlin,
)
from visits.conflicts import ConflictKind, conflicts_for_item, find_conflicts, group_by_item
from visits.conflicts.timelines import overlapping_pairs
from visits.enums import ItemKind, ItemStatus
from visits.models import ProgrammeItem

pytestmark = pytest.mark.django_db


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

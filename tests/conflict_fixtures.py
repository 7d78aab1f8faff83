"""Fixtures and helpers shared by the conflict-check tests (tests/test_conflicts_*.py).

A test module takes the fixtures by importing them: `visit_fixture` is the fixture `visit`,
`two_venues_fixture` the fixture `two_venues`, and `transfer_rules` is autouse, so every module that
imports it checks with the round transfer figures below.
"""

import datetime as dt

import pytest

from tests.factories import DelegationFactory, MemberFactory, ProgrammeItemFactory, VenueFactory
from visits.conflicts import Conflict, ConflictKind


@pytest.fixture(autouse=True)
def transfer_rules(settings):
    # Round figures, so the expected minutes below can be worked out by hand.
    settings.CONFLICT_TRANSFER_SPEED_KMH = 60
    settings.CONFLICT_TRANSFER_BUFFER_MINUTES = 10


@pytest.fixture(name="visit")
def visit_fixture():
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


# Two venues 11.1 km apart, for the time needed to get from one to the next.
@pytest.fixture(name="two_venues")
def two_venues_fixture():
    # A tenth of a degree of latitude apart: 11.1 km, at 60 km/h 11.1 minutes, plus 10 minutes of buffer.
    return (
        VenueFactory(name="Kreishaus Kleve", latitude=51.70, longitude=6.10),
        VenueFactory(name="Hochschule Rhein-Waal", latitude=51.80, longitude=6.10),
    )

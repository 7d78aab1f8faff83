"""Outgoing delegations: the county's own trip to the partner region, times at the destination and in Berlin.

The trip below spans the change to summer time (Sunday, 29 March 2026): Kyiv goes from UTC+2 to UTC+3 and
Berlin from UTC+1 to UTC+2 on the same night, so every time is checked on both sides of it.
"""

import datetime as dt
import html
import re
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from delegations.enums import Direction, Language
from tests import factories
from visits import services
from visits.conflicts import find_conflicts

pytestmark = pytest.mark.django_db

KYIV = ZoneInfo("Europe/Kyiv")


def kyiv(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=KYIV)


def outgoing_trip(**fields):
    """The county's delegation to Rajon Podilsk: county staff as members, a venue abroad, Kyiv time."""
    trip = factories.DelegationFactory(
        direction=Direction.OUTGOING,
        time_zone="Europe/Kyiv",
        title="Reise des Kreises nach Podilsk",
        arrival_date=dt.date(2026, 3, 27),
        departure_date=dt.date(2026, 3, 30),
        **fields,
    )
    member = factories.MemberFactory(
        delegation=trip,
        first_name="Christa",
        last_name="Landrätin",
        function="Landrätin des Kreises Kleve",
        preferred_language=Language.GERMAN,
        needs_interpreter=False,
    )
    rajonrat = factories.VenueFactory(
        name="Rajonrat Podilsk",
        street="Soborna 1",
        postcode="66300",
        city="Podilsk",
        country="UA",
        latitude=47.7465,
        longitude=29.5353,
    )
    before = factories.ProgrammeItemFactory(
        delegation=trip,
        title="Gespräch im Rajonrat",
        starts_at=kyiv(2026, 3, 28, 10),
        ends_at=kyiv(2026, 3, 28, 11),
        venue=rajonrat,
    )
    after = factories.ProgrammeItemFactory(
        delegation=trip,
        title="Besuch der Wasserwerke",
        starts_at=kyiv(2026, 3, 30, 10),
        ends_at=kyiv(2026, 3, 30, 11, 30),
        venue=rajonrat,
    )
    return trip, member, before, after


def reader_text(response, start: str) -> str:
    body = response.content.decode()
    body = body[body.index(start) :]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def test_the_trip_is_in_utc_plus_2_before_the_change_and_plus_3_after():
    _, _, before, after = outgoing_trip()
    # Both at 10:00 in Kyiv, 09:00 in Berlin, but an hour apart in UTC.
    assert before.starts_at.astimezone(dt.UTC).time() == dt.time(8)
    assert after.starts_at.astimezone(dt.UTC).time() == dt.time(7)


def test_the_programme_page_shows_the_destinations_time_and_berlins_beside_it(planner_client):
    trip, _, _, _ = outgoing_trip()
    response = planner_client.get(reverse("admin:delegations_delegation_programme", args=[trip.pk]))
    text = reader_text(response, '<div id="content-main"')

    assert (
        "Alle Zeiten in Ortszeit am Reiseziel Europe/Kyiv, daneben in deutscher Zeit Europe/Berlin." in text
    )
    saturday = text[text.index("Samstag, 28. März 2026") : text.index("Sonntag, 29. März 2026")]
    monday = text[text.index("Montag, 30. März 2026") :]
    assert "10:00 – 11:00 Berlin: 09:00–10:00 Gespräch im Rajonrat" in saturday
    assert "10:00 – 11:30 Berlin: 09:00–10:30 Besuch der Wasserwerke" in monday


def test_an_item_after_midnight_at_the_destination_shows_berlins_day_beside_it(planner_client):
    trip, _, _, _ = outgoing_trip()
    factories.ProgrammeItemFactory(
        delegation=trip, title="Nachtzug nach Odesa", starts_at=kyiv(2026, 3, 28, 0, 30), venue=None
    )
    response = planner_client.get(reverse("admin:delegations_delegation_programme", args=[trip.pk]))

    assert "00:30 – 01:30 Berlin: Fr, 27.3., 23:30–Sa, 28.3., 00:30 Nachtzug nach Odesa" in reader_text(
        response, '<div id="content-main"'
    )


def test_an_incoming_visit_shows_berlin_time_only(planner_client):
    visit = factories.DelegationFactory()
    factories.ProgrammeItemFactory(delegation=visit, title="Empfang")
    text = reader_text(
        planner_client.get(reverse("admin:delegations_delegation_programme", args=[visit.pk])),
        '<div id="content-main"',
    )

    assert "Alle Zeiten in Ortszeit Europe/Berlin." in text
    assert "Berlin:" not in text


def test_the_travellers_page_names_both_zones_with_each_days_offset(client):
    trip, member, _, _ = outgoing_trip()
    factories.release(trip)
    _, token = services.issue_guest_access(delegation=trip, member=member)

    text = reader_text(client.get(f"/g/{token}/de/"), '<section class="programme"')

    saturday = text[text.index("Samstag, 28. März 2026") : text.index("Montag, 30. März 2026")]
    monday = text[text.index("Montag, 30. März 2026") :]
    assert (
        "Alle Zeiten in Ortszeit Europe/Kyiv. UTC+02:00. Berlin: Ortszeit Deutschland (Europe/Berlin)."
    ) in saturday
    assert "10:00 – 11:00 Ortszeit (Europe/Kyiv) (Berlin: 09:00–10:00) Gespräch im Rajonrat" in saturday
    assert (
        "Alle Zeiten in Ortszeit Europe/Kyiv. UTC+03:00. Berlin: Ortszeit Deutschland (Europe/Berlin)."
    ) in monday
    assert "10:00 – 11:30 Ortszeit (Europe/Kyiv) (Berlin: 09:00–10:30) Besuch der Wasserwerke" in monday
    assert "Kyjiw:" not in text
    assert "Uhr deutscher Zeit" not in text


def test_the_trips_stay_counts_in_the_destinations_days():
    trip, _, _, _ = outgoing_trip()
    # 00:30 on 31 March in Kyiv is still 30 March in Berlin, but after the trip's last day at the destination.
    late = factories.ProgrammeItemFactory(
        delegation=trip, title="Rückflug", starts_at=kyiv(2026, 3, 30, 23, 30), venue=None
    )

    assert [conflict.items for conflict in find_conflicts(trip)] == [(late,)]

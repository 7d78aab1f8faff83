"""The calendar builder and the guests' calendar subscription, read back with icalendar."""

import datetime as dt

import icalendar
import pytest
from django.utils import translation

from tests import factories
from visits.enums import ItemStatus
from visits.exports.ics import build_calendar
from visits.models import ProgrammeItem

pytestmark = pytest.mark.django_db


def parse(data: bytes) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(data)


def events_by_uid(calendar: icalendar.Calendar) -> dict[str, icalendar.Event]:
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def build(items, **options) -> bytes:
    options.setdefault("name", "Programm")
    options.setdefault("uid_domain", "kleve.example")
    return build_calendar(
        ProgrammeItem.objects.filter(pk__in=[i.pk for i in items]).select_related("venue"), **options
    )


def test_entries_carry_zone_location_geo_and_stable_uids():
    venue = factories.VenueFactory(
        name="Berufskolleg Kleve",
        street="Felix-Roeloffs-Straße 7",
        postcode="47533",
        city="Kleve",
        latitude="51.789100",
        longitude="6.138200",
    )
    item = factories.ProgrammeItemFactory(
        title="Festakt 50 Jahre Kreis Kleve",
        venue=venue,
        starts_at=factories.berlin(2025, 11, 18, 10),
        ends_at=factories.berlin(2025, 11, 18, 12),
    )

    first, second = build([item]), build([item])

    assert first == second
    calendar = parse(first)
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    event = events_by_uid(calendar)[f"item-{item.pk}@kleve.example"]
    assert str(event["SUMMARY"]) == "Festakt 50 Jahre Kreis Kleve"
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert event.decoded("DTSTART") == factories.berlin(2025, 11, 18, 10)
    assert event.decoded("DTSTART").strftime("%H:%M") == "10:00"
    assert str(event["LOCATION"]) == "Berufskolleg Kleve, Felix-Roeloffs-Straße 7, 47533 Kleve"
    assert (event["GEO"].latitude, event["GEO"].longitude) == (51.7891, 6.1382)
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(calendar["X-WR-CALNAME"]) == "Programm"


def test_sequence_rises_and_cancelled_items_say_so():
    item = factories.ProgrammeItemFactory()
    ProgrammeItem.objects.filter(pk=item.pk).update(changed_at=factories.berlin(2025, 10, 1, 12))
    item.refresh_from_db()
    before = events_by_uid(parse(build([item])))[f"item-{item.pk}@kleve.example"]

    item.status = ItemStatus.CANCELLED
    item.save()
    after = events_by_uid(parse(build([item])))[f"item-{item.pk}@kleve.example"]

    assert int(after["SEQUENCE"]) == int(before["SEQUENCE"]) + 1
    assert str(after["STATUS"]) == "CANCELLED"
    assert after.decoded("LAST-MODIFIED") > before.decoded("LAST-MODIFIED")


def test_withheld_items_show_only_their_day():
    shown = factories.ProgrammeItemFactory(starts_at=factories.berlin(2025, 11, 17, 9))
    held = factories.ProgrammeItemFactory(
        starts_at=factories.berlin(2025, 11, 19, 23, 30), ends_at=factories.berlin(2025, 11, 20, 0, 30)
    )

    events = events_by_uid(parse(build([shown, held], show_details=lambda item: item.pk == shown.pk)))

    withheld = events[f"item-{held.pk}@kleve.example"]
    assert withheld.decoded("DTSTART") == dt.date(2025, 11, 19)
    assert "LOCATION" not in withheld and "GEO" not in withheld
    assert "LOCATION" in events[f"item-{shown.pk}@kleve.example"]


def test_flag_hides_every_location():
    item = factories.ProgrammeItemFactory()
    event = events_by_uid(parse(build([item], show_details=False)))[f"item-{item.pk}@kleve.example"]
    assert "LOCATION" not in event


def test_titles_in_the_requested_language_and_urls():
    item = factories.ProgrammeItemFactory(title_de="Empfang", title_uk="Прийом", title_en="Reception")

    with translation.override("de"):
        data = build([item], language="uk", url_for=lambda i: f"https://kleve.example/i/{i.pk}")

    event = events_by_uid(parse(data))[f"item-{item.pk}@kleve.example"]
    assert str(event["SUMMARY"]) == "Прийом"
    assert str(event["URL"]) == f"https://kleve.example/i/{item.pk}"


def test_empty_calendar_is_valid():
    calendar = parse(build([]))
    assert list(calendar.walk("VEVENT")) == []

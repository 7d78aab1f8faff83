"""The calendar builder and the guests' calendar subscription, read back with icalendar."""

import datetime as dt

import icalendar
import pytest
from django.utils import translation
from django.utils.translation import gettext

from tests import factories
from visits import services
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


# The guests' calendar subscription


def test_guest_calendar_shows_the_links_items_and_follows_changes(client):
    member = factories.MemberFactory()
    other = factories.MemberFactory(delegation=member.delegation)
    shared = factories.ProgrammeItemFactory(delegation=member.delegation, title_uk="Спільний пункт")
    own = factories.ProgrammeItemFactory(
        delegation=member.delegation, title_uk="Мій пункт", participants=[member]
    )
    factories.ProgrammeItemFactory(delegation=member.delegation, title_uk="Чужий пункт", participants=[other])
    factories.ProgrammeItemFactory(delegation=member.delegation, title_uk="Внутрішній", visibility="internal")
    factories.release(member.delegation)
    _, token = services.issue_guest_access(delegation=member.delegation, member=member)
    url = f"/g/{token}/uk/programm.ics"

    first = client.get(url)
    assert first["Content-Type"] == "text/calendar; charset=utf-8"
    assert first["Cache-Control"] == "private, no-cache"
    events = events_by_uid(parse(first.content))
    assert sorted(str(event["SUMMARY"]) for event in events.values()) == ["Мій пункт", "Спільний пункт"]
    assert [str(tz["TZID"]) for tz in parse(first.content).walk("VTIMEZONE")] == ["Europe/Berlin"]
    assert events_by_uid(parse(client.get(url).content)).keys() == events.keys()

    own.status = ItemStatus.CANCELLED
    own.title_uk = "Мій пункт (чернетка)"
    own.save()
    assert client.get(url).content == first.content  # guests see nothing of an unreleased edit
    own.title_uk = "Мій пункт"
    own.save()
    factories.release(member.delegation)
    changed = events_by_uid(parse(client.get(url).content))
    uid = next(uid for uid, event in events.items() if str(event["SUMMARY"]) == "Мій пункт")
    assert uid == f"item-{own.pk}@127.0.0.1"
    assert int(changed[uid]["SEQUENCE"]) == int(events[uid]["SEQUENCE"]) + 2  # two saves, one release
    assert str(changed[uid]["STATUS"]) == "CANCELLED"
    with translation.override("uk"):
        assert str(changed[uid]["DESCRIPTION"]).startswith(gettext("Geändert in der aktuellen Fassung."))
    assert "DESCRIPTION" not in changed[f"item-{shared.pk}@127.0.0.1"]
    shared_uid = f"item-{shared.pk}@127.0.0.1"
    assert str(changed[shared_uid]["LOCATION"]) == f"{shared.venue.name}, {shared.venue.address}"
    assert str(changed[shared_uid]["URL"]) == services.guest_link_url(token)


def test_guest_calendar_of_a_bad_token_is_the_plain_404(client):
    assert client.get("/g/not-a-token/uk/programm.ics").status_code == 404


def test_page_offers_the_calendar_as_webcal_and_download(client):
    member = factories.MemberFactory()
    _, token = services.issue_guest_access(delegation=member.delegation, member=member)
    page = client.get(f"/g/{token}/en/").content.decode()
    assert f'href="webcal://127.0.0.1:8000/g/{token}/en/programm.ics"' in page
    assert f'href="/g/{token}/en/programm.ics" download' in page

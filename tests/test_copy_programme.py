"""Copying a programme for a return visit (times across the time change, texts, refusals, preview and its
query count), and the staff downloads of the programme (XLSX, .ics)."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories
from visits.copying import copy_programme, shift_wall_clock
from visits.enums import ItemKind, ItemStatus, PressAccess, Visibility
from visits.models import ProgrammeItem

BERLIN = ZoneInfo("Europe/Berlin")
pytestmark = pytest.mark.django_db


def copy_url(delegation) -> str:
    return reverse("admin:delegations_delegation_copy_programme", args=[delegation.pk])


@pytest.fixture
def october_visit():
    """A week in late October across the end of summer time (26 Oct 2025), one item at 10:00 every day."""
    source = factories.DelegationFactory(
        arrival_date=dt.date(2025, 10, 22), departure_date=dt.date(2025, 10, 28)
    )
    for offset in range(7):
        day = source.arrival_date + dt.timedelta(days=offset)
        factories.ProgrammeItemFactory(
            delegation=source,
            starts_at=dt.datetime.combine(day, dt.time(10), tzinfo=BERLIN),
            ends_at=dt.datetime.combine(day, dt.time(11, 30), tzinfo=BERLIN),
        )
    return source


@pytest.fixture
def march_visit():
    """The return visit, a week in March across the start of summer time (29 Mar 2026), no programme yet."""
    return factories.DelegationFactory(arrival_date=dt.date(2026, 3, 25), departure_date=dt.date(2026, 3, 31))


def local_times(delegation) -> list[tuple[dt.date, dt.time, dt.time]]:
    return [
        (
            item.starts_at.astimezone(BERLIN).date(),
            item.starts_at.astimezone(BERLIN).time(),
            item.ends_at.astimezone(BERLIN).time(),
        )
        for item in ProgrammeItem.objects.filter(delegation=delegation).in_order()
    ]


def test_shift_keeps_wall_clock_across_both_time_changes():
    before_end_of_summer_time = dt.datetime(2025, 10, 25, 10, tzinfo=BERLIN)  # UTC+2
    assert shift_wall_clock(before_end_of_summer_time, days=1, zone=BERLIN) == dt.datetime(
        2025, 10, 26, 10, tzinfo=BERLIN
    )
    assert shift_wall_clock(before_end_of_summer_time, days=1, zone=BERLIN).utcoffset() == dt.timedelta(
        hours=1
    )
    after = shift_wall_clock(before_end_of_summer_time, days=155, zone=BERLIN)
    assert (after.date(), after.time(), after.utcoffset()) == (
        dt.date(2026, 3, 29),
        dt.time(10),
        dt.timedelta(hours=2),
    )


def test_copy_keeps_ten_o_clock_on_every_day_across_the_time_changes(october_visit, march_visit):
    planner = factories.UserFactory()
    created = copy_programme(
        source=october_visit, target=march_visit, first_day=dt.date(2026, 3, 25), copied_by=planner
    )

    assert len(created) == 7
    assert local_times(march_visit) == [
        (dt.date(2026, 3, 25) + dt.timedelta(days=offset), dt.time(10), dt.time(11, 30))
        for offset in range(7)
    ]
    # The source stays as it was.
    assert local_times(october_visit) == [
        (dt.date(2025, 10, 22) + dt.timedelta(days=offset), dt.time(10), dt.time(11, 30))
        for offset in range(7)
    ]


def test_copy_takes_texts_places_and_people_of_the_host_side_but_not_participants_or_status(march_visit):
    source = factories.DelegationFactory(
        arrival_date=dt.date(2025, 10, 22), departure_date=dt.date(2025, 10, 28)
    )
    host, interpreter = factories.ContactFactory(), factories.InterpreterFactory()
    driver, vehicle = factories.DriverFactory(), factories.VehicleFactory()
    member = factories.MemberFactory(delegation=source)
    item = factories.ProgrammeItemFactory(
        delegation=source,
        starts_at=dt.datetime(2025, 10, 23, 14, tzinfo=BERLIN),
        ends_at=dt.datetime(2025, 10, 23, 16, tzinfo=BERLIN),
        kind=ItemKind.COMPANY_VISIT,
        title_de="Besuch im Windpark",
        title_uk="Візит до вітрового парку",
        title_en="Visit to the wind farm",
        description_de="Führung",
        description_uk="Екскурсія",
        description_en="Guided tour",
        transport_note_de="Bus ab Hotel",
        transport_note_uk="Автобус від готелю",
        transport_note_en="Bus from the hotel",
        dress_code_de="festes Schuhwerk",
        dress_code_uk="міцне взуття",
        dress_code_en="sturdy shoes",
        visibility=Visibility.PUBLIC,
        press_access=PressAccess.OPEN,
        status=ItemStatus.CONFIRMED,
        interpreter=interpreter,
        driver=driver,
        vehicle=vehicle,
        internal_notes="nur intern",
        participants=[member],
        hosts=[host],
    )
    factories.ProgrammeItemFactory(delegation=source, status=ItemStatus.CANCELLED, title_de="Abgesagt")

    planner = factories.UserFactory()
    (copy,) = copy_programme(
        source=source, target=march_visit, first_day=dt.date(2026, 3, 25), copied_by=planner
    )

    copy.refresh_from_db()
    assert [
        (copy.title_de, copy.title_uk, copy.title_en),
        (copy.description_de, copy.description_uk, copy.description_en),
        (copy.transport_note_de, copy.transport_note_uk, copy.transport_note_en),
        (copy.dress_code_de, copy.dress_code_uk, copy.dress_code_en),
    ] == [
        ("Besuch im Windpark", "Візит до вітрового парку", "Visit to the wind farm"),
        ("Führung", "Екскурсія", "Guided tour"),
        ("Bus ab Hotel", "Автобус від готелю", "Bus from the hotel"),
        ("festes Schuhwerk", "міцне взуття", "sturdy shoes"),
    ]
    assert (copy.kind, copy.visibility, copy.press_access, copy.venue, copy.interpreter) == (
        item.kind,
        item.visibility,
        item.press_access,
        item.venue,
        interpreter,
    )
    assert (copy.driver, copy.vehicle) == (driver, vehicle)
    assert list(copy.hosts.all()) == [host]
    assert list(copy.participants.all()) == []
    assert (copy.status, copy.internal_notes, copy.delegation) == (ItemStatus.PLANNED, "", march_visit)
    assert copy.starts_at == dt.datetime(2026, 3, 26, 14, tzinfo=BERLIN)
    assert copy.history.earliest().history_user == planner


def test_copy_joins_the_targets_own_items_and_refuses_the_source_itself(october_visit, march_visit):
    own = factories.ProgrammeItemFactory(
        delegation=march_visit, starts_at=dt.datetime(2026, 3, 25, 9, tzinfo=BERLIN)
    )
    user = factories.UserFactory()

    created = copy_programme(
        source=october_visit, target=march_visit, first_day=dt.date(2026, 3, 25), copied_by=user
    )

    assert len(created) == 7
    assert set(ProgrammeItem.objects.filter(delegation=march_visit)) == {own, *created}
    with pytest.raises(ValidationError) as same:
        copy_programme(
            source=october_visit, target=october_visit, first_day=dt.date(2026, 3, 25), copied_by=user
        )
    assert same.value.messages == ["Ein Programm kann nicht in dieselbe Delegation kopiert werden."]
    assert ProgrammeItem.objects.filter(delegation=october_visit).count() == 7


def test_preview_shows_old_and_new_times_and_saves_nothing(planner_client, october_visit, march_visit):
    response = planner_client.get(copy_url(october_visit), {"target": march_visit.pk})

    assert response.status_code == 200
    assert response.context["form"].cleaned_data["first_day"] == march_visit.arrival_date
    rows = [(row.item.starts_at, row.starts_at) for row in response.context["preview"].rows]
    assert rows[4] == (
        dt.datetime(2025, 10, 26, 10, tzinfo=BERLIN),
        dt.datetime(2026, 3, 29, 10, tzinfo=BERLIN),
    )
    content = response.content.decode()
    assert "So, 26.10.2025 10:00–11:30" in content
    assert "So, 29.3.2026 10:00–11:30" in content
    assert ProgrammeItem.objects.filter(delegation=march_visit).count() == 0


def test_confirm_copies_and_redirects_to_the_target_programme(planner_client, october_visit, march_visit):
    response = planner_client.post(
        copy_url(october_visit), {"target": march_visit.pk, "first_day": "2026-03-26"}
    )

    assert response.status_code == 302
    assert response.url == reverse("admin:delegations_delegation_programme", args=[march_visit.pk])
    assert local_times(march_visit)[0] == (dt.date(2026, 3, 26), dt.time(10), dt.time(11, 30))
    page = planner_client.get(response.url)
    assert "7 Programmpunkte nach" in page.content.decode()


def test_the_preview_into_a_delegation_with_items_shows_what_is_added_and_what_would_clash(
    planner_client, october_visit, march_visit
):
    # The target already has a reception at 10:30 on its first day, where the first copy would land.
    factories.MemberFactory(delegation=march_visit, needs_interpreter=False)
    factories.ProgrammeItemFactory(
        delegation=march_visit,
        title_de="Empfang beim Landrat",
        starts_at=dt.datetime(2026, 3, 25, 10, 30, tzinfo=BERLIN),
        ends_at=dt.datetime(2026, 3, 25, 11, 0, tzinfo=BERLIN),
    )

    response = planner_client.get(copy_url(october_visit), {"target": march_visit.pk})

    assert response.status_code == 200
    preview = response.context["preview"]
    assert (len(preview.rows), preview.existing_count, preview.clash_count) == (7, 1, 1)
    (clash,) = preview.rows[0].conflicts
    assert clash.kind == "member_double_booked"
    assert "Empfang beim Landrat" in clash.message
    assert [row.conflicts for row in preview.rows[1:]] == [[]] * 6
    text = " ".join(response.content.decode().split())
    assert "7 Programmpunkte kommen hinzu." in text
    assert f"1 Programmpunkt von „{march_visit}“ bleibt, wie er ist." in text
    assert "1 kopierter Programmpunkt würde sich mit dem Programm überschneiden" in text
    assert ProgrammeItem.objects.filter(delegation=march_visit).count() == 1


def test_confirm_onto_a_delegation_with_items_adds_the_copies(planner_client, october_visit, march_visit):
    own = factories.ProgrammeItemFactory(delegation=march_visit)

    response = planner_client.post(
        copy_url(october_visit), {"target": march_visit.pk, "first_day": "2026-03-26"}
    )

    assert response.status_code == 302
    items = ProgrammeItem.objects.filter(delegation=march_visit)
    assert items.count() == 8
    assert own in items


def test_only_planners_may_copy(press_client, reader_client, october_visit, march_visit):
    for client in (press_client, reader_client):
        assert client.get(copy_url(october_visit)).status_code == 403
        response = client.post(copy_url(october_visit), {"target": march_visit.pk, "first_day": "2026-03-26"})
        assert response.status_code == 403
    assert ProgrammeItem.objects.filter(delegation=march_visit).count() == 0


def test_change_page_links_to_copying_for_planners(planner_client, october_visit):
    page = planner_client.get(reverse("admin:delegations_delegation_change", args=[october_visit.pk]))
    assert copy_url(october_visit) in page.content.decode()


@pytest.mark.parametrize("size", [10, 200])
def test_preview_query_count_does_not_grow(planner_client, django_assert_num_queries, march_visit, size):
    source = factories.DelegationFactory()
    factories.ProgrammeItemFactory.create_batch(size, delegation=source)
    # The target has a member and items of its own, so every copy is checked against them.
    factories.MemberFactory(delegation=march_visit)
    factories.ProgrammeItemFactory.create_batch(size, delegation=march_visit)

    # 15 at both sizes: with the request's savepoint and its release (ATOMIC_REQUESTS, counted inside the
    # test's transaction), the sidebar's question whether a letterhead exists, and the conflict check of the
    # copies in the target (a fixed number, however many items; the copies' venues are not read again).
    with django_assert_num_queries(15):
        response = planner_client.get(copy_url(source), {"target": march_visit.pk})
    assert len(response.context["preview"].rows) == size


# The staff downloads of the programme.


def export_url(delegation, fmt: str) -> str:
    return reverse("admin:delegations_delegation_programme_export", args=[delegation.pk, fmt])


@pytest.fixture
def visit_with_items():
    delegation = factories.DelegationFactory(title_de="Besuch aus Podilsk", slug="podilsk-2025")
    member = factories.MemberFactory(delegation=delegation, first_name="Olena", last_name="Testenko")
    host = factories.ContactFactory(first_name="Anna", last_name="Gast", organisation__name="Kreis Kleve")
    factories.ProgrammeItemFactory(
        delegation=delegation,
        starts_at=dt.datetime(2025, 11, 17, 10, tzinfo=BERLIN),
        ends_at=dt.datetime(2025, 11, 17, 12, tzinfo=BERLIN),
        title_de="Empfang im Kreishaus",
        visibility=Visibility.PUBLIC,
        venue__name_de="Kreishaus",
        venue__street="Nassauerallee 15",
        hosts=[host],
    )
    factories.ProgrammeItemFactory(
        delegation=delegation,
        starts_at=dt.datetime(2025, 11, 17, 8, tzinfo=BERLIN),
        ends_at=dt.datetime(2025, 11, 17, 9, tzinfo=BERLIN),
        title_de="Vorbesprechung",
        visibility=Visibility.INTERNAL,
        participants=[member],
    )
    return delegation


def read_xlsx(content: bytes) -> list[tuple]:
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = next(index for index, row in enumerate(rows) if row[0] == "Datum")
    return rows[header:]


def test_programme_xlsx_lists_every_working_item_in_time_order(planner_client, visit_with_items):
    response = planner_client.get(export_url(visit_with_items, "xlsx"))

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="podilsk-2025-programm.xlsx"'
    header, *rows = read_xlsx(response.content)
    assert header == (
        "Datum",
        "Beginn (Europe/Berlin)",
        "Ende (Europe/Berlin)",
        "Art",
        "Titel",
        "Ort",
        "Adresse",
        "Teilnehmende",
        "Gastgeber/innen",
        "Dolmetschung",
        "Status",
        "Sichtbarkeit",
    )
    assert [(row[0], row[1], row[2], row[4], row[7]) for row in rows] == [
        ("17.11.2025", "08:00", "09:00", "Vorbesprechung", "Olena Testenko"),
        ("17.11.2025", "10:00", "12:00", "Empfang im Kreishaus", "ganze Delegation"),
    ]
    assert (rows[1][5], rows[1][6], rows[1][8]) == (
        "Kreishaus",
        "Nassauerallee 15, 47533 Kleve",
        "Anna Gast (Kreis Kleve)",
    )


def test_programme_ics_has_internal_items_for_planners_and_only_public_ones_for_the_press(
    planner_client, press_client, visit_with_items
):
    from icalendar import Calendar

    def summaries(client):
        response = client.get(export_url(visit_with_items, "ics"))
        assert response.status_code == 200
        calendar = Calendar.from_ical(response.content)
        return sorted(
            (str(event["SUMMARY"]), event.decoded("DTSTART").astimezone(BERLIN).time())
            for event in calendar.walk("VEVENT")
        )

    assert summaries(planner_client) == [
        ("Empfang im Kreishaus", dt.time(10)),
        ("Vorbesprechung", dt.time(8)),
    ]
    assert summaries(press_client) == [("Empfang im Kreishaus", dt.time(10))]
    _header, *rows = read_xlsx(press_client.get(export_url(visit_with_items, "xlsx")).content)
    assert [(row[4], row[7]) for row in rows] == [("Empfang im Kreishaus", "–")]


def test_programme_download_refuses_unknown_formats_and_users_without_permission(
    planner_client, anonymous_client, visit_with_items
):
    assert planner_client.get(export_url(visit_with_items, "pdf")).status_code == 404
    assert anonymous_client.get(export_url(visit_with_items, "xlsx")).status_code == 302
    nobody = factories.UserFactory()
    from django.test import Client

    client = Client()
    client.force_login(nobody)
    assert client.get(export_url(visit_with_items, "xlsx")).status_code == 403


@pytest.mark.parametrize(
    ("fmt", "people_read"), [("xlsx", True), ("ics", False)], ids=["xlsx-with-people", "ics-without"]
)
def test_programme_downloads_read_the_same_at_two_sizes(planner_client, fmt, people_read):
    counts = []
    for size in (2, 20):
        delegation = factories.DelegationFactory()
        members = factories.MemberFactory.create_batch(2, delegation=delegation)
        for _index in range(size):
            factories.ProgrammeItemFactory(
                delegation=delegation, participants=members, hosts=[factories.ContactFactory()]
            )
        with CaptureQueriesContext(connection) as context:
            response = planner_client.get(export_url(delegation, fmt))
        assert response.status_code == 200
        counts.append(len(context))
        # The spreadsheet names hosts and participants; the calendar nobody, so it does not read them.
        sql = " ".join(query["sql"] for query in context.captured_queries)
        assert ("visits_programmeitem_hosts" in sql) is people_read
        assert ("visits_programmeitem_participants" in sql) is people_read
    assert counts[0] == counts[1], counts

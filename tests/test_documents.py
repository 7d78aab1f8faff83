"""The lists staff print or send (catering, transport, hotel, interpreters): their rows for a small handmade
delegation, the same rows read back from the admin page, CSV, XLSX and PDF, permissions per role and query
counts at two sizes."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse

from delegations import enums as d
from tests import documents, factories
from tests.factories import berlin
from visits import enums as v
from visits.documents.lists import (
    build_catering,
    build_hotel,
    build_interpreters,
    build_transport,
    count_needs,
)
from visits.documents.scope import DocumentScope
from visits.documents.tables import list_csv, list_xlsx, safe_cell

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    return documents.text(content)


def csv_rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def xlsx_rows(content: bytes) -> list[tuple]:
    """The table of the sheet, from its header row on (title and notes stand above it)."""
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(content)).active
    rows = [
        tuple("" if value is None else value for value in row) for row in sheet.iter_rows(values_only=True)
    ]
    header = next(
        index for index, row in enumerate(rows) if row and row[0] in ("Datum", "Nacht", "Dolmetscher/in")
    )
    return rows[header:]


@pytest.fixture
def visit():
    return make_small_visit()


def make_small_visit():
    """A small visit: three members, a hotel, a host, an interpreter, a driver, meals, transfers, a meeting"""
    delegation = factories.DelegationFactory(title="Delegation aus Podilsk", slug="podilsk-2025")
    hotel = factories.HotelFactory(
        name="Hotel Cleve", street="Tichelstraße 11", postcode="47533", city="Kleve", phone="+49 2821 7170"
    )
    kreishaus = factories.VenueFactory(name="Kreishaus Kleve", street="Nassauerallee 15", postcode="47533")
    restaurant = factories.VenueFactory(
        name="Restaurant Schwanenburg", kind=v.VenueKind.RESTAURANT, street="Schlossberg 1", postcode="47533"
    )
    college = factories.VenueFactory(
        name="Berufskolleg Kleve", street="Felix-Roeloffs-Straße 7", postcode="47533"
    )
    olena = factories.MemberFactory(
        delegation=delegation,
        first_name="Olena",
        last_name="Koval",
        first_name_original="Олена",
        last_name_original="Коваль",
        is_head=True,
        dietary_needs="vegetarisch",
        hotel=hotel,
        room="101",
        arrival_at=berlin(2025, 11, 16, 14, 5),
        arrival_mode=d.TravelMode.FLIGHT,
        arrival_reference="LH 2371",
        departure_at=berlin(2025, 11, 19, 10, 30),
        departure_mode=d.TravelMode.FLIGHT,
        departure_reference="LH 2372",
    )
    factories.MemberFactory(
        delegation=delegation,
        first_name="Petro",
        last_name="Bondar",
        first_name_original="Петро",
        last_name_original="Бондар",
        dietary_needs="Vegetarisch, laktosefrei",
        accessibility_needs="Rollstuhl",
        hotel=hotel,
        room="102",
        arrival_at=berlin(2025, 11, 16, 18, 0),
        arrival_mode=d.TravelMode.TRAIN,
        arrival_reference="ICE 105",
        departure_at=berlin(2025, 11, 18, 17, 0),
    )
    iryna = factories.MemberFactory(
        delegation=delegation,
        first_name="Iryna",
        last_name="Melnyk",
        first_name_original="Ірина",
        last_name_original="Мельник",
        arrival_at=berlin(2025, 11, 17, 8, 0),
        departure_at=berlin(2025, 11, 18, 20, 0),
    )
    county = factories.OrganisationFactory(name="Kreis Kleve", kind=d.OrganisationKind.AUTHORITY)
    host = factories.ContactFactory(
        first_name="Anna",
        last_name="Gastgeber",
        role=d.ContactRole.HOST,
        function="Leiterin Internationales",
        organisation=county,
    )
    interpreter = factories.InterpreterFactory(
        first_name="Ivan", last_name="Dolmetsch", phone="+49 170 1234567"
    )
    driver = factories.ContactFactory(
        first_name="Dieter", last_name="Fahrer", role=d.ContactRole.DRIVER, phone="+49 2821 111"
    )

    def item(title, kind, start, end, venue, **fields):
        return factories.ProgrammeItemFactory(
            delegation=delegation, title=title, kind=kind, starts_at=start, ends_at=end, venue=venue, **fields
        )

    item(
        "Abholung am Flughafen",
        v.ItemKind.TRANSFER,
        berlin(2025, 11, 16, 15),
        berlin(2025, 11, 16, 16),
        hotel,
        participants=[olena],
        hosts=[driver],
        transport_note="Kleinbus KLE-K 123",
    )
    item(
        "Arbeitsgespräch im Kreishaus",
        v.ItemKind.MEETING,
        berlin(2025, 11, 17, 9),
        berlin(2025, 11, 17, 11),
        kreishaus,
        interpreter=interpreter,
        hosts=[host],
    )
    item(
        "Fahrt zum Mittagessen",
        v.ItemKind.TRANSFER,
        berlin(2025, 11, 17, 11, 15),
        berlin(2025, 11, 17, 11, 45),
        restaurant,
        transport_note="Kleinbus KLE-K 123",
        hosts=[driver, host],
    )
    item(
        "Mittagessen",
        v.ItemKind.MEAL,
        berlin(2025, 11, 17, 12),
        berlin(2025, 11, 17, 13),
        restaurant,
        hosts=[host],
        interpreter=interpreter,
    )
    item(
        "Abendessen",
        v.ItemKind.MEAL,
        berlin(2025, 11, 17, 19),
        berlin(2025, 11, 17, 21),
        restaurant,
        participants=[olena, iryna],
    )
    item(
        "Abgesagtes Frühstück",
        v.ItemKind.MEAL,
        berlin(2025, 11, 18, 7),
        berlin(2025, 11, 18, 8),
        hotel,
        status=v.ItemStatus.CANCELLED,
        interpreter=interpreter,
    )
    item(
        "Fahrt zum Festakt",
        v.ItemKind.TRANSFER,
        berlin(2025, 11, 18, 8, 30),
        berlin(2025, 11, 18, 9),
        college,
    )
    return delegation


def names_of_members(delegation) -> list[str]:
    return [
        name
        for member in delegation.members.all()
        for name in (
            member.first_name,
            member.last_name,
            member.first_name_original,
            member.last_name_original,
        )
    ]


CATERING_ROWS = [
    (
        "Mo, 17.11.2025",
        "12:00–13:00 MEZ",
        "Mittagessen",
        "Restaurant Schwanenburg",
        3,
        2,
        5,
        "2 × vegetarisch; 1 × laktosefrei",
        "1 × Rollstuhl",
    ),
    (
        "Mo, 17.11.2025",
        "19:00–21:00 MEZ",
        "Abendessen",
        "Restaurant Schwanenburg",
        2,
        0,
        2,
        "1 × vegetarisch",
        "",
    ),
]


def test_catering_counts_people_and_needs_without_names(visit):
    catering = build_catering(DocumentScope.everything(visit))

    assert catering.columns == (
        "Datum",
        "Zeit",
        "Mahlzeit",
        "Ort",
        "Gäste",
        "Gastgeberseite",
        "Personen",
        "Ernährung",
        "Barrierefreiheit",
    )
    assert catering.rows == CATERING_ROWS


def test_count_needs_splits_merges_spellings_keeps_the_first_and_puts_the_most_frequent_first():
    assert count_needs(["halal", "Vegetarisch;  halal", "vegetarisch\nnussfrei", "", "HALAL"]) == (
        "3 × halal; 2 × Vegetarisch; 1 × nussfrei"
    )


def test_catering_files_and_page_show_the_counts_and_no_member_name(visit, planner_client):
    def url(name, **kwargs):
        return reverse(f"documents:{name}", kwargs={"pk": visit.pk, "kind": "catering", **kwargs})

    page = planner_client.get(url("list"))
    csv_file = planner_client.get(url("download", fmt="csv"))
    xlsx_file = planner_client.get(url("download", fmt="xlsx"))
    pdf_file = planner_client.get(url("download", fmt="pdf"))

    assert [page.status_code, csv_file.status_code, xlsx_file.status_code, pdf_file.status_code] == [200] * 4
    html = page.content.decode()
    text = pdf_text(pdf_file.content)
    assert csv_rows(csv_file.content)[1:] == [[str(cell) for cell in row] for row in CATERING_ROWS]
    assert xlsx_rows(xlsx_file.content)[1:] == CATERING_ROWS
    assert "2 × vegetarisch; 1 × laktosefrei" in html
    assert "2 × vegetarisch; 1 × laktosefrei" in text
    assert "Verpflegungsliste" in text
    everything = html + csv_file.content.decode("utf-8-sig") + str(xlsx_rows(xlsx_file.content)) + text
    assert [name for name in names_of_members(visit) if name in everything] == []
    assert csv_file["Content-Disposition"] == 'attachment; filename="verpflegung-podilsk-2025.csv"'
    assert pdf_file["Content-Type"] == "application/pdf"


def test_transport_says_who_rides_from_where_to_where_with_which_driver(visit):
    # The staff's own preparation before the pick-up is not where the guest comes from.
    factories.ProgrammeItemFactory(
        delegation=visit,
        title="Willkommensmappen packen",
        visibility=v.Visibility.INTERNAL,
        starts_at=berlin(2025, 11, 16, 12),
        ends_at=berlin(2025, 11, 16, 13),
    )

    transport = build_transport(DocumentScope.everything(visit))

    everyone = "Olena Koval (Олена Коваль), Petro Bondar (Петро Бондар), Iryna Melnyk (Ірина Мельник)"
    assert transport.columns == (
        "Datum",
        "Zeit",
        "Transfer",
        "Personen",
        "Wer",
        "Von",
        "Nach",
        "Fahrzeug / Hinweis",
        "Fahrer/in",
    )
    assert transport.rows == [
        (
            "So, 16.11.2025",
            "15:00–16:00 MEZ",
            "Abholung am Flughafen",
            1,
            "Olena Koval (Олена Коваль)",
            "Ankunft: 14:05 MEZ, Flug LH 2371",
            "Hotel Cleve, Tichelstraße 11, 47533 Kleve",
            "Kleinbus KLE-K 123",
            "Dieter Fahrer (+49 2821 111)",
        ),
        (
            "Mo, 17.11.2025",
            "11:15–11:45 MEZ",
            "Fahrt zum Mittagessen",
            3,
            everyone,
            "Kreishaus Kleve, Nassauerallee 15, 47533 Kleve",
            "Restaurant Schwanenburg, Schlossberg 1, 47533 Kleve",
            "Kleinbus KLE-K 123",
            "Dieter Fahrer (+49 2821 111)",
        ),
        (
            "Di, 18.11.2025",
            "08:30–09:00 MEZ",
            "Fahrt zum Festakt",
            3,
            everyone,
            "Hotel Cleve, Tichelstraße 11, 47533 Kleve (2); ? (1)",
            "Berufskolleg Kleve, Felix-Roeloffs-Straße 7, 47533 Kleve",
            "",
            "",
        ),
    ]


def test_hotel_lists_each_night_with_rooms_arrivals_and_departures(visit):
    hotel = build_hotel(DocumentScope.everything(visit))

    sunday, monday, tuesday = (
        "So, 16.11.2025 – Mo, 17.11.2025",
        "Mo, 17.11.2025 – Di, 18.11.2025",
        ("Di, 18.11.2025 – Mi, 19.11.2025"),
    )
    assert hotel.rows == [
        (sunday, "Hotel Cleve", "Olena Koval", "Олена Коваль", "101", "14:05 MEZ, Flug LH 2371", ""),
        (sunday, "Hotel Cleve", "Petro Bondar", "Петро Бондар", "102", "18:00 MEZ, Bahn ICE 105", ""),
        (monday, "Hotel Cleve", "Olena Koval", "Олена Коваль", "101", "", ""),
        (monday, "Hotel Cleve", "Petro Bondar", "Петро Бондар", "102", "", "Di, 18.11.2025, 17:00 MEZ"),
        (
            monday,
            "ohne Hotel",
            "Iryna Melnyk",
            "Ірина Мельник",
            "",
            "08:00 MEZ",
            "Di, 18.11.2025, 20:00 MEZ",
        ),
        (
            tuesday,
            "Hotel Cleve",
            "Olena Koval",
            "Олена Коваль",
            "101",
            "",
            "Mi, 19.11.2025, 10:30 MEZ, Flug LH 2372",
        ),
    ]


def test_interpreters_are_listed_with_their_bookings_in_time_order(visit):
    interpreters = build_interpreters(DocumentScope.everything(visit))

    pair = str(d.LanguagePair.GERMAN_UKRAINIAN.label)
    person = ("Ivan Dolmetsch", pair, "konsekutiv", "+49 170 1234567")
    assert interpreters.rows == [
        (
            *person,
            "Mo, 17.11.2025",
            "09:00–11:00 MEZ",
            "2:00 h",
            "Arbeitsgespräch im Kreishaus",
            "Kreishaus Kleve",
        ),
        (*person, "Mo, 17.11.2025", "12:00–13:00 MEZ", "1:00 h", "Mittagessen", "Restaurant Schwanenburg"),
    ]


@pytest.mark.parametrize("kind", ["transport", "hotel", "interpreters"])
def test_csv_and_xlsx_carry_the_same_rows_as_the_builder(visit, planner_client, kind):
    builder = {"transport": build_transport, "hotel": build_hotel, "interpreters": build_interpreters}[kind]
    expected = builder(DocumentScope.everything(visit))

    def download(fmt):
        response = planner_client.get(
            reverse("documents:download", kwargs={"pk": visit.pk, "kind": kind, "fmt": fmt})
        )
        assert response.status_code == 200
        return response.content

    assert csv_rows(download("csv")) == [
        list(expected.columns),
        *([str(c) for c in row] for row in expected.rows),
    ]
    assert xlsx_rows(download("xlsx")) == [expected.columns, *expected.rows]


def test_hotel_pdf_shows_latin_and_cyrillic_names(visit, planner_client):
    response = planner_client.get(
        reverse("documents:download", kwargs={"pk": visit.pk, "kind": "hotel", "fmt": "pdf"})
    )

    text = pdf_text(response.content)
    assert response["Content-Disposition"] == 'inline; filename="hotel-podilsk-2025.pdf"'
    assert "Hotelliste" in text
    assert "Petro Bondar" in text
    assert "Петро Бондар" in text


def test_a_cell_that_looks_like_a_formula_is_written_as_text_but_phone_numbers_stay():
    member = factories.MemberFactory()
    factories.ProgrammeItemFactory(delegation=member.delegation, kind=v.ItemKind.MEAL, title="=SUMME(1;2)")
    catering = build_catering(DocumentScope.everything(member.delegation))

    assert catering.rows[0][2] == "=SUMME(1;2)"
    assert csv_rows(list_csv(catering))[1][2] == "'=SUMME(1;2)"
    assert xlsx_rows(list_xlsx(catering))[1][2] == "'=SUMME(1;2)"
    assert [safe_cell("@A1"), safe_cell("+49 2821 111"), safe_cell(5)] == ["'@A1", "+49 2821 111", 5]


def test_outgoing_delegation_shows_the_destinations_time_beside_berlin_time(planner_client):
    delegation = factories.DelegationFactory(direction=d.Direction.OUTGOING, time_zone="Europe/Kyiv")
    factories.MemberFactory(delegation=delegation)
    factories.ProgrammeItemFactory(
        delegation=delegation,
        kind=v.ItemKind.MEAL,
        title="Mittagessen in Podilsk",
        starts_at=berlin(2025, 11, 17, 12),
        ends_at=berlin(2025, 11, 17, 13),
    )

    catering = build_catering(DocumentScope.everything(delegation))
    page = planner_client.get(reverse("documents:list", kwargs={"pk": delegation.pk, "kind": "catering"}))

    assert catering.columns[1:3] == ("Zeit (Berlin)", "Ortszeit (Europe/Kyiv)")
    assert catering.rows[0][1:3] == ("12:00–13:00 MEZ", "13:00–14:00 OEZ")
    assert "13:00–14:00 OEZ" in page.content.decode()


LIST_URLS = [("list", {"kind": kind}) for kind in ("catering", "transport", "hotel", "interpreters")] + [
    ("download", {"kind": kind, "fmt": fmt})
    for kind in ("catering", "hotel")
    for fmt in ("pdf", "csv", "xlsx")
]


@pytest.mark.parametrize(("name", "kwargs"), LIST_URLS)
def test_planners_and_readers_may_open_lists_the_press_office_may_not(visit, staff_clients, name, kwargs):
    url = reverse(f"documents:{name}", kwargs={"pk": visit.pk, **kwargs})

    statuses = {group: client.get(url).status_code for group, client in staff_clients.items()}

    assert statuses == {"planners": 200, "read-only": 200, "press office": 403}


@pytest.mark.parametrize(("name", "kwargs"), LIST_URLS)
def test_anonymous_visitors_are_sent_to_the_login(visit, anonymous_client, name, kwargs):
    url = reverse(f"documents:{name}", kwargs={"pk": visit.pk, **kwargs})

    response = anonymous_client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login") + "?next=")


def test_unknown_list_or_format_is_not_found(visit, planner_client):
    assert planner_client.get(f"/admin/delegation/{visit.pk}/documents/gifts/").status_code == 404
    assert planner_client.get(f"/admin/delegation/{visit.pk}/documents/catering.docx").status_code == 404
    assert planner_client.get("/admin/delegation/999999/documents/catering/").status_code == 404


def test_index_links_every_document_the_user_may_open(visit, planner_client, press_client):
    page = planner_client.get(reverse("documents:index", kwargs={"pk": visit.pk}))

    html = page.content.decode()
    assert page.status_code == 200
    for kind in ("catering", "transport", "hotel", "interpreters"):
        assert reverse("documents:list", kwargs={"pk": visit.pk, "kind": kind}) in html
    assert reverse("documents:briefing-book", kwargs={"pk": visit.pk}) + "?lang=uk" in html
    assert press_client.get(reverse("documents:index", kwargs={"pk": visit.pk})).status_code == 403


def make_visit_of_size(size: int):
    """A delegation with `size` members, meals, transfers and interpreted meetings (for query counts)."""
    delegation = factories.DelegationFactory()
    hotel = factories.HotelFactory()
    interpreter = factories.InterpreterFactory()
    driver = factories.ContactFactory(role=d.ContactRole.DRIVER)
    members = [
        factories.MemberFactory(delegation=delegation, hotel=hotel, dietary_needs="vegetarisch", room=str(n))
        for n in range(size)
    ]
    for n in range(size):
        day = berlin(2025, 11, 17 + n % 5, 8)
        factories.ProgrammeItemFactory(
            delegation=delegation,
            kind=v.ItemKind.TRANSFER,
            starts_at=day,
            ends_at=day + dt.timedelta(minutes=30),
            hosts=[driver],
            participants=members[: n + 1],
        )
        factories.ProgrammeItemFactory(
            delegation=delegation,
            kind=v.ItemKind.MEETING,
            starts_at=day + dt.timedelta(hours=1),
            ends_at=day + dt.timedelta(hours=2),
            interpreter=interpreter,
        )
        factories.ProgrammeItemFactory(
            delegation=delegation,
            kind=v.ItemKind.MEAL,
            starts_at=day + dt.timedelta(hours=4),
            ends_at=day + dt.timedelta(hours=5),
            hosts=[factories.ContactFactory()],
            participants=members[:n],
        )
    return delegation


# Every request counts the savepoint of its transaction and the release (ATOMIC_REQUESTS, inside the test's
# transaction); the pages, in the admin's frame, also ask whether a letterhead exists (the sidebar).
@pytest.mark.parametrize("size", [1, 6])
@pytest.mark.parametrize(
    ("kind", "fmt", "queries"),
    [
        ("catering", None, 15),
        ("transport", None, 15),
        ("hotel", None, 12),
        ("interpreters", None, 12),
        ("catering", "csv", 13),
        ("transport", "xlsx", 13),
        ("hotel", "pdf", 10),
        ("interpreters", "csv", 10),
    ],
)
def test_lists_run_the_same_number_of_queries_at_any_size(
    planner_client, django_assert_num_queries, size, kind, fmt, queries
):
    delegation = make_visit_of_size(size)
    if fmt is None:
        url = reverse("documents:list", kwargs={"pk": delegation.pk, "kind": kind})
    else:
        url = reverse("documents:download", kwargs={"pk": delegation.pk, "kind": kind, "fmt": fmt})

    with django_assert_num_queries(queries):
        response = planner_client.get(url)

    assert response.status_code == 200

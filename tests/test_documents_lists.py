"""The lists staff print or send (catering, transport, hotel, interpreters): their rows for a small handmade
delegation, the same rows read back from the admin page, CSV, XLSX and PDF."""

import pytest
from django.urls import reverse

from delegations import enums as d
from tests import factories
from tests.document_visits import (
    csv_rows,
    names_of_members,
    pdf_text,
    visit_fixture,  # noqa: F401  (the fixture `visit`)
    xlsx_rows,
)
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


def test_transport_names_the_items_own_driver_and_vehicle(visit):
    transfer = visit.programme_items.get(title="Fahrt zum Festakt")
    transfer.driver = factories.DriverFactory(first_name="Vera", last_name="Lenkrad", phone="+49 2821 222")
    transfer.vehicle = factories.VehicleFactory(name="Kleinbus 2", registration="KLE-KK 202")
    transfer.save()

    row = next(
        row for row in build_transport(DocumentScope.everything(visit)).rows if row[2] == "Fahrt zum Festakt"
    )

    assert row[-2:] == ("Kleinbus 2 (KLE-KK 202)", "Vera Lenkrad (+49 2821 222)")


def test_hotel_list_sums_room_nights_per_hotel_and_per_night(visit, planner_client):
    hotel = build_hotel(DocumentScope.everything(visit))

    per_hotel, per_night = hotel.totals
    assert (per_hotel.title, per_hotel.columns) == ("Je Hotel", ("Hotel", "Zimmernächte", "Personennächte"))
    assert per_hotel.rows == [("Hotel Cleve", 5, 5), ("ohne Hotel", 1, 1), ("zusammen", 6, 6)]
    assert per_night.rows == [
        ("So, 16.11.2025 – Mo, 17.11.2025", 2, 2),
        ("Mo, 17.11.2025 – Di, 18.11.2025", 3, 3),
        ("Di, 18.11.2025 – Mi, 19.11.2025", 1, 1),
        ("zusammen", 6, 6),
    ]
    page = planner_client.get(reverse("documents:list", kwargs={"pk": visit.pk, "kind": "hotel"}))
    text = " ".join(page.content.decode().split())
    assert "<caption>Je Hotel</caption>" in text
    assert '<tr><th scope="row">Hotel Cleve</th><td>5</td><td>5</td></tr>' in text


def test_people_sharing_a_room_count_one_room_night(visit):
    from delegations.models import Member

    # Petro moves into Olena's room 101: on the nights both sleep there, one room, two people.
    Member.objects.filter(first_name="Petro").update(room="101")
    per_hotel, per_night = build_hotel(DocumentScope.everything(visit)).totals

    assert per_hotel.rows[0] == ("Hotel Cleve", 3, 5)
    assert per_night.rows[0] == ("So, 16.11.2025 – Mo, 17.11.2025", 1, 2)


def test_hotel_xlsx_carries_the_sums_on_a_sheet_of_their_own(visit, planner_client):
    import io

    from openpyxl import load_workbook

    response = planner_client.get(
        reverse("documents:download", kwargs={"pk": visit.pk, "kind": "hotel", "fmt": "xlsx"})
    )
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames[1] == "Summen"
    rows = [row for row in workbook["Summen"].iter_rows(values_only=True) if any(row)]
    assert rows[:4] == [
        ("Je Hotel", None, None),
        ("Hotel", "Zimmernächte", "Personennächte"),
        ("Hotel Cleve", 5, 5),
        ("ohne Hotel", 1, 1),
    ]

"""The visits and readers shared by the tests of the staff's lists and the briefing book
(tests/test_documents_*.py): a small handmade visit (also the fixture `visit`, as `visit_fixture`), a visit of
any size for query counts, and the lists read back from PDF, CSV and XLSX."""

import csv
import datetime as dt
import io

import pytest

from delegations import enums as d
from tests import documents, factories
from tests.factories import berlin
from visits import enums as v


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


@pytest.fixture(name="visit")
def visit_fixture():
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

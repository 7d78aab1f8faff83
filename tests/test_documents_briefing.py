"""The briefing book ("Besuchermappe"): its sections for a small handmade visit, the PDF read back (tests/
documents.py) in German and Ukrainian, permissions per role and the same number of queries at two sizes."""

import pytest
from django.urls import reverse

from delegations import enums as d
from tests import factories
from tests.document_visits import make_small_visit, make_visit_of_size, pdf_text
from tests.factories import berlin
from visits import enums as v
from visits.documents.briefing import build_briefing_book
from visits.documents.scope import DocumentScope

pytestmark = pytest.mark.django_db


@pytest.fixture
def visit():
    """The small visit of the list tests, with a partnership summary, a host contact, company appointments and
    an internal item."""
    delegation = make_small_visit()
    partnership = delegation.partnership
    partnership.name = "Solidaritätspartnerschaft Kleve – Podilsk"
    partnership.funding_programme = "Servicestelle Kommunen in der Einen Welt"
    partnership.funder = "BMZ"
    partnership.focus_areas = "Wirtschaft und Kommunalverwaltung"
    partnership.save()
    delegation.host_contact = factories.ContactFactory(
        first_name="Johanna", last_name="Musterfeld", phone="+49 2821 5550101", email="jm@kreis-kleve.example"
    )
    delegation.title_uk = "Делегація з Подільська"
    delegation.save()
    windpark = factories.OrganisationFactory(
        name="Bürgerwindpark Kalkar GmbH",
        profile="Windräder im Besitz von Bürgerinnen und Bürgern.",
        street="Am Windpark 3",
        postcode="47546",
        city="Kalkar",
        website="https://windpark.example",
    )
    contact = factories.ContactFactory(
        first_name="Jan",
        last_name="Windmann",
        role=d.ContactRole.COMPANY_CONTACT,
        function="Geschäftsführer",
        organisation=windpark,
        phone="+49 2824 5550001",
    )
    factories.CompanyAppointmentFactory(
        delegation=delegation,
        company=windpark,
        topic=factories.TopicFactory(name="Erneuerbare Energien"),
        contact=contact,
        status=v.AppointmentStatus.CONFIRMED,
    )
    factories.CompanyAppointmentFactory(
        delegation=delegation,
        company=factories.OrganisationFactory(name="Abgesagte Werke AG"),
        status=v.AppointmentStatus.DECLINED,
    )
    factories.ProgrammeItemFactory(
        delegation=delegation,
        title="Interne Nachbesprechung",
        kind=v.ItemKind.MEETING,
        visibility=v.Visibility.INTERNAL,
        starts_at=berlin(2025, 11, 17, 16),
        ends_at=berlin(2025, 11, 17, 17),
    )
    return delegation


def book_url(delegation, language=None) -> str:
    url = reverse("documents:briefing-book", kwargs={"pk": delegation.pk})
    return f"{url}?lang={language}" if language else url


def test_the_book_holds_every_day_of_the_stay_with_its_items_in_time_order(visit):
    book = build_briefing_book(DocumentScope.everything(visit), language="de")

    assert [(day.label, [entry.title for entry in day.entries]) for day in book.days] == [
        ("Sonntag, 16. November 2025", ["Abholung am Flughafen"]),
        (
            "Montag, 17. November 2025",
            [
                "Arbeitsgespräch im Kreishaus",
                "Fahrt zum Mittagessen",
                "Mittagessen",
                "Interne Nachbesprechung",
                "Abendessen",
            ],
        ),
        ("Dienstag, 18. November 2025", ["Abgesagtes Frühstück", "Fahrt zum Festakt"]),
        ("Mittwoch, 19. November 2025", []),
        ("Donnerstag, 20. November 2025", []),
        ("Freitag, 21. November 2025", []),
        ("Samstag, 22. November 2025", []),
    ]
    meeting = book.days[1].entries[0]
    assert (meeting.time, meeting.venue, meeting.hosts, meeting.interpreter, meeting.status) == (
        "09:00–11:00 MEZ",
        "Kreishaus Kleve",
        ("Anna Gastgeber (Leiterin Internationales, Kreis Kleve)",),
        "Ivan Dolmetsch",
        "bestätigt",
    )
    assert [(company.name, company.topics) for company in book.companies] == [
        ("Bürgerwindpark Kalkar GmbH", ("Erneuerbare Energien",))
    ]
    assert [(contact.role, contact.name, contact.phone) for contact in book.emergency] == [
        ("", "Notruf (Rettungsdienst, Feuerwehr, Polizei)", "112"),
        ("Ansprechpartner/in für die Gäste", "Johanna Musterfeld", "+49 2821 5550101"),
        ("Hotel", "Hotel Cleve", "+49 2821 7170"),
    ]


def test_german_book_shows_every_section_with_names_in_both_scripts(visit, planner_client):
    response = planner_client.get(book_url(visit))

    text = pdf_text(response.content)
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'inline; filename="besuchermappe-podilsk-2025-de.pdf"'
    for expected in (
        "Besuchermappe",
        "Delegation aus Podilsk",
        "16. November 2025 – 22. November 2025",
        "Inhalt",
        "Solidaritätspartnerschaft Kleve – Podilsk",
        "Donnerstag, 28. November 2024",
        "Servicestelle Kommunen in der Einen Welt, im Auftrag von BMZ",
        "Olena Koval",
        "Олена Коваль",
        "Delegationsleitung",
        "Montag, 17. November 2025",
        "09:00–11:00 MEZ",
        "Arbeitsgespräch im Kreishaus",
        "Interne Nachbesprechung",
        "Bürgerwindpark Kalkar GmbH",
        "Erneuerbare Energien",
        "Jan Windmann",
        "Tichelstraße 11, 47533 Kleve",
        "Notfallkontakte",
        "112",
        "Johanna Musterfeld",
        "+49 2821 5550101",
    ):
        assert expected in text, expected
    assert "Abgesagte Werke AG" not in text


def test_book_in_the_guests_language_puts_cyrillic_first_and_leaves_internal_items_out(visit, planner_client):
    response = planner_client.get(book_url(visit, "uk"))

    text = pdf_text(response.content)
    assert response.status_code == 200
    assert "Делегація з Подільська" in text
    assert "Олена Коваль\nOlena Koval" in text
    assert "Arbeitsgespräch im Kreishaus" not in text  # the factory's Ukrainian title replaces it
    assert "Interne Nachbesprechung" not in text
    assert "Неділя, 16 листопада 2025" in text


def test_an_unknown_edition_is_a_clear_error(visit, planner_client):
    response = planner_client.get(book_url(visit, "fr"))

    assert response.status_code == 400
    assert "Deutsch (de), Ukrainisch (uk) und Englisch (en)" in response.content.decode()


def test_outgoing_book_shows_the_destinations_time_beside_berlin_time(planner_client):
    delegation = factories.DelegationFactory(direction=d.Direction.OUTGOING, time_zone="Europe/Kyiv")
    factories.ProgrammeItemFactory(
        delegation=delegation,
        title="Besuch der Bezirksverwaltung",
        starts_at=berlin(2025, 11, 17, 9),
        ends_at=berlin(2025, 11, 17, 10),
    )

    text = pdf_text(planner_client.get(book_url(delegation)).content)

    assert "09:00–10:00 MEZ" in text
    assert "Ortszeit 10:00–11:00 OEZ" in text
    assert "daneben die Ortszeit am Reiseziel (Europe/Kyiv)" in text


def test_planners_and_readers_may_print_the_book_the_press_office_and_strangers_may_not(
    visit, staff_clients, anonymous_client
):
    statuses = {group: client.get(book_url(visit)).status_code for group, client in staff_clients.items()}
    anonymous = anonymous_client.get(book_url(visit))

    assert statuses == {"planners": 200, "read-only": 200, "press office": 403}
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize("size", [1, 6])
def test_the_book_runs_the_same_number_of_queries_at_any_size(
    planner_client, django_assert_num_queries, size
):
    delegation = make_visit_of_size(size)
    for _n in range(size):
        factories.CompanyAppointmentFactory(delegation=delegation, contact=factories.ContactFactory())

    # With the request's savepoint and its release (ATOMIC_REQUESTS, counted inside the test's transaction).
    with django_assert_num_queries(11):
        response = planner_client.get(book_url(delegation))

    assert response.status_code == 200

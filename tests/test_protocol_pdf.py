"""The seating plan with its running order, and the place cards, as PDFs rendered by WeasyPrint and read back
(tests/documents.py): names in Latin and Cyrillic script, upright and (on the back of a card) upside down."""

import pytest
from django.urls import reverse

from tests import documents, factories
from tests import factories_protocol as pf
from visits.enums import ItemKind

pytestmark = pytest.mark.django_db


pdf_text = documents.text
pdf_pages = documents.page_count


@pytest.fixture
def ceremony():
    delegation = factories.DelegationFactory()
    head = factories.MemberFactory(
        delegation=delegation,
        first_name="Andrii",
        last_name="Zrazkovyi",
        first_name_original="Андрій",
        last_name_original="Зразковий",
        function="Erster stellvertretender Vorsitzender",
        is_head=True,
    )
    guest = factories.MemberFactory(
        delegation=delegation,
        first_name="Nataliia",
        last_name="Uiavna",
        first_name_original="Наталія",
        last_name_original="Уявна",
        function="Beraterin",
    )
    host = factories.ContactFactory(first_name="Johanna", last_name="Musterfeld", function="Stabsstelle")
    item = pf.CeremonyFactory(delegation=delegation, title="Festakt 50 Jahre Kreis Kleve")
    plan = pf.SeatingPlanFactory(programme_item=item)
    round_table = pf.TableFactory(plan=plan, number=1, name="Ehrentisch", seats=8)
    long_table = pf.TableFactory(plan=plan, number=2, shape="rectangular", seats=6)
    pf.SeatFactory(table=round_table, number=1, member=head)
    pf.SeatFactory(table=round_table, number=2, member=None, contact=host)
    pf.SeatFactory(table=long_table, number=4, member=guest)
    pf.SeatFactory(table=long_table, number=5, member=None, name="Ehrengast Bürgermeisterin")
    pf.SpeechFactory(programme_item=item, position=1, name="", member=head, language="uk", topic="Grußwort")
    return item


def test_the_seating_pdf_shows_tables_seats_and_speeches_in_both_scripts(ceremony, planner_client):
    response = planner_client.get(reverse("protocol:running-order-pdf", kwargs={"item_pk": ceremony.pk}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(pdf_text(response.content).split())  # names wrap inside the small seat boxes
    for expected in (
        "Festakt 50 Jahre Kreis Kleve",
        "Grußworte und Reden",
        "Grußwort",
        "Tisch 1: Ehrentisch",
        "Tisch 2",
        "Andrii Zrazkovyi",
        "Андрій Зразковий",
        "Наталія Уявна",
        "Johanna Musterfeld",
        "Ehrengast Bürgermeisterin",
    ):
        assert expected in text, expected
    assert text.count("frei") == 14 - 4


def test_the_place_cards_of_a_plan_carry_each_seated_person_front_and_back(ceremony, planner_client):
    response = planner_client.get(reverse("protocol:item-place-cards", kwargs={"item_pk": ceremony.pk}))
    assert response.status_code == 200
    content = response.content
    text = pdf_text(content)
    # Four cards, two per A4 page; each name is printed twice (front, and upside down on the back).
    assert pdf_pages(content) == 2
    for name in ("Андрій Зразковий", "Andrii Zrazkovyi", "Наталія Уявна", "Johanna Musterfeld"):
        assert text.count(name) == 2, name
    assert "Ehrengast Bürgermeisterin" in text
    assert "Erster stellvertretender Vorsitzender" in text


def test_place_cards_for_a_whole_delegation_without_a_plan(planner_client):
    delegation = factories.DelegationFactory()
    head = factories.MemberFactory(
        delegation=delegation, first_name_original="Сергій", last_name_original="Вигадко", is_head=True
    )
    pf.PrecedenceEntryFactory(
        delegation=delegation, member=None, contact=factories.ContactFactory(first_name="Johanna"), position=1
    )
    factories.MemberFactory(
        delegation=delegation, first_name_original="Оксана", last_name_original="Прикладенко"
    )
    response = planner_client.get(reverse("protocol:place-cards", kwargs={"pk": delegation.pk}))
    text = pdf_text(response.content)
    assert pdf_pages(response.content) == 2
    assert "Сергій Вигадко" in text and "Оксана Прикладенко" in text and "Johanna Muster" in text
    # The order of precedence first, then the head of the delegation before the other guests.
    assert text.index("Johanna") < text.index("Сергій Вигадко") < text.index("Оксана Прикладенко")
    assert head.first_name in text


def test_the_pdfs_need_the_permissions_of_the_pages(ceremony, press_client, reader_client):
    urls = [
        reverse("protocol:running-order-pdf", kwargs={"item_pk": ceremony.pk}),
        reverse("protocol:item-place-cards", kwargs={"item_pk": ceremony.pk}),
        reverse("protocol:place-cards", kwargs={"pk": ceremony.delegation_id}),
    ]
    for url in urls:
        assert press_client.get(url).status_code == 403
    assert reader_client.get(urls[0]).status_code == 200


def test_a_meal_without_plan_still_prints_its_running_order(planner_client):
    meal = factories.ProgrammeItemFactory(kind=ItemKind.MEAL, title="Empfang mit Imbiss")
    pf.SpeechFactory(programme_item=meal, position=1, name="Landrat des Kreises Kleve")
    response = planner_client.get(reverse("protocol:running-order-pdf", kwargs={"item_pk": meal.pk}))
    text = pdf_text(response.content)
    assert "Empfang mit Imbiss" in text and "Landrat des Kreises Kleve" in text
    assert "Sitzordnung\n" not in text.replace("Ablauf und Sitzordnung", "")

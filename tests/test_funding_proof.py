"""The proof of use: its sums are the booked costs, to the cent, in the PDF and in the XLSX."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from funding.enums import CostCategory
from tests import documents
from tests.factories import MemberFactory, ProgrammeItemFactory, berlin
from tests.factories_funding import BudgetLineFactory, CostFactory, DelegationFundingFactory
from visits.enums import ItemStatus

pytestmark = pytest.mark.django_db

OUTCOMES = [
    {
        "starts_at": berlin(2025, 11, 18, 10),
        "item_title": "Besuch bei den Stadtwerken",
        "kind": "outcome",
        "text": "Gemeinsamer Workshop zu Wärmepumpen im Frühjahr",
    },
    {
        "starts_at": None,
        "item_title": "Abschlussgespräch",
        "kind": "commitment",
        "text": "Gegenbesuch in Podilsk im Sommer 2026",
    },
]


def pdf_text(content: bytes) -> str:
    """The PDF's text with whitespace folded, so a phrase that wraps inside a table cell is found as one."""
    return documents.squeezed(documents.text(content))


def german(amount: Decimal) -> str:
    return f"{amount:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")


def parse_german(text: str) -> Decimal:
    return Decimal(text.replace(".", "").replace(",", "."))


@pytest.fixture
def outcomes(monkeypatch):
    monkeypatch.setattr("funding.proof.outcomes_for_delegation", lambda delegation: OUTCOMES)


@pytest.fixture
def funding(outcomes):
    funding = DelegationFundingFactory(amount_granted=Decimal("6000.00"), co_financing_percent=Decimal("10"))
    travel = BudgetLineFactory(
        funding=funding, category=CostCategory.TRAVEL, planned_amount=Decimal("2500.00")
    )
    hotel = BudgetLineFactory(
        funding=funding, category=CostCategory.ACCOMMODATION, planned_amount=Decimal("1800.00")
    )
    BudgetLineFactory(funding=funding, category=CostCategory.OTHER, planned_amount=Decimal("150.00"))
    CostFactory(line=travel, amount=Decimal("1234.56"), description="Flüge", spent_on=dt.date(2025, 10, 2))
    CostFactory(line=travel, amount=Decimal("99.99"), description="Bahn", spent_on=dt.date(2025, 11, 16))
    CostFactory(line=hotel, amount=Decimal("2003.45"), description="Hotel", payee="Hotel Musterufer")
    MemberFactory(
        delegation=funding.delegation,
        first_name="Andrii",
        last_name="Zrazkovyi",
        first_name_original="Андрій",
        last_name_original="Зразковий",
        function="Erster stellvertretender Vorsitzender",
    )
    MemberFactory(
        delegation=funding.delegation,
        first_name="Oksana",
        last_name="Prykladenko",
        first_name_original="Оксана",
        last_name_original="Прикладенко",
    )
    ProgrammeItemFactory(
        delegation=funding.delegation, title="Empfang im Kreishaus", starts_at=berlin(2025, 11, 17, 9, 30)
    )
    ProgrammeItemFactory(
        delegation=funding.delegation,
        title="Abgesagte Werksführung",
        starts_at=berlin(2025, 11, 18, 14),
        status=ItemStatus.CANCELLED,
    )
    return funding


TOTAL = Decimal("1234.56") + Decimal("99.99") + Decimal("2003.45")


class TestPdf:
    @pytest.fixture
    def text(self, planner_client, funding):
        response = planner_client.get(
            reverse("funding:proof", kwargs={"pk": funding.delegation_id, "fmt": "pdf"})
        )
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        # The rows of its tables as tagged (cells as a screen reader announces them), and its text.
        return documents.table_rows(response.content), pdf_text(response.content)

    def test_the_header_names_programme_funder_reference_grant_and_share(self, text, funding):
        text = text[1]
        assert "Verwendungsnachweis" in text
        assert funding.programme.name in text
        assert "Servicestelle Kommunen in der Einen Welt" in text
        assert funding.reference in text
        assert "6.000,00 €" in text
        # 10 % of the booked 3,338.00 €.
        assert "10 % (333,80 €" in text

    def test_the_sums_are_the_booked_costs(self, text):
        rows = text[0]
        budget_total = next(row for row in rows if row[0] == "Summe")
        assert [parse_german(cell) for cell in budget_total[1:]] == [
            Decimal("4450.00"),
            TOTAL,
            Decimal("4450.00") - TOTAL,
        ]
        travel_row = next(row for row in rows if row[0] == "Reisekosten")
        assert [parse_german(cell) for cell in travel_row[1:]] == [
            Decimal("2500.00"),
            Decimal("1334.55"),
            Decimal("1165.45"),
        ]
        assert ["Summe Reisekosten", german(Decimal("1334.55"))] in rows

    def test_every_cost_with_date_payee_and_amount(self, text):
        text = text[1]
        assert "02.10.2025" in text and "Flüge" in text and "1.234,56" in text
        assert "Hotel Musterufer" in text and "2.003,45" in text

    def test_participants_in_latin_and_cyrillic_script(self, text):
        text = text[1]
        assert "Andrii Zrazkovyi" in text
        assert "Андрій Зразковий" in text
        assert "Оксана Прикладенко" in text
        assert "Erster stellvertretender Vorsitzender" in text

    def test_the_programme_as_held_without_cancelled_items(self, text):
        text = text[1]
        assert "17.11.2025" in text and "09:30–10:30" in text and "Empfang im Kreishaus" in text
        assert "Abgesagte Werksführung" not in text

    def test_the_outcomes(self, text):
        text = text[1]
        assert "Gemeinsamer Workshop zu Wärmepumpen im Frühjahr" in text
        assert "Gegenbesuch in Podilsk im Sommer 2026" in text
        assert "Vereinbarung" in text


class TestXlsx:
    @pytest.fixture
    def workbook(self, planner_client, funding):
        from openpyxl import load_workbook

        response = planner_client.get(
            reverse("funding:proof", kwargs={"pk": funding.delegation_id, "fmt": "xlsx"})
        )
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment;")
        return load_workbook(io.BytesIO(response.content))

    @staticmethod
    def money(value) -> Decimal:
        return Decimal(str(value)).quantize(Decimal("0.01"))

    def test_budget_lines_and_their_sum_equal_the_booked_costs(self, workbook):
        rows = {
            row[0]: row[1:] for row in workbook["Übersicht"].iter_rows(values_only=True) if row and row[0]
        }
        assert [self.money(v) for v in rows["Reisekosten"][:3]] == [
            Decimal("2500.00"),
            Decimal("1334.55"),
            Decimal("1165.45"),
        ]
        assert [self.money(v) for v in rows["Unterkunft"][:3]] == [
            Decimal("1800.00"),
            Decimal("2003.45"),
            Decimal("-203.45"),
        ]
        assert [self.money(v) for v in rows["Summe"][:3]] == [
            Decimal("4450.00"),
            TOTAL,
            Decimal("4450.00") - TOTAL,
        ]
        assert self.money(rows["bewilligter Betrag (€)"][0]) == Decimal("6000.00")

    def test_every_cost_and_their_sum(self, workbook):
        rows = list(workbook["Ausgaben"].iter_rows(values_only=True))
        costs = rows[1:-1]
        assert [(row[0].date(), row[2], self.money(row[4])) for row in costs] == [
            (dt.date(2025, 10, 2), "Flüge", Decimal("1234.56")),
            (dt.date(2025, 11, 16), "Bahn", Decimal("99.99")),
            (dt.date(2025, 11, 17), "Hotel", Decimal("2003.45")),
        ]
        assert rows[-1][0] == "Summe"
        assert self.money(rows[-1][4]) == sum((self.money(row[4]) for row in costs), Decimal(0)) == TOTAL

    def test_participants_programme_and_outcomes(self, workbook):
        people = list(workbook["Teilnehmende"].iter_rows(values_only=True))
        assert ("Andrii Zrazkovyi", "Андрій Зразковий", "Erster stellvertretender Vorsitzender") in people
        programme = [row[2] for row in workbook["Programm"].iter_rows(min_row=2, values_only=True)]
        assert programme == ["Empfang im Kreishaus"]
        outcomes = [row[3] for row in workbook["Ergebnisse"].iter_rows(min_row=2, values_only=True)]
        assert outcomes == [OUTCOMES[0]["text"], OUTCOMES[1]["text"]]


class TestAccess:
    @pytest.mark.parametrize("fmt", ["pdf", "xlsx"])
    def test_press_office_gets_no_proof(self, press_client, funding, fmt):
        url = reverse("funding:proof", kwargs={"pk": funding.delegation_id, "fmt": fmt})
        assert press_client.get(url).status_code == 403

    def test_read_only_reads_the_proof(self, reader_client, funding):
        url = reverse("funding:proof", kwargs={"pk": funding.delegation_id, "fmt": "xlsx"})
        assert reader_client.get(url).status_code == 200

    def test_anonymous_is_sent_to_the_login(self, anonymous_client, funding):
        url = reverse("funding:proof", kwargs={"pk": funding.delegation_id, "fmt": "pdf"})
        response = anonymous_client.get(url)
        assert response.status_code == 302

    def test_an_unknown_format_or_a_delegation_without_funding_is_a_404(self, planner_client, funding):
        assert (
            planner_client.get(
                reverse("funding:proof", kwargs={"pk": funding.delegation_id, "fmt": "csv"})
            ).status_code
            == 404
        )
        other = MemberFactory().delegation
        assert (
            planner_client.get(reverse("funding:proof", kwargs={"pk": other.pk, "fmt": "pdf"})).status_code
            == 404
        )


def test_a_formula_typed_as_a_payee_stays_text(planner_client, funding):
    from openpyxl import load_workbook

    CostFactory(line=funding.budget_lines.first(), payee='=HYPERLINK("http://x")', amount=Decimal("1.00"))
    response = planner_client.get(
        reverse("funding:proof", kwargs={"pk": funding.delegation_id, "fmt": "xlsx"})
    )
    payees = [
        row[3] for row in load_workbook(io.BytesIO(response.content))["Ausgaben"].iter_rows(values_only=True)
    ]
    assert '\'=HYPERLINK("http://x")' in payees

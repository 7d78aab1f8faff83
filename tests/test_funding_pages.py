"""The funding page of a delegation, the admin pages, and constant query counts at two sizes."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from funding.enums import CostCategory
from funding.proof import build_proof
from funding.queries import funding_of
from tests.factories import DelegationFactory, MemberFactory, ProgrammeItemFactory
from tests.factories_funding import BudgetLineFactory, CostFactory, DelegationFundingFactory

pytestmark = pytest.mark.django_db


def funding_with(costs: int, members: int = 3):
    funding = DelegationFundingFactory(amount_granted=Decimal("5000.00"))
    lines = [
        BudgetLineFactory(funding=funding, category=category, planned_amount=Decimal("500.00"))
        for category in (CostCategory.TRAVEL, CostCategory.CATERING, CostCategory.TRANSPORT)
    ]
    for index in range(costs):
        CostFactory(
            line=lines[index % 3], amount=Decimal("10.00"), spent_on=dt.date(2025, 11, 16 + index % 5)
        )
    MemberFactory.create_batch(members, delegation=funding.delegation)
    ProgrammeItemFactory.create_batch(costs, delegation=funding.delegation)
    return funding


def page_url(funding) -> str:
    return reverse("funding:delegation", kwargs={"pk": funding.delegation_id})


class TestPage:
    def test_planners_see_rules_budget_costs_with_receipt_links_and_the_form(self, planner_client):
        funding = funding_with(costs=2, members=6)

        response = planner_client.get(page_url(funding))

        html = response.content.decode()
        assert response.status_code == 200
        assert "6 Personen, das Programm fördert höchstens 5 Personen." in html
        assert html.count(
            reverse("funding:receipt", kwargs={"pk": funding.budget_lines.first().costs.first().pk})
        )
        assert "Ausgabe buchen" in html
        assert reverse("funding:proof", kwargs={"pk": funding.delegation_id, "fmt": "pdf"}) in html

    def test_budget_lines_show_planned_booked_and_remaining(self, planner_client):
        funding = DelegationFundingFactory()
        line = BudgetLineFactory(
            funding=funding, category=CostCategory.CATERING, planned_amount=Decimal("100")
        )
        CostFactory(line=line, amount=Decimal("1234.50"))

        html = planner_client.get(page_url(funding)).content.decode()

        assert "1.234,50" in html and "100,00" in html and "-1.134,50" in html
        assert 'class="number over"' in html

    def test_read_only_sees_costs_but_no_receipt_link_and_no_form(self, reader_client):
        funding = funding_with(costs=2)

        html = reader_client.get(page_url(funding)).content.decode()

        descriptions = list(
            funding.budget_lines.values_list("costs__description", flat=True).exclude(costs__isnull=True)
        )
        assert len(descriptions) == 2 and all(description in html for description in descriptions)
        assert "/admin/foerderung/beleg/" not in html
        assert "liegt vor" in html
        assert 'enctype="multipart/form-data"' not in html

    def test_press_office_gets_nothing(self, press_client):
        assert press_client.get(page_url(funding_with(costs=1))).status_code == 403

    def test_anonymous_is_sent_to_the_login(self, anonymous_client):
        response = anonymous_client.get(page_url(funding_with(costs=1)))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))

    def test_a_delegation_without_funding_says_so(self, planner_client):
        delegation = DelegationFactory()
        html = planner_client.get(
            reverse("funding:delegation", kwargs={"pk": delegation.pk})
        ).content.decode()
        assert "Für diese Delegation ist noch keine Förderung angelegt." in html
        assert f"{reverse('admin:funding_delegationfunding_add')}?delegation={delegation.pk}" in html

    def test_booking_errors_are_german_and_change_nothing(self, planner_client):
        funding = funding_with(costs=0)
        response = planner_client.post(page_url(funding), {"line": "", "amount": "-3", "spent_on": "gestern"})

        html = response.content.decode()
        assert response.status_code == 400
        assert "Bitte die markierten Angaben korrigieren." in html
        assert "Der Betrag muss größer als 0 sein." in html
        assert "Dieses Feld ist zwingend erforderlich." in html
        assert funding.budget_lines.filter(costs__isnull=False).count() == 0


def queries_of(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


class TestQueryCounts:
    # The count is measured on a small funding and then required of a large one: the session, two-factor and
    # other middleware of the shared project add queries of their own that this app does not control.
    def test_the_page_runs_the_same_queries_at_two_sizes(self, planner_client, django_assert_num_queries):
        small, large = funding_with(costs=2, members=2), funding_with(costs=14, members=14)
        queries_of(planner_client, page_url(small))  # session and permissions warmed like any later request
        expected = queries_of(planner_client, page_url(small))

        with django_assert_num_queries(expected):
            response = planner_client.get(page_url(large))
        assert response.content.decode().count("/admin/foerderung/beleg/") == 14

    @pytest.mark.parametrize("costs", [2, 14])
    def test_the_proof_is_built_in_the_same_queries_at_two_sizes(self, django_assert_num_queries, costs):
        funding = funding_of(funding_with(costs=costs, members=costs).delegation)

        with django_assert_num_queries(6):
            proof = build_proof(funding)
        assert len(proof.costs) == costs and len(proof.members) == costs and len(proof.items) == costs


class TestAdmin:
    def test_the_change_page_shows_the_warnings_and_links_the_page(self, planner_client):
        funding = funding_with(costs=1, members=6)
        url = reverse("admin:funding_delegationfunding_change", args=[funding.pk])

        html = planner_client.get(url).content.decode()

        assert "6 Personen, das Programm fördert höchstens 5 Personen." in html
        assert page_url(funding) in html

    def test_saving_a_funding_that_breaks_a_rule_is_allowed_and_warns(self, planner_client):
        funding = funding_with(costs=0, members=6)
        url = reverse("admin:funding_delegationfunding_change", args=[funding.pk])
        data = {
            "delegation": funding.delegation_id,
            "programme": funding.programme_id,
            "state": "granted",
            "applied_on": "2025-09-01",
            "reference": "SKEW-1",
            "amount_granted": "4000.00",
            "co_financing_percent": "12.5",
            "note": "",
            "budget_lines-TOTAL_FORMS": "3",
            "budget_lines-INITIAL_FORMS": "3",
            **{
                f"budget_lines-{index}-{key}": value
                for index, line in enumerate(funding.budget_lines.order_by("pk"))
                for key, value in {
                    "id": line.pk,
                    "funding": funding.pk,
                    "category": line.category,
                    "planned_amount": "600.00",
                }.items()
            },
        }

        response = planner_client.post(url, data, follow=True)

        funding.refresh_from_db()
        assert funding.co_financing_percent == Decimal("12.50")
        assert "6 Personen, das Programm fördert höchstens 5 Personen." in [
            str(message) for message in response.context["messages"]
        ]

    def test_the_cost_list_with_filters_runs_the_same_queries_at_two_sizes(
        self, planner_client, django_assert_num_queries
    ):
        def url(funding):
            return (
                reverse("admin:funding_cost_changelist")
                + f"?delegation={funding.delegation_id}&month=2025-11"
            )

        small, large = funding_with(costs=2), funding_with(costs=14)
        queries_of(planner_client, url(small))
        expected = queries_of(planner_client, url(small))

        with django_assert_num_queries(expected):
            response = planner_client.get(url(large))
        assert response.content.decode().count("/admin/foerderung/beleg/") == 14

    def test_read_only_sees_a_cost_without_its_storage_name(self, reader_client):
        cost = funding_with(costs=1).budget_lines.get(category=CostCategory.TRAVEL).costs.get()

        html = reader_client.get(reverse("admin:funding_cost_change", args=[cost.pk])).content.decode()

        assert cost.description in html
        assert cost.receipt.name not in html
        assert "liegt vor" in html


@pytest.mark.parametrize(
    "name",
    ["admin:funding_delegationfunding_add", "admin:funding_cost_add", "admin:funding_fundingprogramme_add"],
)
def test_the_admin_add_pages_open_for_planners(planner_client, name):
    assert planner_client.get(reverse(name)).status_code == 200

"""The demo's funding: SKEW's rules, the grant, budget and costs with receipts, and the warning it shows."""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from delegations.models import Delegation
from demo.loader import read_data
from followup.queries import outcomes_for_delegation
from funding.allowances import compute_allowances
from funding.enums import Meal
from funding.models import BudgetLine, Cost, DailyRate, DelegationFunding, FundingProgramme
from funding.receipts import check_receipt
from funding.rules import check_funding
from tests import documents

pytestmark = pytest.mark.django_db

# The costs as the demo's data file has them.
COSTS = read_data()["funding"]["cost"]


@pytest.fixture
def funding():
    call_command("seed_demo", stdout=io.StringIO())
    return DelegationFunding.objects.select_related("programme", "delegation").get(
        delegation=Delegation.objects.get(slug="podilsk-2025")
    )


def test_the_seven_day_visit_is_the_one_rule_the_demo_breaks(funding):
    assert (funding.programme.max_people, funding.programme.min_days, funding.programme.max_days) == (5, 3, 5)
    assert funding.programme.min_notice_days == 42
    assert funding.co_financing_percent == Decimal("10.00")
    assert check_funding(funding) == ["Die Reise dauert 7 Tage, das Programm fördert höchstens 5 Tage."]


def test_every_demo_row_passes_full_clean_and_every_receipt_its_check(funding):
    for model in (FundingProgramme, DelegationFunding, BudgetLine, Cost, DailyRate):
        rows = list(model.objects.all())
        assert rows, model
        for row in rows:
            row.full_clean()
    costs = list(Cost.objects.all())
    assert len(costs) == len(COSTS) == 8
    for cost in costs:
        with cost.receipt.open("rb") as handle:
            assert check_receipt(handle) == cost.receipt.name.rsplit(".", 1)[-1]


def test_the_demo_proof_holds_the_costs_the_names_and_the_outcomes(planner_client, funding):
    response = planner_client.get(
        reverse("funding:proof", kwargs={"pk": funding.delegation_id, "fmt": "pdf"})
    )
    text = documents.squeezed(documents.text(response))

    total = sum((Decimal(cost["amount"]) for cost in COSTS), Decimal(0))
    assert f"{total:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".") in text
    assert "Андрій Зразковий" in text
    outcomes = outcomes_for_delegation(funding.delegation)
    assert outcomes
    assert all(" ".join(outcome["text"].split()) in text for outcome in outcomes)


def test_the_guests_per_diem_comes_from_the_programmes_rate_after_the_hotel_breakfast(funding):
    allowances = compute_allowances(funding, funding.delegation.members.all())

    assert allowances.incoming and allowances.missing_days == []
    assert [rate.programme for rate in allowances.rates] == [funding.programme]
    assert allowances.lodging_total == 0  # the hotel is booked with its invoice
    for row in allowances.members:
        assert row.days, row.member
        # Breakfast comes with the hotel: every day after a night is shortened by it.
        assert all(Meal.BREAKFAST in day.meals for day in row.days[1:])
    assert allowances.daily_total > 0

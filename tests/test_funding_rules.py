"""The funding rule check: each rule with a trip that breaks it and one that keeps it."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from funding.enums import CostCategory, FundingState
from funding.models import BudgetLine, Cost, DelegationFunding
from funding.rules import check_funding
from tests.factories import DelegationFactory, MemberFactory
from tests.factories_funding import (
    BudgetLineFactory,
    CostFactory,
    DelegationFundingFactory,
    FundingProgrammeFactory,
)

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 12, 1)


def warnings_of(funding, today=TODAY) -> list[str]:
    funding = DelegationFunding.objects.select_related("programme", "delegation").get(pk=funding.pk)
    return check_funding(funding, today=today)


def with_members(count: int, **funding_fields):
    funding = DelegationFundingFactory(**funding_fields)
    MemberFactory.create_batch(count, delegation=funding.delegation)
    return funding


def test_a_trip_within_every_rule_gets_no_warning():
    assert warnings_of(with_members(5)) == []


def test_more_people_than_the_programme_funds():
    assert warnings_of(with_members(6)) == ["6 Personen, das Programm fördert höchstens 5 Personen."]


def test_fewer_days_than_the_programme_needs():
    funding = with_members(2)
    funding.delegation.departure_date = dt.date(2025, 11, 17)
    funding.delegation.save()

    assert warnings_of(funding) == ["Die Reise dauert 2 Tage, das Programm fördert erst ab 3 Tagen."]

    funding.delegation.departure_date = dt.date(2025, 11, 18)
    funding.delegation.save()
    assert warnings_of(funding) == []


def test_more_days_than_the_programme_funds():
    funding = with_members(2)
    funding.delegation.departure_date = dt.date(2025, 11, 22)
    funding.delegation.save()

    assert warnings_of(funding) == ["Die Reise dauert 7 Tage, das Programm fördert höchstens 5 Tage."]


def test_an_application_later_than_the_notice_period():
    # 16 Nov minus 42 days is 5 Oct: applying on 6 Oct is a day late, on 5 Oct just in time.
    late = with_members(1, applied_on=dt.date(2025, 10, 6))
    in_time = with_members(1, applied_on=dt.date(2025, 10, 5))

    assert warnings_of(late) == [
        "Beantragt am 06.10.2025, das Programm verlangt den Antrag bis 05.10.2025 (42 Tage vor Reisebeginn)."
    ]
    assert warnings_of(in_time) == []


def test_no_application_yet_warns_only_once_the_deadline_has_passed():
    funding = with_members(1, state=FundingState.PLANNED, applied_on=None, amount_granted=None)

    assert warnings_of(funding, today=dt.date(2025, 10, 5)) == []
    assert warnings_of(funding, today=dt.date(2025, 10, 6)) == [
        "Noch nicht beantragt, die Frist ist am 05.10.2025 abgelaufen (42 Tage vor Reisebeginn)."
    ]


def test_costs_above_the_granted_amount():
    funding = with_members(1, amount_granted=Decimal("300.00"))
    line = BudgetLineFactory(funding=funding, planned_amount=Decimal("1000.00"))
    CostFactory(line=line, amount=Decimal("200.00"))
    assert warnings_of(funding) == []

    CostFactory(line=line, amount=Decimal("100.01"))
    assert warnings_of(funding) == ["Gebucht sind 300,01 €, bewilligt nur 300,00 €: 0,01 € darüber."]


def test_a_budget_line_over_its_plan():
    funding = with_members(1, amount_granted=Decimal("5000.00"))
    travel = BudgetLineFactory(
        funding=funding, category=CostCategory.TRAVEL, planned_amount=Decimal("1000.00")
    )
    catering = BudgetLineFactory(
        funding=funding, category=CostCategory.CATERING, planned_amount=Decimal("50")
    )
    CostFactory(line=travel, amount=Decimal("1000.00"))
    assert warnings_of(funding) == []

    CostFactory(line=catering, amount=Decimal("1234.50"))
    assert warnings_of(funding) == [
        "Budgetposten „Verpflegung“: gebucht 1.234,50 €, geplant 50,00 € (1.184,50 € darüber)."
    ]


class TestConstraints:
    def test_clean_says_what_is_wrong_in_german(self):
        funding = DelegationFundingFactory.build(
            delegation=DelegationFactory(),
            programme=FundingProgrammeFactory(),
            co_financing_percent=Decimal("120"),
            amount_granted=Decimal("-1"),
            state=FundingState.APPLIED,
            applied_on=None,
        )
        with pytest.raises(ValidationError) as error:
            funding.full_clean()
        messages = error.value.message_dict
        assert sorted(messages) == ["amount_granted", "applied_on", "co_financing_percent"]
        assert "Der Eigenanteil muss zwischen 0 und 100 % liegen." in messages["co_financing_percent"]
        assert "Der bewilligte Betrag darf nicht negativ sein." in messages["amount_granted"]
        assert messages["applied_on"] == ["Bitte das Datum des Antrags angeben."]

    def test_a_granted_funding_needs_its_amount(self):
        funding = DelegationFundingFactory.build(
            delegation=DelegationFactory(), programme=FundingProgrammeFactory(), amount_granted=None
        )
        with pytest.raises(ValidationError) as error:
            funding.full_clean()
        assert error.value.message_dict == {
            "amount_granted": ["Eine bewilligte Förderung braucht den bewilligten Betrag."]
        }

    def test_a_cost_of_zero_is_refused_with_a_message(self):
        cost = CostFactory.build(line=BudgetLineFactory(), amount=Decimal("0"))
        with pytest.raises(ValidationError) as error:
            cost.full_clean()
        assert "Der Betrag muss größer als 0 sein." in error.value.message_dict["amount"]

    @pytest.mark.parametrize(
        ("model", "field", "value"),
        [
            (DelegationFunding, "co_financing_percent", Decimal("100.01")),
            (DelegationFunding, "co_financing_percent", Decimal("-0.01")),
            (DelegationFunding, "amount_granted", Decimal("-5.00")),
            (BudgetLine, "planned_amount", Decimal("-1.00")),
            (Cost, "amount", Decimal("0.00")),
        ],
    )
    def test_the_database_refuses_what_clean_refuses(self, model, field, value):
        instance = {
            DelegationFunding: DelegationFundingFactory,
            BudgetLine: BudgetLineFactory,
            Cost: CostFactory,
        }[model]()
        with pytest.raises(IntegrityError), transaction.atomic():
            model.objects.filter(pk=instance.pk).update(**{field: value})

    def test_one_line_per_category(self):
        line = BudgetLineFactory()
        with pytest.raises(IntegrityError), transaction.atomic():
            BudgetLine.objects.create(funding=line.funding, category=line.category)

"""Reads with rules: a funding's budget (planned, booked, remaining per line) and a delegation's costs."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import DecimalField, Sum, Value
from django.db.models.functions import Coalesce

from .enums import CostCategory
from .models import ZERO, BudgetLine, Cost, DelegationFunding

_CATEGORY_ORDER = {value: index for index, value in enumerate(CostCategory.values)}


@dataclass(frozen=True)
class LineFigures:
    line: BudgetLine
    planned: Decimal
    booked: Decimal

    @property
    def remaining(self) -> Decimal:
        return self.planned - self.booked

    @property
    def over_plan(self) -> bool:
        return self.booked > self.planned


@dataclass(frozen=True)
class FundingFigures:
    funding: DelegationFunding
    lines: list[LineFigures]
    member_count: int

    @property
    def total_planned(self) -> Decimal:
        return sum((line.planned for line in self.lines), ZERO)

    @property
    def total_booked(self) -> Decimal:
        return sum((line.booked for line in self.lines), ZERO)

    @property
    def total_remaining(self) -> Decimal:
        return self.total_planned - self.total_booked


def funding_of(delegation) -> DelegationFunding | None:
    """The delegation's funding with its programme, or None (one query)."""
    return (
        DelegationFunding.objects.select_related("programme", "delegation__partnership")
        .filter(delegation=delegation)
        .first()
    )


def funding_figures(funding: DelegationFunding) -> FundingFigures:
    """Budget lines in category order with what is booked on each, and the delegation's head count."""
    lines = BudgetLine.objects.filter(funding=funding).annotate(
        booked=Coalesce(
            Sum("costs__amount"), Value(ZERO), output_field=DecimalField(max_digits=12, decimal_places=2)
        )
    )
    figures = sorted(
        (LineFigures(line=line, planned=line.planned_amount, booked=line.booked) for line in lines),
        key=lambda figure: _CATEGORY_ORDER.get(figure.line.category, len(_CATEGORY_ORDER)),
    )
    return FundingFigures(funding=funding, lines=figures, member_count=funding.delegation.members.count())


def costs_of(funding: DelegationFunding):
    """The funding's costs in date order, with their line and who booked them."""
    return Cost.objects.filter(line__funding=funding).select_related("line", "booked_by").in_order()

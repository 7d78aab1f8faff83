"""Factories of the funding app: a programme with SKEW-like rules, a delegation's funding, lines and costs."""

import datetime as dt
import io
from decimal import Decimal

import factory
from django.core.files.base import ContentFile

from funding.enums import CostCategory, FundingState
from funding.models import BudgetLine, Cost, DailyRate, DelegationFunding, FundingProgramme
from tests.factories import DelegationFactory


def png_bytes(size=(40, 30)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(buffer, format="PNG")
    return buffer.getvalue()


def pdf_bytes() -> bytes:
    """A small real PDF (one empty page), as a scanner would write it."""
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
        b"trailer<</Root 1 0 R>>\n%%EOF\n"
    )


class FundingProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundingProgramme

    name = factory.Sequence(lambda n: f"Programm {n}")
    funder = "Servicestelle Kommunen in der Einen Welt"
    max_people = 5
    min_days = 3
    max_days = 5
    min_notice_days = 42


class DelegationFundingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DelegationFunding

    # A five-day trip, well within the factory programme's rules.
    delegation = factory.SubFactory(
        DelegationFactory, arrival_date=dt.date(2025, 11, 16), departure_date=dt.date(2025, 11, 20)
    )
    programme = factory.SubFactory(FundingProgrammeFactory)
    state = FundingState.GRANTED
    applied_on = dt.date(2025, 9, 1)
    reference = factory.Sequence(lambda n: f"SKEW-2025-{n:04d}")
    amount_granted = Decimal("5000.00")
    co_financing_percent = Decimal("10.00")


class BudgetLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetLine

    funding = factory.SubFactory(DelegationFundingFactory)
    category = CostCategory.TRAVEL
    planned_amount = Decimal("2000.00")


class CostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cost

    line = factory.SubFactory(BudgetLineFactory)
    spent_on = dt.date(2025, 11, 17)
    description = factory.Sequence(lambda n: f"Ausgabe {n}")
    payee = "Taxi Beispiel"
    amount = Decimal("100.00")
    receipt = factory.LazyFunction(lambda: ContentFile(png_bytes(), name="beleg.png"))
    receipt_name = "beleg.png"


class DailyRateFactory(factory.django.DjangoModelFactory):
    """A programme's rate for its guests in Germany, for 2025 (the law's rates come from a migration)."""

    class Meta:
        model = DailyRate

    programme = factory.SubFactory(FundingProgrammeFactory)
    country = "DE"
    valid_from = dt.date(2025, 1, 1)
    valid_until = dt.date(2025, 12, 31)
    full_day = Decimal("30.00")
    partial_day = Decimal("15.00")
    lodging = Decimal("60.00")
    source_name = "Förderrichtlinie (Test)"

"""The demo's funding: SKEW's programme for delegation trips, the Podilsk visit's grant, budget and costs.

The demo visit lasts seven days while the programme funds at most five: the rule check on the funding
page warns about that, which is what the demo is meant to show. Receipts are drawn here (PNG with Pillow,
PDF through the documents' renderer), and only when their cost is missing, so a second run stores no file.
"""

import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal

from django.core.files.base import ContentFile

from .enums import CostCategory, FundingState
from .models import BudgetLine, Cost, DelegationFunding, FundingProgramme

REPORTED_MODELS = (FundingProgramme, DelegationFunding, BudgetLine, Cost)

SKEW = {
    "name": "SKEW – Förderung kommunaler Delegationsreisen",
    "funder": "Servicestelle Kommunen in der Einen Welt (SKEW) im Auftrag des BMZ",
    "url": "https://skew.engagement-global.de/",
    "description": (
        "Gefördert werden Reisen kommunaler Delegationen im Rahmen einer Partnerschaft: "
        "höchstens fünf Personen für drei bis fünf Tage. Der Antrag ist spätestens sechs Wochen "
        "vor Reisebeginn zu stellen; nach der Reise folgt der Verwendungsnachweis mit Belegliste, "
        "Teilnehmendenliste und Programm. (Demo-Text, nicht die Förderrichtlinie.)"
    ),
    "max_people": 5,
    "min_days": 3,
    "max_days": 5,
    "min_notice_days": 42,
    "max_grant": Decimal("10000.00"),
}

BUDGET = {
    CostCategory.TRAVEL: Decimal("3200.00"),
    CostCategory.ACCOMMODATION: Decimal("2700.00"),
    CostCategory.INTERPRETING: Decimal("1800.00"),
    CostCategory.CATERING: Decimal("900.00"),
    CostCategory.TRANSPORT: Decimal("600.00"),
    CostCategory.OTHER: Decimal("300.00"),
}


@dataclass(frozen=True)
class DemoCost:
    category: str
    spent_on: dt.date
    description: str
    payee: str
    amount: Decimal
    receipt: str  # "pdf" or "png"
    filename: str


COSTS = (
    DemoCost(
        CostCategory.TRAVEL,
        dt.date(2025, 10, 20),
        "Flüge Chișinău–München–Düsseldorf und zurück, drei Personen",
        "Reisebüro Beispielweg GmbH",
        Decimal("2860.00"),
        "pdf",
        "rechnung-fluege.pdf",
    ),
    DemoCost(
        CostCategory.ACCOMMODATION,
        dt.date(2025, 11, 22),
        "Hotel, vier Einzelzimmer, sechs Nächte mit Frühstück",
        "Hotel am Musterufer",
        Decimal("2496.00"),
        "pdf",
        "rechnung-hotel.pdf",
    ),
    DemoCost(
        CostCategory.INTERPRETING,
        dt.date(2025, 11, 21),
        "Dolmetschen Deutsch–Ukrainisch, 17. bis 21. November",
        "Übersetzungsbüro Probesatz",
        Decimal("1650.00"),
        "png",
        "honorar-dolmetschen.png",
    ),
    DemoCost(
        CostCategory.CATERING,
        dt.date(2025, 11, 17),
        "Arbeitsessen nach dem Empfang im Kreishaus",
        "Gasthaus Zur Probe",
        Decimal("312.40"),
        "png",
        "bewirtung-17-11.png",
    ),
    DemoCost(
        CostCategory.CATERING,
        dt.date(2025, 11, 19),
        "Mittagsimbiss beim Unternehmensbesuch",
        "Bäckerei Beispielkorn",
        Decimal("186.50"),
        "png",
        "bewirtung-19-11.png",
    ),
    DemoCost(
        CostCategory.TRANSPORT,
        dt.date(2025, 11, 16),
        "Transfer Flughafen Düsseldorf–Kleve",
        "Taxi Musterfahrt Kleve",
        Decimal("148.00"),
        "png",
        "taxi-16-11.png",
    ),
    DemoCost(
        CostCategory.TRANSPORT,
        dt.date(2025, 11, 18),
        "Kleinbus mit Fahrer, Tagesmiete für die Unternehmensbesuche",
        "Busvermietung Beispielrad",
        Decimal("219.00"),
        "png",
        "kleinbus-18-11.png",
    ),
    DemoCost(
        CostCategory.OTHER,
        dt.date(2025, 11, 20),
        "Gastgeschenke: Bildbände über den Niederrhein",
        "Buchhandlung Musterblatt",
        Decimal("94.90"),
        "png",
        "gastgeschenke.png",
    ),
)


def _png_receipt(cost: DemoCost) -> bytes:
    """A small drawn till receipt: payee, date, what and how much."""
    from PIL import Image, ImageDraw, ImageFont

    try:
        font = ImageFont.truetype("DejaVuSans.ttf", 16)
    except OSError:
        font = ImageFont.load_default(size=16)
    image = Image.new("RGB", (420, 260), "white")
    draw = ImageDraw.Draw(image)
    lines = [
        cost.payee,
        f"{cost.spent_on:%d.%m.%Y}",
        "",
        cost.description[:44],
        cost.description[44:88],
        "",
        f"Summe EUR {cost.amount:.2f}".replace(".", ","),
        "Demo-Beleg",
    ]
    for row, text in enumerate(lines):
        draw.text((16, 14 + row * 28), text, fill="black", font=font)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _pdf_receipt(cost: DemoCost) -> bytes:
    from visits.documents.pdf import render_pdf

    return render_pdf("funding/demo_receipt.html", {"cost": cost})


def _receipt(cost: DemoCost) -> ContentFile:
    content = _pdf_receipt(cost) if cost.receipt == "pdf" else _png_receipt(cost)
    return ContentFile(content, name=cost.filename)


def seed(context) -> None:
    programme = context.ensure(
        FundingProgramme, {"name": SKEW["name"]}, {k: v for k, v in SKEW.items() if k != "name"}
    )
    delegation = context.delegation
    funding = context.ensure(
        DelegationFunding,
        {"delegation": delegation},
        {
            "programme": programme,
            "state": FundingState.GRANTED,
            "applied_on": delegation.arrival_date - dt.timedelta(days=56),
            "reference": "SKEW-DR-2025-0417 (Demo)",
            "amount_granted": Decimal("9000.00"),
            "co_financing_percent": Decimal("10.00"),
            "note": "Bewilligt für vier Personen; die Verlängerung auf sieben Tage trägt der Kreis selbst.",
        },
    )
    lines = {
        category: context.ensure(
            BudgetLine, {"funding": funding, "category": category}, {"planned_amount": planned}
        )
        for category, planned in BUDGET.items()
    }
    for cost in COSTS:
        lookup = {"line": lines[cost.category], "spent_on": cost.spent_on, "description": cost.description}
        values = {"payee": cost.payee, "amount": cost.amount, "receipt_name": cost.filename}
        if not Cost.objects.filter(**lookup).exists():
            values["receipt"] = _receipt(cost)  # drawn only when the cost is new
        context.ensure(Cost, lookup, values)

"""The table of daily rates starts with the federal travel-expense rates for 2025 and 2026, and the staff groups
get their permissions on it.

A data migration, not demo data: every county that sends staff to Ukraine needs these published rates, and
staff correct them in the admin when the next letter appears. Figures not verified against the published
letter are marked "zu prüfen" in their source note (see the report of issue 17, point 5).
"""

import datetime as dt
from decimal import Decimal

from django.db import migrations

from delegations.roles import apply_role_permissions

BRKG = (
    "Bundesreisekostengesetz (BRKG): § 6 Abs. 1 Tagegeld nach § 9 Abs. 4a EStG (28 € voller Tag, 14 € An- und "
    "Abreisetag), § 7 Abs. 1 Übernachtungsgeld pauschal 20 €"
)
BRKG_URL = "https://www.gesetze-im-internet.de/brkg_2005/"
BMF = (
    "BMF-Schreiben „Steuerliche Behandlung von Reisekosten und Reisekostenvergütungen bei betrieblich und "
    "beruflich veranlassten Auslandsreisen ab 1. Januar {year}“ (Auslandstagegelder und "
    "Auslandsübernachtungsgelder, gleich der Festsetzung nach § 3 Auslandsreisekostenverordnung)"
)
BMF_URL = "https://www.bundesfinanzministerium.de/"
UKRAINE_NOTE = (
    "zu prüfen: 26 € / 17 € / 98 € sind die Werte für die Ukraine aus den BMF-Schreiben der Vorjahre; beim "
    "Anlegen war das Schreiben für {year} nicht zugänglich. Bitte mit dem Schreiben abgleichen und diesen "
    "Hinweis dann löschen."
)

RATES = [
    *(
        {
            "country": "DE",
            "valid_from": dt.date(year, 1, 1),
            "valid_until": dt.date(year, 12, 31),
            "full_day": Decimal("28.00"),
            "partial_day": Decimal("14.00"),
            "lodging": Decimal("20.00"),
            "source_name": BRKG,
            "source_url": BRKG_URL,
            "source_note": "",
        }
        for year in (2025, 2026)
    ),
    *(
        {
            "country": "UA",
            "valid_from": dt.date(year, 1, 1),
            "valid_until": dt.date(year, 12, 31),
            "full_day": Decimal("26.00"),
            "partial_day": Decimal("17.00"),
            "lodging": Decimal("98.00"),
            "source_name": BMF.format(year=year),
            "source_url": BMF_URL,
            "source_note": UKRAINE_NOTE.format(year=year),
        }
        for year in (2025, 2026)
    ),
]


def seed_rates(apps, schema_editor) -> None:
    DailyRate = apps.get_model("funding", "DailyRate")
    for rate in RATES:
        exists = DailyRate.objects.filter(
            programme=None,
            country=rate["country"],
            valid_from__lte=rate["valid_until"],
            valid_until__gte=rate["valid_from"],
        ).exists()
        if not exists:  # a rate entered by hand for the period wins
            DailyRate.objects.create(programme=None, **rate)


def remove_rates(apps, schema_editor) -> None:
    DailyRate = apps.get_model("funding", "DailyRate")
    for rate in RATES:
        DailyRate.objects.filter(
            programme=None, country=rate["country"], valid_from=rate["valid_from"], source_name=rate["source_name"]
        ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("funding", "0003_daily_rates"),
    ]

    operations = [
        migrations.RunPython(seed_rates, remove_rates),
        migrations.RunPython(apply_role_permissions, migrations.RunPython.noop),
    ]

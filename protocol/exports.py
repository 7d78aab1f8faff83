"""The protocol's files: running order and seating plan as PDF, place cards as PDF, the gifts register as
CSV and XLSX. Builders only; the views wrap them in responses."""

import csv
import io

from django.utils import timezone
from django.utils.translation import gettext as _

from visits.documents.pdf import PRINT_STYLESHEET, render_pdf
from visits.documents.tables import safe_cell

from .documents import RunningOrder
from .models.people import PersonName

SEATING_STYLESHEET = "protocol/seating.css"
PLACE_CARDS_STYLESHEET = "protocol/place-cards.css"


def running_order_pdf(order: RunningOrder) -> bytes:
    return render_pdf(
        "protocol/running_order_pdf.html",
        {
            "order": order,
            "item": order.item,
            "delegation": order.item.delegation,
            "printed_at": timezone.localtime(),
        },
        stylesheets=(PRINT_STYLESHEET, SEATING_STYLESHEET),
    )


def place_cards_pdf(cards: list[PersonName], *, title: str) -> bytes:
    """Tent cards, two per A4 page: cut along the middle, fold each half; the name reads from both sides."""
    return render_pdf(
        "protocol/place_cards_pdf.html",
        {"cards": cards, "title": title},
        stylesheets=(PLACE_CARDS_STYLESHEET,),
    )


def gift_columns() -> list[str]:
    return [
        _("Datum"),
        _("Richtung"),
        _("Geschenk"),
        _("Schenkende/r"),
        _("Empfänger/in"),
        _("Wert in EUR"),
        _("Anlass"),
        _("Verbleib"),
        _("Bemerkung"),
    ]


def gift_rows(gifts) -> list[list]:
    return [
        [
            gift.date,
            gift.get_direction_display(),
            gift.description,
            gift.giver,
            gift.recipient,
            gift.value_eur,
            gift.occasion.title if gift.occasion else "",
            gift.kept_at,
            gift.remark,
        ]
        for gift in gifts
    ]


def gifts_csv(gifts) -> bytes:
    """UTF-8 with byte order mark (so spreadsheets read Cyrillic), ISO dates, values with a decimal point."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(gift_columns())
    for row in gift_rows(gifts):
        writer.writerow(
            [safe_cell(value.isoformat() if hasattr(value, "isoformat") else value) for value in row]
        )
    return buffer.getvalue().encode("utf-8-sig")


def gifts_xlsx(gifts, *, title: str) -> bytes:
    """One sheet with a bold header and a filter; dates as dates and values as euro amounts, with a total."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Geschenke")[:31]
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([])
    sheet.append(gift_columns())
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
    rows = gift_rows(gifts)
    for row in rows:
        sheet.append([safe_cell(value) for value in row])
        sheet.cell(sheet.max_row, 1).number_format = "DD.MM.YYYY"
        sheet.cell(sheet.max_row, 6).number_format = "#,##0.00 €"
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"
    sheet.auto_filter.ref = f"A{header_row}:I{max(sheet.max_row, header_row)}"
    sheet.freeze_panes = f"A{header_row + 1}"
    if rows:
        sheet.append([_("Summe"), None, None, None, None, sum(row[5] for row in rows)])
        sheet.cell(sheet.max_row, 1).font = Font(bold=True)
        sheet.cell(sheet.max_row, 6).number_format = "#,##0.00 €"
    for column, width in zip("ABCDEFGHI", (12, 22, 36, 28, 28, 12, 30, 28, 30), strict=True):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

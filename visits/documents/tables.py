"""A staff list as a file: CSV (UTF-8 with byte order mark, so spreadsheet programs read Cyrillic), XLSX
(openpyxl) or PDF (WeasyPrint, from the same table the admin page shows)."""

import csv
import io
import re

from django.utils import timezone
from django.utils.translation import gettext as _

from .lists import StaffList
from .pdf import render_pdf

# A cell that starts like a formula is written as text, so a need typed by a guest cannot run in a
# spreadsheet. Phone numbers ("+49 2821 …") start with a plus too and stay as they are.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PHONE = re.compile(r"^\+[\d\s()/-]+$")


def safe_cell(value):
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _PHONE.match(value):
        return "'" + value
    return value


def list_csv(staff_list: StaffList) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(staff_list.columns)
    for row in staff_list.rows:
        writer.writerow([safe_cell(value) for value in row])
    return buffer.getvalue().encode("utf-8-sig")


def _sheet_title(title: str) -> str:
    return re.sub(r"[\[\]:*?/\\]", " ", title)[:31] or "Liste"


def list_xlsx(staff_list: StaffList) -> bytes:
    """One sheet: title, notes, a bold header row with a filter, then the rows; the header stays in view."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _sheet_title(staff_list.title)
    sheet.append([f"{staff_list.title}: {staff_list.delegation}"])
    sheet["A1"].font = Font(bold=True, size=14)
    for note in staff_list.notes:
        sheet.append([note])
    sheet.append([])
    header_row = sheet.max_row + 1
    sheet.append(list(staff_list.columns))
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
    for row in staff_list.rows:
        sheet.append([safe_cell(value) for value in row])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the text starts with
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            else:
                cell.alignment = Alignment(vertical="top")
    last_column = get_column_letter(len(staff_list.columns))
    sheet.auto_filter.ref = f"A{header_row}:{last_column}{max(sheet.max_row, header_row)}"
    sheet.freeze_panes = f"A{header_row + 1}"
    for index, label in enumerate(staff_list.columns, start=1):
        longest = max([len(str(label)), *(len(str(row[index - 1])) for row in staff_list.rows)])
        sheet.column_dimensions[get_column_letter(index)].width = min(max(10, longest + 2), 50)
    if staff_list.totals:
        # The sums on a sheet of their own, so the list's sheet stays one table to filter and sort.
        sums = workbook.create_sheet(_sheet_title(str(_("Summen"))))
        for totals in staff_list.totals:
            sums.append([totals.title])
            sums[sums.max_row][0].font = Font(bold=True)
            sums.append(list(totals.columns))
            for cell in sums[sums.max_row]:
                cell.font = Font(bold=True)
            for row in totals.rows:
                sums.append(list(row))
            sums.append([])
        sums.column_dimensions["A"].width = 36
    workbook.properties.title = f"{staff_list.title}: {staff_list.delegation}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def list_pdf(staff_list: StaffList) -> bytes:
    return render_pdf(
        "documents/list_pdf.html",
        {"list": staff_list, "delegation": staff_list.delegation, "printed_at": timezone.localtime()},
    )

"""Reading a programme spreadsheet, its preview, the import in one transaction, its undo, and the template.

Decisions: a row naming a venue or person the database does not know is an error of that row, like any other
bad value, and a file with an error in any row imports nothing (there is no "skip such rows": a programme
with holes is worse than a file to mend). Conflicts are shown and do not block, as when saving an item.
"""

import csv
import io
import uuid
from dataclasses import dataclass, field

import tablib
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from import_export.formats.base_formats import CSV, ODS, XLSX

from delegations.models import Delegation

from ..models import ProgrammeItem
from .cells import is_blank
from .resource import COLUMNS, Finding, ProgrammeItemResource, RowFinding


class SpreadsheetCSV(CSV):
    """CSV as spreadsheet programmes write it: comma or semicolon (German Excel), with or without a BOM, in
    UTF-8 or Windows-1252. Read as bytes, so the encoding is found here and not assumed on upload."""

    def is_binary(self):
        return True

    def get_read_mode(self):
        return "rb"

    def create_dataset(self, in_stream, **kwargs):
        if isinstance(in_stream, bytes):
            try:
                in_stream = in_stream.decode("utf-8-sig")
            except UnicodeDecodeError:
                in_stream = in_stream.decode("cp1252")  # Excel's "CSV (Trennzeichen-getrennt)"
        in_stream = in_stream.removeprefix("\ufeff")
        first_line = in_stream.split("\n", 1)[0]
        delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
        return tablib.Dataset().load(io.StringIO(in_stream).read(), format="csv", delimiter=delimiter)


def spreadsheet_formats() -> list:
    """The formats offered: CSV and XLSX; ODS as soon as its reader (odfpy) is installed."""
    formats = [SpreadsheetCSV, XLSX]
    if ODS().is_available():
        formats.append(ODS)
    return formats


class UnreadableFile(Exception):
    """The file is not a spreadsheet this import can read; the message says so in the user's language."""


def read_spreadsheet(content: bytes, file_name: str) -> tablib.Dataset:
    """The first sheet of a .csv, .xlsx (or, with odfpy, .ods) file, chosen by the file's extension."""
    extension = file_name.rsplit(".", 1)[-1].lower() if "." in file_name else ""
    by_extension = {fmt().get_extension(): fmt for fmt in spreadsheet_formats()}
    if extension not in by_extension:
        raise UnreadableFile(
            _("„%(name)s“: nur diese Dateiarten werden gelesen: %(formats)s.")
            % {"name": file_name, "formats": ", ".join(f".{ext}" for ext in by_extension)}
        )
    try:
        dataset = by_extension[extension]().create_dataset(content)
    except (ValueError, KeyError, IndexError, StopIteration, csv.Error, tablib.InvalidDimensions, OSError):
        raise UnreadableFile(
            _("„%(name)s“ lässt sich nicht als Tabelle lesen.") % {"name": file_name}
        ) from None
    except Exception as error:  # openpyxl and zipfile raise many kinds for a damaged file
        if type(error).__module__.split(".")[0] in {"zipfile", "openpyxl", "xml", "odf"}:
            raise UnreadableFile(
                _("„%(name)s“ lässt sich nicht als Tabelle lesen.") % {"name": file_name}
            ) from None
        raise
    return dataset


@dataclass
class ImportReport:
    """What an import (or its preview) found and did."""

    row_count: int
    findings: list[RowFinding] = field(default_factory=list)
    file_errors: list[str] = field(default_factory=list)
    created: list[ProgrammeItem] = field(default_factory=list)
    planned: list[ProgrammeItem] = field(default_factory=list)
    batch: uuid.UUID | None = None

    @property
    def blocking(self) -> bool:
        return bool(self.file_errors) or any(finding.blocks for finding in self.findings)

    @property
    def conflicts(self) -> list[RowFinding]:
        return [finding for finding in self.findings if finding.kind == Finding.CONFLICT]

    @property
    def unknown(self) -> list[RowFinding]:
        return [finding for finding in self.findings if finding.kind == Finding.UNKNOWN]

    @property
    def errors(self) -> list[RowFinding]:
        return [finding for finding in self.findings if finding.kind == Finding.ERROR]


def report_of(result, row_count: int) -> ImportReport:
    """The report of a django-import-export result of `ProgrammeItemResource`."""
    resource = getattr(result, "programme_resource", None)
    findings = sorted(resource.findings if resource else [], key=lambda finding: finding.row)
    file_errors = [str(error.error) for error in result.base_errors]
    noted = {finding.row for finding in findings if finding.blocks}
    for number, errors in result.row_errors():
        row = resource.sheet_row(number) if resource else number + 1
        if row not in noted:
            findings.extend(RowFinding(row, Finding.ERROR, "", str(e.error), str(e.error)) for e in errors)
    return ImportReport(
        row_count=row_count,
        findings=sorted(findings, key=lambda finding: finding.row),
        file_errors=file_errors,
        created=list(resource.created) if resource else [],
        planned=list(resource.planned) if resource else [],
        batch=resource.batch if resource else None,
    )


def preview_programme_import(*, delegation: Delegation, dataset: tablib.Dataset) -> ImportReport:
    """What importing `dataset` into the delegation would do, with every finding; writes nothing."""
    rows = filled_rows(dataset)
    resource = ProgrammeItemResource(delegation=delegation)
    result = resource.import_data(dataset, dry_run=True, raise_errors=False)
    return report_of(result, rows)


def import_programme(*, delegation: Delegation, dataset: tablib.Dataset, imported_by=None) -> ImportReport:
    """Import the rows as new items of the delegation in one transaction, all with one batch key.

    A file with any blocking finding imports nothing; the report says why. Conflicts do not block."""
    rows = filled_rows(dataset)
    resource = ProgrammeItemResource(delegation=delegation)
    result = resource.import_data(dataset, dry_run=False, raise_errors=False, user=imported_by)
    return report_of(result, rows)


def filled_rows(dataset: tablib.Dataset) -> int:
    """The rows of the file with something in them (the import drops empty lines)."""
    return sum(not all(is_blank(cell) for cell in row) for row in dataset)


def items_of_import(batch: uuid.UUID):
    return ProgrammeItem.objects.filter(import_batch=batch)


def undo_programme_import(*, batch: uuid.UUID, undone_by=None) -> int:
    """Delete exactly the items of one import, if none changed since; else refuse and change nothing.

    Changed means saved again (its version moved on: edited, confirmed, cancelled) or referred to by anything
    else (a company appointment, an event page, a release, a speech): those a planner deletes one by one."""
    with transaction.atomic():
        items = list(items_of_import(batch).select_for_update().order_by("starts_at", "pk"))
        if not items:
            raise ValidationError(_("Zu diesem Import gibt es keine Programmpunkte (mehr)."))
        referred = _referred_to(items)
        changed = [item for item in items if item.version > 0 or item.pk in referred]
        if changed:
            raise ValidationError(
                ngettext(
                    "Der Import kann nicht rückgängig gemacht werden: %(count)d Programmpunkt wurde seither "
                    "geändert oder mit anderem verknüpft (%(items)s). Bitte einzeln prüfen und löschen.",
                    "Der Import kann nicht rückgängig gemacht werden: %(count)d Programmpunkte wurden "
                    "seither geändert oder mit anderem verknüpft (%(items)s). Bitte einzeln prüfen und "
                    "löschen.",
                    len(changed),
                )
                % {"count": len(changed), "items": "; ".join(str(item) for item in changed)}
            )
        for item in items:
            item._history_user = undone_by
            item.delete()
        return len(items)


def _referred_to(items: list[ProgrammeItem]) -> set[int]:
    """The keys of the items a row of another model points at (their participants and hosts do not count).

    Read through the model's reverse relations, so the apps above this one (event pages, speeches) count
    without this app knowing them."""
    referred: set[int] = set()
    for relation in ProgrammeItem._meta.related_objects:
        if relation.many_to_many or relation.related_model._meta.auto_created:
            continue
        referred.update(
            relation.related_model._default_manager.filter(
                **{f"{relation.field.name}__in": items}
            ).values_list(relation.field.attname, flat=True)
        )
    return referred


def template_workbook() -> bytes:
    """An empty programme in XLSX with the headers in the active language and one example row."""
    resource = ProgrammeItemResource()
    example = {
        "day": "18.11.2025",
        "start": "09:00",
        "end": "10:30",
        # Content, not interface: the German column holds German text in every user's template.
        "title_de": "Arbeitsgespräch im Kreishaus",
        "title_uk": "Робоча зустріч у будинку району",
        "title_en": "Working meeting at the county hall",
        "venue": "Kreishaus Kleve",
        "participants": "Olena Testenko; Ivan Beispiel",
        "kind": str(resource.dehydrate_kind(ProgrammeItem(kind="meeting"))),
        "visibility": str(resource.dehydrate_visibility(ProgrammeItem(visibility="guests"))),
        "description_de": "Ort, Personen, Art und Sichtbarkeit wie in der Datenbank benannt.",
        "description_uk": "",
        "description_en": "",
    }
    dataset = tablib.Dataset(headers=resource.template_headers())
    dataset.append([example[name] for name in COLUMNS])
    dataset.title = _("Programm")
    return XLSX().export_data(dataset)

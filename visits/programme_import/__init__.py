"""A delegation's programme from a spreadsheet (.xlsx, .csv; .ods with odfpy): preview, import, undo,
template."""

from .resource import Finding, ProgrammeItemResource, RowFinding
from .services import (
    ImportReport,
    UnreadableFile,
    import_programme,
    items_of_import,
    preview_programme_import,
    read_spreadsheet,
    spreadsheet_formats,
    template_workbook,
    undo_programme_import,
)

__all__ = [
    "Finding",
    "ImportReport",
    "ProgrammeItemResource",
    "RowFinding",
    "UnreadableFile",
    "import_programme",
    "items_of_import",
    "preview_programme_import",
    "read_spreadsheet",
    "spreadsheet_formats",
    "template_workbook",
    "undo_programme_import",
]

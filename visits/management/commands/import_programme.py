"""`manage.py import_programme SLUG FILE [--dry-run]`: programme items from a spreadsheet, one finding a line.

Lines on stdout, for scripts: `ROW 2 NEW 18.11.2025 09:00-10:30 "Titel"`, `ROW 3 CONFLICT venue_double_booked
…`, `ROW 5 UNKNOWN venue "Rathaus Goch"`, `ROW 6 ERROR start …`, `FILE ERROR …`, and after an import
`CREATED 5 BATCH <uuid>`. Rows are numbered as the spreadsheet numbers them (the header is row 1). A count
in words goes to stderr. Exit status 0: imported (or, with --dry-run, importable); 1: findings that block
(unknown names, bad values, missing columns), nothing written; 2: no such delegation or an unreadable file.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext, ngettext

from delegations.models import Delegation
from visits.copying import source_time_zone
from visits.programme_import import (
    Finding,
    UnreadableFile,
    import_programme,
    preview_programme_import,
    read_spreadsheet,
)

BLOCKED, USAGE_ERROR = 1, 2


class Command(BaseCommand):
    @property
    def help(self) -> str:
        return gettext(
            "Liest Programmpunkte einer Delegation (Kurzname) aus einer Tabelle (.xlsx oder .csv) und zeigt "
            "je Zeile und Befund eine Zeile: NEW, CONFLICT, UNKNOWN oder ERROR. Mit --dry-run wird nichts "
            "gespeichert; sonst wird in einem Schritt importiert, wenn keine Zeile einen Fehler hat. "
            "Exit-Status 0: in Ordnung; 1: blockierende Befunde; 2: Delegation oder Datei nicht lesbar."
        )

    def add_arguments(self, parser):
        parser.add_argument("delegation", help=gettext("Kurzname der Delegation, z. B. podilsk-2025"))
        parser.add_argument("file", help=gettext("die Tabelle: .xlsx oder .csv"))
        parser.add_argument(
            "--dry-run", action="store_true", help=gettext("nur die Vorschau zeigen, nichts speichern")
        )

    def handle(self, *args, delegation: str, file: str, dry_run: bool, **options):
        try:
            visit = Delegation.objects.get(slug=delegation)
        except Delegation.DoesNotExist:
            raise CommandError(
                gettext("Keine Delegation mit dem Kurznamen „%(value)s“.") % {"value": delegation},
                returncode=USAGE_ERROR,
            ) from None
        path = Path(file)
        try:
            dataset = read_spreadsheet(path.read_bytes(), path.name)
        except OSError:
            raise CommandError(
                gettext("Die Datei „%(name)s“ lässt sich nicht öffnen.") % {"name": file},
                returncode=USAGE_ERROR,
            ) from None
        except UnreadableFile as error:
            raise CommandError(str(error), returncode=USAGE_ERROR) from None

        report = preview_programme_import(delegation=visit, dataset=dataset)
        zone = source_time_zone(visit)
        self._write_preview(report, zone)
        if report.blocking:
            raise CommandError(
                gettext("Nichts importiert: Bitte zuerst die blockierenden Befunde in der Datei beheben."),
                returncode=BLOCKED,
            )
        if dry_run:
            self.stderr.write(gettext("Probelauf: Es wurde nichts gespeichert."))
            return
        report = import_programme(delegation=visit, dataset=dataset)
        if report.blocking:  # the data changed between the preview and the import
            self._write_preview(report, zone)
            raise CommandError(gettext("Nichts importiert."), returncode=BLOCKED)
        self.stdout.write(f"CREATED {len(report.created)} BATCH {report.batch}")
        self.stderr.write(
            ngettext(
                "%(count)d Programmpunkt angelegt.", "%(count)d Programmpunkte angelegt.", len(report.created)
            )
            % {"count": len(report.created)}
        )

    def _write_preview(self, report, zone) -> None:
        for message in report.file_errors:
            self.stdout.write(f"FILE ERROR {message}")
        by_row: dict[int, list] = {}
        for finding in report.findings:
            by_row.setdefault(finding.row, []).append(finding)
        for item in report.planned:
            # In the delegation's local time, as the file has it.
            start, end = item.starts_at.astimezone(zone), item.ends_at.astimezone(zone)
            by_row.setdefault(item._import_row, []).insert(
                0, f'NEW {start:%d.%m.%Y %H:%M}-{end:%H:%M} "{item.title_de}"'
            )
        for row in sorted(by_row):
            for entry in by_row[row]:
                self.stdout.write(f"ROW {row} {entry if isinstance(entry, str) else _line(entry)}")
        blocking = sum(finding.blocks for finding in report.findings) + len(report.file_errors)
        self.stderr.write(
            ngettext("%(count)d Zeile gelesen", "%(count)d Zeilen gelesen", report.row_count)
            % {"count": report.row_count}
            + ", "
            + ngettext("%(count)d Konflikt", "%(count)d Konflikte", len(report.conflicts))
            % {"count": len(report.conflicts)}
            + ", "
            + ngettext("%(count)d blockierender Befund.", "%(count)d blockierende Befunde.", blocking)
            % {"count": blocking}
        )


def _line(finding) -> str:
    if finding.kind == Finding.UNKNOWN:
        return f'UNKNOWN {finding.subject} "{finding.value}"'
    if finding.kind == Finding.CONFLICT:
        return f"CONFLICT {finding.subject} {finding.message}"
    return f"ERROR {finding.subject or '-'} {finding.message}"

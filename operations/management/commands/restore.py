"""`manage.py restore PATH`: an archive of `manage.py backup` back into the database and media folders."""

from pathlib import Path

from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import page_cache
from operations.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = gettext_lazy(
        "Stellt Datenbank und Medien aus einem Archiv von „manage.py backup“ wieder her. Prüft vorher "
        "Manifest, Prüfsummen und Migrationen; eine nicht leere Datenbank wird nur mit --yes ersetzt."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help=gettext_lazy("Archiv (.tar.gz) von „manage.py backup“"))
        parser.add_argument(
            "--yes",
            action="store_true",
            help=gettext_lazy("Vorhandene Daten in Datenbank und Medienordnern ersetzen."),
        )
        parser.add_argument("--database", default="default", help=gettext_lazy("Datenbank-Alias"))

    def handle(self, *args, path: Path, yes: bool, database: str, **options):
        try:
            report = restore_backup(path, replace=yes, using=database)
        except BackupError as error:
            raise CommandError(str(error)) from None
        # Cached sessions and kept pages belong to the data just replaced (pg_restore writes past Django).
        cache.clear()
        page_cache.bump()
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Wiederhergestellt aus %(path)s (gesichert %(created)s): Datenbank %(database)s "
                    "(%(vendor)s), %(media)d Mediendateien, %(private)d private Mediendateien."
                )
                % {
                    "path": path,
                    "created": report.created_at,
                    "database": report.database,
                    "vendor": report.vendor,
                    "media": report.files["media"],
                    "private": report.files["private-media"],
                }
            )
        )
        if report.pending_migrations:
            self.stdout.write(
                self.style.WARNING(
                    _(
                        "Das Archiv ist älter als der Code: bitte jetzt „manage.py migrate“ ausführen "
                        "(%(count)d offen)."
                    )
                    % {"count": len(report.pending_migrations)}
                )
            )

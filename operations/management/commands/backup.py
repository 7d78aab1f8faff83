"""`manage.py backup`: database, media and private media in one archive with a manifest."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from operations.backup import BackupError, create_backup, default_output


class Command(BaseCommand):
    help = gettext_lazy(
        "Sichert Datenbank (pg_dump bzw. SQLite-Backup), Medien und private Medien in ein .tar.gz-Archiv "
        "mit manifest.json (Versionen, Migrationen, Prüfsummen)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            help=gettext_lazy(
                "Zieldatei; ohne Angabe kleve-backup-JJJJMMTT-HHMMSS.tar.gz im aktuellen Ordner."
            ),
        )
        parser.add_argument("--database", default="default", help=gettext_lazy("Datenbank-Alias"))

    def handle(self, *args, output: Path | None, database: str, **options):
        output = output or default_output()
        try:
            manifest = create_backup(output, using=database)
        except BackupError as error:
            raise CommandError(str(error)) from None
        media = sum(1 for name in manifest["files"] if name.startswith("media/"))
        private = sum(1 for name in manifest["files"] if name.startswith("private-media/"))
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Gesichert: %(path)s (%(size)s) – Datenbank (%(vendor)s), %(media)d Mediendateien, "
                    "%(private)d private Mediendateien."
                )
                % {
                    "path": output,
                    "size": filesizeformat(output.stat().st_size),
                    "vendor": manifest["database"]["vendor"],
                    "media": media,
                    "private": private,
                }
            )
        )

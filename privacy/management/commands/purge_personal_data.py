"""`purge_personal_data`: anonymise the members of visits that ended longer ago than the retention period."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from privacy.services import purge_personal_data


class Command(BaseCommand):
    @property
    def help(self) -> str:
        return gettext(
            "Anonymisiert die Mitglieder aller Delegationen, deren Abreise länger als die Aufbewahrungsfrist "
            "zurückliegt (DJANGO_PERSONAL_DATA_RETENTION_DAYS, sonst 180 Tage). Schon anonymisierte bleiben "
            "unberührt; täglich ausführbar."
        )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=gettext("Aufbewahrungsfrist in Tagen nach der Abreise (Vorgabe aus den Einstellungen)."),
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=gettext("Nur anzeigen, wen es träfe; nichts ändern."),
        )

    def handle(self, *args, days=None, dry_run=False, **options) -> None:
        days = settings.PERSONAL_DATA_RETENTION_DAYS if days is None else days
        if days < 0:
            raise CommandError(gettext("Die Aufbewahrungsfrist darf nicht negativ sein."))
        report = purge_personal_data(today=timezone.localdate(), days=days, dry_run=dry_run)
        self.stdout.write(
            gettext("Aufbewahrungsfrist %(days)d Tage: Besuche mit Abreise vor dem %(cutoff)s.")
            % {"days": days, "cutoff": report.cutoff.strftime("%d.%m.%Y")}
        )
        for delegation, count in report.delegations.items():
            line = (
                ngettext(
                    "  %(delegation)s: %(count)d Mitglied würde anonymisiert",
                    "  %(delegation)s: %(count)d Mitglieder würden anonymisiert",
                    count,
                )
                if dry_run
                else ngettext(
                    "  %(delegation)s: %(count)d Mitglied anonymisiert",
                    "  %(delegation)s: %(count)d Mitglieder anonymisiert",
                    count,
                )
            )
            self.stdout.write(line % {"delegation": delegation, "count": count})
        if not report.delegations:
            self.stdout.write(self.style.SUCCESS(gettext("Nichts zu tun: niemand ist fällig.")))
        elif not dry_run:
            self.stdout.write(
                self.style.SUCCESS(
                    ngettext(
                        "%(count)d Mitglied anonymisiert.",
                        "%(count)d Mitglieder anonymisiert.",
                        report.members,
                    )
                    % {"count": report.members}
                )
            )

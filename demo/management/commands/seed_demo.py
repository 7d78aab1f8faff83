"""`seed_demo`: the first real visit (Rajon Podilsk, November 2025) from its data files, and demo logins."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from core.links import absolute_url
from demo.loader import DEMO_PASSWORD, SeedReport, seed_demo


class Command(BaseCommand):
    @property
    def help(self) -> str:
        # A property, because argparse needs a real string in the language active when it runs.
        return gettext(
            "Legt den Demo-Besuch der Delegation aus dem Rajon Podilsk an, soweit er fehlt, so gelegt, dass "
            "er heute läuft, und mit DEBUG drei Demo-Anmeldungen für die Verwaltung. Ändert und löscht "
            "nichts, was schon da ist; ein zweiter Lauf ändert nichts."
        )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--as-held",
            action="store_true",
            help=gettext("Den Besuch an die Tage legen, an denen er stattfand: 16. bis 22. November 2025."),
        )

    def handle(self, *args, **options) -> None:
        report = seed_demo(now=timezone.now(), make_logins=settings.DEBUG, as_held=options["as_held"])
        self._write_summary(report)
        if settings.DEBUG:
            self._write_logins(report)
        else:
            self.stdout.write(gettext("DEBUG ist aus: Es wurden keine Demo-Anmeldungen angelegt."))

    def _write_summary(self, report: SeedReport) -> None:
        self.stdout.write(
            gettext("Demo-Besuch „%(title)s“ (%(slug)s):")
            % {"title": report.delegation.title_de, "slug": report.delegation.slug}
        )
        for model in report.in_order:
            self.stdout.write(
                gettext("  %(things)s: %(created)d neu angelegt, %(existing)d schon vorhanden")
                % {
                    "things": model._meta.verbose_name_plural,
                    "created": report.created[model],
                    "existing": report.existing[model],
                }
            )
        for model, name, reason in report.skipped:
            self.stdout.write(
                self.style.WARNING(
                    gettext("  übersprungen: %(thing)s „%(name)s“ (%(reason)s)")
                    % {"thing": model._meta.verbose_name, "name": name, "reason": reason}
                )
            )
        if not report.created:
            self.stdout.write(self.style.SUCCESS(gettext("Alles war schon da; nichts wurde geändert.")))
        else:
            self.stdout.write(self.style.SUCCESS(gettext("Demo-Daten angelegt.")))

    def _write_logins(self, report: SeedReport) -> None:
        self.stdout.write("")
        self.stdout.write(gettext("Demo-Anmeldungen (nur für die Entwicklung, weil DEBUG an ist):"))
        self.stdout.write(gettext("  Verwaltung: %(url)s") % {"url": absolute_url(reverse("admin:index"))})
        for login in report.logins:
            state = gettext("neu angelegt") if login.created else gettext("schon vorhanden, nicht geändert")
            self.stdout.write(
                gettext("  Benutzer %(username)-8s Passwort %(password)s  Gruppe „%(group)s“ (%(state)s)")
                % {
                    "username": login.username,
                    "password": DEMO_PASSWORD,
                    "group": login.group,
                    "state": state,
                }
            )

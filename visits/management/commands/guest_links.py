"""`manage.py guest_links SLUG`: new personal links for every member of a delegation, one line per member."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from delegations.models import Delegation
from visits import services


class Command(BaseCommand):
    help = (
        "Gibt je Mitglied der Delegation (Kurzname) eine Zeile aus: Name, Tabulator, absoluter Link zum "
        "persönlichen Programm. Gespeichert sind nur Prüfsummen der Links, daher erzeugt jeder Aufruf NEUE "
        "Links: der bisherige Link jedes Mitglieds wird ungültig. --delegation-link fügt einen Link für die "
        "ganze Delegation an (letzte Zeile). Links gelten bis 14 Tage nach der Abreise, wenn --expires "
        "nichts anderes sagt."
    )

    def add_arguments(self, parser):
        parser.add_argument("delegation", help="Kurzname der Delegation, z. B. podilsk-2025")
        parser.add_argument(
            "--delegation-link", action="store_true", help="auch einen Link für die ganze Delegation erzeugen"
        )
        parser.add_argument("--expires", type=dt.date.fromisoformat, help="letzter gültiger Tag, JJJJ-MM-TT")

    def handle(self, *args, delegation: str, delegation_link: bool, expires: dt.date | None, **options):
        try:
            visit = Delegation.objects.get(slug=delegation)
        except Delegation.DoesNotExist:
            raise CommandError(f"Keine Delegation mit dem Kurznamen {delegation!r}.") from None
        expires_at = None
        if expires is not None:
            expires_at = timezone.make_aware(dt.datetime.combine(expires, dt.time(23, 59, 59)))
            if expires_at <= timezone.now():
                raise CommandError("--expires muss in der Zukunft liegen.")

        links = services.issue_delegation_links(delegation=visit, expires_at=expires_at)
        for member, url in links:
            self.stdout.write(f"{member.full_name}\t{url}")
        if delegation_link:
            _access, token = services.issue_guest_access(delegation=visit, expires_at=expires_at)
            self.stdout.write(f"{visit.title}\t{services.guest_link_url(token)}")
        # On stderr, so that stdout stays one line per link for scripts.
        self.stderr.write(
            f"{len(links)} neue Mitglieder-Links für {visit.slug} erzeugt; die bisherigen Links dieser "
            "Mitglieder gelten nicht mehr (gespeichert sind nur Prüfsummen)."
        )

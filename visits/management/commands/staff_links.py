"""`manage.py staff_links SLUG`: the personal links of a visit's hosts, interpreters and drivers, by role."""

from django.core.management.base import BaseCommand, CommandError

from delegations.models import Delegation
from visits import staff


class Command(BaseCommand):
    help = (
        "Gibt je Gastgeber/in, Dolmetscher/in und Fahrer/in des freigegebenen Programms der Delegation "
        "(Kurzname), die einen gültigen Dienstplan-Link hat, eine Zeile aus: Rolle (host, interpreter, "
        "driver), Name, Link. Wer mehrere Rollen hat, erscheint einmal je Rolle. Die Links werden aus ihrem "
        "Salz und dem geheimen Schlüssel neu gebildet: bestehende Links bleiben gültig, es entstehen keine "
        "neuen."
    )

    def add_arguments(self, parser):
        parser.add_argument("delegation", help="Kurzname der Delegation, z. B. podilsk-2025")

    def handle(self, *args, delegation: str, **options):
        visit = Delegation.objects.filter(slug=delegation).first()
        if visit is None:
            raise CommandError(f"Keine Delegation mit dem Kurznamen {delegation!r}.")
        urls = {}
        for role, contact in staff.staff_roles(visit):
            if contact.pk not in urls:
                urls[contact.pk] = staff.current_link_url(delegation=visit, contact=contact)
            if urls[contact.pk]:
                self.stdout.write(f"{role} {contact.full_name} {urls[contact.pk]}")

"""`manage.py release_readiness SLUG`: the readiness check of a delegation's programme, one finding a line."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import ngettext

from delegations.models import Delegation
from visits import readiness

# Exit statuses: 0 ready (warnings at most), 1 blocking findings, 2 no such delegation.
BLOCKED, USAGE_ERROR = 1, 2


def find_delegation(slug: str) -> Delegation:
    try:
        return Delegation.objects.get(slug=slug)
    except Delegation.DoesNotExist:
        raise CommandError(f"Keine Delegation mit dem Kurznamen {slug!r}.", returncode=USAGE_ERROR) from None


def write_findings(command: BaseCommand, findings: list[readiness.Finding]) -> None:
    """One line a finding on stdout (for scripts), a count on stderr (for people)."""
    for finding in findings:
        command.stdout.write(finding.as_line(settings.SITE_URL))
    blocking = len(readiness.blocking(findings))
    command.stderr.write(
        ngettext("%(count)d blockierender Befund", "%(count)d blockierende Befunde", blocking)
        % {"count": blocking}
        + ", "
        + ngettext("%(count)d Warnung.", "%(count)d Warnungen.", len(findings) - blocking)
        % {"count": len(findings) - blocking}
    )


class Command(BaseCommand):
    help = (
        "Prüft, ob das Programm einer Delegation (Kurzname) freigegeben werden kann: je Befund eine Zeile, "
        "beginnend mit BLOCKING oder WARNING, dann Kennung, Text und die Admin-Seite, auf der er behoben "
        "wird. Exit-Status 1 bei blockierenden Befunden, sonst 0; 2, wenn es die Delegation nicht gibt."
    )

    def add_arguments(self, parser):
        parser.add_argument("delegation", help="Kurzname der Delegation, z. B. podilsk-2025")

    def handle(self, *args, delegation: str, **options):
        findings = readiness.check(find_delegation(delegation))
        write_findings(self, findings)
        if readiness.blocking(findings):
            raise CommandError("Nicht bereit zur Freigabe.", returncode=BLOCKED)

"""`manage.py release_programme SLUG`: release a delegation's programme as the admin's release button does."""

from django.core.management.base import BaseCommand, CommandError

from visits import releases

from .release_readiness import BLOCKED, USAGE_ERROR, find_delegation, write_findings


class Command(BaseCommand):
    help = (
        "Gibt das Arbeitsprogramm einer Delegation (Kurzname) als neue Version frei und benachrichtigt die "
        "Mitglieder, die es betrifft, wie die Freigabe im Admin. Bei blockierenden Befunden der "
        "Freigabeprüfung wird nichts freigegeben (Exit-Status 1), außer --accept nennt eine Begründung; "
        "die Version hält dann Befunde und Begründung fest. Gibt am Ende „Version N“ aus."
    )

    def add_arguments(self, parser):
        parser.add_argument("delegation", help="Kurzname der Delegation, z. B. podilsk-2025")
        parser.add_argument("--note", default="", help="Notiz zur Version (steht in den Mitteilungen)")
        parser.add_argument("--note-uk", default="", help="die Notiz auf Ukrainisch")
        parser.add_argument("--note-en", default="", help="die Notiz auf Englisch")
        parser.add_argument(
            "--accept",
            default="",
            metavar="BEGRÜNDUNG",
            help="blockierende Befunde bewusst akzeptieren, mit dieser Begründung",
        )

    def handle(self, *args, delegation: str, note: str, note_uk: str, note_en: str, accept: str, **options):
        visit = find_delegation(delegation)
        if max(len(note), len(note_uk), len(note_en)) > 300:
            raise CommandError("--note darf höchstens 300 Zeichen lang sein.", returncode=USAGE_ERROR)
        try:
            release = releases.release_programme(
                delegation=visit,
                note=note,
                note_uk=note_uk,
                note_en=note_en,
                accept_reason=accept,
                notify=True,
            )
        except releases.ReleaseBlocked as blocked:
            write_findings(self, blocked.findings)
            raise CommandError(
                "Nichts freigegeben: blockierende Befunde. Beheben Sie sie, oder geben Sie mit --accept "
                "eine Begründung an.",
                returncode=BLOCKED,
            ) from None
        for finding in release.accepted_findings:
            self.stderr.write(f"akzeptiert: {finding['code']} {finding['text']}")
        self.stdout.write(f"Version {release.version}")

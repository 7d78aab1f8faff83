"""`manage.py delay ITEM_ID MINUTES [--apply]` and `manage.py delay ITEM_ID --undo`: a delay on the day."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from visits import delays
from visits.models import ProgrammeItem

REFUSED = 1


def _hhmm(moment) -> str:
    return f"{timezone.localtime(moment):%H:%M}"


class Command(BaseCommand):
    help = (
        "Verschiebt einen Programmpunkt, der sich verspätet (positive Minuten) oder früher endet (negative), "
        "und mit ihm die Punkte desselben Tages, die von ihm abhängen. Ohne --apply nur die Vorschau: eine "
        "Zeile MOVE je verschobenem Punkt, eine Zeile CONFLICT je Konflikt; mit --apply wird verschoben, "
        "freigegeben und benachrichtigt. --undo stellt die Zeiten vor der letzten Verschiebung wieder her."
    )

    def add_arguments(self, parser):
        parser.add_argument("item", type=int, help="Nummer (ID) des Programmpunkts")
        parser.add_argument("minutes", type=int, nargs="?", help="Minuten, negativ für früheres Ende")
        parser.add_argument("--apply", action="store_true", help="verschieben, freigeben und benachrichtigen")
        parser.add_argument("--undo", action="store_true", help="die letzte Verschiebung zurücknehmen")

    def handle(self, *args, item: int, minutes: int | None, apply: bool, undo: bool, **options):
        found = ProgrammeItem.objects.select_related("delegation").filter(pk=item).first()
        if found is None:
            message = _("Kein Programmpunkt mit der Nummer %(pk)d.") % {"pk": item}
            raise CommandError(message, returncode=REFUSED)
        if undo == (minutes is not None) or (undo and apply):
            raise CommandError(
                _("Geben Sie entweder Minuten (mit oder ohne --apply) oder --undo an."), returncode=REFUSED
            )
        try:
            if undo:
                records, release = delays.undo_last_delay(item=found)
                for record in records:
                    moved = f"{_hhmm(record.new_starts_at)}-{_hhmm(record.new_ends_at)}"
                    restored = f"{_hhmm(record.old_starts_at)}-{_hhmm(record.old_ends_at)}"
                    self.stdout.write(f"RESTORE {record.item_id} {moved} -> {restored} {record.item.title}")
                self.stdout.write(_("Version %(version)d freigegeben.") % {"version": release.version})
                return
            if apply:
                plan, release = delays.apply_delay(item=found, minutes=minutes)
            else:
                plan, release = delays.plan_delay(found, minutes), None
        except delays.DelayError as error:
            raise CommandError(" ".join(error.messages), returncode=REFUSED) from None
        for move in plan.moves:
            self.stdout.write(
                f"MOVE {move.item.pk} {_hhmm(move.old_starts_at)}-{_hhmm(move.old_ends_at)} -> "
                f"{_hhmm(move.new_starts_at)}-{_hhmm(move.new_ends_at)} {move.item.title}"
            )
        for conflict in plan.conflicts:
            kind = getattr(conflict.kind, "value", conflict.kind)
            self.stdout.write(f"CONFLICT {kind} {conflict.message}")
        if release is not None:
            self.stdout.write(
                _("Version %(version)d freigegeben, %(count)d Mitteilungen vorgemerkt.")
                % {"version": release.version, "count": release.notifications.count()}
            )

"""Company visits without a confirmed company appointment."""

from typing import TYPE_CHECKING

from django.utils.translation import gettext

from ..enums import AppointmentStatus, ItemKind
from .entries import Entry
from .kinds import Conflict, ConflictKind

if TYPE_CHECKING:
    from .check import ProgrammeCheck


def appointment_conflicts(check: "ProgrammeCheck", entry: Entry) -> list[Conflict]:
    item = entry.item
    if item.kind != ItemKind.COMPANY_VISIT:
        return []
    status = entry.appointment_status
    if status is None:
        message = gettext("%(item)s ist ein Unternehmensbesuch ohne Unternehmenstermin.") % {
            "item": check.describe(entry)
        }
        return [check.conflict(ConflictKind.APPOINTMENT_UNCONFIRMED, message, (item,))]
    if status != AppointmentStatus.CONFIRMED:
        message = gettext(
            "Der Unternehmenstermin zu %(item)s ist noch nicht zugesagt (Stand: %(status)s)."
        ) % {
            "item": check.describe(entry),
            "status": AppointmentStatus(status).label,
        }
        return [check.conflict(ConflictKind.APPOINTMENT_UNCONFIRMED, message, (item,))]
    return []

"""What a conflict is: its kind, how bad it is, and the record the programme page and the item form show."""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from delegations.models import Contact, Member

from ..models import ProgrammeItem, Vehicle, Venue


class ConflictKind(models.TextChoices):
    MEMBER_DOUBLE_BOOKED = "member_double_booked", _("Mitglied doppelt eingeplant")
    CONTACT_DOUBLE_BOOKED = (
        "contact_double_booked",
        _("Gastgeber/in, Dolmetscher/in oder Fahrer/in doppelt eingeplant"),
    )
    VENUE_DOUBLE_BOOKED = "venue_double_booked", _("Ort doppelt belegt")
    VEHICLE_DOUBLE_BOOKED = "vehicle_double_booked", _("Fahrzeug doppelt eingeplant")
    OUTSIDE_STAY = "outside_stay", _("außerhalb des Aufenthalts")
    MEMBER_ABSENT = "member_absent", _("vor der Ankunft oder nach der Abreise")
    TRANSFER_TOO_SHORT = "transfer_too_short", _("zu wenig Zeit für den Weg")
    INTERPRETER_MISSING = "interpreter_missing", _("Dolmetschung fehlt")
    INTERPRETER_LANGUAGE = "interpreter_language", _("Dolmetscher/in ohne passendes Sprachpaar")
    APPOINTMENT_UNCONFIRMED = "appointment_unconfirmed", _("Unternehmenstermin nicht zugesagt")


class ConflictSeverity(models.TextChoices):
    # An error cannot work out as planned; a warning may be intended or is still being arranged.
    ERROR = "error", _("Fehler")
    WARNING = "warning", _("Warnung")


SEVERITY = {
    ConflictKind.MEMBER_DOUBLE_BOOKED: ConflictSeverity.ERROR,
    ConflictKind.CONTACT_DOUBLE_BOOKED: ConflictSeverity.ERROR,
    # A venue may have several rooms; the planner knows whether the two items share one.
    ConflictKind.VENUE_DOUBLE_BOOKED: ConflictSeverity.WARNING,
    # A vehicle is in one place at a time; two groups sharing one ride are one item, not two.
    ConflictKind.VEHICLE_DOUBLE_BOOKED: ConflictSeverity.ERROR,
    ConflictKind.OUTSIDE_STAY: ConflictSeverity.ERROR,
    ConflictKind.MEMBER_ABSENT: ConflictSeverity.WARNING,
    ConflictKind.TRANSFER_TOO_SHORT: ConflictSeverity.WARNING,
    ConflictKind.INTERPRETER_MISSING: ConflictSeverity.WARNING,
    ConflictKind.INTERPRETER_LANGUAGE: ConflictSeverity.ERROR,
    ConflictKind.APPOINTMENT_UNCONFIRMED: ConflictSeverity.WARNING,
}


@dataclass(frozen=True)
class Conflict:
    """One problem in the programme: what kind, how bad, a message in the staff's language, who and what."""

    kind: ConflictKind
    severity: ConflictSeverity
    message: str
    items: tuple[ProgrammeItem, ...]
    members: tuple[Member, ...] = ()
    contacts: tuple[Contact, ...] = ()
    venue: Venue | None = None
    vehicle: Vehicle | None = None

    def involves(self, item: ProgrammeItem) -> bool:
        return any(other is item or (item.pk is not None and other.pk == item.pk) for other in self.items)

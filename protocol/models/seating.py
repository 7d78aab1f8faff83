"""Seating plans of ceremonies and meals: tables with their shape and seats, and who sits where."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from visits.enums import ItemKind

from ..enums import TableShape
from .people import PersonOrNameSlot

# Only these programme items are seated: a seating plan for a transfer or a company visit makes no sense.
SEATED_KINDS = (ItemKind.CEREMONY, ItemKind.MEAL, ItemKind.GOLDEN_BOOK)
MAX_SEATS = 40


class SeatingPlan(models.Model):
    """The seating of one ceremony, meal or Golden Book signing."""

    programme_item = models.OneToOneField(
        "visits.ProgrammeItem",
        verbose_name=_("Programmpunkt"),
        on_delete=models.CASCADE,
        related_name="seating_plan",
    )
    notes = models.TextField(
        _("Hinweise"), blank=True, help_text=_("Erscheint unter dem Plan, z. B. Einlass.")
    )

    class Meta:
        verbose_name = _("Sitzordnung")
        verbose_name_plural = _("Sitzordnungen")
        ordering = ["programme_item__starts_at", "pk"]

    def __str__(self) -> str:
        return str(self.programme_item)

    def clean(self) -> None:
        super().clean()
        if self.programme_item_id is not None and self.programme_item.kind not in SEATED_KINDS:
            raise ValidationError(
                {
                    "programme_item": _(
                        "Eine Sitzordnung gibt es nur für Festakte, Mahlzeiten und das Goldene Buch."
                    )
                }
            )


class Table(models.Model):
    """A table of a seating plan, drawn round or rectangular with its seats."""

    plan = models.ForeignKey(
        SeatingPlan, verbose_name=_("Sitzordnung"), on_delete=models.CASCADE, related_name="tables"
    )
    number = models.PositiveSmallIntegerField(_("Nummer"), validators=[MinValueValidator(1)])
    name = models.CharField(_("Bezeichnung"), max_length=100, blank=True, help_text=_("z. B. Ehrentisch"))
    shape = models.CharField(
        pgettext_lazy("table shape", "Form"), max_length=20, choices=TableShape, default=TableShape.ROUND
    )
    seats = models.PositiveSmallIntegerField(
        _("Anzahl der Plätze"), validators=[MinValueValidator(1), MaxValueValidator(MAX_SEATS)]
    )

    class Meta:
        verbose_name = _("Tisch")
        verbose_name_plural = _("Tische")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"],
                name="table_unique_number",
                violation_error_message=_("Diese Tischnummer gibt es in der Sitzordnung schon."),
            ),
            models.CheckConstraint(
                condition=Q(seats__gte=1, seats__lte=MAX_SEATS),
                name="table_seats_range",
                violation_error_message=_("Ein Tisch hat 1 bis 40 Plätze."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}: {self.name}" if self.name else str(self.number)


class Seat(PersonOrNameSlot):
    """One taken seat: a guest, a host or a named person, at a numbered place of a table.

    The plan is stored beside the table so the database itself can refuse the same person twice per plan.
    """

    plan = models.ForeignKey(
        SeatingPlan, verbose_name=_("Sitzordnung"), on_delete=models.CASCADE, related_name="seats"
    )
    table = models.ForeignKey(Table, verbose_name=_("Tisch"), on_delete=models.CASCADE, related_name="taken")
    number = models.PositiveSmallIntegerField(
        pgettext_lazy("seat at a table", "Platz"), validators=[MinValueValidator(1)]
    )

    class Meta:
        verbose_name = pgettext_lazy("seat at a table", "Platz")
        verbose_name_plural = _("Plätze")
        ordering = ["table__number", "number"]
        constraints = [
            PersonOrNameSlot.one_person("seat_one_person"),
            models.UniqueConstraint(
                fields=["table", "number"],
                name="seat_unique_number",
                violation_error_message=_("Dieser Platz ist schon vergeben."),
            ),
            *PersonOrNameSlot.once_per(
                "plan",
                member=(
                    "seat_member_once_per_plan",
                    _("Dieser Gast hat in der Sitzordnung schon einen Platz."),
                ),
                contact=(
                    "seat_contact_once_per_plan",
                    _("Diese/r Gastgeber/in hat in der Sitzordnung schon einen Platz."),
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.table.number}/{self.number}: {self.person}"

    def save(self, *args, **kwargs) -> None:
        if self.table_id is not None:
            self.plan_id = self.table.plan_id
        super().save(*args, **kwargs)

    def clean_fields(self, exclude=None) -> None:
        # The plan always follows the table; set it before it is checked, so forms need not ask for it.
        if self.table_id is not None:
            self.plan_id = self.table.plan_id
        super().clean_fields(exclude)

    def slot_delegation_id(self) -> int | None:
        return self.table.plan.programme_item.delegation_id if self.table_id is not None else None

    def clean(self) -> None:
        if self.table_id is not None and self.number and self.number > self.table.seats:
            raise ValidationError(
                {
                    "number": _("Tisch %(table)s hat nur %(seats)s Plätze.")
                    % {"table": self.table.number, "seats": self.table.seats}
                }
            )
        super().clean()

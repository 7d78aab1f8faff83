"""Vehicles the county provides (a minibus, a car with its registration), booked by programme items."""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Vehicle(models.Model):
    """A vehicle that carries guests: booked by the items it serves, like a venue, across every visit."""

    name = models.CharField(_("Bezeichnung"), max_length=100, help_text=_("Zum Beispiel „Kleinbus 1“."))
    registration = models.CharField(_("Kennzeichen"), max_length=20, blank=True)
    seats = models.PositiveSmallIntegerField(
        _("Sitzplätze"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Plätze für Fahrgäste, ohne den Fahrersitz."),
    )
    notes = models.TextField(_("Hinweise"), blank=True)

    class Meta:
        verbose_name = _("Fahrzeug")
        verbose_name_plural = _("Fahrzeuge")
        ordering = ["name", "registration"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(seats__isnull=True) | models.Q(seats__gte=1),
                name="vehicle_has_a_seat",
                violation_error_message=_("Ein Fahrzeug hat mindestens einen Sitzplatz."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.registration})" if self.registration else self.name

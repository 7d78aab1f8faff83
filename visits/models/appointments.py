"""Company appointments: a company visit from the first request to its follow-ups."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from delegations.models import Contact, Delegation, Organisation, Topic

from ..enums import AppointmentStatus
from .programme import ProgrammeItem


class CompanyAppointment(models.Model):
    """A company visit from the first request to its follow-ups."""

    delegation = models.ForeignKey(
        Delegation, verbose_name=_("Delegation"), on_delete=models.CASCADE, related_name="appointments"
    )
    company = models.ForeignKey(
        Organisation, verbose_name=_("Unternehmen"), on_delete=models.PROTECT, related_name="appointments"
    )
    topic = models.ForeignKey(
        Topic, verbose_name=_("Thema"), on_delete=models.PROTECT, related_name="appointments"
    )
    contact = models.ForeignKey(
        Contact,
        verbose_name=_("Ansprechpartner/in"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="appointments",
    )
    status = models.CharField(
        _("Status"), max_length=20, choices=AppointmentStatus, default=AppointmentStatus.TO_ASK
    )
    proposed_slots = models.TextField(_("vorgeschlagene Termine"), blank=True)
    programme_item = models.OneToOneField(
        ProgrammeItem,
        verbose_name=_("Programmpunkt"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="appointment",
    )
    briefing_notes = models.TextField(_("Briefing"), blank=True)
    outcome = models.TextField(_("Ergebnis"), blank=True)
    follow_ups = models.TextField(_("Nachbereitung"), blank=True)
    updated_at = models.DateTimeField(_("geändert"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Unternehmenstermin")
        verbose_name_plural = _("Unternehmenstermine")
        ordering = ["delegation", "company__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["delegation", "company", "topic"],
                name="appointment_unique_company_topic",
                violation_error_message=_("Diesen Termin gibt es für die Delegation schon."),
            ),
            models.CheckConstraint(
                condition=Q(programme_item__isnull=True) | ~Q(status=AppointmentStatus.DECLINED),
                name="appointment_declined_has_no_item",
                violation_error_message=_("Ein abgesagter Termin kann keinen Programmpunkt haben."),
            ),
        ]
        # The programme item belongs to the same delegation: a trigger (migration 0002) enforces it in the
        # database, `clean()` says so in words.

    def __str__(self) -> str:
        return f"{self.company} – {self.topic}"

    def clean(self) -> None:
        super().clean()
        if (
            self.programme_item_id
            and self.delegation_id
            and self.programme_item.delegation_id != self.delegation_id
        ):
            raise ValidationError(
                {"programme_item": _("Der Programmpunkt gehört zu einer anderen Delegation.")}
            )

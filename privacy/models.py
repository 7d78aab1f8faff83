"""What the data protection duties leave behind: a record that a member was anonymised, without the data."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ErasureReason(models.TextChoices):
    REQUEST = "request", _("auf Antrag der Person (Art. 17 DSGVO)")
    RETENTION = "retention", _("Aufbewahrungsfrist abgelaufen")


class Erasure(models.Model):
    """One member anonymised: when, why and by whom. It names no one; the member row stays, anonymised."""

    member = models.ForeignKey(
        "delegations.Member",
        verbose_name=_("Delegationsmitglied"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    delegation = models.ForeignKey(
        "delegations.Delegation", verbose_name=_("Delegation"), on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(_("Grund"), max_length=20, choices=ErasureReason)
    erased_at = models.DateTimeField(_("anonymisiert am"), auto_now_add=True)
    erased_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("anonymisiert von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    guest_links_deleted = models.PositiveIntegerField(_("gelöschte Gastlinks"), default=0)
    history_rows_anonymised = models.PositiveIntegerField(_("anonymisierte Versionen"), default=0)

    class Meta:
        verbose_name = _("Anonymisierung")
        verbose_name_plural = _("Anonymisierungen")
        ordering = ["-erased_at", "-pk"]
        permissions = [
            ("export_personal_data", _("Kann alle Daten einer Person exportieren (Art. 15 DSGVO)")),
            ("erase_personal_data", _("Kann eine Person anonymisieren (Art. 17 DSGVO)")),
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} · {self.erased_at:%d.%m.%Y}"

"""The gifts register: what the county gave and received on a visit, as public bodies must record it."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from ..enums import GiftDirection


class GiftQuerySet(models.QuerySet):
    def for_list(self):
        """Everything a list of gifts prints, in one query."""
        return self.select_related(
            "delegation", "occasion", "giver_member", "giver_contact", "recipient_member", "recipient_contact"
        ).order_by("date", "pk")

    def totals(self) -> dict:
        """Count and value per direction, in one query."""
        return self.aggregate(
            given_count=Count("pk", filter=Q(direction=GiftDirection.GIVEN)),
            given_value=Sum("value_eur", filter=Q(direction=GiftDirection.GIVEN), default=Decimal("0")),
            received_count=Count("pk", filter=Q(direction=GiftDirection.RECEIVED)),
            received_value=Sum("value_eur", filter=Q(direction=GiftDirection.RECEIVED), default=Decimal("0")),
        )


class Gift(models.Model):
    """A gift given or received: who to whom, what it is worth, when, and where it is kept now."""

    delegation = models.ForeignKey(
        "delegations.Delegation", verbose_name=_("Delegation"), on_delete=models.PROTECT, related_name="gifts"
    )
    direction = models.CharField(_("Richtung"), max_length=10, choices=GiftDirection)
    description = models.CharField(_("Geschenk"), max_length=300)
    giver = models.CharField(_("Schenkende/r"), max_length=200)
    giver_member = models.ForeignKey(
        "delegations.Member",
        verbose_name=_("Schenkende/r (Gast)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="gifts_given",
    )
    giver_contact = models.ForeignKey(
        "delegations.Contact",
        verbose_name=_("Schenkende/r (Kontakt)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="gifts_given",
    )
    recipient = models.CharField(_("Empfänger/in"), max_length=200)
    recipient_member = models.ForeignKey(
        "delegations.Member",
        verbose_name=_("Empfänger/in (Gast)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="gifts_received",
    )
    recipient_contact = models.ForeignKey(
        "delegations.Contact",
        verbose_name=_("Empfänger/in (Kontakt)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="gifts_received",
    )
    value_eur = models.DecimalField(
        _("Wert in EUR"), max_digits=10, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    date = models.DateField(_("Datum"))
    occasion = models.ForeignKey(
        "visits.ProgrammeItem",
        verbose_name=_("Anlass (Programmpunkt)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="gifts",
    )
    kept_at = models.CharField(
        _("Verbleib"), max_length=200, blank=True, help_text=_("z. B. Vitrine Kreishaus, 2. OG")
    )
    remark = models.TextField(_("Bemerkung"), blank=True)

    objects = GiftQuerySet.as_manager()

    class Meta:
        verbose_name = _("Geschenk")
        verbose_name_plural = _("Geschenkeregister")
        ordering = ["-date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(value_eur__gte=0),
                name="gift_value_not_negative",
                violation_error_message=_("Der Wert darf nicht negativ sein."),
            ),
            models.CheckConstraint(
                condition=Q(giver_member__isnull=True) | Q(giver_contact__isnull=True),
                name="gift_one_giver_link",
                violation_error_message=_(
                    "Schenkende/r: bitte einen Gast oder einen Kontakt verknüpfen, nicht beides."
                ),
            ),
            models.CheckConstraint(
                condition=Q(recipient_member__isnull=True) | Q(recipient_contact__isnull=True),
                name="gift_one_recipient_link",
                violation_error_message=_(
                    "Empfänger/in: bitte einen Gast oder einen Kontakt verknüpfen, nicht beides."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.description

    def clean(self) -> None:
        super().clean()
        errors = {}
        for field in ("giver_member", "recipient_member"):
            member = getattr(self, field)
            if member is not None and self.delegation_id and member.delegation_id != self.delegation_id:
                errors[field] = _("Dieser Gast gehört nicht zu dieser Delegation.")
        if self.occasion_id and self.delegation_id and self.occasion.delegation_id != self.delegation_id:
            errors["occasion"] = _("Dieser Programmpunkt gehört nicht zu dieser Delegation.")
        if errors:
            raise ValidationError(errors)

"""The order of precedence of a visit: guests and hosts in the order protocol greets and seats them."""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from .people import PersonSlot, guest_field, host_field


class PrecedenceEntryQuerySet(models.QuerySet):
    def for_delegation(self, delegation):
        """The delegation's order, with what the page prints of each person."""
        return (
            self.filter(delegation=delegation)
            .select_related("member", "contact", "contact__organisation", "member__organisation")
            .order_by("position")
        )


class PrecedenceEntry(PersonSlot):
    """One place in a delegation's order of precedence: a guest or a host (e.g. the Landrat)."""

    delegation = models.ForeignKey(
        "delegations.Delegation",
        verbose_name=_("Delegation"),
        on_delete=models.CASCADE,
        related_name="precedence_entries",
    )
    member = guest_field("precedence_entries")
    contact = host_field("precedence_entries")
    position = models.PositiveIntegerField(_("Rang"), validators=[MinValueValidator(1)])
    protocol_title = models.CharField(
        _("protokollarischer Titel"),
        max_length=200,
        blank=True,
        help_text=_("Wie die Person angesprochen wird, z. B. „Herr Landrat“."),
    )
    remark = models.CharField(_("Bemerkung"), max_length=300, blank=True)

    objects = PrecedenceEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("Eintrag der Rangfolge")
        verbose_name_plural = _("Rangfolge (Protokoll)")
        ordering = ["delegation", "position"]
        constraints = [
            PersonSlot.one_person("precedence_member_or_contact"),
            models.UniqueConstraint(
                fields=["delegation", "position"],
                name="precedence_unique_position",
                violation_error_message=_("Diesen Rang hat in der Delegation schon jemand."),
            ),
            *PersonSlot.once_per(
                "delegation",
                member=("precedence_member_once", _("Dieser Gast steht schon in der Rangfolge.")),
                contact=("precedence_contact_once", _("Diese/r Gastgeber/in steht schon in der Rangfolge.")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.person}"

    @property
    def side(self) -> str:
        return pgettext("protocol side", "Gast") if self.member_id else pgettext("protocol side", "Gastgeber")

    def slot_delegation_id(self) -> int | None:
        return self.delegation_id

"""The order of precedence of a visit: guests and hosts in the order protocol greets and seats them."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from .people import PersonName, exactly_one, is_set


class PrecedenceEntryQuerySet(models.QuerySet):
    def for_delegation(self, delegation):
        """The delegation's order, with what the page prints of each person."""
        return (
            self.filter(delegation=delegation)
            .select_related("member", "contact", "contact__organisation", "member__organisation")
            .order_by("position")
        )


class PrecedenceEntry(models.Model):
    """One place in a delegation's order of precedence: a guest or a host (e.g. the Landrat)."""

    delegation = models.ForeignKey(
        "delegations.Delegation",
        verbose_name=_("Delegation"),
        on_delete=models.CASCADE,
        related_name="precedence_entries",
    )
    member = models.ForeignKey(
        "delegations.Member",
        verbose_name=_("Gast (Delegationsmitglied)"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="precedence_entries",
    )
    contact = models.ForeignKey(
        "delegations.Contact",
        verbose_name=_("Gastgeber/in (Kontakt)"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="precedence_entries",
    )
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
            models.CheckConstraint(
                condition=exactly_one(is_set("member"), is_set("contact")),
                name="precedence_member_or_contact",
                violation_error_message=_("Bitte genau eines wählen: einen Gast oder eine/n Gastgeber/in."),
            ),
            models.UniqueConstraint(
                fields=["delegation", "position"],
                name="precedence_unique_position",
                violation_error_message=_("Diesen Rang hat in der Delegation schon jemand."),
            ),
            models.UniqueConstraint(
                fields=["delegation", "member"],
                condition=is_set("member"),
                name="precedence_member_once",
                violation_error_message=_("Dieser Gast steht schon in der Rangfolge."),
            ),
            models.UniqueConstraint(
                fields=["delegation", "contact"],
                condition=is_set("contact"),
                name="precedence_contact_once",
                violation_error_message=_("Diese/r Gastgeber/in steht schon in der Rangfolge."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.person}"

    @property
    def person(self) -> PersonName:
        return PersonName.of(member=self.member, contact=self.contact)

    @property
    def side(self) -> str:
        return pgettext("protocol side", "Gast") if self.member_id else pgettext("protocol side", "Gastgeber")

    def clean(self) -> None:
        super().clean()
        if (
            self.member_id is not None
            and self.delegation_id
            and self.member.delegation_id != self.delegation_id
        ):
            raise ValidationError({"member": _("Dieser Gast gehört nicht zu dieser Delegation.")})

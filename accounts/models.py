"""Which groups must log in with a second factor."""

from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _


class TwoFactorRequirement(models.Model):
    """A group whose members must confirm their login with a code from an authenticator app."""

    group = models.OneToOneField(
        Group,
        on_delete=models.CASCADE,
        related_name="two_factor_requirement",
        verbose_name=_("Gruppe"),
    )
    required = models.BooleanField(
        _("Zwei-Faktor-Anmeldung verlangt"),
        default=True,
        help_text=_(
            "Mitglieder dieser Gruppe richten eine Authenticator-App ein und geben bei jeder Anmeldung "
            "einen Code daraus ein, bevor sie die Verwaltung benutzen können."
        ),
    )

    class Meta:
        verbose_name = _("Zwei-Faktor-Pflicht")
        verbose_name_plural = _("Zwei-Faktor-Pflichten")
        ordering = ["group__name"]

    def __str__(self) -> str:
        return self.group.name

"""Staff links: a personal link for a host, interpreter or driver of one visit, stored only as a hash."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from delegations.models import Contact, Delegation

from .guests import PersonalLink


class StaffAccess(PersonalLink):
    """A contact's personal link to their own items of one visit (host, interpreter, driver).

    Made like a guest link (`GuestAccess`): 192 random bits derived from a salt and the secret key, only the
    hash stored, an expiry, a revocation and the last use.
    """

    delegation = models.ForeignKey(
        Delegation, verbose_name=_("Delegation"), on_delete=models.CASCADE, related_name="staff_accesses"
    )
    contact = models.ForeignKey(
        Contact, verbose_name=_("Kontakt"), on_delete=models.CASCADE, related_name="staff_accesses"
    )
    token_salt = models.CharField(_("Token-Salz"), max_length=32, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("angelegt von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta(PersonalLink.Meta):
        verbose_name = _("Dienstplan-Link")
        verbose_name_plural = _("Dienstplan-Links")

    def __str__(self) -> str:
        return f"{_('Dienstplan')}: {self.contact} ({self.delegation})"

"""Staff links: a personal link for a host, interpreter or driver of one visit, stored only as a hash."""

from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from delegations.models import Contact, Delegation

from .guests import GuestAccess


class StaffAccessQuerySet(models.QuerySet):
    def valid(self, now: datetime | None = None):
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True, expires_at__gt=now)


class StaffAccess(models.Model):
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
    token_hash = models.CharField(_("Token-Hash"), max_length=64, unique=True, editable=False)
    token_salt = models.CharField(_("Token-Salz"), max_length=32, editable=False)
    expires_at = models.DateTimeField(_("gültig bis"))
    revoked_at = models.DateTimeField(_("widerrufen am"), null=True, blank=True, editable=False)
    last_used_at = models.DateTimeField(_("zuletzt benutzt"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("angelegt von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("angelegt"), auto_now_add=True)

    objects = StaffAccessQuerySet.as_manager()

    class Meta:
        verbose_name = _("Dienstplan-Link")
        verbose_name_plural = _("Dienstplan-Links")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{_('Dienstplan')}: {self.contact} ({self.delegation})"

    hash_token = staticmethod(GuestAccess.hash_token)
    is_well_formed = staticmethod(GuestAccess.is_well_formed)

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()

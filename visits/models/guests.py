"""Guest links: a personal link per member (or one for the whole delegation), stored only as a hash."""

import hashlib
import re
import secrets
from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from delegations.models import Delegation, Member

# Every token made (`GuestAccess.new_token`, `services.derive_token`): 24 bytes in base64url, no padding.
TOKEN_FORM = re.compile(r"[A-Za-z0-9_-]{32}")


class PersonalLinkQuerySet(models.QuerySet):
    def valid(self, now: datetime | None = None):
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True, expires_at__gt=now)


class PersonalLink(models.Model):
    """What a guest's and a staff link have in common: a secret token of which only the hash is stored, an
    expiry, a revocation and the last use (`visits.personal_links` opens them)."""

    token_hash = models.CharField(_("Token-Hash"), max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField(_("gültig bis"))
    revoked_at = models.DateTimeField(_("widerrufen am"), null=True, blank=True, editable=False)
    last_used_at = models.DateTimeField(_("zuletzt benutzt"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("angelegt"), auto_now_add=True)

    objects = PersonalLinkQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    @staticmethod
    def hash_token(token: str) -> str:
        # The token carries 192 random bits, so a fast hash is enough: there is nothing to brute-force.
        return hashlib.sha256(token.encode()).hexdigest()

    @staticmethod
    def new_token() -> str:
        return secrets.token_urlsafe(24)

    @staticmethod
    def is_well_formed(token: str) -> bool:
        """Could this be a token at all (32 characters of base64url)? Anything else is refused unlooked."""
        return TOKEN_FORM.fullmatch(token) is not None

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()


class GuestAccess(PersonalLink):
    """A personal link for a member, or for the whole delegation. Only a hash of the secret is stored."""

    delegation = models.ForeignKey(
        Delegation, verbose_name=_("Delegation"), on_delete=models.CASCADE, related_name="guest_accesses"
    )
    member = models.ForeignKey(
        Member,
        verbose_name=_("Mitglied"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="guest_accesses",
        help_text=_("Leer: ein Link für die ganze Delegation."),
    )
    # The token is derived from this salt and the secret key (see visits.links), so the application can send a
    # member their link again; the database alone holds neither the token nor enough to make it.
    token_salt = models.CharField(_("Token-Salz"), max_length=32, blank=True, editable=False)
    last_seen_at = models.DateTimeField(
        _("Programm zuletzt angesehen"), null=True, blank=True, editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("angelegt von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )

    class Meta(PersonalLink.Meta):
        verbose_name = _("Gastzugang")
        verbose_name_plural = _("Gastzugänge")

    def __str__(self) -> str:
        who = self.member or self.delegation
        return f"{_('Link')}: {who}"

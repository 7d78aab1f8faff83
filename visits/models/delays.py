"""A delay on the day as applied: each moved item's times before it, so the delay can be undone."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from delegations.models import Delegation

from .programme import ProgrammeItem


class DelayRecord(models.Model):
    """One item moved by one applied delay (`visits.delays`); the rows of one delay share a batch."""

    batch = models.UUIDField(_("Verschiebung"), db_index=True, editable=False)
    delegation = models.ForeignKey(
        Delegation, verbose_name=_("Delegation"), on_delete=models.CASCADE, related_name="delay_records"
    )
    item = models.ForeignKey(
        ProgrammeItem, verbose_name=_("Programmpunkt"), on_delete=models.CASCADE, related_name="delays"
    )
    delayed_item = models.BooleanField(_("verspäteter Punkt"), default=False)
    minutes = models.IntegerField(_("Minuten"))
    old_starts_at = models.DateTimeField(_("bisheriger Beginn"))
    old_ends_at = models.DateTimeField(_("bisheriges Ende"))
    new_starts_at = models.DateTimeField(_("neuer Beginn"))
    new_ends_at = models.DateTimeField(_("neues Ende"))
    version_after = models.PositiveIntegerField(
        _("Version danach"), help_text=_("Version des Programmpunkts nach der Verschiebung.")
    )
    applied_at = models.DateTimeField(_("verschoben am"), auto_now_add=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verschoben von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    undone_at = models.DateTimeField(_("rückgängig gemacht am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Verschiebung eines Programmpunkts")
        verbose_name_plural = _("Verschiebungen von Programmpunkten")
        ordering = ["-applied_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.item_id} {self.minutes:+d} min"

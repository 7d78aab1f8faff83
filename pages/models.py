"""Legal pages edited by staff, translated per language, and the accessibility feedback the public sends."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core import richtext


class LegalPageKind(models.TextChoices):
    IMPRINT = "imprint", _("Impressum")
    PRIVACY = "privacy", _("Datenschutzerklärung")
    ACCESSIBILITY = "accessibility", _("Erklärung zur Barrierefreiheit")


class LegalPage(models.Model):
    """One of the pages every public page links to in its footer; exactly one of each kind."""

    kind = models.CharField(_("Art"), max_length=20, choices=LegalPageKind, unique=True)
    title = models.CharField(_("Titel"), max_length=200)
    body = models.TextField(_("Text"), help_text=_("Überschriften, Absätze, Listen und Links sind erlaubt."))
    updated_at = models.DateTimeField(_("geändert"), auto_now=True)
    # Change history: registered in translation.py, once the translated fields exist (django-simple-history).

    class Meta:
        verbose_name = _("Pflichtseite")
        verbose_name_plural = _("Pflichtseiten")
        ordering = ["kind"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        richtext.sanitise_translations(self, "body", settings.MODELTRANSLATION_LANGUAGES)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse(f"pages:{self.kind}")


class FeedbackStatus(models.TextChoices):
    NEW = "new", _("neu")
    IN_PROGRESS = "in_progress", _("in Bearbeitung")
    ANSWERED = "answered", _("beantwortet")
    CLOSED = "closed", _("erledigt")


class AccessibilityFeedback(models.Model):
    """A message through the feedback channel of the accessibility statement (BITV NRW)."""

    message = models.TextField(_("Nachricht"), max_length=5000)
    page_url = models.CharField(_("betroffene Seite"), max_length=500, blank=True)
    name = models.CharField(_("Name"), max_length=200, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    language = models.CharField(_("Sprache"), max_length=5, choices=settings.LANGUAGES, default="de")
    status = models.CharField(_("Status"), max_length=20, choices=FeedbackStatus, default=FeedbackStatus.NEW)
    staff_note = models.TextField(_("Vermerk"), blank=True)
    created_at = models.DateTimeField(_("eingegangen"), auto_now_add=True)

    class Meta:
        verbose_name = _("Rückmeldung zur Barrierefreiheit")
        verbose_name_plural = _("Rückmeldungen zur Barrierefreiheit")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.created_at:%d.%m.%Y %H:%M} – {self.message[:60]}"

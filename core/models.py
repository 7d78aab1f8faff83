"""What each translation was made from: the German text a translator saw, per object, field and language.

A translated content field (django-modeltranslation: `title_de`, `title_uk`, `title_en`) says nothing of when
its Ukrainian or English text was written. `core.translation_sources` keeps one `TranslationSource` per
object, field and language whose translation was written against a German text that has changed since, or
that was recorded when a translation was saved; a translation is outdated when its recorded source differs
from the German text now. No row means nothing is known against it: the translation counts as current.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TranslationSource(models.Model):
    """The German text one translation (object, field, language) was made from."""

    content_type = models.ForeignKey(ContentType, verbose_name=_("Art"), on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField(_("Objekt"))
    field = models.CharField(_("Feld"), max_length=64)
    language = models.CharField(_("Sprache"), max_length=8)
    source = models.TextField(_("deutscher Ausgangstext"), blank=True)
    recorded_at = models.DateTimeField(_("erfasst am"), default=timezone.now)

    class Meta:
        verbose_name = _("Ausgangstext einer Übersetzung")
        verbose_name_plural = _("Ausgangstexte von Übersetzungen")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field", "language"],
                name="translation_source_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.content_type_id}:{self.object_id}:{self.field}:{self.language}"

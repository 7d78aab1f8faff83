"""The legal pages' title and text in de, uk and en."""

from modeltranslation.translator import TranslationOptions, register

from .models import LegalPage


@register(LegalPage)
class LegalPageTranslation(TranslationOptions):
    fields = ("title", "body")

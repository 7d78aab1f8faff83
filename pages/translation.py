"""The legal pages' title and text in de, uk and en."""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import LegalPage


@register(LegalPage)
class LegalPageTranslation(TranslationOptions):
    fields = ("title", "body")


# Registered after the translated fields exist, so the history records every language.
simple_history.register(LegalPage)

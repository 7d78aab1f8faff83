"""Content fields of the press app that the public reads, in de, uk and en."""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import EventPage, Photo


@register(EventPage)
class EventPageTranslation(TranslationOptions):
    fields = ("title", "summary", "body")


@register(Photo)
class PhotoTranslation(TranslationOptions):
    fields = ("alt_text", "caption")


# Change history is registered here, after the translated fields exist, so it records every language. Its
# table stays the one it had in the visits app.
simple_history.register(EventPage, table_name="visits_historicaleventpage")

"""Content fields of the visits app that guests and the public read, in de, uk and en."""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from core.translation_sources import track

from .models import Attachment, ProgrammeItem, ProgrammeRelease, ReleasedItem, Venue


@register(Venue)
class VenueTranslation(TranslationOptions):
    fields = ("name", "accessibility_notes")


@register(ProgrammeItem)
class ProgrammeItemTranslation(TranslationOptions):
    fields = ("title", "description", "transport_note", "dress_code")


@register(Attachment)
class AttachmentTranslation(TranslationOptions):
    fields = ("title",)


@register(ProgrammeRelease)
class ProgrammeReleaseTranslation(TranslationOptions):
    # The note goes into every member's notice: written per language, German where one is missing.
    fields = ("note",)


@register(ReleasedItem)
class ReleasedItemTranslation(TranslationOptions):
    fields = ("title", "description", "transport_note", "dress_code")


# Change history is registered here, after the translated fields exist, so it records every language.
simple_history.register(ProgrammeItem, m2m_fields=["participants", "hosts"])

# Which translations are older than their German text (the planners' translations page).
track(Venue, VenueTranslation.fields)
track(ProgrammeItem, ProgrammeItemTranslation.fields)
track(ProgrammeRelease, ProgrammeReleaseTranslation.fields)

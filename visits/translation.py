"""Content fields of the visits app that guests and the public read, in de, uk and en."""

from modeltranslation.translator import TranslationOptions, register

from .models import EventPage, Photo, ProgrammeItem, Venue


@register(Venue)
class VenueTranslation(TranslationOptions):
    fields = ("name", "accessibility_notes")


@register(ProgrammeItem)
class ProgrammeItemTranslation(TranslationOptions):
    fields = ("title", "description", "transport_note", "dress_code")


@register(EventPage)
class EventPageTranslation(TranslationOptions):
    fields = ("title", "summary", "body")


@register(Photo)
class PhotoTranslation(TranslationOptions):
    fields = ("alt_text", "caption")

"""Content fields of the delegations app that guests and the public read, in de, uk and en."""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from core.translation_sources import track

from .models import Contact, Delegation, Member, Organisation, Partnership, Topic


@register(Topic)
class TopicTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Partnership)
class PartnershipTranslation(TranslationOptions):
    fields = ("name", "focus_areas", "description")


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("profile",)


@register(Contact)
class ContactTranslation(TranslationOptions):
    fields = ("function",)


@register(Delegation)
class DelegationTranslation(TranslationOptions):
    fields = ("title", "summary")


@register(Member)
class MemberTranslation(TranslationOptions):
    fields = ("function",)


# Change history is registered here, after the translated fields exist, so it records every language.
simple_history.register(Delegation)
simple_history.register(Member)

# Which translations are older than their German text (the planners' translations page).
track(Contact, ContactTranslation.fields)
track(Delegation, DelegationTranslation.fields)
track(Member, MemberTranslation.fields)

"""Template tags of the public site: the current page in other languages, and which language content is in."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info

from core import links
from visits.content_language import shown_text

register = template.Library()


@register.simple_tag(takes_context=True)
def language_alternates(context) -> list[dict]:
    """The current page in each language: code, name in that language, path and absolute URL."""
    request = context["request"]
    current = get_language()
    alternates = []
    for code, _name in settings.LANGUAGES:
        path = translate_url(request.get_full_path(), code)
        alternates.append(
            {
                "code": code,
                "name": get_language_info(code)["name_local"],
                "path": path,
                "url": links.absolute_url(path, request),
                "is_current": code == current,
            }
        )
    return alternates


@register.simple_tag(takes_context=True)
def absolute_url(context, path: str) -> str:
    """A path's absolute address, from `DJANGO_SITE_URL` (or the request's host in debug mode without it)."""
    return links.absolute_url(path, context["request"])


@register.simple_tag
def content_language(obj, field: str) -> str:
    """The language `obj.<field>` is shown in now: the reader's, or the fallback modeltranslation chose."""
    return shown_text(obj, field).language


@register.filter
def name_in(member, language: str) -> str:
    """A member's name as a reader of `language` expects it (Cyrillic for Ukrainian)."""
    return member.name_in(language)

"""Text in German, Ukrainian and English at once, for the check page whose reader's language is unknown."""

from django import template
from django.utils import translation
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

register = template.Library()

LANGUAGES = ("de", "uk", "en")


@register.filter
def in_three_languages(text) -> str:
    """A lazily translated text in each language, each in a span with its `lang`; a language that reads
    the same as the one before it is left out."""
    versions = []
    for code in LANGUAGES:
        with translation.override(code):
            rendered = str(text)
        if all(rendered != seen for _, seen in versions):
            versions.append((code, rendered))
    return format_html_join(
        mark_safe('<span class="separator" aria-hidden="true"> · </span>'),
        '<span lang="{}">{}</span>',
        versions,
    )

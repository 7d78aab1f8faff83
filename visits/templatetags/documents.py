"""Template filters of the printed documents (PDF): the language of a passage in another script."""

import re

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()

# A run of Cyrillic words with the spaces, hyphens and apostrophes between them ("Олена Коваль", "Мар'яна").
_WORD = r"[\u0400-\u04ff][\u0400-\u04ff\u02bc'’-]*"
_CYRILLIC_RUN = re.compile(rf"{_WORD}(?:[ \t.,]+{_WORD})*")


@register.filter(needs_autoescape=True)
def ukrainian_marked(value, autoescape=True):
    """Text with each run of Cyrillic script in ``<span lang="uk">``, unless the document is Ukrainian itself:
    a screen reader then reads the Cyrillic name in a German list with a Ukrainian voice. Values that are not
    text (numbers, dates) are left to the template's own formatting."""
    if not isinstance(value, str) or (get_language() or "").startswith("uk"):
        return value
    escape = conditional_escape if autoescape else str
    parts, position = [], 0
    for run in _CYRILLIC_RUN.finditer(value):
        parts.append(escape(value[position : run.start()]))
        parts.append(f'<span lang="uk">{escape(run.group())}</span>')
        position = run.end()
    parts.append(escape(value[position:]))
    return mark_safe("".join(parts))

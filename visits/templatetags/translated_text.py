"""Template tag for translated content: the text and the language it is really in (visits.content_language).

{% load translated_text %}
{% shown_text item "title" as title %}
<h4{% if title.gap %} lang="{{ title.language }}"{% endif %}>{{ title }}</h4>
{% include "guest/_language_gap.html" with shown=title %}
"""

from django import template

from ..content_language import ShownText
from ..content_language import shown_text as _shown_text

register = template.Library()


@register.simple_tag
def shown_text(obj, field: str) -> ShownText:
    """`obj.<field>` as the reader of the active language sees it, with `gap`, `language` and `note`."""
    return _shown_text(obj, field)

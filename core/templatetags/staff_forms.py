"""Form fields in the staff admin, where people type in other people's data (admin/includes/fieldset.html).

    {% load staff_forms %}{{ field.field|without_autofill }}

The browser must not offer the staff member's own name, email, phone or address for a guest's or a contact's
record: every visible field without an autocomplete attribute of its own gets ``autocomplete="off"``. It
also settles Chromium's form issue about fields named like an autofill token (``name``, ``email``, ``phone``)
with no autocomplete attribute.
"""

from django import template
from django.forms import BoundField

register = template.Library()


@register.filter
def without_autofill(field):
    """The field rendered as `{{ field }}` would be, with autofill off unless its widget says otherwise."""
    if not isinstance(field, BoundField) or field.is_hidden or "autocomplete" in field.field.widget.attrs:
        return field
    rendered = field.as_widget(attrs={"autocomplete": "off"})
    if field.field.show_hidden_initial:
        rendered += field.as_hidden(only_initial=True)
    return rendered

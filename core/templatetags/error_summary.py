"""The error summary of a form that was sent with errors (the GOV.UK pattern), for every form people fill in.

    {% load error_summary %}{% error_summary form %}   (or several forms: {% error_summary form other_form %})

At the top of the page: a heading and one link per error to its field, in the order of the fields. It takes
the focus when the page loads (``autofocus`` and ``tabindex="-1"``, and core/error-summary.js where
``autofocus`` is not honoured), so a keyboard or screen-reader user learns at once that saving failed and
reaches each field from there. Without JavaScript the summary is still the first thing on the page.
"""

from dataclasses import dataclass

from django import template

register = template.Library()


@dataclass(frozen=True)
class SummaryError:
    target: str  # the id of the element the link leads to
    label: str  # the field's label, or "" for an error of the whole form
    message: str


def _target(field) -> str:
    # A group of radio buttons or checkboxes has no one element the label is for: lead to the first option.
    return field.id_for_label or f"{field.auto_id}_0"


def form_errors(form) -> list[SummaryError]:
    if form is None or not getattr(form, "is_bound", False) or not form.errors:
        return []
    visible = [field for field in form if not field.is_hidden]
    first = _target(visible[0]) if visible else ""
    found = [SummaryError(first, "", str(message)) for message in form.non_field_errors()]
    for field in form:
        for message in field.errors:
            if field.is_hidden:  # a hidden field's error is the form's
                found.append(SummaryError(first, "", str(message)))
            else:
                found.append(SummaryError(_target(field), str(field.label or ""), str(message)))
    return found


@register.inclusion_tag("core/error_summary.html")
def error_summary(*forms):
    return {"errors": [error for form in forms for error in form_errors(form)]}

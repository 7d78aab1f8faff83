"""Django's autocomplete widgets, kept from a server error on values that are no key at all.

When the admin shows a form again after an error, `AutocompleteMixin.optgroups` filters the related model by
the submitted value; "abc" for an integer key (or a number beyond 64 bits) makes that query raise instead of
leaving the field's own "Select a valid choice" error to speak. `ready()` of this app wraps `optgroups` so
that values the key field would refuse are dropped before the query; the form's error stays as it is.
"""

import functools

from django.contrib.admin.widgets import AutocompleteMixin
from django.core.exceptions import ValidationError


def _key_field(widget):
    remote = widget.field.remote_field
    opts = remote.model._meta
    return opts.get_field(getattr(remote, "field_name", None) or opts.pk.name)


def _is_key(field, value) -> bool:
    try:
        field.run_validators(field.to_python(value))
    except (ValidationError, TypeError, ValueError):
        return False
    return True


def guard_autocomplete_optgroups() -> None:
    original = AutocompleteMixin.optgroups
    if getattr(original, "kleve_guarded", False):
        return

    @functools.wraps(original)
    def optgroups(self, name, value, attr=None):
        field = _key_field(self)
        return original(self, name, [v for v in value if v in ("", None) or _is_key(field, v)], attr)

    optgroups.kleve_guarded = True
    AutocompleteMixin.optgroups = optgroups

"""Model fields of the delegations app: the language pairs an interpreter works in."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .enums import LanguagePair


class LanguagePairsField(models.JSONField):
    """A list of `LanguagePair` values, stored as JSON (same on SQLite and PostgreSQL), edited as checkboxes.

    A JSON list rather than a table of its own: the pairs are a fixed handful, they are always read together
    with the contact (no extra query in the conflict check), and a form shows them as plain checkboxes.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        if not isinstance(value, list) or any(pair not in LanguagePair.values for pair in value):
            raise ValidationError(
                _("Bitte nur Sprachpaare aus der Liste wählen: %(pairs)s."),
                code="invalid_language_pair",
                params={"pairs": ", ".join(LanguagePair.values)},
            )

    def formfield(self, **kwargs):
        # JSONField's own form field is a JSON text box; staff pick from the fixed pairs instead.
        return models.Field.formfield(
            self,
            **{
                "form_class": forms.TypedMultipleChoiceField,
                "choices": LanguagePair.choices,
                "widget": forms.CheckboxSelectMultiple,
                **kwargs,
            },
        )

"""Forms of the followup pages: the state of an action, changed from the open-actions list."""

from django import forms
from django.utils.translation import pgettext_lazy

from .enums import ActionState


class ActionStateForm(forms.Form):
    state = forms.ChoiceField(label=pgettext_lazy("action state", "Stand"), choices=ActionState.choices)
    next = forms.CharField(required=False, widget=forms.HiddenInput)

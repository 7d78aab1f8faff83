"""The badge options staff choose on a delegation's letters page: whose badges, and for which event."""

from django import forms
from django.utils.translation import gettext_lazy as _

from delegations.models import Delegation
from visits.models import ProgrammeItem

from .documents import BADGE_HOSTS, BADGE_MEMBERS


class ProgrammeItemChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: ProgrammeItem) -> str:
        return str(obj)


class BadgeOptionsForm(forms.Form):
    who = forms.ChoiceField(
        label=_("Für wen"),
        choices=[
            (BADGE_MEMBERS, _("Mitglieder der Delegation")),
            (BADGE_HOSTS, _("Gastgeber/innen aus dem Programm")),
        ],
        initial=BADGE_MEMBERS,
        required=False,
    )
    item = ProgrammeItemChoice(
        label=_("Veranstaltung"),
        queryset=ProgrammeItem.objects.none(),
        required=False,
        empty_label=_("der ganze Besuch (Titel der Delegation)"),
        error_messages={"invalid_choice": _("Diesen Programmpunkt gibt es in dieser Delegation nicht.")},
    )

    def __init__(self, *args, delegation: Delegation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = (
            ProgrammeItem.objects.filter(delegation=delegation).not_cancelled().in_order()
        )

    def clean_who(self) -> str:
        return self.cleaned_data.get("who") or BADGE_MEMBERS

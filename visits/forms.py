"""Forms of the visits app outside the admin: a guest's own travel details, needs and consents; the planners'
on-the-day screen (which visit and day, a delay of how many minutes)."""

import datetime as dt
from zoneinfo import ZoneInfo

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Fieldset, Layout, Submit
from django import forms
from django.utils.translation import gettext_lazy as _
from phonenumber_field.formfields import PhoneNumberField

from delegations.enums import DelegationStatus, NoticeChannels, PhotoConsent, TravelMode
from delegations.models import Delegation, Member

from .notices import messenger_configured

TEXT_LIMIT = 1000


def date_input() -> forms.DateInput:
    # The browser's own date picker; the value travels in ISO form whatever the page language.
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def time_input() -> forms.TimeInput:
    return forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class GuestDetailsForm(forms.Form):
    """What a member tells us about themselves before the visit; `details` holds the values as Member fields.

    Dates and times are entered in the visit's zone (the form says which). With `locked`, every field is
    disabled and nothing can be submitted: the visit has begun.
    """

    arrival_date = forms.DateField(
        label=_("Ankunftstag"),
        required=False,
        widget=date_input(),
    )
    arrival_time = forms.TimeField(
        label=_("Ankunftszeit"),
        required=False,
        widget=time_input(),
    )
    arrival_mode = forms.ChoiceField(
        label=_("Anreise mit"), required=False, choices=[("", "—"), *TravelMode.choices]
    )
    arrival_reference = forms.CharField(
        label=_("Flug- oder Zugnummer (Anreise)"),
        required=False,
        max_length=40,
        help_text=_("z. B. LH 2371 oder ICE 105"),
    )
    departure_date = forms.DateField(
        label=_("Abreisetag"),
        required=False,
        widget=date_input(),
    )
    departure_time = forms.TimeField(
        label=_("Abfahrtszeit"),
        required=False,
        widget=time_input(),
    )
    departure_mode = forms.ChoiceField(
        label=_("Abreise mit"), required=False, choices=[("", "—"), *TravelMode.choices]
    )
    departure_reference = forms.CharField(
        label=_("Flug- oder Zugnummer (Abreise)"), required=False, max_length=40
    )
    dietary_needs = forms.CharField(
        label=_("Ernährung"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Zum Beispiel vegetarisch, ohne Schweinefleisch, Allergien."),
    )
    accessibility_needs = forms.CharField(
        label=_("Barrierefreiheit"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Was sollen wir bei Wegen, Räumen oder Veranstaltungen berücksichtigen?"),
    )
    phone = PhoneNumberField(
        label=_("Mobiltelefon"),
        required=False,
        region=None,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        help_text=_("Mit Ländervorwahl, z. B. +380 48 123 45 67."),
    )
    photo_consent = forms.ChoiceField(
        label=_("Dürfen wir Fotos veröffentlichen, auf denen Sie zu sehen sind?"),
        choices=[
            (PhotoConsent.GIVEN, _("Ja, ich bin einverstanden.")),
            (PhotoConsent.REFUSED, _("Nein, bitte keine Fotos von mir veröffentlichen.")),
            (PhotoConsent.UNKNOWN, _("Ich möchte das noch nicht entscheiden.")),
        ],
        widget=forms.RadioSelect,
        required=False,
    )

    notify_by = forms.ChoiceField(
        label=_("Wie sollen wir Ihnen Änderungen am Programm mitteilen?"),
        choices=NoticeChannels.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    messenger = forms.CharField(
        label=_("Ihre Messenger-Kennung"),
        required=False,
        max_length=100,
        help_text=_(
            "Zum Beispiel Ihre Telefonnummer mit Ländervorwahl (Signal) oder Ihre Chat-ID (Telegram)."
        ),
    )

    def __init__(self, data=None, *, member: Member, locked: bool = False, **kwargs):
        self.member = member
        self.zone = ZoneInfo(member.delegation.time_zone)
        super().__init__(data, initial=self._initial(member), **kwargs)
        self.fields["arrival_date"].help_text = _("Ortszeit Deutschland (%(zone)s).") % {
            "zone": member.delegation.time_zone
        }
        self.offers_messenger = messenger_configured()
        if not self.offers_messenger:  # without a messenger service there is nothing to choose
            del self.fields["notify_by"], self.fields["messenger"]
        if locked:
            for field in self.fields.values():
                field.disabled = True
        self.helper = FormHelper(self)
        self.helper.form_method = "post"
        self.helper.layout = Layout(
            Fieldset(
                _("Anreise"),
                Div("arrival_date", "arrival_time", css_class="field-pair"),
                "arrival_mode",
                "arrival_reference",
            ),
            Fieldset(
                _("Abreise"),
                Div("departure_date", "departure_time", css_class="field-pair"),
                "departure_mode",
                "departure_reference",
            ),
            Fieldset(_("Was wir wissen sollten"), "dietary_needs", "accessibility_needs"),
            Fieldset(_("Kontakt und Fotos"), "phone", "photo_consent"),
        )
        if self.offers_messenger:
            self.helper.layout.append(Fieldset(_("Benachrichtigungen"), "notify_by", "messenger"))
        if not locked:
            self.helper.add_input(Submit("save", _("Angaben speichern")))

    def _initial(self, member: Member) -> dict:
        initial = {
            "arrival_mode": member.arrival_mode,
            "arrival_reference": member.arrival_reference,
            "departure_mode": member.departure_mode,
            "departure_reference": member.departure_reference,
            "dietary_needs": member.dietary_needs,
            "accessibility_needs": member.accessibility_needs,
            "phone": member.phone.as_international if member.phone else "",
            "photo_consent": member.photo_consent,
            "notify_by": member.notify_by,
            "messenger": member.messenger,
        }
        for prefix in ("arrival", "departure"):
            moment = getattr(member, f"{prefix}_at")
            if moment is not None:
                local = moment.astimezone(self.zone)
                initial[f"{prefix}_date"] = local.date()
                initial[f"{prefix}_time"] = local.time().replace(second=0, microsecond=0)
        return initial

    def clean_photo_consent(self) -> str:
        # Nothing chosen means: not decided yet.
        return self.cleaned_data["photo_consent"] or PhotoConsent.UNKNOWN

    def _moment(self, prefix: str) -> dt.datetime | None:
        if f"{prefix}_date" in self.errors or f"{prefix}_time" in self.errors:
            return None  # already said what is wrong
        day = self.cleaned_data.get(f"{prefix}_date")
        time = self.cleaned_data.get(f"{prefix}_time")
        if day is None and time is None:
            return None
        if day is None:
            self.add_error(f"{prefix}_date", _("Bitte auch den Tag angeben."))
            return None
        if time is None:
            self.add_error(f"{prefix}_time", _("Bitte auch die Uhrzeit angeben."))
            return None
        return dt.datetime.combine(day, time, tzinfo=self.zone)

    def clean_notify_by(self) -> str:
        return self.cleaned_data["notify_by"] or self.member.notify_by

    def clean(self):
        cleaned = super().clean()
        wants_messenger = cleaned.get("notify_by") in {NoticeChannels.MESSENGER, NoticeChannels.BOTH}
        if self.offers_messenger and wants_messenger and not cleaned.get("messenger"):
            self.add_error("messenger", _("Bitte geben Sie Ihre Messenger-Kennung an."))
        arrival, departure = self._moment("arrival"), self._moment("departure")
        if arrival and departure and departure < arrival:
            self.add_error("departure_date", _("Die Abreise kann nicht vor der Ankunft liegen."))
        cleaned["arrival_at"], cleaned["departure_at"] = arrival, departure
        return cleaned

    @property
    def details(self) -> dict:
        """The valid input as Member fields, for `services.save_guest_details`."""
        data = self.cleaned_data
        return {
            "arrival_at": data["arrival_at"],
            "arrival_mode": data["arrival_mode"],
            "arrival_reference": data["arrival_reference"],
            "departure_at": data["departure_at"],
            "departure_mode": data["departure_mode"],
            "departure_reference": data["departure_reference"],
            "dietary_needs": data["dietary_needs"],
            "accessibility_needs": data["accessibility_needs"],
            "phone": data["phone"] or "",
            "photo_consent": data["photo_consent"],
            **(
                {"notify_by": data["notify_by"], "messenger": data["messenger"]}
                if self.offers_messenger
                else {}
            ),
        }


class VisitDayForm(forms.Form):
    """Which visit and which day the on-the-day screen shows; nothing chosen: the visit under way today."""

    delegation = forms.ModelChoiceField(
        Delegation.objects.exclude(status=DelegationStatus.CANCELLED).order_by("-arrival_date", "pk"),
        label=_("Besuch"),
        required=False,
    )
    date = forms.DateField(label=_("Tag"), required=False, widget=date_input())


class DelayForm(forms.Form):
    """A delay of one item as the on-the-day screen sends it, cleaned to signed minutes (`minutes`).

    One of: a quick button (`quick`) or a number (`late`) for running late, a number for ending early
    (`early`), or the signed minutes of a preview being applied (`minutes`, with the plan's `fingerprint`).
    `date` is the day the screen showed: an item of another day is refused.
    """

    date = forms.DateField(widget=forms.HiddenInput)
    quick = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    late = forms.IntegerField(label=_("Minuten länger"), required=False, min_value=0)
    early = forms.IntegerField(label=_("Minuten früher beendet"), required=False, min_value=0)
    minutes = forms.IntegerField(required=False, widget=forms.HiddenInput)
    fingerprint = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        given = [
            (name, value)
            for name, value in ((name, data.get(name)) for name in ("quick", "late", "early", "minutes"))
            if value is not None
        ]
        if self.errors:
            return data
        if not given:
            raise forms.ValidationError(_("Bitte geben Sie an, um wie viele Minuten."), code="required")
        if len(given) > 1:
            raise forms.ValidationError(
                _("Bitte geben Sie die Minuten nur einmal an: länger oder früher beendet."), code="ambiguous"
            )
        name, value = given[0]
        data["signed_minutes"] = -value if name == "early" else value
        return data

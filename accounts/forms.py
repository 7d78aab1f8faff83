"""Forms of the two-factor pages: a code from the authenticator app (or a backup code)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts import two_factor


class TokenForm(forms.Form):
    otp_token = forms.CharField(
        label=_("Code"),
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True, "size": 10}
        ),
    )


class VerifyForm(TokenForm):
    """A code from any confirmed device of the user."""

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.device = None

    def clean_otp_token(self):
        token = self.cleaned_data["otp_token"]
        self.device = two_factor.verified_device(self.user, token)
        if self.device is None:
            raise forms.ValidationError(
                _("Der Code stimmt nicht oder ist abgelaufen. Bitte den aktuellen Code eingeben."),
                code="invalid",
            )
        return token


class ConfirmDeviceForm(TokenForm):
    """The first code of a new authenticator app: proves the app has the key before it counts."""

    def __init__(self, device, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_otp_token(self):
        token = self.cleaned_data["otp_token"]
        if not two_factor.confirm_totp_device(self.device, token):
            raise forms.ValidationError(
                _(
                    "Der Code stimmt nicht. Bitte prüfen, ob die Uhrzeit des Telefons stimmt, "
                    "und erneut versuchen."
                ),
                code="invalid",
            )
        return token

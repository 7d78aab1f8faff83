"""The public feedback form of the accessibility statement."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import AccessibilityFeedback


class AccessibilityFeedbackForm(forms.ModelForm):
    class Meta:
        model = AccessibilityFeedback
        fields = ["message", "page_url", "name", "email"]
        labels = {
            "message": _("Ihre Nachricht"),
            "page_url": _("Welche Seite meinen Sie? (optional)"),
            "name": _("Ihr Name (optional)"),
            "email": _("Ihre E-Mail-Adresse für eine Antwort (optional)"),
        }
        help_texts = {
            "message": _(
                "Beschreiben Sie, welche Barriere Ihnen begegnet ist oder welche Information Sie brauchen."
            ),
        }
        widgets = {
            "message": forms.Textarea(attrs={"rows": 6}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
        }

    def clean_message(self) -> str:
        message = self.cleaned_data["message"].strip()
        if len(message) < 10:
            raise forms.ValidationError(_("Bitte beschreiben Sie Ihr Anliegen in ein paar Worten."))
        return message

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-control")

"""The check page's texts, marked for translation here and shown in all three languages at once."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

CHECK_TEXTS = {
    "title": _("Prüfung eines Einladungsschreibens"),
    "genuine": _("Dieses Einladungsschreiben ist echt."),
    "issuer": _("Es wurde vom Kreis Kleve ausgestellt und ist gültig."),
    "reference": _("Aktenzeichen"),
    "name": pgettext_lazy("full name", "Name"),
    "dates": _("Zeitraum des Besuchs"),
    "not_found": _("Zu diesem Code gibt es kein gültiges Einladungsschreiben."),
    "not_found_hint": _(
        "Bitte prüfen Sie die Adresse. Ein Schreiben gilt ein Jahr lang; danach lässt es sich hier "
        "nicht mehr prüfen."
    ),
    "home": _("Zur Startseite"),
}

"""Guest URLs: a personal link per member or delegation, found by its secret token, outside /de/, /uk/, /en/.

The token segment takes any text, so that a malformed token gets the same 404 as an unknown one.
"""

from django.urls import path, register_converter

from visits.views import guest


class GuestLanguageConverter:
    regex = "uk|en|de"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(GuestLanguageConverter, "guestlang")

app_name = "guest"

urlpatterns = [
    path("<str:token>/", guest.itinerary, name="itinerary"),
    path("<str:token>/sw.js", guest.service_worker, name="service_worker"),
    path("<str:token>/manifest.webmanifest", guest.manifest, name="manifest"),
    path("<str:token>/<guestlang:lang>/", guest.itinerary, name="itinerary_in"),
    path("<str:token>/unterlagen/<str:code>/<str:filename>", guest.document, name="document"),
    path("<str:token>/<guestlang:lang>/angaben/", guest.details, name="details"),
    path("<str:token>/<guestlang:lang>/programm.ics", guest.calendar, name="calendar"),
    path("<str:token>/<guestlang:lang>/programm.pdf", guest.pdf, name="pdf"),
]

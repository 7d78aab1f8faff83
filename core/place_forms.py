"""The map link field and the address look-up of every form that edits coordinates (venues, organisations)."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .geo_services import GeocodingError, geocode
from .maplinks import MapLinkError, Point, point_from_map_link

# The name of the submit button that asks the geocoder; its value says nothing.
GEOCODE_BUTTON = "_geocode"


class CoordinatesFormMixin(forms.Form):
    """Fills latitude and longitude from a pasted map link, or on request from the address by the geocoder.

    A link that names no coordinates, or a geocoder that finds none, is an error on the form, so nothing is
    saved. The link wins over coordinates typed at the same time: it is the newer of the two.
    """

    map_link = forms.CharField(
        label=_("Kartenlink"),
        required=False,
        max_length=4000,
        help_text=_(
            "Link aus OpenStreetMap, Google Maps oder Apple Maps, eine geo:-Adresse oder „Breite, Länge“ "
            "einfügen: beim Speichern werden Breiten- und Längengrad daraus übernommen."
        ),
        widget=forms.TextInput(
            attrs={"class": "vLargeTextField", "autocomplete": "off", "spellcheck": "false"}
        ),
    )

    def clean_map_link(self) -> Point | None:
        text = self.cleaned_data["map_link"].strip()
        if not text:
            return None
        try:
            return point_from_map_link(text)
        except MapLinkError as error:
            raise forms.ValidationError(error.messages[0], code=error.code) from None

    def wants_geocoding(self) -> bool:
        return bool(settings.GEOCODER_URL) and GEOCODE_BUTTON in self.data

    def clean(self):
        cleaned = super().clean()
        found = cleaned.get("map_link")
        if found is None and self.wants_geocoding() and not self.errors:
            try:
                found = geocode(
                    street=cleaned.get("street", ""),
                    postcode=cleaned.get("postcode", ""),
                    city=cleaned.get("city", ""),
                    country=cleaned.get("country", ""),
                )
            except GeocodingError as error:
                self.add_error(None, str(error))
                return cleaned
        if found is not None:
            cleaned["latitude"], cleaned["longitude"] = found.latitude, found.longitude
            # The typed values the link replaces: their errors (a comma for a point) no longer count.
            for name in ("latitude", "longitude"):
                self._errors.pop(name, None)
        return cleaned

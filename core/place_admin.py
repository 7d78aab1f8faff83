"""The admin's part of places: the map link field, the geocoder button and the map sketch of an address."""

from decimal import Decimal

from django import forms
from django.conf import settings
from django.contrib import messages
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from .map_preview import Place, sketch
from .maplinks import Point
from .place_forms import GEOCODE_BUTTON, CoordinatesFormMixin

# The sketch shows the other places within this many degrees (about 110 km north to south): the county and
# its neighbours, not a partner town on another continent that would shrink the county to a dot.
NEIGHBOURHOOD_DEGREES = Decimal(1)


class CoordinatesModelForm(CoordinatesFormMixin, forms.ModelForm):
    pass


class CoordinatesAdminMixin:
    """For the admin of a model with an address (`delegations.models.Address`): link, look-up, sketch.

    The fieldsets name `map_link` where it belongs; it is left out for those who may only look. The change
    form's template includes "admin/kleve/_place_sketch.html" and "admin/kleve/_geocode_button.html".
    """

    form = CoordinatesModelForm

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if self.has_change_permission(request, obj) if obj is not None else self.has_add_permission(request):
            return fieldsets
        return [
            (name, {**options, "fields": [field for field in options["fields"] if field != "map_link"]})
            for name, options in fieldsets
        ]

    def neighbours(self, request, obj):
        """The other places of this kind near `obj` that the user may see."""
        return self.get_queryset(request)

    def map_sketch(self, request, obj) -> str:
        if obj is None or not obj.has_coordinates:
            return ""
        nearby = (
            self.neighbours(request, obj)
            .exclude(pk=obj.pk)
            .filter(
                latitude__range=(obj.latitude - NEIGHBOURHOOD_DEGREES, obj.latitude + NEIGHBOURHOOD_DEGREES),
                longitude__range=(
                    obj.longitude - NEIGHBOURHOOD_DEGREES * 2,
                    obj.longitude + NEIGHBOURHOOD_DEGREES * 2,
                ),
            )
            .order_by("pk")
        )
        others = [Place(str(place), Point(place.latitude, place.longitude)) for place in nearby]
        return render_to_string(
            "core/map_preview.html",
            {
                "sketch": sketch(Place(str(obj), Point(obj.latitude, obj.longitude)), others),
                "place": obj,
                "osm_url": (
                    f"https://www.openstreetmap.org/?mlat={obj.latitude}&mlon={obj.longitude}"
                    f"#map=17/{obj.latitude}/{obj.longitude}"
                ),
            },
            request=request,
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["geocoder_available"] = (
            bool(settings.GEOCODER_URL) and "map_link" in context["adminform"].form.fields
        )
        context["geocode_button"] = GEOCODE_BUTTON
        context["map_sketch"] = self.map_sketch(request, obj)
        return super().render_change_form(
            request, context, add=add, change=change, form_url=form_url, obj=obj
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if form.cleaned_data.get("map_link") is not None:
            message = _("Breiten- und Längengrad aus dem Kartenlink übernommen: %(point)s.")
        elif form.wants_geocoding():
            message = _("Breiten- und Längengrad aus der Adresse ermittelt: %(point)s.")
        else:
            return
        self.message_user(request, message % {"point": f"{obj.latitude}, {obj.longitude}"}, messages.SUCCESS)

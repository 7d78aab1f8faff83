"""Venues: where items take place, with address, coordinates and accessibility notes; hotels too."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

from delegations.models import Address, Organisation

from ..enums import VenueKind


class VenueQuerySet(models.QuerySet):
    def for_staff(self, user):
        """Venues a staff member may see: hotels only for those who may see members (where guests sleep)."""
        if user.has_perm("delegations.view_member"):
            return self
        return self.exclude(kind=VenueKind.HOTEL)


class Venue(Address):
    """A place with address and accessibility notes; hotels are venues too."""

    name = models.CharField(_("Name"), max_length=200)
    kind = models.CharField(_("Art"), max_length=20, choices=VenueKind, default=VenueKind.MEETING)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("Organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="venues",
    )
    phone = PhoneNumberField(_("Telefon"), blank=True)
    accessibility_notes = models.TextField(_("Hinweise zur Barrierefreiheit"), blank=True)

    objects = VenueQuerySet.as_manager()

    class Meta:
        verbose_name = _("Ort")
        verbose_name_plural = _("Orte")
        ordering = ["name"]
        constraints = Address.address_constraints("venue")

    def __str__(self) -> str:
        return f"{self.name} ({self.city})" if self.city else self.name

    @property
    def osm_url(self) -> str:
        if self.has_coordinates:
            return (
                f"https://www.openstreetmap.org/?mlat={self.latitude}&mlon={self.longitude}"
                f"#map=17/{self.latitude}/{self.longitude}"
            )
        return "https://www.openstreetmap.org/search?query=" + "+".join(self.address.split())

    @property
    def geo_uri(self) -> str:
        return f"geo:{self.latitude},{self.longitude}" if self.has_coordinates else ""

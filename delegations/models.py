"""Who travels, on what framework: partnerships, organisations, contacts, delegations and their members."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

from core.concurrency import Versioned, version_field
from core.constraints import not_before

from .enums import (
    ContactRole,
    DelegationStatus,
    Direction,
    InterpretingMode,
    Language,
    NoticeChannels,
    OrganisationKind,
    PartnershipKind,
    PhotoConsent,
    SigningMode,
    TravelMode,
)
from .fields import LanguagePairsField


class Coordinates(models.Model):
    """Latitude and longitude, both or neither, for map links and transfer times."""

    latitude = models.DecimalField(
        _("Breitengrad"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("Längengrad"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )

    class Meta:
        abstract = True

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @classmethod
    def coordinate_constraints(cls, prefix: str) -> list[models.BaseConstraint]:
        return [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name=f"{prefix}_coordinates_both_or_neither",
                violation_error_message=_(
                    "Breiten- und Längengrad bitte beide angeben oder beide leer lassen."
                ),
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name=f"{prefix}_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name=f"{prefix}_longitude_range",
            ),
        ]


def country_code_constraint(name: str, field: str = "country") -> models.CheckConstraint:
    """The rule that `field` holds a country as its ISO 3166 code in capitals (DE, UA)."""
    return models.CheckConstraint(
        condition=Q(**{f"{field}__regex": r"^[A-Z]{2}$"}),
        name=name,
        violation_error_message=_("Das Land bitte als zweistelligen ISO-Code in Großbuchstaben angeben."),
    )


class Address(Coordinates):
    """A postal address with its coordinates: organisations and venues."""

    street = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    postcode = models.CharField(_("PLZ"), max_length=12, blank=True)
    city = models.CharField(_("Ort"), max_length=120, blank=True)
    country = models.CharField(_("Land"), max_length=2, default="DE", help_text=_("ISO-3166-Ländercode"))

    class Meta:
        abstract = True

    @classmethod
    def address_constraints(cls, prefix: str) -> list[models.BaseConstraint]:
        return [*cls.coordinate_constraints(prefix), country_code_constraint(f"{prefix}_country_is_iso_code")]

    @property
    def address(self) -> str:
        return ", ".join(part for part in (self.street, f"{self.postcode} {self.city}".strip()) if part)


class Topic(models.Model):
    """A subject of exchange: energy supply, hydrogen, knowledge management in administration, …"""

    name = models.CharField(_("Name"), max_length=120, unique=True)
    description = models.TextField(_("Beschreibung"), blank=True)

    class Meta:
        verbose_name = _("Thema")
        verbose_name_plural = _("Themen")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Partnership(models.Model):
    """The framework agreement between the county and a partner region."""

    name = models.CharField(_("Bezeichnung"), max_length=200)
    partner_region = models.CharField(_("Partnerregion"), max_length=200)
    partner_country = models.CharField(
        _("Land der Partnerregion"), max_length=2, help_text=_("ISO-3166-Ländercode, z. B. UA")
    )
    kind = models.CharField(_("Art"), max_length=20, choices=PartnershipKind)
    council_resolution_on = models.DateField(_("Kreistagsbeschluss vom"), null=True, blank=True)
    signed_on = models.DateField(_("unterzeichnet am"), null=True, blank=True)
    signing_mode = models.CharField(
        _("Art der Unterzeichnung"), max_length=20, choices=SigningMode, blank=True
    )
    focus_areas = models.TextField(_("Schwerpunkte"), blank=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    funding_programme = models.CharField(_("Förderprogramm"), max_length=200, blank=True)
    funder = models.CharField(_("Fördermittelgeber"), max_length=200, blank=True)
    topics = models.ManyToManyField(Topic, verbose_name=_("Themen"), blank=True, related_name="partnerships")

    class Meta:
        verbose_name = _("Partnerschaft")
        verbose_name_plural = _("Partnerschaften")
        ordering = ["name"]
        constraints = [
            not_before(
                "signed_on",
                "council_resolution_on",
                may_be_empty=("signed_on", "council_resolution_on"),
                name="partnership_signed_after_resolution",
                message=_("Die Unterzeichnung kann nicht vor dem Kreistagsbeschluss liegen."),
            ),
            country_code_constraint("partnership_country_is_iso_code", field="partner_country"),
        ]

    def __str__(self) -> str:
        return self.name


class Organisation(Address):
    """An authority, company, school or association, on either side of the partnership."""

    name = models.CharField(_("Name"), max_length=200)
    kind = models.CharField(_("Art"), max_length=20, choices=OrganisationKind)
    website = models.URLField(_("Website"), blank=True)
    profile = models.TextField(_("Profil"), blank=True, help_text=_("Kurzporträt für die Besuchermappe"))
    topics = models.ManyToManyField(Topic, verbose_name=_("Branchen / Themen"), blank=True, related_name="+")

    class Meta:
        verbose_name = _("Organisation")
        verbose_name_plural = _("Organisationen")
        ordering = ["name"]
        constraints = Address.address_constraints("organisation")

    def __str__(self) -> str:
        return self.name


class ContactQuerySet(models.QuerySet):
    def public_figures(self):
        """Contacts whose names public pages may show."""
        return self.filter(is_public_figure=True)


class Contact(models.Model):
    """A person on the host side: host, company contact, interpreter, driver, the county head."""

    first_name = models.CharField(_("Vorname"), max_length=100)
    last_name = models.CharField(_("Nachname"), max_length=100)
    role = models.CharField(_("Rolle"), max_length=20, choices=ContactRole)
    function = models.CharField(_("Funktion"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("Organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contacts",
    )
    phone = PhoneNumberField(_("Telefon"), blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    languages = models.CharField(
        _("Sprachen"), max_length=100, blank=True, help_text=_("Sprachcodes mit Komma, z. B. de, uk, en")
    )
    is_public_figure = models.BooleanField(
        _("Person des öffentlichen Lebens"),
        default=False,
        help_text=_("Nur dann darf der Name auf öffentlichen Seiten erscheinen."),
    )
    interpreting_languages = LanguagePairsField(
        _("Sprachpaare (Dolmetschen)"),
        help_text=_("Nur für Dolmetscher/innen: zwischen welchen Sprachen sie dolmetschen."),
    )
    interpreting_mode = models.CharField(
        _("Dolmetschart"), max_length=20, choices=InterpretingMode, blank=True
    )

    objects = ContactQuerySet.as_manager()

    class Meta:
        verbose_name = _("Kontakt")
        verbose_name_plural = _("Kontakte")
        ordering = ["last_name", "first_name"]
        permissions = [("view_contact_details", _("Kann Telefon und E-Mail von Kontakten sehen"))]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class DelegationQuerySet(models.QuerySet):
    def published(self):
        """Visits the public may see: marked public and not cancelled."""
        return self.filter(is_public=True).exclude(status=DelegationStatus.CANCELLED)

    def current_and_upcoming(self, today):
        """Visits not yet over on `today`, the next first."""
        return self.filter(departure_date__gte=today).order_by("arrival_date", "pk")

    def past(self, today):
        """Visits over before `today`, the latest first."""
        return self.filter(departure_date__lt=today).order_by("-arrival_date", "-pk")


class Delegation(models.Model):
    """One travelling group for one trip."""

    partnership = models.ForeignKey(
        Partnership, verbose_name=_("Partnerschaft"), on_delete=models.PROTECT, related_name="delegations"
    )
    direction = models.CharField(_("Richtung"), max_length=20, choices=Direction, default=Direction.INCOMING)
    title = models.CharField(_("Titel"), max_length=200)
    summary = models.TextField(_("Kurzbeschreibung"), blank=True)
    slug = models.SlugField(_("Kurzname (URL)"), max_length=80, unique=True)
    home_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("entsendende Organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="delegations_sent",
    )
    arrival_date = models.DateField(_("Anreise"))
    departure_date = models.DateField(_("Abreise"))
    status = models.CharField(
        _("Status"), max_length=20, choices=DelegationStatus, default=DelegationStatus.PLANNING
    )
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("federführend"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    host_contact = models.ForeignKey(
        Contact,
        verbose_name=_("Ansprechpartner/in für die Gäste"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    time_zone = models.CharField(
        _("Zeitzone des Reiseziels"),
        max_length=64,
        default="Europe/Berlin",
        help_text=_("Für ausgehende Delegationen die Zeitzone am Reiseziel, z. B. Europe/Kyiv."),
    )
    is_public = models.BooleanField(
        _("öffentlich sichtbar"),
        default=False,
        help_text=_("Der Besuch erscheint auf der öffentlichen Website."),
    )
    withhold_public_details = models.BooleanField(
        _("Zeiten und Orte zurückhalten"),
        default=False,
        help_text=_("Öffentliche Programmpunkte zeigen nur den Tag, bis der Punkt vorbei ist."),
    )
    created_at = models.DateTimeField(_("angelegt"), auto_now_add=True)
    updated_at = models.DateTimeField(_("geändert"), auto_now=True)

    # Change history: registered in translation.py, once the translated fields exist (django-simple-history).
    objects = DelegationQuerySet.as_manager()

    class Meta:
        verbose_name = _("Delegation")
        verbose_name_plural = _("Delegationen")
        ordering = ["-arrival_date"]
        constraints = [
            not_before(
                "departure_date",
                "arrival_date",
                name="delegation_departure_not_before_arrival",
                message=_("Die Abreise darf nicht vor der Anreise liegen."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("public:visit", kwargs={"slug": self.slug})

    @property
    def days(self) -> int:
        return (self.departure_date - self.arrival_date).days + 1


class MemberQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_anonymised=False)

    def public_figures(self):
        """Members whose names public pages may show: marked as public figures, not anonymised."""
        return self.active().filter(is_public_figure=True)


class Member(Versioned, models.Model):
    """A person in a delegation. Collect nothing the visit does not need: no passport or birth data."""

    delegation = models.ForeignKey(
        Delegation, verbose_name=_("Delegation"), on_delete=models.CASCADE, related_name="members"
    )
    first_name = models.CharField(_("Vorname (lateinisch)"), max_length=100)
    last_name = models.CharField(_("Nachname (lateinisch)"), max_length=100)
    first_name_original = models.CharField(_("Vorname (Originalschrift)"), max_length=100, blank=True)
    last_name_original = models.CharField(_("Nachname (Originalschrift)"), max_length=100, blank=True)
    function = models.CharField(_("Funktion"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("Organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
    )
    preferred_language = models.CharField(
        _("bevorzugte Sprache"), max_length=2, choices=Language, default=Language.UKRAINIAN
    )
    languages_spoken = models.CharField(
        _("gesprochene Sprachen"),
        max_length=100,
        blank=True,
        help_text=_("Sprachcodes mit Komma, z. B. uk, en"),
    )
    needs_interpreter = models.BooleanField(_("braucht Dolmetschung"), default=True)
    is_head = models.BooleanField(_("Delegationsleitung"), default=False)
    is_public_figure = models.BooleanField(
        _("Person des öffentlichen Lebens"),
        default=False,
        help_text=_("Nur dann darf der Name auf öffentlichen Seiten erscheinen."),
    )
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = PhoneNumberField(_("Telefon"), blank=True)
    notify_by = models.CharField(
        _("Benachrichtigung über"),
        max_length=10,
        choices=NoticeChannels,
        default=NoticeChannels.EMAIL,
        help_text=_("Wie das Mitglied von einer neuen Programmversion erfährt."),
    )
    messenger = models.CharField(
        _("Messenger-Kennung"),
        max_length=100,
        blank=True,
        help_text=_(
            "Die Kennung beim Messenger-Dienst des Kreises, z. B. eine Telefonnummer (Signal) oder "
            "Chat-ID (Telegram)."
        ),
    )
    arrival_at = models.DateTimeField(_("Ankunft"), null=True, blank=True)
    arrival_mode = models.CharField(_("Anreise mit"), max_length=10, choices=TravelMode, blank=True)
    arrival_reference = models.CharField(
        _("Flug-/Zugnummer (Anreise)"), max_length=40, blank=True, help_text=_("z. B. LH 2371 oder ICE 105")
    )
    departure_at = models.DateTimeField(_("Abfahrt"), null=True, blank=True)
    departure_mode = models.CharField(_("Abreise mit"), max_length=10, choices=TravelMode, blank=True)
    departure_reference = models.CharField(_("Flug-/Zugnummer (Abreise)"), max_length=40, blank=True)
    hotel = models.ForeignKey(
        "visits.Venue",
        verbose_name=_("Hotel"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="guests",
        limit_choices_to={"kind": "hotel"},
    )
    room = models.CharField(_("Zimmer"), max_length=20, blank=True)
    dietary_needs = models.TextField(_("Ernährung"), blank=True)
    accessibility_needs = models.TextField(_("Barrierefreiheit"), blank=True)
    photo_consent = models.CharField(
        _("Einwilligung in Fotos"), max_length=10, choices=PhotoConsent, default=PhotoConsent.UNKNOWN
    )
    is_anonymised = models.BooleanField(_("anonymisiert"), default=False, editable=False)
    created_at = models.DateTimeField(_("angelegt"), auto_now_add=True)
    updated_at = models.DateTimeField(_("geändert"), auto_now=True)
    version = version_field()  # lost-update guard, see core/concurrency.py

    # Change history: registered in translation.py, once the translated fields exist (django-simple-history).
    objects = MemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("Delegationsmitglied")
        verbose_name_plural = _("Delegationsmitglieder")
        ordering = ["-is_head", "last_name", "first_name"]
        permissions = [
            (
                "view_special_categories",
                _("Kann Ernährungs- und Barrierefreiheitsangaben mit Namen sehen (Art. 9 DSGVO)"),
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["delegation"],
                condition=Q(is_head=True),
                name="member_one_head_per_delegation",
                violation_error_message=_("Eine Delegation hat höchstens eine Leitung."),
            ),
            not_before(
                "departure_at",
                "arrival_at",
                may_be_empty=("arrival_at", "departure_at"),
                name="member_departure_not_before_arrival",
                message=_("Die Abfahrt darf nicht vor der Ankunft liegen."),
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def original_name(self) -> str:
        return f"{self.first_name_original} {self.last_name_original}".strip()

    def name_in(self, language: str) -> str:
        """The name as a reader of `language` expects it: Cyrillic for Ukrainian, Latin otherwise."""
        if language == Language.UKRAINIAN and self.original_name:
            return self.original_name
        return self.full_name

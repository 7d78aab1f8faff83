"""What happens, when and where: venues, programme items, appointments, event pages, photos, guest links."""

import hashlib
import re
import secrets
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField
from simple_history.models import HistoricalRecords

from delegations.models import Contact, Coordinates, Delegation, Member, Organisation, Topic
from kleve_partnership.concurrency import Versioned, version_field

from . import images, richtext
from .enums import AppointmentStatus, ItemKind, ItemStatus, PageStatus, PressAccess, VenueKind, Visibility


class VenueQuerySet(models.QuerySet):
    def for_staff(self, user):
        """Venues a staff member may see: hotels only for those who may see members (where guests sleep)."""
        if user.has_perm("delegations.view_member"):
            return self
        return self.exclude(kind=VenueKind.HOTEL)


class Venue(Coordinates):
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
    street = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    postcode = models.CharField(_("PLZ"), max_length=12, blank=True)
    city = models.CharField(_("Ort"), max_length=120, blank=True)
    country = models.CharField(_("Land"), max_length=2, default="DE", help_text=_("ISO-3166-Ländercode"))
    phone = PhoneNumberField(_("Telefon"), blank=True)
    accessibility_notes = models.TextField(_("Hinweise zur Barrierefreiheit"), blank=True)

    objects = VenueQuerySet.as_manager()

    class Meta:
        verbose_name = _("Ort")
        verbose_name_plural = _("Orte")
        ordering = ["name"]
        constraints = [
            *Coordinates.coordinate_constraints("venue"),
            models.CheckConstraint(
                condition=Q(country__regex=r"^[A-Z]{2}$"),
                name="venue_country_is_iso_code",
                violation_error_message=_(
                    "Das Land bitte als zweistelligen ISO-Code in Großbuchstaben angeben."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.city})" if self.city else self.name

    @property
    def address(self) -> str:
        return ", ".join(part for part in (self.street, f"{self.postcode} {self.city}".strip()) if part)

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


class ProgrammeItemQuerySet(models.QuerySet):
    def in_order(self):
        return self.order_by("starts_at", "ends_at", "pk")

    def for_staff(self, user):
        """Items a staff member may see: all for those who may see members, else only items marked public.

        The press office prepares event pages before a visit is published, so the visit's own publication
        does not matter here (unlike `public()`).
        """
        if user.has_perm("delegations.view_member"):
            return self
        return self.filter(visibility=Visibility.PUBLIC)

    def public(self):
        """Items anyone may see: marked public, of a visit that is published."""
        return self.filter(
            visibility=Visibility.PUBLIC,
            delegation__is_public=True,
        ).exclude(delegation__status="cancelled")

    def for_delegation(self, delegation: Delegation):
        """What a link for the whole delegation shows: every item meant for guests."""
        return self.filter(delegation=delegation, visibility__in=[Visibility.GUESTS, Visibility.PUBLIC])

    def for_guest(self, member: Member):
        """A member's itinerary: the delegation-wide items and the member's own, never internal ones."""
        participants = ProgrammeItem.participants.through.objects.filter(programmeitem=OuterRef("pk"))
        return (
            self.for_delegation(member.delegation_id)
            .annotate(
                has_participants=Exists(participants),
                includes_member=Exists(participants.filter(member=member)),
            )
            .filter(Q(has_participants=False) | Q(includes_member=True))
        )


class ProgrammeItem(Versioned, models.Model):
    """One entry of a delegation's itinerary."""

    delegation = models.ForeignKey(
        Delegation, verbose_name=_("Delegation"), on_delete=models.CASCADE, related_name="programme_items"
    )
    starts_at = models.DateTimeField(_("Beginn"))
    ends_at = models.DateTimeField(_("Ende"))
    kind = models.CharField(_("Art"), max_length=20, choices=ItemKind)
    title = models.CharField(_("Titel"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)
    venue = models.ForeignKey(
        Venue, verbose_name=_("Ort"), on_delete=models.PROTECT, null=True, blank=True, related_name="items"
    )
    participants = models.ManyToManyField(
        Member,
        verbose_name=_("Teilnehmende"),
        blank=True,
        related_name="programme_items",
        help_text=_("Niemand ausgewählt heißt: die ganze Delegation."),
    )
    hosts = models.ManyToManyField(
        Contact, verbose_name=_("Gastgeber/innen"), blank=True, related_name="hosted_items"
    )
    interpreter = models.ForeignKey(
        Contact,
        verbose_name=_("Dolmetscher/in"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="interpreted_items",
        limit_choices_to={"role": "interpreter"},
    )
    transport_note = models.CharField(_("Transport"), max_length=300, blank=True)
    dress_code = models.CharField(_("Kleiderordnung"), max_length=200, blank=True)
    status = models.CharField(_("Status"), max_length=20, choices=ItemStatus, default=ItemStatus.PLANNED)
    visibility = models.CharField(
        _("Sichtbarkeit"), max_length=20, choices=Visibility, default=Visibility.GUESTS
    )
    press_access = models.CharField(
        _("Presse"), max_length=20, choices=PressAccess, default=PressAccess.CLOSED
    )
    internal_notes = models.TextField(_("interne Notizen"), blank=True)
    sequence = models.PositiveIntegerField(
        _("Änderungszähler"),
        default=0,
        editable=False,
        help_text=_("Steigt bei jeder Änderung (Kalender-SEQUENCE)."),
    )
    changed_at = models.DateTimeField(_("zuletzt geändert"), default=timezone.now, editable=False)
    created_at = models.DateTimeField(_("angelegt"), auto_now_add=True)
    # Lost-update guard (kleve_partnership/concurrency.py); `sequence` stays the calendars' change counter.
    version = version_field()

    # Change history: registered in translation.py, once the translated fields exist (django-simple-history).
    objects = ProgrammeItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("Programmpunkt")
        verbose_name_plural = _("Programmpunkte")
        ordering = ["starts_at", "ends_at", "pk"]
        indexes = [models.Index(fields=["delegation", "starts_at"], name="item_delegation_start_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="item_ends_after_start",
                violation_error_message=_("Ein Programmpunkt muss nach seinem Beginn enden."),
            ),
        ]

    def __str__(self) -> str:
        local = timezone.localtime(self.starts_at)
        return f"{local:%d.%m.%Y %H:%M} {self.title}"

    def save(self, *args, **kwargs) -> None:
        # The change stamp guests and calendars rely on: every full save of an existing item is a change.
        if self.pk is not None and kwargs.get("update_fields") is None:
            self.sequence += 1
            self.changed_at = timezone.now()
        super().save(*args, **kwargs)

    @property
    def is_cancelled(self) -> bool:
        return self.status == ItemStatus.CANCELLED

    @property
    def public_venue(self) -> "Venue | None":
        """The venue as the public may see it: never a hotel, where the guests sleep."""
        if self.venue is None or self.venue.kind == VenueKind.HOTEL:
            return None
        return self.venue

    def is_over(self, now: datetime | None = None) -> bool:
        return self.ends_at <= (now or timezone.now())


class CompanyAppointment(models.Model):
    """A company visit from the first request to its follow-ups."""

    delegation = models.ForeignKey(
        Delegation, verbose_name=_("Delegation"), on_delete=models.CASCADE, related_name="appointments"
    )
    company = models.ForeignKey(
        Organisation, verbose_name=_("Unternehmen"), on_delete=models.PROTECT, related_name="appointments"
    )
    topic = models.ForeignKey(
        Topic, verbose_name=_("Thema"), on_delete=models.PROTECT, related_name="appointments"
    )
    contact = models.ForeignKey(
        Contact,
        verbose_name=_("Ansprechpartner/in"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="appointments",
    )
    status = models.CharField(
        _("Status"), max_length=20, choices=AppointmentStatus, default=AppointmentStatus.TO_ASK
    )
    proposed_slots = models.TextField(_("vorgeschlagene Termine"), blank=True)
    programme_item = models.OneToOneField(
        ProgrammeItem,
        verbose_name=_("Programmpunkt"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="appointment",
    )
    briefing_notes = models.TextField(_("Briefing"), blank=True)
    outcome = models.TextField(_("Ergebnis"), blank=True)
    follow_ups = models.TextField(_("Nachbereitung"), blank=True)
    updated_at = models.DateTimeField(_("geändert"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Unternehmenstermin")
        verbose_name_plural = _("Unternehmenstermine")
        ordering = ["delegation", "company__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["delegation", "company", "topic"],
                name="appointment_unique_company_topic",
                violation_error_message=_("Diesen Termin gibt es für die Delegation schon."),
            ),
            models.CheckConstraint(
                condition=Q(programme_item__isnull=True) | ~Q(status=AppointmentStatus.DECLINED),
                name="appointment_declined_has_no_item",
                violation_error_message=_("Ein abgesagter Termin kann keinen Programmpunkt haben."),
            ),
        ]
        # The programme item belongs to the same delegation: a trigger (migration 0002) enforces it in the
        # database, `clean()` says so in words.

    def __str__(self) -> str:
        return f"{self.company} – {self.topic}"

    def clean(self) -> None:
        super().clean()
        if (
            self.programme_item_id
            and self.delegation_id
            and self.programme_item.delegation_id != self.delegation_id
        ):
            raise ValidationError(
                {"programme_item": _("Der Programmpunkt gehört zu einer anderen Delegation.")}
            )


def photo_upload_to(instance: "Photo", filename: str) -> str:
    # The original keeps a random name outside any public path; pages use renditions.
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"photos/originals/{secrets.token_hex(16)}.{suffix}"


class PhotoQuerySet(models.QuerySet):
    def public(self, now: datetime | None = None):
        """Photos the public may see: consent confirmed, on a page that is published now (hero or gallery)."""
        pages = EventPage.objects.published(now)
        return self.filter(consent_confirmed=True).filter(
            Exists(pages.filter(hero=OuterRef("pk"))) | Exists(pages.filter(gallery=OuterRef("pk")))
        )


class Photo(models.Model):
    """An image for event pages; only renditions without metadata are ever served."""

    image = models.ImageField(
        _("Bild"),
        upload_to=photo_upload_to,
        storage=images.private_storage,
        width_field="width",
        height_field="height",
    )
    width = models.PositiveIntegerField(_("Breite"), null=True, editable=False)
    height = models.PositiveIntegerField(_("Höhe"), null=True, editable=False)
    alt_text = models.CharField(_("Alternativtext"), max_length=300)
    caption = models.CharField(_("Bildunterschrift"), max_length=300, blank=True)
    credit = models.CharField(_("Bildnachweis"), max_length=200, blank=True)
    consent_confirmed = models.BooleanField(_("Einwilligung der Abgebildeten liegt vor"), default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hochgeladen von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    uploaded_at = models.DateTimeField(_("hochgeladen"), auto_now_add=True)
    rendition_key = models.CharField(
        _("Kennung der Bildgrößen"), max_length=32, blank=True, editable=False, db_index=True
    )
    renditions = models.JSONField(_("Bildgrößen"), default=list, blank=True, editable=False)

    objects = PhotoQuerySet.as_manager()

    class Meta:
        verbose_name = _("Foto")
        verbose_name_plural = _("Fotos")
        ordering = ["-uploaded_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(alt_text=""),
                name="photo_alt_text_required",
                violation_error_message=_("Jedes Foto braucht einen Alternativtext."),
            ),
        ]

    def __str__(self) -> str:
        return self.alt_text

    @property
    def picture(self) -> dict | None:
        """The renditions as `<picture>` needs them (see `visits.images.picture_data`), or None before any."""
        return images.picture_data(self)


class EventPageQuerySet(models.QuerySet):
    def published(self, now: datetime | None = None):
        """Pages the public may read now: published or scheduled and due, past any embargo."""
        now = now or timezone.now()
        return self.filter(
            Q(status=PageStatus.PUBLISHED) | Q(status=PageStatus.SCHEDULED),
            Q(publish_at__isnull=True) | Q(publish_at__lte=now),
            Q(embargo_until__isnull=True) | Q(embargo_until__lte=now),
            delegation__is_public=True,
        ).exclude(delegation__status="cancelled")

    def newest_first(self):
        """Ordered by the moment each page became (or becomes) public: the later of publish-at and embargo."""
        return self.annotate(
            visible_from=Greatest(
                Coalesce("publish_at", "created_at"), Coalesce("embargo_until", "publish_at", "created_at")
            )
        ).order_by("-visible_from", "-pk")


class EventPage(Versioned, models.Model):
    """The public page of a programme item or of a whole visit."""

    delegation = models.ForeignKey(
        Delegation, verbose_name=_("Besuch"), on_delete=models.CASCADE, related_name="event_pages"
    )
    programme_item = models.ForeignKey(
        ProgrammeItem,
        verbose_name=_("Programmpunkt"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_pages",
        limit_choices_to={"visibility": Visibility.PUBLIC},
    )
    slug = models.SlugField(_("Kurzname (URL)"), max_length=100, unique=True)
    title = models.CharField(_("Titel"), max_length=200)
    summary = models.TextField(_("Zusammenfassung"), blank=True)
    body = models.TextField(_("Text"), blank=True)
    hero = models.ForeignKey(
        Photo, verbose_name=_("Titelbild"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    gallery = models.ManyToManyField(Photo, verbose_name=_("Galerie"), blank=True, related_name="event_pages")
    status = models.CharField(_("Status"), max_length=20, choices=PageStatus, default=PageStatus.DRAFT)
    publish_at = models.DateTimeField(_("veröffentlichen ab"), null=True, blank=True)
    embargo_until = models.DateTimeField(_("Sperrfrist bis"), null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Autor/in"), on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField(_("angelegt"), auto_now_add=True)
    updated_at = models.DateTimeField(_("geändert"), auto_now=True)
    version = version_field()  # lost-update guard, see kleve_partnership/concurrency.py

    # Change history: registered in translation.py, once the translated fields exist (django-simple-history).
    objects = EventPageQuerySet.as_manager()

    class Meta:
        verbose_name = _("Veranstaltungsseite")
        verbose_name_plural = _("Veranstaltungsseiten")
        ordering = ["-publish_at", "-created_at"]
        permissions = [("publish_eventpage", _("Kann Veranstaltungsseiten veröffentlichen"))]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=PageStatus.SCHEDULED) | Q(publish_at__isnull=False),
                name="eventpage_scheduled_has_publish_at",
                violation_error_message=_(
                    "Eine zeitgesteuerte Seite braucht einen Veröffentlichungszeitpunkt."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        # Sanitised on every save, whoever writes (admin, seed, shell): the public page prints the body as is.
        richtext.sanitise_translations(self, "body", settings.MODELTRANSLATION_LANGUAGES)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("public:event", kwargs={"slug": self.slug})


# Every token made (`GuestAccess.new_token`, `services.derive_token`): 24 bytes in base64url, no padding.
TOKEN_FORM = re.compile(r"[A-Za-z0-9_-]{32}")


class GuestAccessQuerySet(models.QuerySet):
    def valid(self, now: datetime | None = None):
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True, expires_at__gt=now)


class GuestAccess(models.Model):
    """A personal link for a member, or for the whole delegation. Only a hash of the secret is stored."""

    delegation = models.ForeignKey(
        Delegation, verbose_name=_("Delegation"), on_delete=models.CASCADE, related_name="guest_accesses"
    )
    member = models.ForeignKey(
        Member,
        verbose_name=_("Mitglied"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="guest_accesses",
        help_text=_("Leer: ein Link für die ganze Delegation."),
    )
    token_hash = models.CharField(_("Token-Hash"), max_length=64, unique=True, editable=False)
    # The token is derived from this salt and the secret key (see visits.links), so the application can send a
    # member their link again; the database alone holds neither the token nor enough to make it.
    token_salt = models.CharField(_("Token-Salz"), max_length=32, blank=True, editable=False)
    expires_at = models.DateTimeField(_("gültig bis"))
    revoked_at = models.DateTimeField(_("widerrufen am"), null=True, blank=True, editable=False)
    last_used_at = models.DateTimeField(_("zuletzt benutzt"), null=True, blank=True, editable=False)
    last_seen_at = models.DateTimeField(
        _("Programm zuletzt angesehen"), null=True, blank=True, editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("angelegt von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("angelegt"), auto_now_add=True)

    objects = GuestAccessQuerySet.as_manager()

    class Meta:
        verbose_name = _("Gastzugang")
        verbose_name_plural = _("Gastzugänge")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        who = self.member or self.delegation
        return f"{_('Link')}: {who}"

    @staticmethod
    def hash_token(token: str) -> str:
        # The token carries 192 random bits, so a fast hash is enough: there is nothing to brute-force.
        return hashlib.sha256(token.encode()).hexdigest()

    @staticmethod
    def new_token() -> str:
        return secrets.token_urlsafe(24)

    @staticmethod
    def is_well_formed(token: str) -> bool:
        """Could this be a token at all (32 characters of base64url)? Anything else is refused unlooked."""
        return TOKEN_FORM.fullmatch(token) is not None

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()


# Released versions of the programme live in their own module; imported here so Django finds the models.
from .release_models import ProgrammeRelease, ReleasedItem, ReleaseNotification  # noqa: E402, F401

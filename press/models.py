"""The press office's models: photos (originals private, renditions served) and event pages.

They came from the visits app and keep its tables (`visits_photo`, `visits_eventpage`, its gallery and its
history), so moving them copied no row: see visits 0010 and press 0001.
"""

import secrets
from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import richtext
from core.concurrency import Versioned, version_field
from core.storage import private_storage
from delegations.models import Delegation
from visits.enums import Visibility
from visits.models import ProgrammeItem

from . import images
from .enums import PageStatus


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
        storage=private_storage,
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
        db_table = "visits_photo"
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
        """The renditions as `<picture>` needs them (see `press.images.picture_data`), or None before any."""
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
    version = version_field()  # lost-update guard, see core/concurrency.py

    # Change history: registered in translation.py, once the translated fields exist (django-simple-history).
    objects = EventPageQuerySet.as_manager()

    class Meta:
        db_table = "visits_eventpage"  # and so its gallery's table is visits_eventpage_gallery
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

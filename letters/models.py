"""The letterhead the county prints on its letters, and the invitation letters it issues to members.

A letter's reference number and check code are fixed when it is issued; everything else on the printed letter
is read from the current data each time it is printed.
"""

import datetime as dt
import secrets

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.links import absolute_url
from delegations.models import Member

from .logo import validate_logo

# A letter is valid for this long after it was issued; the check page knows it no more after that.
VALIDITY = dt.timedelta(days=365)
# 24 random bytes: 192 bits, 32 URL-safe characters.
CODE_BYTES = 24


class Letterhead(models.Model):
    """The one letterhead of the county (a single row, id 1), set in the admin."""

    SINGLETON_ID = 1

    county_name = models.CharField(_("Kreis"), max_length=120, default="Kreis Kleve")
    authority = models.CharField(
        _("Behörde / Dienststelle"), max_length=200, default="Der Landrat – Partnerschaften"
    )
    address = models.TextField(_("Anschrift"), default="Nassauerallee 15–23\n47533 Kleve")
    phone = models.CharField(_("Telefon"), max_length=40, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    website = models.URLField(_("Website"), blank=True)
    signatory_name = models.CharField(_("Name der unterzeichnenden Person"), max_length=200, blank=True)
    signatory_title = models.CharField(_("Funktion der unterzeichnenden Person"), max_length=200, blank=True)
    logo = models.ImageField(
        _("Logo"),
        upload_to="letters/",
        blank=True,
        validators=[validate_logo],
        help_text=_("PNG oder JPEG, höchstens 2 MB."),
    )
    footer = models.TextField(_("Fußzeile"), blank=True, help_text=_("z. B. Bankverbindung"))
    reference_prefix = models.CharField(
        _("Präfix der Aktenzeichen"),
        max_length=20,
        default="KLE-P",
        validators=[
            RegexValidator(
                r"^[A-Z0-9]+(-[A-Z0-9]+)*$",
                _("Nur Großbuchstaben, Ziffern und einzelne Bindestriche dazwischen, z. B. KLE-P."),
            )
        ],
        help_text=_("Ändert nur die Aktenzeichen neuer Schreiben."),
    )

    class Meta:
        verbose_name = _("Briefkopf")
        verbose_name_plural = _("Briefkopf")
        constraints = [
            models.CheckConstraint(condition=Q(id=1), name="letterhead_single_row"),
        ]

    def __str__(self) -> str:
        return f"{self.county_name} – {self.authority}"

    def save(self, *args, **kwargs) -> None:
        self.pk = self.SINGLETON_ID
        super().save(*args, **kwargs)

    @classmethod
    def current(cls) -> "Letterhead":
        """The letterhead, or an unsaved one with the defaults while nobody has set it."""
        return cls.objects.filter(pk=cls.SINGLETON_ID).first() or cls(pk=cls.SINGLETON_ID)


class ReferenceCounter(models.Model):
    """The last sequence number given out in a year, so a number is never given twice, even after a delete."""

    year = models.PositiveSmallIntegerField(_("Jahr"), primary_key=True)
    last = models.PositiveIntegerField(_("letzte laufende Nummer"), default=0)

    class Meta:
        verbose_name = _("Zähler der Aktenzeichen")
        verbose_name_plural = _("Zähler der Aktenzeichen")

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


def new_code() -> str:
    return secrets.token_urlsafe(CODE_BYTES)


class InvitationLetterQuerySet(models.QuerySet):
    def valid(self, now: dt.datetime):
        """Letters the check page confirms at `now`: issued less than a year ago, member not anonymised."""
        return self.filter(issued_at__gt=now - VALIDITY, issued_at__lte=now, member__is_anonymised=False)


class InvitationLetter(models.Model):
    """The official invitation of one member, with a reference number and a code for its check page."""

    member = models.OneToOneField(
        Member, verbose_name=_("Mitglied"), on_delete=models.CASCADE, related_name="invitation_letter"
    )
    reference = models.CharField(_("Aktenzeichen"), max_length=40, unique=True, editable=False)
    year = models.PositiveSmallIntegerField(_("Jahr"), editable=False)
    sequence = models.PositiveIntegerField(_("laufende Nummer"), editable=False)
    code = models.CharField(_("Prüfcode"), max_length=64, unique=True, default=new_code, editable=False)
    purpose_de = models.TextField(
        _("Zweck des Besuchs (Deutsch)"),
        blank=True,
        help_text=_("Leer lassen, um den Titel der Delegation zu nehmen."),
    )
    purpose_translated = models.TextField(
        _("Zweck des Besuchs (Sprache des Mitglieds)"),
        blank=True,
        help_text=_(
            "In der bevorzugten Sprache des Mitglieds; leer lassen, um den Titel der Delegation zu nehmen."
        ),
    )
    issued_at = models.DateTimeField(_("ausgestellt am"), default=timezone.now, editable=False)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ausgestellt von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    objects = InvitationLetterQuerySet.as_manager()

    class Meta:
        verbose_name = pgettext_lazy("one letter", "Einladungsschreiben")
        verbose_name_plural = _("Einladungsschreiben")
        ordering = ["-year", "-sequence"]
        permissions = [("print_badges", _("Kann Namensschilder drucken"))]
        constraints = [
            models.UniqueConstraint(fields=["year", "sequence"], name="letter_sequence_unique_per_year"),
            models.CheckConstraint(condition=Q(sequence__gte=1), name="letter_sequence_positive"),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def valid_until(self) -> dt.datetime:
        return self.issued_at + VALIDITY

    def is_valid(self, now: dt.datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.issued_at <= now < self.valid_until and not self.member.is_anonymised

    def get_check_path(self) -> str:
        return reverse("letters:check", kwargs={"code": self.code})


def check_url(code: str, request=None) -> str:
    """The absolute address of a letter's public check page, as the QR code and the printed line carry it."""
    return absolute_url(reverse("letters:check", kwargs={"code": code}), request)

"""Choices of the visits app: kinds and states of programme items, appointments and venues."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class VenueKind(models.TextChoices):
    MEETING = "meeting", _("Tagungsort / Verwaltung")
    HOTEL = "hotel", _("Hotel")
    COMPANY = "company", _("Unternehmensstandort")
    SCHOOL = "school", _("Schule")
    RESTAURANT = "restaurant", _("Restaurant")
    STATION = "station", _("Bahnhof / Flughafen")
    OTHER = "other", pgettext_lazy("venue kind", "Sonstiger Ort")


class ItemKind(models.TextChoices):
    MEETING = "meeting", _("Gespräch / Sitzung")
    COMPANY_VISIT = "company_visit", _("Unternehmensbesuch")
    CEREMONY = "ceremony", _("Festakt / Zeremonie")
    MEAL = "meal", _("Mahlzeit")
    TRANSFER = "transfer", _("Transfer")
    PRESS = "press", _("Pressetermin")
    FREE_TIME = "free_time", _("Freizeit")
    GOLDEN_BOOK = "golden_book", _("Eintrag ins Goldene Buch")


class ItemStatus(models.TextChoices):
    PLANNED = "planned", _("geplant")
    CONFIRMED = "confirmed", _("bestätigt")
    CANCELLED = "cancelled", pgettext_lazy("programme item status", "abgesagt")


class Visibility(models.TextChoices):
    INTERNAL = "internal", _("intern (nur Mitarbeitende)")
    GUESTS = "guests", _("für Gäste")
    PUBLIC = "public", _("öffentlich")


class PressAccess(models.TextChoices):
    OPEN = "open", _("presseöffentlich")
    PHOTO_ONLY = "photo_only", _("nur Fototermin")
    CLOSED = "closed", _("nicht presseöffentlich")


class AppointmentStatus(models.TextChoices):
    TO_ASK = "to_ask", _("anzufragen")
    REQUESTED = "requested", _("angefragt")
    CONFIRMED = "confirmed", _("zugesagt")
    DECLINED = "declined", _("abgesagt")


class AttachmentKind(models.TextChoices):
    AGENDA = "agenda", _("Tagesordnung")
    SLIDES = "slides", _("Präsentation")
    VISA = "visa", _("Visumsunterlagen")
    CONTRACT = "contract", _("Vertrag / Vereinbarung")
    OTHER = "other", pgettext_lazy("attachment kind", "Sonstige Unterlage")


class AttachmentSharing(models.TextChoices):
    STAFF = "staff", _("nur Mitarbeitende")
    ALL_MEMBERS = "all", _("alle Mitglieder der Delegation")
    CHOSEN = "chosen", _("ausgewählte Mitglieder")

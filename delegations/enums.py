"""Choices of the delegations app: kinds and states with translated labels."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class PartnershipKind(models.TextChoices):
    SOLIDARITY = "solidarity", _("Solidaritätspartnerschaft")
    TWINNING = "twinning", _("Städtepartnerschaft")
    PROJECT = "project", _("Projektpartnerschaft")


class SigningMode(models.TextChoices):
    IN_PERSON = "in_person", _("persönlich")
    DIGITAL = "digital", _("digital")
    HYBRID = "hybrid", _("hybrid")


class OrganisationKind(models.TextChoices):
    AUTHORITY = "authority", _("Behörde / Verwaltung")
    COMPANY = "company", _("Unternehmen")
    SCHOOL = "school", _("Schule / Hochschule")
    ASSOCIATION = "association", _("Verein / Verband")
    OTHER = "other", pgettext_lazy("organisation kind", "Sonstige")


class ContactRole(models.TextChoices):
    HOST = "host", _("Gastgeber/in")
    COMPANY_CONTACT = "company_contact", _("Ansprechpartner/in im Unternehmen")
    INTERPRETER = "interpreter", _("Dolmetscher/in")
    DRIVER = "driver", _("Fahrer/in")
    COUNTY_HEAD = "county_head", _("Landrat / Landrätin")
    STAFF = "staff", _("Mitarbeiter/in der Kreisverwaltung")
    OTHER = "other", pgettext_lazy("contact role", "Sonstige")


class Direction(models.TextChoices):
    INCOMING = "incoming", _("eingehend (Gäste im Kreis Kleve)")
    OUTGOING = "outgoing", _("ausgehend (Reise in die Partnerregion)")


class DelegationStatus(models.TextChoices):
    PLANNING = "planning", _("in Planung")
    CONFIRMED = "confirmed", _("bestätigt")
    UNDER_WAY = "under_way", _("läuft")
    COMPLETED = "completed", _("abgeschlossen")
    CANCELLED = "cancelled", pgettext_lazy("delegation status", "abgesagt")


class Language(models.TextChoices):
    UKRAINIAN = "uk", _("Ukrainisch")
    ENGLISH = "en", _("Englisch")
    GERMAN = "de", _("Deutsch")


class LanguagePair(models.TextChoices):
    """A pair of languages an interpreter works between, in either direction."""

    GERMAN_UKRAINIAN = "de-uk", _("Deutsch ↔ Ukrainisch")
    GERMAN_ENGLISH = "de-en", _("Deutsch ↔ Englisch")
    UKRAINIAN_ENGLISH = "uk-en", _("Ukrainisch ↔ Englisch")

    @classmethod
    def from_german_to(cls, language: str) -> "LanguagePair | None":
        """The pair a guest who prefers `language` needs on a German-speaking programme; None for German."""
        return {Language.UKRAINIAN: cls.GERMAN_UKRAINIAN, Language.ENGLISH: cls.GERMAN_ENGLISH}.get(language)


class InterpretingMode(models.TextChoices):
    CONSECUTIVE = "consecutive", _("konsekutiv")
    SIMULTANEOUS = "simultaneous", _("simultan")


class TravelMode(models.TextChoices):
    FLIGHT = "flight", _("Flug")
    TRAIN = "train", _("Bahn")
    BUS = "bus", _("Bus")
    CAR = "car", _("Auto")
    OTHER = "other", pgettext_lazy("travel mode", "Sonstiges")


class PhotoConsent(models.TextChoices):
    UNKNOWN = "unknown", _("nicht erklärt")
    GIVEN = "given", _("erteilt")
    REFUSED = "refused", _("verweigert")


class NoticeChannels(models.TextChoices):
    """How a member wants to hear of a new programme version."""

    EMAIL = "email", _("E-Mail")
    MESSENGER = "messenger", _("Messenger")
    BOTH = "both", _("E-Mail und Messenger")

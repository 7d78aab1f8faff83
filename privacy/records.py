"""The record of processing activities (Art. 30 GDPR) as data: what is stored, why, on what basis, how long.

Field lists name model fields, so the page shows their labels as staff see them in the admin, and a test
fails when a model gains a field that holds personal data and is not listed here (or in NOT_PERSONAL).
"""

from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


@dataclass(frozen=True)
class Activity:
    key: str
    name: Promise
    purpose: Promise
    legal_basis: Promise
    subjects: Promise
    # (model label, field names): the personal data of this activity.
    data: tuple[tuple[str, tuple[str, ...]], ...]
    recipients: Promise
    retention: Promise | str
    special: tuple[str, ...] = ()  # fields of special categories (Art. 9)

    def field_groups(self) -> list[dict]:
        """Per model: its name and the labels of the listed fields, in the staff's language."""
        groups = []
        for label, names in self.data:
            model = apps.get_model(label)
            groups.append(
                {
                    "model": model._meta.verbose_name_plural,
                    "fields": [str(model._meta.get_field(name).verbose_name) for name in names],
                    "special": [
                        str(model._meta.get_field(name).verbose_name)
                        for name in names
                        if name in self.special
                    ],
                }
            )
        return groups


def member_retention() -> str:
    days = settings.PERSONAL_DATA_RETENTION_DAYS
    return ngettext(
        "%(days)d Tag nach der Abreise der Delegation, dann anonymisiert (purge_personal_data, täglich).",
        "%(days)d Tage nach der Abreise der Delegation, dann anonymisiert (purge_personal_data, täglich).",
        days,
    ) % {"days": days}


MEMBER_FIELDS = (
    "first_name",
    "last_name",
    "first_name_original",
    "last_name_original",
    "function",
    "organisation",
    "preferred_language",
    "languages_spoken",
    "needs_interpreter",
    "is_head",
    "is_public_figure",
    "email",
    "phone",
    "notify_by",
    "messenger",
    "arrival_at",
    "arrival_mode",
    "arrival_reference",
    "departure_at",
    "departure_mode",
    "departure_reference",
    "hotel",
    "room",
    "dietary_needs",
    "accessibility_needs",
    "photo_consent",
)


def activities() -> list[Activity]:
    return [
        Activity(
            key="members",
            name=_("Planung und Durchführung von Delegationsbesuchen"),
            purpose=_(
                "Einladung, Reise, Unterkunft, Verpflegung, Dolmetschung und Programm der Mitglieder "
                "offizieller Delegationen aus den Partnerregionen; persönliche Reiseprogramme für die Gäste."
            ),
            legal_basis=_(
                "Art. 6 Abs. 1 lit. e DSGVO (Aufgabe im öffentlichen Interesse: kommunale Partnerschaften); "
                "Ernährung und Barrierefreiheit nur mit ausdrücklicher Einwilligung, Art. 9 Abs. 2 lit. a "
                "DSGVO; Fotos mit Einwilligung, Art. 6 Abs. 1 lit. a DSGVO."
            ),
            subjects=_("Mitglieder der Delegationen"),
            data=(("delegations.member", MEMBER_FIELDS),),
            special=("dietary_needs", "accessibility_needs"),
            recipients=_(
                "Planungsteam der Kreisverwaltung; Hotel (Namen, Anreise, Zimmer); Gastronomie nur Anzahl "
                "und Bedarfe ohne Namen; Dolmetscherinnen und Dolmetscher; Fördermittelgeber "
                "(Teilnehmendenliste im Verwendungsnachweis)."
            ),
            retention=member_retention(),
        ),
        Activity(
            key="guest_links",
            name=_("Persönliche Links der Gäste"),
            purpose=_("Zugang der Gäste zu ihrem Reiseprogramm ohne Konto und Passwort."),
            legal_basis=_("Art. 6 Abs. 1 lit. e DSGVO."),
            subjects=_("Mitglieder der Delegationen"),
            data=(
                (
                    "visits.guestaccess",
                    ("member", "expires_at", "revoked_at", "last_used_at", "last_seen_at"),
                ),
            ),
            recipients=_("Nur das Planungsteam; gespeichert wird nur ein Hashwert des Links."),
            retention=_(
                "Gültig bis 14 Tage nach der Abreise; gelöscht, wenn das Mitglied anonymisiert wird."
            ),
        ),
        Activity(
            key="contacts",
            name=_("Kontakte auf der Gastgeberseite"),
            purpose=_(
                "Gastgeberinnen und Gastgeber, Ansprechpersonen in Unternehmen, Dolmetschende und Fahrer "
                "für die Organisation der Termine."
            ),
            legal_basis=_("Art. 6 Abs. 1 lit. e DSGVO; bei Externen Art. 6 Abs. 1 lit. f DSGVO."),
            subjects=_("Beschäftigte der Kreisverwaltung, Ansprechpersonen in Unternehmen und Einrichtungen"),
            data=(
                (
                    "delegations.contact",
                    ("first_name", "last_name", "function", "organisation", "email", "phone"),
                ),
            ),
            recipients=_("Planungsteam; die Gäste sehen Namen und Funktion ihrer Gastgeber."),
            retention=_("Solange die Zusammenarbeit besteht; Löschung auf Antrag."),
        ),
        Activity(
            key="photos",
            name=_("Fotos und Presseseiten"),
            purpose=_("Öffentlichkeitsarbeit über die Besuche."),
            legal_basis=_("Art. 6 Abs. 1 lit. a DSGVO (Einwilligung der Abgebildeten)."),
            subjects=_("Abgebildete Personen"),
            data=(("press.photo", ("image", "credit", "consent_confirmed", "uploaded_by")),),
            recipients=_("Öffentlichkeit (nur veröffentlichte Seiten mit Einwilligung)."),
            retention=_(
                "Bis zum Widerruf der Einwilligung; Metadaten (EXIF, GPS) werden beim Hochladen entfernt."
            ),
        ),
        Activity(
            key="feedback",
            name=_("Rückmeldungen zur Barrierefreiheit"),
            purpose=_("Beantwortung von Hinweisen auf Barrieren (BITV NRW, Feedback-Mechanismus)."),
            legal_basis=_("Art. 6 Abs. 1 lit. c DSGVO i. V. m. § 10 BITV NRW."),
            subjects=_("Besucherinnen und Besucher der Website, die schreiben"),
            data=(("pages.accessibilityfeedback", ("name", "email", "message", "page_url")),),
            recipients=_("Planungsteam und Pressestelle."),
            retention=_("Ein Jahr nach Erledigung."),
        ),
        Activity(
            key="staff",
            name=_("Konten der Mitarbeitenden und Anmeldeprotokoll"),
            purpose=_("Anmeldung, Rechte, Änderungsverlauf und Schutz vor Passwort-Rateversuchen."),
            legal_basis=_("Art. 6 Abs. 1 lit. c und e DSGVO; Art. 32 DSGVO (Sicherheit der Verarbeitung)."),
            subjects=_("Mitarbeitende der Kreisverwaltung"),
            data=(("auth.user", ("username", "first_name", "last_name", "email", "last_login")),),
            recipients=_("IT-Abteilung des Kreises."),
            retention=_(
                "Konten bis zum Ausscheiden; Sitzungen enden nach einem Arbeitstag ohne Aktivität; "
                "Protokoll fehlgeschlagener Anmeldungen bis zur Freigabe der Sperre."
            ),
        ),
    ]


# Fields of the models above that name or describe no person, or only the row itself.
NOT_PERSONAL = {
    "delegations.member": {
        "id",
        "delegation",
        "is_anonymised",
        "created_at",
        "updated_at",
        "version",
    },
    "delegations.contact": {
        "id",
        "role",
        "languages",
        "is_public_figure",
        "interpreting_mode",
        "interpreting_languages",
    },
}

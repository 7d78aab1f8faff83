"""The words the demo data is written in: trilingual texts, Berlin times, one small spec per kind of row."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from PIL import Image

from delegations.enums import (
    ContactRole,
    InterpretingMode,
    Language,
    LanguagePair,
    OrganisationKind,
    PhotoConsent,
    TravelMode,
)
from press.enums import PageStatus
from visits.enums import (
    AppointmentStatus,
    ItemKind,
    ItemStatus,
    PressAccess,
    VenueKind,
    Visibility,
)

BERLIN = ZoneInfo("Europe/Berlin")


@dataclass(frozen=True)
class Text:
    """One text in German, Ukrainian and English, for a field translated by django-modeltranslation."""

    de: str
    uk: str
    en: str

    def columns(self, field: str) -> dict[str, str]:
        return {f"{field}_de": self.de, f"{field}_uk": self.uk, f"{field}_en": self.en}


def at(day: int, time: str) -> dt.datetime:
    """A moment of the visit week, 16 to 22 November 2025, on the clocks of Kleve."""
    hour, minute = (int(part) for part in time.split(":"))
    return dt.datetime(2025, 11, day, hour, minute, tzinfo=BERLIN)


@dataclass(frozen=True)
class TopicSpec:
    key: str
    name: Text
    description: Text


@dataclass(frozen=True)
class OrganisationSpec:
    key: str
    name: str
    kind: OrganisationKind
    street: str
    postcode: str
    city: str
    latitude: str
    longitude: str
    country: str = "DE"
    website: str = ""
    profile: Text | None = None
    topics: tuple[str, ...] = ()


@dataclass(frozen=True)
class ContactSpec:
    key: str
    first_name: str
    last_name: str
    role: ContactRole
    function: Text
    organisation: str | None
    phone: str = ""
    email: str = ""
    languages: str = ""
    interpreting_languages: tuple[LanguagePair, ...] = ()
    interpreting_mode: InterpretingMode | str = ""


@dataclass(frozen=True)
class VenueSpec:
    key: str
    name: Text
    kind: VenueKind
    street: str
    postcode: str
    city: str
    latitude: str
    longitude: str
    organisation: str | None = None
    accessibility_notes: Text | None = None


@dataclass(frozen=True)
class PartnershipSpec:
    name: Text
    partner_region: str
    partner_country: str
    council_resolution_on: dt.date
    signed_on: dt.date
    focus_areas: Text
    description: Text
    funding_programme: str
    funder: str
    topics: tuple[str, ...]


@dataclass(frozen=True)
class DelegationSpec:
    slug: str
    title: Text
    summary: Text
    home_organisation: str
    host_contact: str
    arrival_date: dt.date
    departure_date: dt.date


@dataclass(frozen=True)
class Journey:
    """How a member arrives or leaves: when, by what, which flight or train."""

    at: dt.datetime
    mode: TravelMode
    reference: str


@dataclass(frozen=True)
class MemberSpec:
    key: str
    first_name: str
    last_name: str
    first_name_original: str
    last_name_original: str
    function: Text
    preferred_language: Language
    languages_spoken: str
    needs_interpreter: bool
    email: str
    phone: str
    arrival: Journey
    departure: Journey
    room: str
    photo_consent: PhotoConsent
    dietary_needs: str = ""
    accessibility_needs: str = ""
    is_head: bool = False
    is_public_figure: bool = False


@dataclass(frozen=True)
class ItemSpec:
    """A programme item: `key` names it for appointments and pages; the database finds it by German title."""

    key: str
    day: int
    start: str
    end: str
    kind: ItemKind
    title: Text
    venue: str | None
    description: Text | None = None
    participants: tuple[str, ...] = ()  # none: the whole delegation
    hosts: tuple[str, ...] = ()
    interpreted: bool = False
    transport_note: Text | None = None
    dress_code: Text | None = None
    status: ItemStatus = ItemStatus.CONFIRMED
    visibility: Visibility = Visibility.GUESTS
    press_access: PressAccess = PressAccess.CLOSED
    internal_notes: str = ""

    @property
    def starts_at(self) -> dt.datetime:
        return at(self.day, self.start)

    @property
    def ends_at(self) -> dt.datetime:
        return at(self.day, self.end)


@dataclass(frozen=True)
class AppointmentSpec:
    company: str
    topic: str
    contact: str
    status: AppointmentStatus
    programme_item: str | None = None
    proposed_slots: str = ""
    briefing_notes: str = ""
    outcome: str = ""
    follow_ups: str = ""


@dataclass(frozen=True)
class PhotoSpec:
    key: str
    filename: str
    draw: Callable[[], Image.Image]
    alt_text: Text
    caption: Text
    credit: str = "Kreis Kleve (Illustration)"


@dataclass(frozen=True)
class PageSpec:
    """An event page; a scheduled page goes public `publish_after` from the first seeding on."""

    slug: str
    status: PageStatus
    title: Text
    summary: Text
    body: Text
    programme_item: str | None = None
    hero: str | None = None
    gallery: tuple[str, ...] = ()
    publish_at: dt.datetime | None = None
    publish_after: dt.timedelta | None = None

"""The briefing book ("Besuchermappe") of a delegation: cover, partnership, members, the programme day by day,
company profiles, venues and emergency contacts, built as plain sections and printed from a template.

The German edition is the office's own and also lists internal items, marked as such; an edition in the
guests' language (uk, en) is meant to be handed over and leaves internal items out. Both show only the items
the reader may see (`ProgrammeItem.objects.for_staff`).
"""

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from delegations.enums import Language
from delegations.models import Contact, Member

from ..enums import AppointmentStatus, ItemStatus, Visibility
from .clock import Clock
from .lists import phone_text
from .pdf import render_pdf
from .scope import DocumentScope

EDITION_LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)


@dataclass(frozen=True)
class ContactLine:
    name: str
    role: str
    organisation: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class MemberLine:
    name: str  # in the script readers of this edition expect
    other_name: str  # the same name in the other script, if there is one
    function: str
    organisation: str
    is_head: bool


@dataclass(frozen=True)
class ProgrammeEntry:
    time: str
    destination_time: str
    kind: str
    title: str
    description: str
    venue: str
    venue_address: str
    participants: str  # empty when the whole delegation takes part
    hosts: tuple[str, ...]
    interpreter: str
    transport_note: str
    dress_code: str
    status: str
    is_cancelled: bool
    is_internal: bool


@dataclass
class ProgrammeDay:
    day: dt.date
    anchor: str
    label: str
    entries: list[ProgrammeEntry] = field(default_factory=list)


@dataclass(frozen=True)
class CompanyProfile:
    name: str
    topics: tuple[str, ...]
    profile: str
    address: str
    website: str
    contacts: tuple[ContactLine, ...]


@dataclass(frozen=True)
class VenueEntry:
    name: str
    kind: str
    address: str
    phone: str
    accessibility_notes: str
    coordinates: str


@dataclass(frozen=True)
class PartnershipSummary:
    name: str
    kind: str
    partner_region: str
    resolution: str
    signing: str
    funding: str
    focus_areas: str
    description: str
    topics: tuple[str, ...]


@dataclass
class BriefingBook:
    delegation: object
    language: str
    title: str
    dates: str
    home_organisation: str
    partnership: PartnershipSummary
    members: list[MemberLine]
    days: list[ProgrammeDay]
    companies: list[CompanyProfile]
    venues: list[VenueEntry]
    emergency: list[ContactLine]
    zone_note: str
    printed_at: str


def _member_line(member: Member, language: str) -> MemberLine:
    name = member.name_in(language)
    other = member.full_name if name != member.full_name else member.original_name
    return MemberLine(
        name=name,
        other_name=other if other != name else "",
        function=member.function,
        organisation=member.organisation.name if member.organisation else "",
        is_head=member.is_head,
    )


def _contact_line(contact: Contact, show_details: bool, role: str = "") -> ContactLine:
    return ContactLine(
        name=contact.full_name,
        role=role or contact.function or contact.get_role_display(),
        organisation=contact.organisation.name if contact.organisation else "",
        phone=phone_text(contact.phone) if show_details else "",
        email=contact.email if show_details else "",
    )


def _host_text(contact: Contact) -> str:
    details = ", ".join(
        part for part in (contact.function, contact.organisation.name if contact.organisation else "") if part
    )
    return f"{contact.full_name} ({details})" if details else contact.full_name


def _venue_entry(venue) -> VenueEntry:
    return VenueEntry(
        name=venue.name,
        kind=venue.get_kind_display(),
        address=", ".join(
            part for part in (venue.address, venue.country if venue.country != "DE" else "") if part
        ),
        phone=phone_text(venue.phone),
        accessibility_notes=venue.accessibility_notes,
        coordinates=f"{venue.latitude}, {venue.longitude}" if venue.has_coordinates else "",
    )


def _partnership_summary(partnership, clock: Clock) -> PartnershipSummary:
    def date(value):
        return clock.long_date(value) if value else ""

    signing = date(partnership.signed_on)
    if signing and partnership.signing_mode:
        signing = f"{signing} ({partnership.get_signing_mode_display()})"
    funding = partnership.funding_programme
    if partnership.funder:
        funding = (
            _("%(programme)s, im Auftrag von %(funder)s")
            % {"programme": funding, "funder": partnership.funder}
            if funding
            else partnership.funder
        )
    return PartnershipSummary(
        name=partnership.name,
        kind=partnership.get_kind_display(),
        partner_region=partnership.partner_region,
        resolution=date(partnership.council_resolution_on),
        signing=signing,
        funding=funding,
        focus_areas=partnership.focus_areas,
        description=partnership.description,
        topics=tuple(topic.name for topic in partnership.topics.all()),
    )


def build_briefing_book(scope: DocumentScope, *, language: str) -> BriefingBook:
    """The book's sections in `language` (call it with that language active, as `briefing_book_pdf` does)."""
    delegation = scope.delegation
    clock = Clock(delegation)
    include_internal = language == settings.LANGUAGE_CODE
    items = scope.items.select_related("venue", "interpreter").prefetch_related(
        Prefetch("participants", queryset=Member.objects.active()),
        Prefetch("hosts", queryset=Contact.objects.select_related("organisation")),
    )
    if not include_internal:
        items = items.exclude(visibility=Visibility.INTERNAL)
    items = list(items.in_order())
    members = list(
        Member.objects.active().filter(delegation=delegation).select_related("organisation", "hotel")
    )

    # Every day of the stay, even one without items yet, and any day an item falls on outside it.
    stay = {
        delegation.arrival_date + dt.timedelta(days=offset)
        for offset in range((delegation.departure_date - delegation.arrival_date).days + 1)
    }
    days = {
        day: ProgrammeDay(day=day, anchor=f"day-{day:%Y-%m-%d}", label=clock.long_date(day))
        for day in sorted(stay | {clock.day(item.starts_at) for item in items})
    }
    venues = {}
    for item in items:
        participants = list(item.participants.all())
        days[clock.day(item.starts_at)].entries.append(
            ProgrammeEntry(
                time=clock.span(item.starts_at, item.ends_at),
                destination_time=clock.destination_span(item.starts_at, item.ends_at),
                kind=item.get_kind_display(),
                title=item.title,
                description=item.description,
                venue=item.venue.name if item.venue else "",
                venue_address=item.venue.address if item.venue else "",
                participants=", ".join(member.name_in(language) for member in participants),
                hosts=tuple(_host_text(host) for host in item.hosts.all()),
                interpreter=item.interpreter.full_name if item.interpreter else "",
                transport_note=item.transport_note,
                dress_code=item.dress_code,
                status=item.get_status_display(),
                is_cancelled=item.status == ItemStatus.CANCELLED,
                is_internal=item.visibility == Visibility.INTERNAL,
            )
        )
        if item.venue and item.status != ItemStatus.CANCELLED:
            venues.setdefault(item.venue.pk, item.venue)
    hotels = {}
    for member in members:
        if member.hotel:
            hotels.setdefault(member.hotel.pk, member.hotel)
            venues.setdefault(member.hotel.pk, member.hotel)

    appointments = (
        delegation.appointments.exclude(status=AppointmentStatus.DECLINED)
        .select_related("company", "topic", "contact", "contact__organisation")
        .order_by("company__name", "topic__name", "pk")
    )
    companies: dict[int, dict] = {}
    for appointment in appointments:
        entry = companies.setdefault(
            appointment.company_id, {"company": appointment.company, "topics": [], "contacts": {}}
        )
        if appointment.topic.name not in entry["topics"]:
            entry["topics"].append(appointment.topic.name)
        if appointment.contact:
            entry["contacts"].setdefault(
                appointment.contact.pk, _contact_line(appointment.contact, scope.show_contact_details)
            )

    emergency = [
        ContactLine(
            name=_("Notruf (Rettungsdienst, Feuerwehr, Polizei)"), role="", phone=settings.EMERGENCY_NUMBER
        )
    ]
    if delegation.host_contact:
        emergency.append(
            _contact_line(
                delegation.host_contact,
                scope.show_contact_details,
                role=_("Ansprechpartner/in für die Gäste"),
            )
        )
    emergency += [
        ContactLine(
            name=hotel.name, role=_("Hotel"), organisation=hotel.address, phone=phone_text(hotel.phone)
        )
        for hotel in hotels.values()
    ]

    return BriefingBook(
        delegation=delegation,
        language=language,
        title=delegation.title,
        dates=clock.date_range(delegation.arrival_date, delegation.departure_date),
        home_organisation=delegation.home_organisation.name if delegation.home_organisation else "",
        partnership=_partnership_summary(delegation.partnership, clock),
        members=[_member_line(member, language) for member in members],
        days=list(days.values()),
        companies=[
            CompanyProfile(
                name=entry["company"].name,
                topics=tuple(entry["topics"]),
                profile=entry["company"].profile,
                address=entry["company"].address,
                website=entry["company"].website,
                contacts=tuple(entry["contacts"].values()),
            )
            for entry in companies.values()
        ],
        venues=[_venue_entry(venue) for venue in venues.values()],
        emergency=emergency,
        zone_note=clock.zone_note(),
        printed_at=clock.moment(timezone.now()),
    )


def briefing_book_pdf(scope: DocumentScope, *, language: str = Language.GERMAN) -> bytes:
    """The briefing book as PDF bytes, in `language` (de, uk or en)."""
    if language not in EDITION_LANGUAGES:
        raise ValueError(f"no edition in {language!r}")
    with translation.override(language):
        book = build_briefing_book(scope, language=language)
        return render_pdf("documents/briefing_book.html", {"book": book, "delegation": scope.delegation})

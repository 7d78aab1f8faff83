"""The visit report (Besuchsbericht): what was held, what came out of it and who does what next, as PDF.

German by default; the Ukrainian and English editions are for the partners and, like the briefing book's,
leave out internal programme items. Only photos whose subjects consented are printed, embedded as data URIs
(the PDF renderer fetches nothing else).
"""

import base64
import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch
from django.utils import formats, timezone, translation

from delegations.models import Delegation, Member
from press.models import EventPage, Photo
from visits.documents.clock import Clock
from visits.documents.pdf import PRINT_STYLESHEET, render_pdf
from visits.enums import Visibility
from visits.models import CompanyAppointment, ProgrammeItem

from .models import Action, Outcome

REPORT_LANGUAGES = ("de", "uk", "en")
REPORT_STYLESHEET = "followup/report.css"
# Printed about 8 cm wide: 960 px is sharp at 300 dpi without making the PDF heavy.
PHOTO_MAX_WIDTH = 960


@dataclass
class ReportRecord:
    kind: str
    is_commitment: bool
    text: str
    committed_by: str
    people: str


@dataclass
class ReportEntry:
    time: str
    title: str
    venue: str
    records: list[ReportRecord] = field(default_factory=list)


@dataclass
class ReportDay:
    label: str
    entries: list[ReportEntry] = field(default_factory=list)


@dataclass
class ReportAction:
    title: str
    owner: str
    due: str
    state: str
    is_overdue: bool


@dataclass
class ReportPhoto:
    data_uri: str
    alt_text: str
    caption: str
    credit: str


@dataclass
class VisitReport:
    delegation: Delegation
    title: str
    dates: str
    members: list[dict]
    days: list[ReportDay]
    other_appointments: list[ReportEntry]
    actions: list[ReportAction]
    photos: list[ReportPhoto]


def _record(outcome: Outcome, language: str) -> ReportRecord:
    people = []
    if outcome.member:
        people.append(outcome.member.name_in(language))
    if outcome.contact:
        people.append(outcome.contact.full_name)
    if outcome.organisation:
        people.append(outcome.organisation.name)
    return ReportRecord(
        kind=outcome.get_kind_display(),
        is_commitment=outcome.kind == "commitment",
        text=outcome.text,
        committed_by=outcome.get_committed_by_display() if outcome.committed_by else "",
        people=", ".join(people),
    )


def _outcomes() -> Prefetch:
    return Prefetch("outcomes", queryset=Outcome.objects.select_related("member", "contact", "organisation"))


def _photo(photo: Photo) -> ReportPhoto | None:
    """The photo's JPEG rendition up to PHOTO_MAX_WIDTH as a data URI, or None before any rendition exists."""
    jpegs = sorted((e for e in photo.renditions or [] if e["format"] == "jpeg"), key=lambda e: e["width"])
    fitting = [entry for entry in jpegs if entry["width"] <= PHOTO_MAX_WIDTH] or jpegs[:1]
    if not fitting:
        return None
    storage = photo.image.storage
    name = fitting[-1]["name"]
    if not storage.exists(name):
        return None
    with storage.open(name, "rb") as handle:
        encoded = base64.b64encode(handle.read()).decode("ascii")
    return ReportPhoto(
        data_uri=f"data:image/jpeg;base64,{encoded}",
        alt_text=photo.alt_text,
        caption=photo.caption,
        credit=photo.credit,
    )


def consented_photos(delegation: Delegation):
    """Photos of the delegation's event pages (title image or gallery) whose subjects consented."""
    pages = EventPage.objects.filter(delegation=delegation)
    return (
        Photo.objects.filter(consent_confirmed=True)
        .filter(Exists(pages.filter(hero=OuterRef("pk"))) | Exists(pages.filter(gallery=OuterRef("pk"))))
        .order_by("uploaded_at", "pk")
    )


def build_visit_report(delegation: Delegation, *, language: str) -> VisitReport:
    """The report's sections in `language` (call it with that language active, as `visit_report_pdf` does)."""
    clock = Clock(delegation)
    items = (
        ProgrammeItem.objects.filter(delegation=delegation)
        .not_cancelled()
        .select_related("venue")
        .prefetch_related(
            _outcomes(),
            Prefetch("appointment", queryset=CompanyAppointment.objects.prefetch_related(_outcomes())),
        )
        .in_order()
    )
    if language != settings.LANGUAGE_CODE:
        items = items.exclude(visibility=Visibility.INTERNAL)

    days: dict[dt.date, ReportDay] = {}
    for item in items:
        day = clock.day(item.starts_at)
        report_day = days.setdefault(day, ReportDay(label=clock.long_date(day)))
        outcomes = list(item.outcomes.all())
        appointment = getattr(item, "appointment", None)
        if appointment is not None:
            outcomes += list(appointment.outcomes.all())
        report_day.entries.append(
            ReportEntry(
                time=clock.span(item.starts_at, item.ends_at),
                title=item.title,
                venue=item.venue.name if item.venue else "",
                records=[_record(outcome, language) for outcome in outcomes],
            )
        )

    # Appointments without a programme item (held online or later) that have records of their own.
    other_appointments = [
        ReportEntry(
            time="", title=str(appointment), venue="", records=[_record(o, language) for o in outcomes]
        )
        for appointment in CompanyAppointment.objects.filter(
            delegation=delegation, programme_item__isnull=True
        )
        .select_related("company", "topic")
        .prefetch_related(_outcomes())
        .order_by("company__name", "pk")
        if (outcomes := list(appointment.outcomes.all()))
    ]

    today = timezone.localdate()
    actions = [
        ReportAction(
            title=action.title,
            owner=action.owner_display,
            due=formats.date_format(action.due_on, "SHORT_DATE_FORMAT") if action.due_on else "",
            state=action.get_state_display(),
            is_overdue=action.is_overdue(today),
        )
        for action in Action.objects.filter(delegation=delegation).select_related("owner")
    ]
    members = [
        {
            "name": member.name_in(language),
            "other_name": other if (other := _other_script(member, language)) else "",
            "function": member.function,
            "organisation": member.organisation.name if member.organisation else "",
            "is_head": member.is_head,
        }
        for member in Member.objects.active().filter(delegation=delegation).select_related("organisation")
    ]
    photos = [p for photo in consented_photos(delegation) if (p := _photo(photo)) is not None]
    return VisitReport(
        delegation=delegation,
        title=delegation.title,
        dates=clock.date_range(delegation.arrival_date, delegation.departure_date),
        members=members,
        days=list(days.values()),
        other_appointments=other_appointments,
        actions=actions,
        photos=photos,
    )


def _other_script(member: Member, language: str) -> str:
    """The member's name in the other script (Cyrillic beside Latin and the other way round)."""
    shown = member.name_in(language)
    other = member.original_name if shown == member.full_name else member.full_name
    return other if other != shown else ""


def visit_report_pdf(delegation: Delegation, *, language: str = "de") -> bytes:
    """The visit report as PDF bytes, in `language` (de, uk or en)."""
    if language not in REPORT_LANGUAGES:
        raise ValueError(f"no visit report in {language!r}")
    with translation.override(language):
        report = build_visit_report(delegation, language=language)
        return render_pdf(
            "followup/visit_report.html",
            {"report": report, "delegation": delegation},
            stylesheets=(PRINT_STYLESHEET, REPORT_STYLESHEET),
        )

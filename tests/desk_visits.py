"""Visits for the planner's desk tests (tests/test_planner_desk.py, tests/browser/test_planner_desk.py): one
with one of everything the desk reports, one under way with a company visit held and no outcome recorded."""

import datetime as dt

from django.utils import timezone

from delegations.enums import DelegationStatus, Language
from funding.enums import FundingState
from funding.models import FundingProgramme
from tests import factories
from tests.factories_followup import ActionFactory
from tests.factories_funding import DelegationFundingFactory, FundingProgrammeFactory
from visits.enums import AppointmentStatus, ItemKind
from visits.models import GuestAccess


def local_today() -> dt.date:
    return timezone.localdate()


def at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def visit_with_everything(title: str = "Besuch aus Podilsk", *, starts_in: int = 10):
    """A visit that starts in `starts_in` days with one of everything the desk reports."""
    today = local_today()
    arrival = today + dt.timedelta(days=starts_in)
    delegation = factories.DelegationFactory(
        title=title,
        arrival_date=arrival,
        departure_date=arrival + dt.timedelta(days=4),
        status=DelegationStatus.PLANNING,
    )
    # Blocking: a member no channel reaches, and a title not in the readers' language.
    factories.MemberFactory(delegation=delegation, first_name="Taras", email="", messenger="")
    reader = factories.MemberFactory(delegation=delegation, preferred_language=Language.UKRAINIAN)
    factories.ProgrammeItemFactory(
        delegation=delegation,
        title="Empfang im Kreishaus",
        title_uk="",
        title_en="",
        starts_at=at(arrival, 10),
        ends_at=at(arrival, 11),
    )
    # A notice that did not arrive.
    release = factories.ProgrammeReleaseFactory(delegation=delegation, version=1)
    factories.ReleaseNotificationFactory(release=release, member=reader, state="given_up", sent_at=None)
    # A company asked that has not answered, and one still to ask.
    factories.CompanyAppointmentFactory(delegation=delegation, status=AppointmentStatus.REQUESTED)
    factories.CompanyAppointmentFactory(delegation=delegation, status=AppointmentStatus.TO_ASK)
    # A link never opened.
    GuestAccess.objects.create(
        delegation=delegation,
        member=reader,
        token_hash=GuestAccess.hash_token(GuestAccess.new_token()),
        expires_at=timezone.now() + dt.timedelta(days=30),
    )
    # An action overdue, one due soon, one far off.
    ActionFactory(delegation=delegation, due_on=today - dt.timedelta(days=3), title="Dank an die Stadtwerke")
    ActionFactory(delegation=delegation, due_on=today + dt.timedelta(days=5))
    ActionFactory(delegation=delegation, due_on=today + dt.timedelta(days=60))
    # A funding application whose deadline (42 days before arrival) has passed.
    DelegationFundingFactory(
        delegation=delegation,
        programme=FundingProgramme.objects.filter(name="SKEW Delegationsreisen").first()
        or FundingProgrammeFactory(name="SKEW Delegationsreisen", min_notice_days=42),
        state=FundingState.PLANNED,
        applied_on=None,
        amount_granted=None,
    )
    return delegation


def visit_under_way_with_a_company_visit_held():
    """A visit on its third day whose company visit yesterday has no outcome recorded yet."""
    today = local_today()
    delegation = factories.DelegationFactory(
        title="Besuch aus Odesa",
        arrival_date=today - dt.timedelta(days=2),
        departure_date=today + dt.timedelta(days=2),
        status=DelegationStatus.UNDER_WAY,
    )
    item = factories.ProgrammeItemFactory(
        delegation=delegation,
        kind=ItemKind.COMPANY_VISIT,
        visibility="internal",
        starts_at=at(today - dt.timedelta(days=1), 10),
        ends_at=at(today - dt.timedelta(days=1), 12),
    )
    appointment = factories.CompanyAppointmentFactory(
        delegation=delegation, status=AppointmentStatus.CONFIRMED, programme_item=item
    )
    return delegation, appointment

"""Sample objects and rows of every model the admin shows, and filling in admin forms as a browser would."""

import datetime as dt
from html.parser import HTMLParser

from django.contrib import admin
from django.contrib.auth.models import Group, User
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import TwoFactorRequirement
from delegations.models import Contact, Delegation, Member, Organisation, Partnership, Topic
from followup.models import Action, Outcome
from funding.models import Cost, DailyRate, DelegationFunding, FundingProgramme
from letters.models import InvitationLetter, Letterhead
from pages.models import AccessibilityFeedback, LegalPage
from press.models import EventPage, Photo
from privacy.models import Erasure, ErasureReason
from protocol.models import Gift, PrecedenceEntry, SeatingPlan, Speech
from tests import factories
from tests import factories_followup as followup_factories
from tests import factories_funding as funding_factories
from tests import factories_protocol as protocol_factories
from tests.factories_letters import LetterheadFactory, letter_for
from tests.factories_security import TwoFactorRequirementFactory, two_factor_requirements
from visits import enums as v
from visits.models import Attachment, CompanyAppointment, GuestAccess, ProgrammeItem, StaffAccess, Venue

# The project's apps whose every model is in the admin (or shown on another model's admin page).
DOMAIN_APPS = (
    "delegations",
    "visits",
    "press",
    "pages",
    "protocol",
    "funding",
    "followup",
    "letters",
    "privacy",
    "accounts",
)

# Admins that come with third-party apps: not ours to shape, so not held to the project's rules (German
# rules, groups' permissions, query counts). Only superusers manage them; tests/test_admin_registry.py checks
# their pages render for the superuser, like Django's own account admins.
THIRD_PARTY_ADMIN_APPS = (
    "django.contrib.auth",  # users and groups
    "django_otp.plugins.otp_totp",  # authenticator apps of a user (two factors)
    "django_otp.plugins.otp_static",  # a user's one-time emergency codes (two factors)
)


def project_admins() -> dict:
    """The registered admins of the project's own apps (not Django's or another library's), by model."""
    return {
        model: model_admin
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_config.name not in THIRD_PARTY_ADMIN_APPS
    }


def third_party_admins() -> dict:
    return {
        model: model_admin
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_config.name in THIRD_PARTY_ADMIN_APPS
    }


def _factory(model):
    """The factory named after the model in tests/factories.py, for admins added after this file."""
    factory = getattr(factories, f"{model.__name__}Factory", None)
    if factory is None:
        raise AssertionError(f"No sample for {model._meta.label}: add it to tests/admin_samples.py")
    return factory


def _guest_access():
    from visits.services import issue_guest_access

    member = factories.MemberFactory()
    return issue_guest_access(delegation=member.delegation, member=member)[0]


def _staff_access():
    from visits.staff import issue_staff_access

    delegation = factories.DelegationFactory()
    return issue_staff_access(delegation=delegation, contact=factories.ContactFactory())[0]


def _staff_accesses(n: int) -> None:
    from visits.staff import issue_staff_access

    delegation = factories.DelegationFactory()
    for contact in factories.ContactFactory.create_batch(n):
        issue_staff_access(delegation=delegation, contact=contact)


def _seating_plan():
    ceremony = protocol_factories.CeremonyFactory(
        title="Festakt im Kreishaus", visibility=v.Visibility.PUBLIC
    )
    plan = protocol_factories.SeatingPlanFactory(programme_item=ceremony)
    protocol_factories.SeatFactory(table=protocol_factories.TableFactory(plan=plan))
    return plan


def _erasure():
    """An erasure as the privacy tools record it: the member is anonymised and the log row says so."""
    from privacy.services import erase_member

    erase_member(member=factories.MemberFactory(), reason=ErasureReason.REQUEST)
    return Erasure.objects.get()


def _totp_device():
    return TOTPDevice.objects.create(user=factories.UserFactory(username="kollege-totp"), name="Handy")


def _static_device():
    device = StaticDevice.objects.create(user=factories.UserFactory(username="kollege-codes"), name="Notfall")
    device.token_set.create(token="abcd1234")
    return device


# One object each, of a kind every role that may see the model may also see (a public item, no hotel).
SAMPLES = {
    Topic: lambda: factories.TopicFactory(name="Wasserstoff", name_uk="Водень", name_en="Hydrogen"),
    Partnership: lambda: factories.PartnershipFactory(name="Solidaritätspartnerschaft Podilsk"),
    Organisation: lambda: factories.OrganisationFactory(name="Stadtwerke Kleve GmbH"),
    Contact: lambda: factories.ContactFactory(first_name="Greta", last_name="Hüsgen"),
    Delegation: lambda: factories.DelegationFactory(title="Besuch aus Podilsk", slug="podilsk-2025"),
    Member: lambda: factories.MemberFactory(
        first_name="Oksana", last_name="Fiktyvna", last_name_original="Фіктивна"
    ),
    Venue: lambda: factories.VenueFactory(name="Kreishaus Kleve"),
    ProgrammeItem: lambda: factories.ProgrammeItemFactory(
        title="Empfang im Kreishaus", visibility=v.Visibility.PUBLIC
    ),
    CompanyAppointment: lambda: factories.CompanyAppointmentFactory(),
    EventPage: lambda: factories.EventPageFactory(title="Festakt 50 Jahre Kreis Kleve"),
    Photo: lambda: factories.PhotoFactory(alt_text="Gäste vor dem Berufskolleg"),
    GuestAccess: _guest_access,
    Attachment: lambda: factories.AttachmentFactory(title="Tagesordnung des Festakts"),
    StaffAccess: _staff_access,
    User: lambda: factories.UserFactory(username="kollegin"),
    Group: lambda: Group.objects.get(name="planners"),
    LegalPage: lambda: LegalPage.objects.order_by("kind").first(),  # made by a migration, one per kind
    AccessibilityFeedback: lambda: AccessibilityFeedback.objects.create(
        message="Der Kontrast der Fußzeile ist zu schwach.", page_url="/de/"
    ),
    PrecedenceEntry: lambda: protocol_factories.PrecedenceEntryFactory(protocol_title="Vorsitzender"),
    SeatingPlan: _seating_plan,
    Speech: lambda: protocol_factories.SpeechFactory(topic="Grußwort"),
    Gift: lambda: protocol_factories.GiftFactory(description="Bildband Niederrhein"),
    FundingProgramme: lambda: funding_factories.FundingProgrammeFactory(name="Kommunale Partnerschaften"),
    DelegationFunding: lambda: funding_factories.DelegationFundingFactory(),
    Cost: lambda: funding_factories.CostFactory(description="Taxi zum Bahnhof"),
    # A programme's rate in 2031: clear of the federal rates that the migration puts in the table.
    DailyRate: lambda: funding_factories.DailyRateFactory(
        valid_from=dt.date(2031, 1, 1), valid_until=dt.date(2031, 12, 31)
    ),
    Outcome: lambda: followup_factories.OutcomeFactory(text="Schulpartnerschaft vereinbart"),
    Action: lambda: followup_factories.ActionFactory(title="Dankesschreiben versenden"),
    Letterhead: LetterheadFactory,  # the one letterhead (its changelist opens its form)
    InvitationLetter: lambda: letter_for(factories.MemberFactory(last_name="Fiktyvna")),
    Erasure: _erasure,
    # A group of its own: a requirement on a persona's group would ask the test clients for a second factor.
    TwoFactorRequirement: TwoFactorRequirementFactory,
    TOTPDevice: _totp_device,
    StaticDevice: _static_device,
}


def sample(model):
    return SAMPLES[model]() if model in SAMPLES else _factory(model)()


def _items(n: int) -> None:
    delegation = factories.DelegationFactory()
    members = factories.MemberFactory.create_batch(3, delegation=delegation)
    hosts = factories.ContactFactory.create_batch(2)
    venue = factories.VenueFactory()
    for index in range(n):
        factories.ProgrammeItemFactory(
            delegation=delegation,
            venue=venue,
            starts_at=factories.berlin(2025, 11, 16, 8) + dt.timedelta(hours=index % 7, days=index % 7),
            participants=members[: index % 3],
            hosts=hosts[: index % 2],
            status=v.ItemStatus.CANCELLED if index % 5 == 0 else v.ItemStatus.CONFIRMED,
        )


def _appointments(n: int) -> None:
    delegation = factories.DelegationFactory()
    topic = factories.TopicFactory()
    contact = factories.ContactFactory()
    for index in range(n):
        item = factories.ProgrammeItemFactory(delegation=delegation) if index % 2 else None
        factories.CompanyAppointmentFactory(
            delegation=delegation, topic=topic, contact=contact, programme_item=item
        )


def _members(n: int) -> None:
    delegation = factories.DelegationFactory()
    hotel = factories.HotelFactory()
    factories.MemberFactory.create_batch(n, delegation=delegation, hotel=hotel, dietary_needs="vegetarisch")


def _delegations(n: int) -> None:
    partnership = factories.PartnershipFactory()
    for delegation in factories.DelegationFactory.create_batch(n, partnership=partnership):
        factories.MemberFactory(delegation=delegation)
        factories.ProgrammeItemFactory(delegation=delegation)


def _guest_accesses(n: int) -> None:
    from visits.services import issue_guest_access

    delegation = factories.DelegationFactory()
    for member in factories.MemberFactory.create_batch(n, delegation=delegation):
        issue_guest_access(delegation=delegation, member=member)


def _attachments(n: int) -> None:
    delegation = factories.DelegationFactory()
    members = factories.MemberFactory.create_batch(2, delegation=delegation)
    item = factories.ProgrammeItemFactory(delegation=delegation)
    for index in range(n):
        chosen = index % 2 == 1
        factories.AttachmentFactory(
            delegation=delegation,
            item=item if index % 3 else None,
            sharing=v.AttachmentSharing.CHOSEN if chosen else v.AttachmentSharing.ALL_MEMBERS,
            shared_with=members[: 1 + index % 2] if chosen else [],
        )


def _precedence(n: int) -> None:
    delegation = factories.DelegationFactory()
    for index in range(n):
        if index % 2:
            protocol_factories.PrecedenceEntryFactory(
                delegation=delegation, member=None, contact=factories.ContactFactory()
            )
        else:
            protocol_factories.PrecedenceEntryFactory(
                delegation=delegation, member=factories.MemberFactory(delegation=delegation)
            )


def _seating_plans(n: int) -> None:
    delegation = factories.DelegationFactory()
    for index in range(n):
        plan = protocol_factories.SeatingPlanFactory(programme_item__delegation=delegation)
        if index % 2:
            protocol_factories.SeatFactory(table=protocol_factories.TableFactory(plan=plan))


def _speeches(n: int) -> None:
    ceremony = protocol_factories.CeremonyFactory()
    interpreter = factories.ContactFactory()
    for index in range(n):
        speaker = (
            {"member": factories.MemberFactory(delegation=ceremony.delegation), "name": ""}
            if index % 2
            else {}
        )
        protocol_factories.SpeechFactory(programme_item=ceremony, interpreter=interpreter, **speaker)


def _costs(n: int) -> None:
    line = funding_factories.BudgetLineFactory()
    funding_factories.CostFactory.create_batch(n, line=line)


def _outcomes(n: int) -> None:
    item = factories.ProgrammeItemFactory()
    appointment = factories.CompanyAppointmentFactory(delegation=item.delegation)
    for index in range(n):
        if index % 2:
            followup_factories.OutcomeFactory(programme_item=None, appointment=appointment)
        else:
            followup_factories.CommitmentFactory(programme_item=item)


def _actions(n: int) -> None:
    delegation = factories.DelegationFactory()
    owner = factories.UserFactory()
    followup_factories.ActionFactory.create_batch(n, delegation=delegation, owner=owner)


def _letters(n: int) -> None:
    from letters.services import issue_letters

    LetterheadFactory()
    delegation = factories.DelegationFactory()
    factories.MemberFactory.create_batch(n, delegation=delegation)
    issue_letters(delegation=delegation, issued_by=factories.UserFactory())


def _erasures(n: int) -> None:
    """Log rows as the erasures leave them (anonymising each member for real would only take longer)."""
    delegation = factories.DelegationFactory()
    by = factories.UserFactory()
    Erasure.objects.bulk_create(
        Erasure(member=member, delegation=delegation, reason=ErasureReason.RETENTION, erased_by=by)
        for member in factories.MemberFactory.create_batch(n, delegation=delegation)
    )


# `n` rows of each model, with the related objects its changelist shows, so a query per row would show.
def _daily_rates(n: int) -> None:
    """`n` rates, one a year, of one programme: the only rows then (the migration's federal rates go)."""
    DailyRate.objects.all().delete()
    programme = funding_factories.FundingProgrammeFactory()
    for year in range(2100, 2100 + n):
        funding_factories.DailyRateFactory(
            programme=programme, valid_from=dt.date(year, 1, 1), valid_until=dt.date(year, 12, 31)
        )


ROWS = {
    Topic: lambda n: factories.TopicFactory.create_batch(n),
    Partnership: lambda n: factories.PartnershipFactory.create_batch(n),
    Organisation: lambda n: factories.OrganisationFactory.create_batch(n),
    Contact: lambda n: factories.ContactFactory.create_batch(n, organisation=factories.OrganisationFactory()),
    Delegation: _delegations,
    Member: _members,
    Venue: lambda n: factories.VenueFactory.create_batch(n, organisation=factories.OrganisationFactory()),
    ProgrammeItem: _items,
    CompanyAppointment: _appointments,
    EventPage: lambda n: factories.EventPageFactory.create_batch(n, delegation=factories.DelegationFactory()),
    Photo: lambda n: factories.PhotoFactory.create_batch(n),
    GuestAccess: _guest_accesses,
    Attachment: _attachments,
    StaffAccess: _staff_accesses,
    AccessibilityFeedback: lambda n: AccessibilityFeedback.objects.bulk_create(
        AccessibilityFeedback(message=f"Rückmeldung {index}") for index in range(n)
    ),
    PrecedenceEntry: _precedence,
    SeatingPlan: _seating_plans,
    Speech: _speeches,
    Gift: lambda n: protocol_factories.GiftFactory.create_batch(n, delegation=factories.DelegationFactory()),
    FundingProgramme: lambda n: funding_factories.FundingProgrammeFactory.create_batch(n),
    DelegationFunding: lambda n: funding_factories.DelegationFundingFactory.create_batch(
        n, programme=funding_factories.FundingProgrammeFactory()
    ),
    Cost: _costs,
    DailyRate: _daily_rates,
    Outcome: _outcomes,
    Action: _actions,
    InvitationLetter: _letters,
    Erasure: _erasures,
    TwoFactorRequirement: two_factor_requirements,
    TOTPDevice: lambda n: [
        TOTPDevice.objects.create(user=user, name="Handy") for user in factories.UserFactory.create_batch(n)
    ],
    StaticDevice: lambda n: [
        StaticDevice.objects.create(user=user, name="Notfall")
        for user in factories.UserFactory.create_batch(n)
    ],
}

# Models with a fixed set of rows (made by migrations): their changelists show those, whatever `n` is.
FIXED_ROWS = {LegalPage}

# Models with one row at most: `make_rows` makes that one.
SINGLETONS = {Letterhead: LetterheadFactory}


def make_rows(model, n: int) -> int:
    """Make `n` rows of the model; returns how many its changelist shows then."""
    if model in FIXED_ROWS:
        return model._default_manager.count()
    if model in SINGLETONS:
        SINGLETONS[model]()
        return 1
    if model in ROWS:
        ROWS[model](n)
    else:
        _factory(model).create_batch(n)
    return n


class _FormValues(HTMLParser):
    """The values a browser would submit from the admin's main form (inputs, selects, textareas)."""

    def __init__(self):
        super().__init__()
        self.values: dict[str, list[str]] = {}
        self._in_form = False
        self._select: str | None = None
        self._textarea: str | None = None

    def _add(self, name: str, value: str) -> None:
        self.values.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id", "").endswith("_form"):
            self._in_form = True
        if not self._in_form or ("name" not in attrs and tag != "option"):
            return
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in {"submit", "button", "file", "image", "reset"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            self._add(attrs["name"], attrs.get("value", "on" if kind == "checkbox" else ""))
        elif tag == "select":
            self._select = attrs["name"]
        elif tag == "option" and self._select and "selected" in attrs:
            self._add(self._select, attrs.get("value", ""))
        elif tag == "textarea":
            self._textarea = attrs["name"]
            self._add(self._textarea, "")

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea][-1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_form = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def admin_form_data(response, **changes) -> dict:
    """The admin page's form as a browser sends it, with `changes` (None unticks or leaves out a field)."""
    parser = _FormValues()
    parser.feed(response.content.decode())
    data = {name: values if len(values) > 1 else values[0] for name, values in parser.values.items()}
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return data


def submit_admin_form(client, url: str, **changes):
    """Open an admin add or change page, change some fields and save, like a user in the browser."""
    page = client.get(url)
    assert page.status_code == 200, page.status_code
    return client.post(url, admin_form_data(page, **changes))

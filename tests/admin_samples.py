"""Sample objects and rows of every model the admin shows, and filling in admin forms as a browser would."""

import datetime as dt
from html.parser import HTMLParser

from django.contrib import admin
from django.contrib.auth.models import Group, User

from delegations.models import Contact, Delegation, Member, Organisation, Partnership, Topic
from pages.models import AccessibilityFeedback, LegalPage
from tests import factories
from visits import enums as v
from visits.models import CompanyAppointment, EventPage, GuestAccess, Photo, ProgrammeItem, Venue

DOMAIN_APPS = ("delegations", "visits")


def project_admins() -> dict:
    """The registered admins of the project's own apps (not Django's), by model."""
    return {
        model: model_admin
        for model, model_admin in admin.site._registry.items()
        if not model._meta.app_config.name.startswith("django.")
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
    User: lambda: factories.UserFactory(username="kollegin"),
    Group: lambda: Group.objects.get(name="planners"),
    LegalPage: lambda: LegalPage.objects.order_by("kind").first(),  # made by a migration, one per kind
    AccessibilityFeedback: lambda: AccessibilityFeedback.objects.create(
        message="Der Kontrast der Fußzeile ist zu schwach.", page_url="/de/"
    ),
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


# `n` rows of each model, with the related objects its changelist shows, so a query per row would show.
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
    AccessibilityFeedback: lambda n: AccessibilityFeedback.objects.bulk_create(
        AccessibilityFeedback(message=f"Rückmeldung {index}") for index in range(n)
    ),
}

# Models with a fixed set of rows (made by migrations): their changelists show those, whatever `n` is.
FIXED_ROWS = {LegalPage}


def make_rows(model, n: int) -> int:
    """Make `n` rows of the model; returns how many its changelist shows then."""
    if model in FIXED_ROWS:
        return model._default_manager.count()
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

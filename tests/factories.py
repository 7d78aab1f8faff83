"""factory_boy factories for every model, with German, Ukrainian and English content where guests read it."""

import datetime as dt
import uuid
from zoneinfo import ZoneInfo

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from delegations import enums as d
from delegations.models import Contact, Delegation, Member, Organisation, Partnership, Topic
from press.enums import PageStatus
from press.models import EventPage, Photo
from visits import enums as v
from visits.models import Attachment, CompanyAppointment, ProgrammeItem, Vehicle, Venue

BERLIN = ZoneInfo("Europe/Berlin")


def berlin(year, month, day, hour=0, minute=0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=BERLIN)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"staff{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@kreis-kleve.example")
    is_staff = True
    password = factory.django.Password("correct horse battery staple")


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    name = factory.Sequence(lambda n: f"Thema {n}")
    name_de = factory.SelfAttribute("name")
    name_uk = factory.Sequence(lambda n: f"Тема {n}")
    name_en = factory.Sequence(lambda n: f"Topic {n}")


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    name = factory.Sequence(lambda n: f"Partnerschaft {n}")
    name_de = factory.SelfAttribute("name")
    partner_region = "Rajon Podilsk"
    partner_country = "UA"
    kind = d.PartnershipKind.SOLIDARITY
    council_resolution_on = dt.date(2024, 11, 28)
    signed_on = dt.date(2025, 1, 31)
    signing_mode = d.SigningMode.DIGITAL


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n} GmbH")
    kind = d.OrganisationKind.COMPANY
    country = "DE"
    street = factory.Sequence(lambda n: f"Industriestraße {n}")
    postcode = "47533"
    city = "Kleve"
    latitude = factory.Sequence(lambda n: 51.7 + (n % 50) / 1000)
    longitude = factory.Sequence(lambda n: 6.1 + (n % 50) / 1000)


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    first_name = factory.Sequence(lambda n: f"Kontakt{n}")
    last_name = "Muster"
    role = d.ContactRole.HOST
    organisation = factory.SubFactory(OrganisationFactory)
    phone = "+49 2821 85-0"
    email = factory.Sequence(lambda n: f"kontakt{n}@kreis-kleve.example")


class InterpreterFactory(ContactFactory):
    first_name = factory.Sequence(lambda n: f"Dolmetscherin{n}")
    role = d.ContactRole.INTERPRETER
    interpreting_languages = factory.LazyFunction(lambda: [d.LanguagePair.GERMAN_UKRAINIAN])
    interpreting_mode = d.InterpretingMode.CONSECUTIVE


class DelegationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delegation

    partnership = factory.SubFactory(PartnershipFactory)
    title = factory.Sequence(lambda n: f"Delegation {n}")
    title_de = factory.SelfAttribute("title")
    title_uk = factory.Sequence(lambda n: f"Делегація {n}")
    title_en = factory.Sequence(lambda n: f"Delegation {n} (en)")
    slug = factory.Sequence(lambda n: f"delegation-{n}")
    arrival_date = dt.date(2025, 11, 16)
    departure_date = dt.date(2025, 11, 22)
    status = d.DelegationStatus.CONFIRMED


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    name = factory.Sequence(lambda n: f"Ort {n}")
    name_de = factory.SelfAttribute("name")
    kind = v.VenueKind.MEETING
    street = factory.Sequence(lambda n: f"Nassauerallee {n}")
    postcode = "47533"
    city = "Kleve"
    latitude = factory.Sequence(lambda n: 51.78 + (n % 50) / 1000)
    longitude = factory.Sequence(lambda n: 6.13 + (n % 50) / 1000)


class VehicleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vehicle

    name = factory.Sequence(lambda n: f"Kleinbus {n}")
    registration = factory.Sequence(lambda n: f"KLE-KK {100 + n}")
    seats = 8


class DriverFactory(ContactFactory):
    first_name = factory.Sequence(lambda n: f"Fahrer{n}")
    role = d.ContactRole.DRIVER


class HotelFactory(VenueFactory):
    name = factory.Sequence(lambda n: f"Hotel {n}")
    kind = v.VenueKind.HOTEL


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member

    delegation = factory.SubFactory(DelegationFactory)
    first_name = factory.Sequence(lambda n: f"Olena{n}")
    last_name = "Testenko"
    first_name_original = factory.Sequence(lambda n: f"Олена{n}")
    last_name_original = "Тестенко"
    function = "Abteilungsleiterin"
    preferred_language = d.Language.UKRAINIAN
    email = factory.Sequence(lambda n: f"member{n}@podilsk.example")
    phone = "+380 48 700 00 00"


class ProgrammeItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgrammeItem
        skip_postgeneration_save = True

    delegation = factory.SubFactory(DelegationFactory)
    starts_at = factory.Sequence(lambda n: berlin(2025, 11, 17, 9) + dt.timedelta(hours=n % 100))
    ends_at = factory.LazyAttribute(lambda item: item.starts_at + dt.timedelta(hours=1))
    kind = v.ItemKind.MEETING
    title = factory.Sequence(lambda n: f"Programmpunkt {n}")
    title_de = factory.SelfAttribute("title")
    title_uk = factory.Sequence(lambda n: f"Пункт програми {n}")
    title_en = factory.Sequence(lambda n: f"Programme item {n}")
    venue = factory.SubFactory(VenueFactory)
    status = v.ItemStatus.CONFIRMED
    visibility = v.Visibility.GUESTS

    @factory.post_generation
    def participants(self, create, extracted, **kwargs):
        if create and extracted:
            self.participants.set(extracted)

    @factory.post_generation
    def hosts(self, create, extracted, **kwargs):
        if create and extracted:
            self.hosts.set(extracted)


class CompanyAppointmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CompanyAppointment

    delegation = factory.SubFactory(DelegationFactory)
    company = factory.SubFactory(OrganisationFactory)
    topic = factory.SubFactory(TopicFactory)
    status = v.AppointmentStatus.REQUESTED


class PhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Photo

    image = factory.django.ImageField(width=64, height=48, format="JPEG", color="teal")
    alt_text = factory.Sequence(lambda n: f"Foto {n}")
    alt_text_de = factory.SelfAttribute("alt_text")
    consent_confirmed = True


class EventPageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventPage

    delegation = factory.SubFactory(DelegationFactory, is_public=True)
    slug = factory.Sequence(lambda n: f"seite-{n}")
    title = factory.Sequence(lambda n: f"Veranstaltung {n}")
    title_de = factory.SelfAttribute("title")
    summary = "Kurzfassung"
    body = "<p>Text</p>"
    status = PageStatus.DRAFT


def _small_pdf() -> bytes:
    """A real one-page PDF (Pillow writes it), small enough for every test that stores a document."""
    from io import BytesIO

    from PIL import Image

    out = BytesIO()
    Image.new("RGB", (20, 20), "white").save(out, "PDF")
    return out.getvalue()


SMALL_PDF = _small_pdf()


class AttachmentFactory(factory.django.DjangoModelFactory):
    """A document of a visit, shared with the whole delegation, as the admin stores it after its check."""

    class Meta:
        model = Attachment
        skip_postgeneration_save = True

    delegation = factory.SubFactory(DelegationFactory)
    title = factory.Sequence(lambda n: f"Unterlage {n}")
    title_de = factory.SelfAttribute("title")
    title_uk = factory.Sequence(lambda n: f"Документ {n}")
    kind = v.AttachmentKind.AGENDA
    file = factory.django.FileField(data=SMALL_PDF, filename="unterlage.pdf")
    file_name = factory.Sequence(lambda n: f"unterlage-{n}.pdf")
    content_type = "application/pdf"
    size = len(SMALL_PDF)
    sharing = v.AttachmentSharing.ALL_MEMBERS

    @factory.post_generation
    def shared_with(self, create, extracted, **kwargs):
        if create and extracted:
            self.shared_with.set(extracted)


class ProgrammeReleaseFactory(factory.django.DjangoModelFactory):
    """A release record on its own; `release()` below makes a real one with copies of the items."""

    class Meta:
        model = "visits.ProgrammeRelease"

    delegation = factory.SubFactory(DelegationFactory)
    version = factory.Sequence(lambda n: n + 1)
    note = "Stand nach der Vorbesprechung"


class DelayRecordFactory(factory.django.DjangoModelFactory):
    """One item moved by an applied delay of 20 minutes (visits.delays)."""

    class Meta:
        model = "visits.DelayRecord"

    item = factory.SubFactory(ProgrammeItemFactory)
    delegation = factory.SelfAttribute("item.delegation")
    batch = factory.LazyFunction(uuid.uuid4)
    minutes = 20
    old_starts_at = factory.SelfAttribute("item.starts_at")
    old_ends_at = factory.SelfAttribute("item.ends_at")
    new_starts_at = factory.LazyAttribute(lambda record: record.old_starts_at + dt.timedelta(minutes=20))
    new_ends_at = factory.LazyAttribute(lambda record: record.old_ends_at + dt.timedelta(minutes=20))
    version_after = 1


class ReleaseNotificationFactory(factory.django.DjangoModelFactory):
    """A notice of a release to a member, as the delivery record keeps it (sent once, by email)."""

    class Meta:
        model = "visits.ReleaseNotification"

    release = factory.SubFactory(ProgrammeReleaseFactory)
    member = factory.LazyAttribute(lambda notice: MemberFactory(delegation=notice.release.delegation))
    channel = "email"
    language = "uk"
    state = "sent"
    attempts = 1
    sent_at = factory.LazyFunction(timezone.now)


def release(delegation, note: str = "", released_by=None, accept_reason: str = ""):
    """Release a delegation's working programme, as a planner does, so guests and the public see it.

    Blocking findings of the readiness check refuse it, as they would a planner, unless `accept_reason`
    says why the test releases all the same.
    """
    from visits.releases import release_programme

    return release_programme(
        delegation=delegation, note=note, released_by=released_by, accept_reason=accept_reason
    )

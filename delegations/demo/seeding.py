"""Builds the demo visit from its declaration: creates what is missing and never changes or deletes a row.

Every row is found by a natural key (a topic by its German name, an item by its delegation and German title,
a page by its slug, …). A row that exists is left exactly as it is, whoever made it: `make run` seeds at every
start, so staff who try out the demo keep their edits, and a database with other data only gains the demo.
"""

import datetime as dt
import importlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import models, transaction

from delegations import roles
from delegations.enums import DelegationStatus, Direction, PartnershipKind, SigningMode
from delegations.models import Contact, Delegation, Member, Organisation, Partnership, Topic
from press import images
from press.models import EventPage, Photo
from visits.models import CompanyAppointment, ProgrammeItem, ProgrammeRelease, Venue
from visits.releases import release_programme

from . import drawings
from .delegation import DELEGATION, MEMBERS
from .partnership import CONTACTS, ORGANISATIONS, PARTNERSHIP, TOPICS
from .places import VENUES
from .programme import APPOINTMENTS, INTERPRETER, ITEMS
from .public import PAGES, PHOTOS
from .vocabulary import PhotoSpec

DEMO_PASSWORD = "kleve-demo-2025"

# Username and role (Django group) of each demo login, in the order the command prints them.
DEMO_LOGINS = (
    ("planung", roles.PLANNERS),
    ("presse", roles.PRESS_OFFICE),
    ("lesen", roles.READ_ONLY),
)

# The order in which the summary lists what it found and made.
REPORTED_MODELS = (
    Topic,
    Partnership,
    Organisation,
    Contact,
    Venue,
    Delegation,
    Member,
    ProgrammeItem,
    CompanyAppointment,
    Photo,
    EventPage,
    ProgrammeRelease,
)


# Apps around the visit add their part of the demo through a module `<app>.demo` with a function
# `seed(context: DemoContext)` and a tuple `REPORTED_MODELS`; they run after the programme is released.
EXTRA_DEMO_APPS = ("protocol", "funding", "followup", "letters")


@dataclass
class DemoLogin:
    username: str
    group: str
    created: bool


@dataclass
class SeedReport:
    delegation: Delegation | None = None
    created: Counter = field(default_factory=Counter)
    existing: Counter = field(default_factory=Counter)
    logins: list[DemoLogin] = field(default_factory=list)


@dataclass
class DemoContext:
    """What the demo of the visit itself made, by its demo keys, for the apps that build on it."""

    ensure: Callable[..., models.Model]
    report: SeedReport
    now: dt.datetime
    delegation: Delegation
    members: dict[str, Member]
    contacts: dict[str, Contact]
    organisations: dict[str, Organisation]
    venues: dict[str, Venue]
    items: dict[str, ProgrammeItem]
    photos: dict[str, Photo]


def extra_demo_modules() -> list:
    """The `demo` modules of the apps around the visit, in seeding order (only those that exist)."""
    modules = []
    for app in EXTRA_DEMO_APPS:
        try:
            modules.append(importlib.import_module(f"{app}.demo"))
        except ModuleNotFoundError as error:
            if error.name != f"{app}.demo":
                raise
    return modules


class _Seeder:
    def __init__(self):
        self.report = SeedReport()

    def ensure(
        self,
        model: type[models.Model],
        lookup: dict,
        values: dict,
        relations: dict[str, Iterable[models.Model]] | None = None,
    ) -> models.Model:
        """The row `lookup` finds, untouched; or a new one with `values` and its many-to-many `relations`."""
        instance = self._existing(model, lookup)
        if instance is None:
            # A plain create: ProgrammeItem.save() raises its change stamp only for rows that already exist.
            instance = model(**{**lookup, **values})
            instance.save()
            for name, related in (relations or {}).items():
                getattr(instance, name).set(related)
            self.report.created[model] += 1
        return instance

    def ensure_photo(self, spec: PhotoSpec) -> Photo:
        """A demo photo found by its German alt text and credit; drawn only when it is missing."""
        photo = self._existing(Photo, {"alt_text_de": spec.alt_text.de, "credit": spec.credit})
        if photo is None:
            photo = create_demo_photo(spec)
            self.report.created[Photo] += 1
        return photo

    def _existing(self, model: type[models.Model], lookup: dict) -> models.Model | None:
        instance = model._default_manager.filter(**lookup).order_by("pk").first()
        if instance is not None:
            self.report.existing[model] += 1
        return instance


def _coordinates(spec) -> dict:
    return {"latitude": Decimal(spec.latitude), "longitude": Decimal(spec.longitude)}


def _translated(**texts) -> dict:
    """Per-language columns of the texts given; a missing text leaves its columns to the model's defaults."""
    columns = {}
    for name, text in texts.items():
        if text is not None:
            columns |= text.columns(name)
    return columns


def create_demo_photo(spec: PhotoSpec) -> Photo:
    """Draw, store and prepare one demo photo: the one place where demo photos come into being."""
    photo = Photo(
        image=ContentFile(drawings.as_jpeg(spec.draw()), name=spec.filename),
        credit=spec.credit,
        consent_confirmed=True,
        **_translated(alt_text=spec.alt_text, caption=spec.caption),
    )
    photo.save()
    # Pages show renditions only, never the original; making them is idempotent.
    images.make_renditions(photo)
    return photo


@transaction.atomic
def seed_demo(*, now: dt.datetime, make_logins: bool) -> SeedReport:
    """Create whatever of the demo visit is missing; with `make_logins`, also the three demo staff logins."""
    seeder = _Seeder()
    ensure = seeder.ensure

    topics = {
        spec.key: ensure(
            Topic, {"name_de": spec.name.de}, _translated(name=spec.name, description=spec.description)
        )
        for spec in TOPICS
    }
    partnership = ensure(
        Partnership,
        {"name_de": PARTNERSHIP.name.de},
        {
            "partner_region": PARTNERSHIP.partner_region,
            "partner_country": PARTNERSHIP.partner_country,
            "kind": PartnershipKind.SOLIDARITY,
            "council_resolution_on": PARTNERSHIP.council_resolution_on,
            "signed_on": PARTNERSHIP.signed_on,
            "signing_mode": SigningMode.DIGITAL,
            "funding_programme": PARTNERSHIP.funding_programme,
            "funder": PARTNERSHIP.funder,
            **_translated(
                name=PARTNERSHIP.name,
                focus_areas=PARTNERSHIP.focus_areas,
                description=PARTNERSHIP.description,
            ),
        },
        relations={"topics": [topics[key] for key in PARTNERSHIP.topics]},
    )
    organisations = {
        spec.key: ensure(
            Organisation,
            {"name": spec.name},
            {
                "kind": spec.kind,
                "country": spec.country,
                "street": spec.street,
                "postcode": spec.postcode,
                "city": spec.city,
                "website": spec.website,
                **_coordinates(spec),
                **_translated(profile=spec.profile),
            },
            relations={"topics": [topics[key] for key in spec.topics]},
        )
        for spec in ORGANISATIONS
    }
    contacts = {
        spec.key: ensure(
            Contact,
            {
                "first_name": spec.first_name,
                "last_name": spec.last_name,
                "organisation": organisations.get(spec.organisation),
            },
            {
                "role": spec.role,
                "phone": spec.phone,
                "email": spec.email,
                "languages": spec.languages,
                "interpreting_languages": list(spec.interpreting_languages),
                "interpreting_mode": spec.interpreting_mode,
                **_translated(function=spec.function),
            },
        )
        for spec in CONTACTS
    }
    venues = {
        spec.key: ensure(
            Venue,
            {"name_de": spec.name.de, "city": spec.city},
            {
                "kind": spec.kind,
                "organisation": organisations.get(spec.organisation),
                "street": spec.street,
                "postcode": spec.postcode,
                **_coordinates(spec),
                **_translated(name=spec.name, accessibility_notes=spec.accessibility_notes),
            },
        )
        for spec in VENUES
    }
    delegation = ensure(
        Delegation,
        {"slug": DELEGATION.slug},
        {
            "partnership": partnership,
            "direction": Direction.INCOMING,
            "home_organisation": organisations[DELEGATION.home_organisation],
            "arrival_date": DELEGATION.arrival_date,
            "departure_date": DELEGATION.departure_date,
            # The visit lies in the past: the demo shows a visit as it stands once it is over.
            "status": DelegationStatus.COMPLETED,
            "host_contact": contacts[DELEGATION.host_contact],
            "is_public": True,
            "withhold_public_details": True,
            **_translated(title=DELEGATION.title, summary=DELEGATION.summary),
        },
    )
    seeder.report.delegation = delegation
    members = {
        spec.key: ensure(
            Member,
            {"delegation": delegation, "first_name": spec.first_name, "last_name": spec.last_name},
            {
                "first_name_original": spec.first_name_original,
                "last_name_original": spec.last_name_original,
                "organisation": organisations[DELEGATION.home_organisation],
                "preferred_language": spec.preferred_language,
                "languages_spoken": spec.languages_spoken,
                "needs_interpreter": spec.needs_interpreter,
                "is_head": spec.is_head,
                "is_public_figure": spec.is_public_figure,
                "email": spec.email,
                "phone": spec.phone,
                "arrival_at": spec.arrival.at,
                "arrival_mode": spec.arrival.mode,
                "arrival_reference": spec.arrival.reference,
                "departure_at": spec.departure.at,
                "departure_mode": spec.departure.mode,
                "departure_reference": spec.departure.reference,
                "hotel": venues["hotel"],
                "room": spec.room,
                "dietary_needs": spec.dietary_needs,
                "accessibility_needs": spec.accessibility_needs,
                "photo_consent": spec.photo_consent,
                **_translated(function=spec.function),
            },
        )
        for spec in MEMBERS
    }
    items = {
        spec.key: ensure(
            ProgrammeItem,
            {"delegation": delegation, "title_de": spec.title.de},
            {
                "starts_at": spec.starts_at,
                "ends_at": spec.ends_at,
                "kind": spec.kind,
                "venue": venues.get(spec.venue),
                "interpreter": contacts[INTERPRETER] if spec.interpreted else None,
                "status": spec.status,
                "visibility": spec.visibility,
                "press_access": spec.press_access,
                "internal_notes": spec.internal_notes,
                **_translated(
                    title=spec.title,
                    description=spec.description,
                    transport_note=spec.transport_note,
                    dress_code=spec.dress_code,
                ),
            },
            relations={
                "participants": [members[key] for key in spec.participants],
                "hosts": [contacts[key] for key in spec.hosts],
            },
        )
        for spec in ITEMS
    }
    for spec in APPOINTMENTS:
        ensure(
            CompanyAppointment,
            {"delegation": delegation, "company": organisations[spec.company], "topic": topics[spec.topic]},
            {
                "contact": contacts[spec.contact],
                "status": spec.status,
                "programme_item": items.get(spec.programme_item),
                "proposed_slots": spec.proposed_slots,
                "briefing_notes": spec.briefing_notes,
                "outcome": spec.outcome,
                "follow_ups": spec.follow_ups,
            },
        )
    photos = {spec.key: seeder.ensure_photo(spec) for spec in PHOTOS}
    for spec in PAGES:
        ensure(
            EventPage,
            {"slug": spec.slug},
            {
                "delegation": delegation,
                "programme_item": items.get(spec.programme_item),
                "hero": photos.get(spec.hero),
                "status": spec.status,
                # A scheduled page keeps the moment of its first seeding, so seeding again does not move it.
                "publish_at": now + spec.publish_after if spec.publish_after else spec.publish_at,
                **_translated(title=spec.title, summary=spec.summary, body=spec.body),
            },
            relations={"gallery": [photos[key] for key in spec.gallery]},
        )

    # Guests and the public read the released programme: release the demo's once, telling no one.
    if delegation.programme_releases.exists():
        seeder.report.existing[ProgrammeRelease] += 1
    else:
        release_programme(delegation=delegation, note="Demo", notify=False)
        seeder.report.created[ProgrammeRelease] += 1

    context = DemoContext(
        ensure=ensure,
        report=seeder.report,
        now=now,
        delegation=delegation,
        members=members,
        contacts=contacts,
        organisations=organisations,
        venues=venues,
        items=items,
        photos=photos,
    )
    for module in extra_demo_modules():
        module.seed(context)

    if make_logins:
        seeder.report.logins = [_ensure_demo_login(username, group) for username, group in DEMO_LOGINS]
    return seeder.report


def _ensure_demo_login(username: str, group_name: str) -> DemoLogin:
    """A staff login (never a superuser) in one role group; an existing user keeps password and groups."""
    User = get_user_model()
    if User.objects.filter(username=username).exists():
        return DemoLogin(username=username, group=group_name, created=False)
    user = User.objects.create_user(
        username=username,
        email=f"{username}@kreis-kleve.example",
        password=DEMO_PASSWORD,
        is_staff=True,
    )
    user.groups.add(Group.objects.get(name=group_name))
    return DemoLogin(username=username, group=group_name, created=True)

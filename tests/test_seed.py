"""`manage.py seed_demo`: the demo visit it makes, where it places the visit's days, that a second run changes
nothing, and its demo logins.

By default the visit is under way on the day of seeding (its third day of seven); `--as-held` puts it on the
days it was held, 16 to 22 November 2025. What the demo holds is read from the visit as held."""

import datetime as dt
import io
import json
import re
from collections import Counter
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import formats, timezone, translation
from PIL import Image

from delegations import roles
from delegations.enums import DelegationStatus, Language, LanguagePair, SigningMode
from delegations.models import Contact, Delegation, Member, Organisation, Partnership, Topic
from demo.loader import DEMO_PASSWORD, seed_demo
from demo.management.commands.seed_demo import Command
from press.enums import PageStatus
from press.models import EventPage, Photo
from tests import factories
from visits import readiness
from visits.enums import (
    AppointmentStatus,
    ItemKind,
    ItemStatus,
    PressAccess,
    VenueKind,
    Visibility,
)
from visits.models import CompanyAppointment, ProgrammeItem, ReleasedItem, Venue
from visits.releases import describe_changes

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")
CYRILLIC_NAME = re.compile(r"^[А-ЩЬЮЯҐЄІЇа-щьюяґєії'’ -]+$")
DEMO_USERNAMES = ["lesen", "planung", "presse"]
LANGUAGES = ("de", "uk", "en")


def seed(*args: str) -> str:
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def dump_all_rows() -> list[dict]:
    """Every row of every model, history tables included, as `dumpdata` writes it."""
    out = io.StringIO()
    call_command("dumpdata", format="json", all=True, stdout=out)
    return json.loads(out.getvalue())


def stored_files() -> list[str]:
    """Every file under the media folder and the private folder where photo originals and renditions live."""
    roots = {Path(settings.MEDIA_ROOT), Path(Photo._meta.get_field("image").storage.location)}
    return sorted(str(path) for root in roots if root.exists() for path in root.rglob("*") if path.is_file())


@pytest.fixture(scope="class")
def seeded_once(request, django_db_setup, django_db_blocker):
    """Seed once (with the class's `seed_args`) for the tests that only read the demo; rolled back after.

    Each test's own transaction nests inside this one (a savepoint), so the tests stay independent.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        request.cls.today = timezone.localdate()
        seed(*request.cls.seed_args)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(seeded_once, db) -> Delegation:
    return Delegation.objects.get(slug="podilsk-2025")


def berlin_day(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment, BERLIN).date()


class TestTheDemoVisit:
    """What the demo holds, read from one seeding of the visit as it was held."""

    seed_args = ("--as-held",)

    def test_the_programme_is_released_twice_with_every_item_for_guests(self, demo):
        first, second = demo.programme_releases.order_by("version")
        for_guests = demo.programme_items.exclude(visibility="internal").values_list("pk", flat=True)
        harbour = demo.programme_items.get(status=ItemStatus.CANCELLED)
        walk = demo.programme_items.get(title_de="Spaziergang an der Rheinpromenade in Emmerich")
        assert (first.version, first.changes, second.version) == (1, [], 2)
        assert sorted(second.items.values_list("item", flat=True)) == sorted(for_guests)
        # The first release had the harbour visit still on and no walk; the second says what changed.
        assert first.items.get(item=harbour).status == ItemStatus.CONFIRMED
        assert not first.items.filter(item=walk).exists()
        everyone = sorted(demo.members.values_list("pk", flat=True))
        assert [(entry["item"], entry["change"], entry["members"]) for entry in second.changes] == [
            (harbour.pk, "status", everyone),
            (walk.pk, "new", everyone),
        ]
        assert first.notifications.count() == second.notifications.count() == 0  # fictional guests: no mail

    def test_the_partnership_is_the_one_of_the_press_release(self, demo):
        partnership = demo.partnership
        assert partnership.partner_country == "UA"
        assert partnership.council_resolution_on == dt.date(2024, 11, 28)
        assert partnership.signed_on == dt.date(2025, 1, 31)
        assert partnership.signing_mode == SigningMode.DIGITAL
        assert "SKEW" in partnership.funding_programme
        assert "(BMZ)" in partnership.funder
        assert partnership.topics.count() == 5

    def test_the_visit_is_public_with_a_host_contact(self, demo):
        assert (demo.arrival_date, demo.departure_date) == (dt.date(2025, 11, 16), dt.date(2025, 11, 22))
        assert demo.status == DelegationStatus.COMPLETED
        assert (demo.title_de, demo.title_uk) == (
            "Delegation aus dem Rajon Podilsk, November 2025",
            "Делегація Подільського району, листопад 2025",
        )
        assert "vom 16. November 2025 bis zum 22. November 2025" in demo.summary_de
        assert demo.is_public is True
        assert demo.withhold_public_details is True
        assert demo.host_contact.full_name == "Johanna Musterfeld"
        assert all(getattr(demo, f"title_{code}") and getattr(demo, f"summary_{code}") for code in LANGUAGES)

    def test_four_members_with_cyrillic_names_and_one_head(self, demo):
        members = list(demo.members.all())

        assert len(members) == 4
        assert [m.full_name for m in members if m.is_head] == ["Andrii Zrazkovyi"]
        for member in members:
            assert CYRILLIC_NAME.match(member.first_name_original), member
            assert CYRILLIC_NAME.match(member.last_name_original), member
            assert all(getattr(member, f"function_{code}") for code in LANGUAGES)
            assert member.email.endswith(".example")
            assert str(member.phone).startswith("+380")
            assert member.arrival_at and member.arrival_mode and member.arrival_reference
            assert member.departure_at > member.arrival_at
            assert (member.hotel.kind, member.hotel.city) == (VenueKind.HOTEL, "Kleve")
            assert member.room
        assert Counter(m.preferred_language for m in members) == {Language.UKRAINIAN: 3, Language.ENGLISH: 1}
        assert {m.dietary_needs for m in members} >= {"vegetarisch", "kein Schweinefleisch", "laktosefrei"}

    def test_at_least_25_items_in_the_visit_week_in_three_languages(self, demo):
        items = list(demo.programme_items.select_related("venue"))

        assert len(items) >= 25
        days = {berlin_day(item.starts_at) for item in items}
        assert min(days) == dt.date(2025, 11, 16)
        assert max(days) == dt.date(2025, 11, 22)
        assert all(item.starts_at.utcoffset() is not None and item.ends_at > item.starts_at for item in items)
        for item in items:
            assert all(getattr(item, f"title_{code}") for code in LANGUAGES), item.title_de
        # German titles are the items' natural key.
        assert len({item.title_de for item in items}) == len(items)
        assert {item.kind for item in items} == set(ItemKind)

    def test_statuses_visibilities_participants_and_press_access(self, demo):
        items = demo.programme_items.prefetch_related("participants")

        assert [item.kind for item in items if item.status == ItemStatus.CANCELLED] == [
            ItemKind.COMPANY_VISIT
        ]
        assert Counter(item.visibility for item in items)[Visibility.INTERNAL] >= 2
        public = {item.kind: item for item in items if item.visibility == Visibility.PUBLIC}
        assert set(public) == {
            ItemKind.CEREMONY,
            ItemKind.MEETING,
            ItemKind.GOLDEN_BOOK,
            ItemKind.PRESS,
            ItemKind.COMPANY_VISIT,
        }
        assert {item.press_access for item in public.values()} == {PressAccess.OPEN, PressAccess.PHOTO_ONLY}
        group_sizes = Counter(item.participants.count() for item in items)
        assert group_sizes[0] > 25  # most items are for the whole delegation
        assert group_sizes[1] >= 3 and group_sizes[2] >= 1

    def test_the_ceremony_is_at_the_berufskolleg_kleve(self, demo):
        ceremony = demo.programme_items.get(kind=ItemKind.CEREMONY)

        assert ceremony.title_de == "Festakt „50 Jahre Kreis Kleve“"
        assert (ceremony.venue.name_de, ceremony.venue.city) == ("Berufskolleg Kleve", "Kleve")
        assert ceremony.venue.organisation.name == "Berufskolleg Kleve"
        assert berlin_day(ceremony.starts_at) == dt.date(2025, 11, 20)
        assert ceremony.interpreter.role == "interpreter"
        assert ceremony.dress_code_uk

    def test_five_topics_and_five_appointments_in_different_states(self, demo):
        assert sorted(Topic.objects.values_list("name_en", flat=True)) == [
            "Energy supply",
            "Hydrogen",
            "Knowledge management in municipal administration",
            "Renewable energy",
            "Sustainable land use systems",
        ]
        assert all(Topic.objects.filter(**{f"name_{code}": ""}).count() == 0 for code in LANGUAGES)
        appointments = list(demo.appointments.select_related("programme_item", "topic", "company"))

        assert len({a.topic_id for a in appointments}) == 5
        assert Counter(a.status for a in appointments) == {
            AppointmentStatus.CONFIRMED: 3,
            AppointmentStatus.DECLINED: 1,
            AppointmentStatus.TO_ASK: 1,
        }
        for appointment in appointments:
            if appointment.status == AppointmentStatus.CONFIRMED:
                assert appointment.programme_item.kind == ItemKind.COMPANY_VISIT
                assert appointment.programme_item.delegation_id == demo.pk
            else:
                assert appointment.programme_item is None
            assert appointment.company.kind == "company"
        # Dates in the appointments' notes are written for the days the visit was placed on.
        assert {a.company.name: a.proposed_slots for a in appointments}["Schwanenland Energie GmbH"] == (
            "Di 18.11. vormittags"
        )

    def test_hosts_interpreter_and_driver(self, demo):
        roles_by_name = dict(Contact.objects.values_list("last_name", "role"))

        assert roles_by_name["Perekladach"] == "interpreter"
        assert roles_by_name["Lenkrad"] == "driver"
        # Every guest who needs interpreting prefers Ukrainian, and the interpreter has that pair.
        interpreter = Contact.objects.get(last_name="Perekladach")
        assert LanguagePair.GERMAN_UKRAINIAN in interpreter.interpreting_languages
        assert {m.preferred_language for m in demo.members.filter(needs_interpreter=True)} == {"uk"}
        assert Organisation.objects.filter(name="Wirtschaftsförderungsgesellschaft Kreis Kleve mbH").exists()
        assert Venue.objects.get(name_de="Kreishaus Kleve").street == "Nassauerallee 15"

    def test_published_scheduled_and_draft_event_pages(self, demo):
        pages = {page.slug: page for page in EventPage.objects.select_related("programme_item", "hero")}

        assert Counter(page.status for page in pages.values()) == {
            PageStatus.PUBLISHED: 2,
            PageStatus.SCHEDULED: 1,
            PageStatus.DRAFT: 1,
        }
        published = EventPage.objects.published()
        assert {page.programme_item.kind for page in published} == {ItemKind.CEREMONY, ItemKind.COMPANY_VISIT}
        assert all(page.hero is not None and page.gallery.exists() for page in published)
        scheduled = next(page for page in pages.values() if page.status == PageStatus.SCHEDULED)
        assert scheduled.publish_at > timezone.now() + dt.timedelta(days=6)
        for page in pages.values():
            for code in LANGUAGES:
                assert getattr(page, f"title_{code}") and getattr(page, f"summary_{code}")
                body = getattr(page, f"body_{code}")
                assert body.startswith("<p>") and body.count("</p>") + body.count("</ul>") >= 2
                assert page.status == PageStatus.DRAFT or ("<h2>" in body and "<ul>" in body)
            if page.programme_item is not None:
                assert page.programme_item.visibility == Visibility.PUBLIC

    def test_photos_are_drawn_jpegs_with_alt_texts(self, demo):
        photos = list(Photo.objects.all())

        assert len(photos) == 3
        for photo in photos:
            assert all(getattr(photo, f"alt_text_{code}") for code in LANGUAGES)
            assert all(getattr(photo, f"caption_{code}") for code in LANGUAGES)
            assert (photo.credit, photo.consent_confirmed) == ("Kreis Kleve (Illustration)", True)
            with photo.image.open("rb") as original, Image.open(original) as image:
                assert (image.format, image.size) == ("JPEG", (1600, 1067))
                image.load()
            assert photo.renditions, "the demo photos get their renditions, as uploads in the admin do"

    def test_public_texts_name_no_private_detail(self, demo):
        """What the public reads (released public items, event pages) names no private detail of a guest."""
        secrets = [demo.host_contact.email, str(demo.host_contact.phone)]
        for member in Member.objects.filter(is_public_figure=False):
            secrets += [member.last_name, member.last_name_original]
        for member in Member.objects.all():
            secrets += [member.email, str(member.phone), member.hotel.name_de, member.hotel.street]
        texts = []
        released = list(ReleasedItem.objects.public())
        assert released, "the demo's public programme is released"
        for item in released:
            texts += [
                getattr(item, f"{name}_{code}") or ""
                for name in ("title", "description")
                for code in LANGUAGES
            ]
        for page in EventPage.objects.all():
            texts += [
                getattr(page, f"{name}_{code}") for name in ("title", "summary", "body") for code in LANGUAGES
            ]

        assert [secret for secret in secrets if any(secret in text for text in texts)] == []

    def test_everything_the_demo_makes_passes_full_clean(self, demo):
        for model in (
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
        ):
            objects = list(model.objects.all())
            assert objects, model
            for instance in objects:
                instance.full_clean()


class TestTheVisitUnderWay:
    """Seeded without `--as-held`, the visit is on its third day of seven: done, under way and to come."""

    seed_args = ()

    def test_today_is_the_third_of_seven_days(self, demo):
        assert demo.arrival_date == self.today - dt.timedelta(days=2)
        assert demo.departure_date == self.today + dt.timedelta(days=4)
        assert demo.status == DelegationStatus.UNDER_WAY
        days = Counter(berlin_day(item.starts_at) for item in demo.programme_items.all())
        assert sorted(days) == [demo.arrival_date + dt.timedelta(days=n) for n in range(7)]
        ceremony = demo.programme_items.get(kind=ItemKind.CEREMONY)
        assert berlin_day(ceremony.starts_at) == self.today + dt.timedelta(days=2)
        assert {berlin_day(m.arrival_at) for m in demo.members.all()} == {demo.arrival_date}

    def test_texts_name_the_placed_dates(self, demo):
        with translation.override("de"):
            arrival = formats.date_format(demo.arrival_date, "j. F Y")
            month = formats.date_format(demo.arrival_date, "F Y")
        assert demo.title_de == f"Delegation aus dem Rajon Podilsk, {month}"
        assert f"vom {arrival} bis zum " in demo.summary_de
        assert "{day" not in demo.summary_uk + demo.summary_en

    def test_public_times_and_places_are_held_back_until_an_item_is_over(self, demo, client):
        with translation.override("de"):
            page = client.get(demo.get_absolute_url()).content.decode()

        assert "Uhrzeiten und Orte veröffentlichen wir erst, wenn ein Termin vorüber ist." in page
        assert "Kreishaus Kleve" in page  # the welcome of day 2 is over
        assert "Festakt „50 Jahre Kreis Kleve“" in page
        assert "Berufskolleg" not in page  # the ceremony of day 5 is still to come

    def test_the_second_release_says_what_changed(self, demo):
        release = demo.programme_releases.order_by("-version").first()

        with translation.override("de"):
            lines = describe_changes(release.changes, time_zone="Europe/Berlin")
        assert release.version == 2
        assert [line.split(":")[0] for line in lines] == ["Abgesagt", "Neu"]
        assert "Unternehmensbesuch Rheinhafen Wasserstoff" in lines[0]
        assert "Spaziergang an der Rheinpromenade in Emmerich" in lines[1]

    def test_no_blocking_finding_even_while_every_public_item_is_held_back(self, demo):
        before_the_visit = dt.datetime.combine(demo.arrival_date, dt.time(0, 0), tzinfo=BERLIN)

        assert readiness.blocking(readiness.check(demo)) == []
        assert readiness.blocking(readiness.check(demo, now=before_the_visit)) == []


@pytest.mark.parametrize("args", [(), ("--as-held",)], ids=["under way", "as held"])
def test_a_second_run_leaves_exactly_the_same_data_and_files(args):
    with override_settings(DEBUG=True):
        first_output = seed(*args)
        rows, files = dump_all_rows(), stored_files()
        second_output = seed(*args)

    assert dump_all_rows() == rows
    assert stored_files() == files
    assert "Programmpunkte: 47 neu angelegt, 0 schon vorhanden" in first_output
    assert "Programmpunkte: 0 neu angelegt, 47 schon vorhanden" in second_output
    assert "Programmfreigaben: 2 neu angelegt, 0 schon vorhanden" in first_output
    assert "Programmfreigaben: 0 neu angelegt, 2 schon vorhanden" in second_output
    assert "Alles war schon da; nichts wurde geändert." in second_output


def test_seeding_again_days_later_keeps_the_visit_on_its_days_and_changes_nothing():
    """`make run` seeds at every start: the demo seeded on Monday is found as it is on Thursday."""
    monday = timezone.now()
    seed_demo(now=monday, make_logins=False)
    rows, files = dump_all_rows(), stored_files()

    report = seed_demo(now=monday + dt.timedelta(days=3), make_logins=False)

    assert report.created == Counter()
    assert report.delegation.arrival_date == timezone.localdate(monday) - dt.timedelta(days=2)
    assert dump_all_rows() == rows
    assert stored_files() == files


def test_the_visit_as_held_passes_the_readiness_check_too():
    seed("--as-held")
    delegation = Delegation.objects.get(slug="podilsk-2025")

    assert readiness.blocking(readiness.check(delegation)) == []


def test_other_data_is_left_untouched():
    """The demo goes beside what is there: no row that existed before changes, and a topic is reused."""
    hydrogen = factories.TopicFactory(name="Wasserstoff", name_uk="Водень (наша назва)", name_en="H2")
    item = factories.ProgrammeItemFactory(hosts=[factories.ContactFactory()])
    factories.MemberFactory(delegation=item.delegation, hotel=factories.HotelFactory())
    factories.CompanyAppointmentFactory(delegation=item.delegation, topic=hydrogen)
    factories.EventPageFactory(delegation=item.delegation, hero=factories.PhotoFactory())
    factories.UserFactory(username="planung", is_staff=False)
    before = {(row["model"], row["pk"]): row["fields"] for row in dump_all_rows()}

    with override_settings(DEBUG=True):
        seed()

    after = {(row["model"], row["pk"]): row["fields"] for row in dump_all_rows()}
    assert {key: after.get(key) for key in before} == before
    assert Topic.objects.filter(name_de="Wasserstoff").get() == hydrogen
    assert CompanyAppointment.objects.filter(topic=hydrogen).count() == 2
    assert Delegation.objects.count() == 2


def test_with_debug_on_it_makes_three_staff_logins_and_prints_them():
    with override_settings(DEBUG=True):
        output = seed()

    users = get_user_model().objects.filter(username__in=DEMO_USERNAMES).order_by("username")
    assert [(u.username, u.is_staff, u.is_superuser) for u in users] == [
        ("lesen", True, False),
        ("planung", True, False),
        ("presse", True, False),
    ]
    assert [list(u.groups.values_list("name", flat=True)) for u in users] == [
        [roles.READ_ONLY],
        [roles.PLANNERS],
        [roles.PRESS_OFFICE],
    ]
    assert all(u.check_password(DEMO_PASSWORD) for u in users)
    assert "http://127.0.0.1:8000/admin/" in output
    for username in DEMO_USERNAMES:
        assert f"Benutzer {username:<8} Passwort {DEMO_PASSWORD}" in output


def test_with_debug_off_it_makes_no_login():
    with override_settings(DEBUG=False):
        output = seed()

    assert get_user_model().objects.count() == 0
    assert DEMO_PASSWORD not in output
    assert "DEBUG ist aus: Es wurden keine Demo-Anmeldungen angelegt." in output
    assert Delegation.objects.filter(slug="podilsk-2025").exists()


def test_the_help_text_is_german():
    help_text = " ".join(Command().create_parser("manage.py", "seed_demo").format_help().split())

    assert "Legt den Demo-Besuch der Delegation aus dem Rajon Podilsk" in help_text
    assert "--as-held Den Besuch an die Tage legen, an denen er stattfand: 16. bis 22. November 2025." in (
        help_text
    )

"""Staff links: hosts, interpreters and drivers read their own items of the latest release on a personal link,
subscribe to them as a calendar, and are told by email when a release changes them."""

import datetime as dt
import re
import secrets

import icalendar
import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

from delegations import enums as d
from tests import factories
from tests.factories import berlin
from visits import enums as v
from visits import services, staff
from visits.models import ReleaseNotification, StaffAccess

pytestmark = pytest.mark.django_db
ACCEPT = "Test: Befunde bewusst akzeptiert."


@pytest.fixture
def visit():
    delegation = factories.DelegationFactory(title="Besuch aus Podilsk", slug="podilsk")
    hotel = factories.HotelFactory(
        name="Hotel Cleve", street="Tichelstraße 11", postcode="47533", city="Kleve"
    )
    olena = factories.MemberFactory(
        delegation=delegation,
        first_name="Olena",
        last_name="Prykladna",
        function="Bürgermeisterin",
        phone="+380 48 711 11 11",
        email="olena@podilsk.example",
        dietary_needs="Vegetarisch, Nussallergie",
        accessibility_needs="Rollstuhl",
        room="204",
        arrival_reference="LH 1234",
        hotel=hotel,
        is_head=True,
    )
    petro = factories.MemberFactory(
        delegation=delegation,
        first_name="Petro",
        last_name="Zrazkov",
        function="Leiter Wirtschaftsförderung",
        preferred_language=d.Language.ENGLISH,
        hotel=hotel,
    )
    driver = factories.DriverFactory(
        first_name="Dieter", last_name="Fahr", email="dieter@kreis-kleve.example"
    )
    interpreter = factories.InterpreterFactory(first_name="Iryna", last_name="Dolmetsch")
    host = factories.ContactFactory(
        first_name="Hanna", last_name="Gastgeb", email="hanna@kreis-kleve.example"
    )
    bus = factories.VehicleFactory(name="Kleinbus 1", registration="KLE-KK 101")
    transfer = factories.ProgrammeItemFactory(
        delegation=delegation,
        kind=v.ItemKind.TRANSFER,
        title="Fahrt zur Firma",
        starts_at=berlin(2025, 11, 17, 8),
        ends_at=berlin(2025, 11, 17, 9),
        driver=driver,
        vehicle=bus,
        transport_note="Abfahrt vor dem Haupteingang",
    )
    visit_item = factories.ProgrammeItemFactory(
        delegation=delegation,
        kind=v.ItemKind.COMPANY_VISIT,
        title="Besuch Windpark",
        description="Rundgang und Gespräch",
        starts_at=berlin(2025, 11, 17, 10),
        ends_at=berlin(2025, 11, 17, 12),
        interpreter=interpreter,
        hosts=[host],
        internal_notes="Nur intern: Budgetfrage",
    )
    factories.CompanyAppointmentFactory(
        delegation=delegation,
        programme_item=visit_item,
        status=v.AppointmentStatus.CONFIRMED,
        briefing_notes="Geschäftsführerin begrüßt, Fragen zu Wasserstoff vorbereiten",
    )
    hidden = factories.ProgrammeItemFactory(
        delegation=delegation,
        title="Interne Vorbesprechung",
        visibility=v.Visibility.INTERNAL,
        driver=driver,
        starts_at=berlin(2025, 11, 18, 8),
        ends_at=berlin(2025, 11, 18, 9),
    )
    factories.release(delegation, accept_reason=ACCEPT)
    return {
        "delegation": delegation,
        "hotel": hotel,
        "olena": olena,
        "petro": petro,
        "driver": driver,
        "interpreter": interpreter,
        "host": host,
        "transfer": transfer,
        "visit_item": visit_item,
        "hidden": hidden,
    }


def link(visit, who):
    _access, token = staff.issue_staff_access(delegation=visit["delegation"], contact=visit[who])
    return staff.staff_link_path(token), token


PRIVATE = ["+380", "711 11 11", "olena@podilsk.example", "Nussallergie", "Rollstuhl", "204", "LH 1234"]


def test_driver_sees_pickup_vehicle_and_nothing_private(client, visit):
    path, _token = link(visit, "driver")
    response = client.get(path)
    assert response.status_code == 200
    page = response.content.decode()
    assert response["Content-Language"] == "de"
    assert response["Referrer-Policy"] == "no-referrer"
    assert response["X-Robots-Tag"].startswith("noindex")
    assert response["Cache-Control"] == "private, no-cache"
    assert "Fahrt zur Firma" in page
    assert "Abholung im Hotel der Gäste" in page
    assert "Hotel Cleve" in page and "Tichelstraße 11" in page
    assert "Kleinbus 1 (KLE-KK 101)" in page
    assert "Abfahrt vor dem Haupteingang" in page
    assert "Europe/Berlin" in page
    # Not the interpreter's item, not the internal one (never released), nothing private of the guests.
    assert "Besuch Windpark" not in page
    assert "Interne Vorbesprechung" not in page
    for secret in [*PRIVATE, "Prykladna"]:
        assert secret not in page


def test_interpreter_sees_language_pairs_and_topic(client, visit):
    path, _token = link(visit, "interpreter")
    page = client.get(path).content.decode()
    assert "Besuch Windpark" in page
    assert "Deutsch ↔ Ukrainisch" in page and "Deutsch ↔ Englisch" in page
    appointment = visit["visit_item"].appointment
    assert str(appointment.topic) in page
    assert "Rundgang und Gespräch" in page
    assert "Fahrt zur Firma" not in page
    assert "Wasserstoff vorbereiten" not in page  # the briefing is the host's
    for secret in PRIVATE:
        assert secret not in page


def test_host_sees_guests_and_briefing_not_private_data(client, visit):
    path, _token = link(visit, "host")
    page = client.get(path).content.decode()
    assert "Olena Prykladna" in page and "Bürgermeisterin" in page
    assert "Petro Zrazkov" in page and "Leiter Wirtschaftsförderung" in page
    assert "Geschäftsführerin begrüßt, Fragen zu Wasserstoff vorbereiten" in page
    assert "Budgetfrage" not in page  # internal notes are not released
    for secret in PRIVATE:
        assert secret not in page


def test_only_the_latest_release_is_shown(client, visit):
    path, _token = link(visit, "driver")
    factories.ProgrammeItemFactory(
        delegation=visit["delegation"], title="Noch nicht freigegeben", driver=visit["driver"]
    )
    assert "Noch nicht freigegeben" not in client.get(path).content.decode()
    factories.release(visit["delegation"], accept_reason=ACCEPT)
    assert "Noch nicht freigegeben" in client.get(path).content.decode()


def test_link_lifecycle_expire_revoke_malformed(client, visit):
    path, token = link(visit, "driver")
    access = StaffAccess.objects.get()
    assert access.token_hash != token and token not in access.token_salt
    assert client.get(path).status_code == 200
    access.refresh_from_db()
    assert access.last_used_at is not None

    # A new link revokes the previous one.
    new_path, _new = link(visit, "driver")
    assert client.get(path).status_code == 404
    assert client.get(new_path).status_code == 200

    access = StaffAccess.objects.valid().get()
    StaffAccess.objects.filter(pk=access.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    expired = client.get(new_path)
    assert expired.status_code == 404
    assert expired["Cache-Control"] == "private, no-store"
    assert "Dieser Link gilt nicht (mehr)." in expired.content.decode()

    path, _token = link(visit, "driver")
    staff.revoke_staff_access(StaffAccess.objects.valid().get())
    assert client.get(path).status_code == 404
    assert client.get("/dienst/kurz/").status_code == 404
    # A guest token is no staff token, and the other way round.
    assert client.get(path.replace("/dienst/", "/g/")).status_code == 404


def test_calendar_parses_with_the_roles_needs(client, visit):
    path, _token = link(visit, "driver")
    response = client.get(path + "dienstplan.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert response["Cache-Control"] == "private, no-cache"
    calendar = icalendar.Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    assert [str(event["SUMMARY"]) for event in events] == ["Fahrt zur Firma"]
    description = str(events[0]["DESCRIPTION"])
    assert "Fahrer/in" in description
    assert "Kleinbus 1 (KLE-KK 101)" in description
    assert "Abholung: Hotel Cleve" in description
    assert events[0]["DTSTART"].dt == berlin(2025, 11, 17, 8)
    assert str(events[0]["UID"]).startswith(f"item-{visit['transfer'].pk}@")
    for secret in PRIVATE:
        assert secret not in response.content.decode()


def test_release_tells_the_driver_by_email_with_the_link(visit, django_capture_on_commit_callbacks):
    _path, token = link(visit, "driver")
    _host_path, _host_token = link(visit, "host")
    transfer = visit["transfer"]
    transfer.starts_at = berlin(2025, 11, 17, 7, 30)
    transfer.save()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        release = factories.release(visit["delegation"], accept_reason=ACCEPT)
    notice = ReleaseNotification.objects.get(release=release, contact=visit["driver"])
    assert notice.member_id is None
    assert notice.state == "sent"
    # The host's items did not change: no notice for the host.
    assert not ReleaseNotification.objects.filter(release=release, contact=visit["host"]).exists()
    to_driver = [message for message in mail.outbox if message.to == ["dieter@kreis-kleve.example"]]
    assert len(to_driver) == 1
    body = to_driver[0].body
    assert "Guten Tag Dieter Fahr" in body
    assert "Neue Zeit: Fahrt zur Firma" in body
    assert staff.staff_link_url(token) in body
    assert to_driver[0].extra_headers["Content-Language"] == "de"
    out = _status(visit)
    assert f"contact-{visit['driver'].pk} email sent 1" in out


def _status(visit) -> str:
    import io

    buffer = io.StringIO()
    call_command("notice_status", visit["delegation"].slug, stdout=buffer)
    return buffer.getvalue()


def test_a_notice_names_a_member_or_a_contact_never_both(visit):
    release = visit["delegation"].programme_releases.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        ReleaseNotification.objects.create(
            release=release, member=visit["olena"], contact=visit["driver"], language="de"
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        ReleaseNotification.objects.create(release=release, language="de")


def test_staff_links_command(visit):
    import io

    buffer = io.StringIO()
    call_command("staff_links", "podilsk", stdout=buffer)
    assert buffer.getvalue() == ""  # nobody has a link yet
    _p, driver_token = link(visit, "driver")
    _p, host_token = link(visit, "host")
    # Hanna hosts and also interprets the transfer: one line per role.
    visit["transfer"].interpreter = visit["host"]
    visit["transfer"].save()
    factories.release(visit["delegation"], accept_reason=ACCEPT)
    buffer = io.StringIO()
    call_command("staff_links", "podilsk", stdout=buffer)
    assert buffer.getvalue().splitlines() == [
        f"host Hanna Gastgeb {staff.staff_link_url(host_token)}",
        f"interpreter Hanna Gastgeb {staff.staff_link_url(host_token)}",
        f"driver Dieter Fahr {staff.staff_link_url(driver_token)}",
    ]
    with pytest.raises(CommandError, match="Keine Delegation mit dem Kurznamen 'gibtsnicht'"):
        call_command("staff_links", "gibtsnicht")


@pytest.mark.parametrize("size", [2, 6])
def test_staff_page_queries_do_not_grow(client, django_assert_num_queries, size):
    delegation = factories.DelegationFactory()
    hotel = factories.HotelFactory()
    members = factories.MemberFactory.create_batch(size, delegation=delegation, hotel=hotel)
    driver = factories.DriverFactory()
    bus = factories.VehicleFactory()
    for n in range(size):
        item = factories.ProgrammeItemFactory(
            delegation=delegation,
            kind=v.ItemKind.TRANSFER if n % 2 else v.ItemKind.MEETING,
            driver=driver,
            vehicle=bus,
            hosts=[driver, factories.ContactFactory()],
            interpreter=factories.InterpreterFactory(),
        )
        item.participants.set(members[: n + 1])
    factories.release(delegation, accept_reason=ACCEPT)
    _access, token = staff.issue_staff_access(delegation=delegation, contact=driver)
    path = staff.staff_link_path(token)
    client.get(path)  # notes the use (once an hour)
    # The link, the items, hosts, participants, the whole delegation, the company appointments.
    with django_assert_num_queries(6):
        response = client.get(path)
    assert response.status_code == 200
    assert response.content.decode().count('<article class="entry') == size


def test_planner_issues_staff_links_on_the_delegation_page(planner_client, reader_client, visit):
    client = planner_client
    delegation = visit["delegation"]
    url = f"/admin/delegations/delegation/{delegation.pk}/staff-links/"
    assert client.get(url).status_code == 405
    response = client.post(url)
    assert response.status_code == 200
    page = response.content.decode()
    urls = re.findall(r"https?://[^\s<\"]+/dienst/[\w-]+/", page)
    assert len(set(urls)) == 3
    assert response["Cache-Control"].startswith("private, no-store")
    assert StaffAccess.objects.valid().count() == 3
    change = client.get(f"/admin/delegations/delegation/{delegation.pk}/change/").content.decode()
    assert "Dienstplan-Links erzeugen" in change
    # The links themselves, with their last use, in their own list filtered to the visit.
    listing = f"/admin/visits/staffaccess/?delegation__id__exact={delegation.pk}"
    assert listing.replace("&", "&amp;") in change or listing in change
    assert "Dieter Fahr" in client.get(listing).content.decode()
    assert reader_client.post(url).status_code == 403
    assert StaffAccess.objects.count() == 3


# -- The link is opened like a guest link: private headers, one answer for every bad token ----------------

PRIVATE_HEADERS = {"Referrer-Policy": "no-referrer", "X-Robots-Tag": "noindex, nofollow, noarchive"}


def test_the_page_and_the_calendar_keep_the_token_private(client, visit):
    path, _token = link(visit, "driver")
    for url in (path, path + "dienstplan.ics"):
        # German whatever the browser asks for.
        for response in (client.get(url), client.get(url, HTTP_ACCEPT_LANGUAGE="uk")):
            assert response.status_code == 200, url
            assert {name: response[name] for name in PRIVATE_HEADERS} == PRIVATE_HEADERS, url
            assert response["Cache-Control"] == "private, no-cache", url
            assert response["Content-Language"] == "de", url
            assert "sessionid" not in response.cookies


@pytest.fixture
def _fresh_failure_counts():
    cache.clear()
    yield
    cache.clear()


@pytest.mark.usefixtures("_fresh_failure_counts")
def test_every_bad_token_gets_the_same_private_404_before_the_stack(client, visit, django_assert_num_queries):
    revoked, revoked_token = link(visit, "host")
    staff.revoke_staff_access(StaffAccess.objects.get(contact=visit["host"]))
    expired, _token = link(visit, "interpreter")
    StaffAccess.objects.filter(contact=visit["interpreter"]).update(
        expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    _access, guest_token = services.issue_guest_access(delegation=visit["delegation"], member=visit["olena"])
    unknown = "/dienst/" + secrets.token_urlsafe(24) + "/"
    malformed = "/dienst/kurz/"
    bad = [revoked, revoked + "dienstplan.ics", expired, unknown, unknown + "dienstplan.ics", malformed]
    bad.append(f"/dienst/{guest_token}/")  # a guest's token opens no staff link

    answers = []
    for url in bad:
        # The look-up that lets a valid link through, nothing else: no session, no transaction, no rendering.
        with django_assert_num_queries(0 if url == malformed else 1):
            answers.append(client.get(url))

    assert {answer.status_code for answer in answers} == {404}
    assert len({answer.content for answer in answers}) == 1
    assert "Dieser Link gilt nicht (mehr)." in answers[0].content.decode()
    for answer in answers:
        assert {name: answer[name] for name in PRIVATE_HEADERS} == PRIVATE_HEADERS
        assert answer["Cache-Control"] == "private, no-store"
        assert "sessionid" not in answer.cookies
        assert not answer.has_header("Content-Language")  # answered before LocaleMiddleware and the rest
    assert revoked_token not in answers[0].content.decode()


@pytest.mark.usefixtures("_fresh_failure_counts")
def test_guessing_staff_links_is_answered_429_but_the_real_link_opens(client, visit, settings):
    path, _token = link(visit, "driver")
    for _ in range(settings.GUEST_TOKEN_FAILURES_ALLOWED):
        assert client.get("/dienst/" + secrets.token_urlsafe(24) + "/").status_code == 404

    blocked = client.get("/dienst/" + secrets.token_urlsafe(24) + "/dienstplan.ics")

    assert blocked.status_code == 429
    assert blocked["Retry-After"] == str(settings.GUEST_TOKEN_FAILURE_WINDOW)
    assert blocked["Cache-Control"] == "private, no-store"
    assert "Zu viele ungültige Links von dieser Adresse." in blocked.content.decode()
    assert client.get(path).status_code == 200


def test_a_planner_revokes_staff_links_in_their_list_and_they_stop_opening(planner_client, client, visit):
    driver_path, _token = link(visit, "driver")
    host_path, _token = link(visit, "host")
    driver_link = StaffAccess.objects.get(contact=visit["driver"])

    response = planner_client.post(
        "/admin/visits/staffaccess/", {"action": "revoke_links", "_selected_action": [str(driver_link.pk)]}
    )

    assert response.status_code == 302
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert messages == ["Ein Link wurde widerrufen."]
    assert list(StaffAccess.objects.valid().values_list("contact", flat=True)) == [visit["host"].pk]
    assert client.get(driver_path).status_code == 404
    assert client.get(host_path).status_code == 200
    listing = planner_client.get("/admin/visits/staffaccess/?state=revoked").content.decode()
    assert "Dieter Fahr" in listing and "widerrufen" in listing and "Hanna Gastgeb" not in listing

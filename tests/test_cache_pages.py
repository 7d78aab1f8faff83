"""Kept public and guest answers (core.page_cache): a hit runs no query at all, any committed change or the
clock ends it at once, nobody gets another guest's page, and a signed-in member of staff is never served (or
fills) the shared copy.

The data is committed (transactional_db): a connection with uncommitted changes neither reads nor keeps
kept answers, so in a test's own transaction every page is rendered afresh.
"""

import datetime as dt
import gzip

import brotli
import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from core import page_cache
from press.enums import PageStatus
from tests import factories
from tests.public_data import public_item, public_visit, published_page
from visits import services
from visits.models import GuestAccess, ProgrammeItem


@pytest.fixture(autouse=True)
def empty_pages():
    page_cache.store().clear()
    yield
    page_cache.store().clear()


@pytest.fixture
def released_visit(transactional_db):
    visit = public_visit(title="Besuch aus Podilsk")
    item = public_item(visit, title="Empfang im Kreishaus")
    page = published_page(visit, programme_item=item, title="Bericht vom Empfang")
    factories.release(visit)
    return visit, item, page


def public_urls(visit, page) -> list[str]:
    return [
        "/de/",
        visit.get_absolute_url(),
        page.get_absolute_url(),
        f"/de/besuche/{visit.slug}/programm.ics",
        f"/de/besuche/{visit.slug}/schedule.json",
        f"/de/besuche/{visit.slug}/schedule.xml",
        "/de/veranstaltungen/",
        "/de/feeds/atom.xml",
        "/de/feeds/rss.xml",
        "/sitemap.xml",
        "/robots.txt",
    ]


def body(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def kept_count() -> int:
    return len(page_cache.store())


def test_a_public_hit_runs_no_query_and_is_the_same_answer(released_visit, django_assert_num_queries):
    visit, _item, page = released_visit
    client = Client()
    for url in public_urls(visit, page):
        first = body(client.get(url))
        with django_assert_num_queries(0):
            second = body(client.get(url))
        assert second == first, url


@pytest.mark.parametrize("size", [10, 500])
def test_a_hit_runs_no_query_whatever_the_size(transactional_db, size, django_assert_num_queries):
    visit = public_visit()
    member = factories.MemberFactory(delegation=visit)
    for index in range(size):
        start = factories.berlin(2025, 11, 17, 8) + dt.timedelta(minutes=20 * index)
        public_item(visit, title=f"Punkt {index}", starts_at=start, ends_at=start + dt.timedelta(minutes=15))
    ProgrammeItem.objects.filter(delegation=visit).first().participants.add(member)
    factories.release(visit, accept_reason="test of size")
    _access, token = services.issue_guest_access(delegation=visit, member=member)
    for url in (visit.get_absolute_url(), f"/de/besuche/{visit.slug}/programm.ics", f"/g/{token}/uk/"):
        body(Client().get(url))
        with django_assert_num_queries(0):
            body(Client().get(url))


def test_a_new_release_shows_at_once(released_visit):
    visit, item, _page = released_visit
    client = Client()
    assert "Empfang im Kreishaus" in body(client.get(visit.get_absolute_url()))
    item.title = "Empfang im Rathaus"
    item.save()
    # Not released yet: the public still reads the last release, kept or not.
    assert "Empfang im Kreishaus" in body(client.get(visit.get_absolute_url()))
    factories.release(visit)
    for url in (visit.get_absolute_url(), f"/de/besuche/{visit.slug}/programm.ics"):
        text = body(client.get(url))
        assert "Empfang im Rathaus" in text and "Empfang im Kreishaus" not in text, url


def test_a_change_to_the_visit_or_its_page_shows_at_once(released_visit):
    visit, _item, page = released_visit
    client = Client()
    body(client.get(visit.get_absolute_url()))
    body(client.get(page.get_absolute_url()))
    visit.title = "Besuch aus der Partnerregion"
    visit.save()
    page.title = "Neuer Bericht"
    page.save()
    assert "Besuch aus der Partnerregion" in body(client.get(visit.get_absolute_url()))
    assert "Neuer Bericht" in body(client.get(page.get_absolute_url()))
    assert "Neuer Bericht" in body(client.get(visit.get_absolute_url()))


def test_a_change_without_a_model_signal_shows_at_once_too(released_visit):
    """A queryset's update() and raw SQL send no signal: the generation follows the SQL, not the signals."""
    visit, _item, _page = released_visit
    client = Client()
    body(client.get(visit.get_absolute_url()))
    type(visit).objects.filter(pk=visit.pk).update(title_de="Besuch, per update() umbenannt")
    assert "per update() umbenannt" in body(client.get(visit.get_absolute_url()))
    with connection.cursor() as cursor:
        table = type(visit)._meta.db_table
        cursor.execute(f"UPDATE {table} SET title_de = %s WHERE id = %s", ["Roh umbenannt", visit.pk])
    assert "Roh umbenannt" in body(client.get(visit.get_absolute_url()))


def test_a_page_taken_down_is_gone_at_once(released_visit):
    visit, _item, page = released_visit
    client = Client()
    body(client.get(page.get_absolute_url()))
    page.status = PageStatus.DRAFT
    page.save()
    assert client.get(page.get_absolute_url()).status_code == 404
    assert "Bericht vom Empfang" not in body(client.get(visit.get_absolute_url()))


def test_a_scheduled_page_goes_public_at_its_moment_without_any_write(released_visit, monkeypatch):
    visit, _item, _page = released_visit
    due = timezone.now() + dt.timedelta(hours=2)
    published_page(visit, title="Geplanter Bericht", status=PageStatus.SCHEDULED, publish_at=due)
    client = Client()
    assert "Geplanter Bericht" not in body(client.get(visit.get_absolute_url()))
    assert "Geplanter Bericht" not in body(client.get("/de/feeds/atom.xml"))
    later = due + dt.timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert "Geplanter Bericht" in body(client.get(visit.get_absolute_url()))
    assert "Geplanter Bericht" in body(client.get("/de/feeds/atom.xml"))


def test_each_language_has_its_own_copy(released_visit):
    visit, _item, _page = released_visit
    client = Client()
    for _ in range(2):
        german = body(client.get(f"/de/besuche/{visit.slug}/"))
        ukrainian = body(client.get(f"/uk/besuche/{visit.slug}/"))
        assert '<html lang="de"' in german and '<html lang="uk"' in ukrainian


def test_staff_with_a_session_get_a_fresh_page_and_fill_no_shared_copy(released_visit, planner_client):
    visit, _item, _page = released_visit
    body(planner_client.get(visit.get_absolute_url()))
    assert not kept_count(), "a request with a session must not fill the shared copy"
    body(Client().get(visit.get_absolute_url()))
    assert kept_count() == 1


def test_sessions_and_a_links_noted_use_start_no_new_generation(released_visit, planner_client):
    visit, _item, _page = released_visit
    before = page_cache.generation()
    planner_client.get("/admin/")  # session and sign-in bookkeeping
    member = factories.MemberFactory(delegation=visit)
    after_member = page_cache.generation()
    assert after_member != before, "a member is data pages may show"
    access, _token = services.issue_guest_access(delegation=visit, member=member)
    issued = page_cache.generation()
    with page_cache.unnoticed():
        services.record_guest_use(access, now=timezone.now(), seen_programme=True)
    assert page_cache.generation() == issued


def test_a_new_deployment_names_new_keys(settings, rf):
    request = rf.get("/de/")
    before = page_cache.key_for(request)
    page_cache.deployment.cache_clear()
    settings.RELEASE_NAME = "2026-12-07"
    try:
        assert page_cache.key_for(request) != before
    finally:
        page_cache.deployment.cache_clear()


def test_a_hit_carries_exactly_the_headers_of_a_fresh_answer(released_visit, settings):
    visit, _item, page = released_visit
    client = Client()
    for url in public_urls(visit, page):
        fresh = client.get(url)
        kept = client.get(url)
        assert fresh.status_code == kept.status_code == 200
        assert dict(fresh.items()) == dict(kept.items()), url
        assert kept["ETag"] and kept["Last-Modified"], url
        assert kept["Cache-Control"].startswith("public, max-age="), url
        for name in ("Content-Security-Policy", "X-Frame-Options", "Permissions-Policy", "Referrer-Policy"):
            assert kept.get(name), (url, name)
    assert client.get(visit.get_absolute_url().replace("/de/", "/uk/", 1))["Content-Language"] == "uk"
    settings.SECURE_HSTS_SECONDS = 3600
    secure = Client()
    fresh = secure.get(visit.get_absolute_url(), secure=True)
    kept = secure.get(visit.get_absolute_url(), secure=True)
    assert fresh["Strict-Transport-Security"] == kept["Strict-Transport-Security"]
    assert "Strict-Transport-Security" not in client.get(visit.get_absolute_url())


def test_a_matching_etag_gets_a_304_without_the_page(released_visit, django_assert_num_queries):
    visit, _item, _page = released_visit
    client = Client()
    url = f"/de/besuche/{visit.slug}/programm.ics"
    first = client.get(url)
    with django_assert_num_queries(0):
        again = client.get(url, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == first["ETag"]
    visit.title_de = "Neu benannt"
    visit.save()
    assert client.get(url, headers={"if-none-match": first["ETag"]}).status_code == 200


def test_answers_go_out_compressed_as_the_client_takes_them(released_visit):
    visit, _item, _page = released_visit
    client = Client()
    url = visit.get_absolute_url()
    plain = client.get(url)
    assert "Content-Encoding" not in plain and "Accept-Encoding" in plain["Vary"]
    zipped = client.get(url, headers={"accept-encoding": "gzip, deflate"})
    assert zipped["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.content) == plain.content
    squeezed = client.get(url, headers={"accept-encoding": "gzip, deflate, br"})
    assert squeezed["Content-Encoding"] == "br"
    assert brotli.decompress(squeezed.content) == plain.content
    assert len({plain["ETag"], zipped["ETag"], squeezed["ETag"]}) == 3


@pytest.fixture
def two_guests(transactional_db):
    visit = factories.DelegationFactory()
    olena = factories.MemberFactory(delegation=visit, first_name="Olena", last_name="Kovalenko")
    petro = factories.MemberFactory(delegation=visit, first_name="Petro", last_name="Shevchenko")
    factories.ProgrammeItemFactory(delegation=visit, title="Nur für Olena", participants=[olena])
    factories.ProgrammeItemFactory(delegation=visit, title="Nur für Petro", participants=[petro])
    factories.release(visit)
    _, olena_token = services.issue_guest_access(delegation=visit, member=olena)
    _, petro_token = services.issue_guest_access(delegation=visit, member=petro)
    return visit, (olena, olena_token), (petro, petro_token)


def guest_urls(token: str) -> list[str]:
    return [
        f"/g/{token}/",
        f"/g/{token}/de/",
        f"/g/{token}/uk/programm.ics",
        f"/g/{token}/manifest.webmanifest",
        f"/g/{token}/sw.js",
    ]


def test_two_guests_never_get_each_others_page(two_guests):
    _visit, (_olena, olena_token), (_petro, petro_token) = two_guests
    for _ in range(2):  # the second round comes from the kept answers
        for token, own, other in ((olena_token, "Olena", "Petro"), (petro_token, "Petro", "Olena")):
            text = body(Client().get(f"/g/{token}/de/"))
            assert f"Nur für {own}" in text and f"Nur für {other}" not in text
            assert token in text and (petro_token if token == olena_token else olena_token) not in text


def test_a_guest_hit_runs_no_query_and_writes_nothing(two_guests, django_assert_num_queries):
    _visit, (olena, token), _petro = two_guests
    for url in guest_urls(token):
        first = Client().get(url)
        assert first.status_code == 200, url
        with django_assert_num_queries(0):
            second = Client().get(url)
        assert second.content == first.content, url
        assert second["Cache-Control"] == "private, no-cache" and second["Referrer-Policy"] == "no-referrer"
        assert dict(second.items()) == dict(first.items()), url
    used = GuestAccess.objects.get(member=olena, revoked_at__isnull=True).last_used_at
    assert used is not None


def test_a_calendar_poll_with_its_etag_is_a_304(two_guests, django_assert_num_queries):
    _visit, (_olena, token), _petro = two_guests
    client = Client()
    url = f"/g/{token}/uk/programm.ics"
    client.get(url)
    first = client.get(url)
    with django_assert_num_queries(0):
        assert client.get(url, headers={"if-none-match": first["ETag"]}).status_code == 304


def test_a_revoked_link_is_refused_at_once_with_its_page_kept(two_guests):
    _visit, (olena, token), _petro = two_guests
    for url in guest_urls(token):
        body(Client().get(url))
    services.revoke_guest_access(olena.guest_accesses.get(revoked_at__isnull=True))
    for url in guest_urls(token):
        assert Client().get(url).status_code == 404, url


def test_an_expired_link_is_refused_when_it_expires_with_its_page_kept(two_guests, monkeypatch):
    _visit, (olena, token), _petro = two_guests
    access = olena.guest_accesses.get(revoked_at__isnull=True)
    expires = timezone.now() + dt.timedelta(minutes=30)
    GuestAccess.objects.filter(pk=access.pk).update(expires_at=expires)
    body(Client().get(f"/g/{token}/de/"))
    body(Client().get(f"/g/{token}/de/"))
    monkeypatch.setattr(timezone, "now", lambda: expires + dt.timedelta(seconds=1))
    assert Client().get(f"/g/{token}/de/").status_code == 404


def test_a_new_release_reaches_the_guest_at_once(two_guests):
    visit, (_olena, token), _petro = two_guests
    client = Client()
    body(client.get(f"/g/{token}/de/"))
    item = visit.programme_items.get(title="Nur für Olena")
    item.title_de = "Nur für Olena, verschoben"
    item.save()
    assert "verschoben" not in body(client.get(f"/g/{token}/de/"))  # not released yet
    factories.release(visit)
    assert "Nur für Olena, verschoben" in body(client.get(f"/g/{token}/de/"))


def test_the_page_is_kept_until_an_item_starts_or_ends(two_guests, monkeypatch):
    visit, (_olena, token), _petro = two_guests
    item = visit.programme_items.get(title="Nur für Olena")
    before = item.starts_at - dt.timedelta(hours=1)
    monkeypatch.setattr(timezone, "now", lambda: before)
    client = Client()
    assert "data-now-badge>" not in body(client.get(f"/g/{token}/de/"))  # there, hidden
    during = item.starts_at + dt.timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: during)
    assert "data-now-badge>" in body(client.get(f"/g/{token}/de/"))


def test_a_link_in_a_language_is_kept_with_the_cookie_that_remembers_it(
    two_guests, django_assert_num_queries
):
    """The language cookie follows from the URL alone: a phone without it gets it from a kept answer too."""
    _visit, (_olena, token), _petro = two_guests
    Client().get(f"/g/{token}/en/")
    with django_assert_num_queries(0):
        answer = Client().get(f"/g/{token}/en/")
    assert answer.cookies["guest_language"].value == "en"
    assert answer.cookies["guest_language"]["path"] == f"/g/{token}/"


def test_the_chosen_language_is_remembered_and_the_bare_link_follows_it(two_guests):
    _visit, (_olena, token), _petro = two_guests
    client = Client()
    english = client.get(f"/g/{token}/en/")
    assert english.cookies["guest_language"].value == "en"
    for _ in range(2):
        assert body(client.get(f"/g/{token}/")).count('<html lang="en"') == 1
    client.get(f"/g/{token}/uk/")
    assert '<html lang="uk"' in body(client.get(f"/g/{token}/"))


def test_in_a_transaction_with_uncommitted_changes_nothing_is_kept_or_served(db):
    """A test's own transaction sees what others do not: no kept answer is read or filled there."""
    visit = public_visit(title="Unveröffentlicht")
    public_item(visit, title="Punkt")
    factories.release(visit)
    assert page_cache.has_pending_changes(connection)
    client = Client()
    body(client.get(visit.get_absolute_url()))
    body(client.get(visit.get_absolute_url()))
    assert not kept_count()

"""Cached public and guest pages: a hit costs one query, any change or release shows at once, nobody gets
another guest's page, and a signed-in member of staff is never served (or fills) the shared copy."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.test import Client

from core import page_cache
from tests import factories
from tests.public_data import public_item, public_visit, published_page
from visits import services
from visits.models import GuestAccess


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def released_visit(db):
    visit = public_visit(title="Besuch aus Podilsk")
    item = public_item(visit, title="Empfang im Kreishaus")
    page = published_page(visit, programme_item=item, title="Bericht vom Empfang")
    factories.release(visit)
    return visit, item, page


def body(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_a_hit_is_one_query_and_the_same_page(anonymous_client, released_visit, django_assert_num_queries):
    visit, _item, page = released_visit
    for url in (visit.get_absolute_url(), page.get_absolute_url(), f"/de/besuche/{visit.slug}/programm.ics"):
        first = body(anonymous_client.get(url))
        with django_assert_num_queries(1):
            second = body(anonymous_client.get(url))
        assert second == first, url


def test_a_new_release_shows_at_once(anonymous_client, released_visit):
    visit, item, _page = released_visit
    assert "Empfang im Kreishaus" in body(anonymous_client.get(visit.get_absolute_url()))
    item.title = "Empfang im Rathaus"
    item.save()
    # Not released yet: the public still reads the last release, from the cache or not.
    assert "Empfang im Kreishaus" in body(anonymous_client.get(visit.get_absolute_url()))
    factories.release(visit)
    for url in (visit.get_absolute_url(), f"/de/besuche/{visit.slug}/programm.ics"):
        text = body(anonymous_client.get(url))
        assert "Empfang im Rathaus" in text and "Empfang im Kreishaus" not in text, url


def test_a_change_to_the_visit_or_its_page_shows_at_once(anonymous_client, released_visit):
    visit, _item, page = released_visit
    body(anonymous_client.get(visit.get_absolute_url()))
    body(anonymous_client.get(page.get_absolute_url()))
    visit.title = "Besuch aus der Partnerregion"
    visit.save()
    page.title = "Neuer Bericht"
    page.save()
    assert "Besuch aus der Partnerregion" in body(anonymous_client.get(visit.get_absolute_url()))
    assert "Neuer Bericht" in body(anonymous_client.get(page.get_absolute_url()))
    assert "Neuer Bericht" in body(anonymous_client.get(visit.get_absolute_url()))


def test_a_page_taken_down_is_gone_at_once(anonymous_client, released_visit):
    visit, _item, page = released_visit
    body(anonymous_client.get(page.get_absolute_url()))
    page.status = "draft"
    page.save()
    assert anonymous_client.get(page.get_absolute_url()).status_code == 404
    assert "Bericht vom Empfang" not in body(anonymous_client.get(visit.get_absolute_url()))


def test_a_member_made_public_figure_shows_at_once(anonymous_client, released_visit):
    visit, _item, _page = released_visit
    member = factories.MemberFactory(delegation=visit, first_name="Iryna", last_name="Publik")
    assert "Publik" not in body(anonymous_client.get(visit.get_absolute_url()))
    member.is_public_figure = True
    member.save()
    assert "Publik" in body(anonymous_client.get(visit.get_absolute_url()))


def test_each_language_has_its_own_copy(anonymous_client, released_visit):
    visit, _item, _page = released_visit
    german = body(anonymous_client.get(f"/de/besuche/{visit.slug}/"))
    ukrainian = body(anonymous_client.get(f"/uk/besuche/{visit.slug}/"))
    assert '<html lang="de"' in german and '<html lang="uk"' in ukrainian


def test_staff_with_a_session_get_a_fresh_page_and_fill_no_shared_copy(
    planner_client, anonymous_client, released_visit
):
    visit, _item, _page = released_visit
    body(planner_client.get(visit.get_absolute_url()))

    def pages():  # keys in locmem's store; sessions live in the cache too
        return [key for key in cache._cache if ":page:" in key]

    assert not pages(), "a request with a session must not fill the shared cache"
    body(anonymous_client.get(visit.get_absolute_url()))
    assert len(pages()) == 1


def test_a_new_deployment_names_new_keys(settings):
    before = page_cache.page_key("visit", 1)
    page_cache.deployment.cache_clear()
    settings.RELEASE_NAME = "2026-11-26"
    try:
        assert page_cache.page_key("visit", 1) != before
    finally:
        page_cache.deployment.cache_clear()


@pytest.fixture
def two_guests(db):
    visit = factories.DelegationFactory()
    olena = factories.MemberFactory(delegation=visit, first_name="Olena", last_name="Kovalenko")
    petro = factories.MemberFactory(delegation=visit, first_name="Petro", last_name="Shevchenko")
    factories.ProgrammeItemFactory(delegation=visit, title="Nur für Olena", participants=[olena])
    factories.ProgrammeItemFactory(delegation=visit, title="Nur für Petro", participants=[petro])
    factories.release(visit)
    _, olena_token = services.issue_guest_access(delegation=visit, member=olena)
    _, petro_token = services.issue_guest_access(delegation=visit, member=petro)
    return visit, (olena, olena_token), (petro, petro_token)


def test_two_guests_never_get_each_others_page(two_guests):
    _visit, (_olena, olena_token), (_petro, petro_token) = two_guests
    for _ in range(2):  # the second round comes from the cache
        for token, own, other in ((olena_token, "Olena", "Petro"), (petro_token, "Petro", "Olena")):
            text = body(Client().get(f"/g/{token}/de/"))
            assert f"Nur für {own}" in text and f"Nur für {other}" not in text
            assert token in text and (petro_token if token == olena_token else olena_token) not in text


def test_a_guest_cache_hit_is_one_look_up_and_a_reload_writes_nothing(two_guests, django_assert_num_queries):
    _visit, (olena, token), _petro = two_guests
    client = Client()
    first = body(client.get(f"/g/{token}/de/"))
    used = olena.guest_accesses.get().last_used_at
    assert used is not None
    with django_assert_num_queries(1):  # the link with its stamps; a reload within the minute writes nothing
        second = body(client.get(f"/g/{token}/de/"))
    assert second == first
    assert olena.guest_accesses.get().last_used_at == used


def test_a_look_a_minute_later_is_recorded(two_guests, django_assert_num_queries):
    _visit, (olena, token), _petro = two_guests
    client = Client()
    body(client.get(f"/g/{token}/de/"))
    access = olena.guest_accesses.get()
    earlier = access.last_used_at - dt.timedelta(seconds=61)
    GuestAccess.objects.filter(pk=access.pk).update(last_used_at=earlier)
    with django_assert_num_queries(2):  # the link, the one update; the page itself is still cached
        body(client.get(f"/g/{token}/de/"))
    access.refresh_from_db()
    assert access.last_used_at > earlier and access.last_seen_at == access.last_used_at


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


def test_changes_since_the_last_look_are_marked_once_then_cached_again(two_guests):
    visit, (_olena, token), _petro = two_guests
    client = Client()
    body(client.get(f"/g/{token}/de/"))
    item = visit.programme_items.get(title="Nur für Olena")
    item.title_de = "Nur für Olena, verschoben"
    item.save()
    factories.release(visit)
    assert "badge-changed" in body(client.get(f"/g/{token}/de/"))
    # Seen now: the next look has no marks any more.
    assert "badge-changed" not in body(client.get(f"/g/{token}/de/"))


def test_a_revoked_link_is_refused_even_with_its_page_cached(two_guests):
    _visit, (olena, token), _petro = two_guests
    body(Client().get(f"/g/{token}/de/"))
    services.revoke_guest_access(olena.guest_accesses.get())
    assert Client().get(f"/g/{token}/de/").status_code == 404


def test_a_hit_carries_exactly_the_headers_of_a_fresh_page(anonymous_client, released_visit):
    visit, _item, page = released_visit
    urls = (
        visit.get_absolute_url(),
        page.get_absolute_url(),
        f"/de/besuche/{visit.slug}/programm.ics",
        visit.get_absolute_url().replace("/de/", "/uk/", 1),
    )
    for url in urls:
        fresh = anonymous_client.get(url)
        cached = anonymous_client.get(url)
        assert fresh.status_code == cached.status_code == 200
        assert not hasattr(cached.wsgi_request, "page_cache"), "a hit never reaches the view"
        assert hasattr(fresh.wsgi_request, "page_cache"), "the miss was looked up early and filled"
        assert dict(fresh.items()) == dict(cached.items()), url
        for name in ("Content-Security-Policy", "X-Frame-Options", "Permissions-Policy", "Content-Language"):
            assert cached.get(name), (url, name)
    assert anonymous_client.get(urls[-1])["Content-Language"] == "uk"


def test_a_guest_hit_carries_the_headers_of_a_fresh_page_and_is_compressed_only_when_asked(two_guests):
    _visit, (_olena, token), _petro = two_guests
    client = Client()
    fresh, cached = client.get(f"/g/{token}/de/"), client.get(f"/g/{token}/de/")
    assert dict(fresh.items()) == dict(cached.items())
    assert cached["Cache-Control"] == "private, no-store" and cached["Referrer-Policy"] == "no-referrer"
    zipped = client.get(f"/g/{token}/de/", HTTP_ACCEPT_ENCODING="gzip")
    assert zipped["Content-Encoding"] == "gzip"
    assert "Content-Encoding" not in client.get(f"/g/{token}/de/")


@pytest.fixture
def shared_cache(settings):
    """The shared Redis cache production uses (a database of the local Redis of its own), emptied."""
    import socket

    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/12",
        }
    }
    page_cache.connect_generation()
    cache.clear()
    yield
    cache.clear()


def test_with_a_shared_cache_a_public_hit_needs_no_query_and_a_change_shows_after_its_commit(
    shared_cache,
    anonymous_client,
    released_visit,
    django_assert_num_queries,
    django_capture_on_commit_callbacks,
):
    visit, _item, _page = released_visit
    url = visit.get_absolute_url()
    first = body(anonymous_client.get(url))
    with django_assert_num_queries(0):
        assert body(anonymous_client.get(url)) == first
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        visit.title_de = "Besuch mit neuem Titel"
        visit.save()
    assert callbacks, "the generation is replaced only after the commit"
    assert "Besuch mit neuem Titel" in body(anonymous_client.get(url))
    assert anonymous_client.get("/de/besuche/gibt-es-nicht/").status_code == 404

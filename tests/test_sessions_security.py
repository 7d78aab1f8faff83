"""Staff sessions: a working day idle ends them, logout deletes them on the server, login gives a new key,
and anonymous visitors of public pages get no session at all."""

import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.backends.cached_db import SessionStore
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.middleware import REFRESHED_AT_KEY, SESSION_REFRESH_SECONDS
from tests import factories

PASSWORD = "correct horse battery staple"
pytestmark = pytest.mark.django_db


def _login(client: Client, username: str) -> None:
    response = client.post(
        reverse("admin:login"), {"username": username, "password": PASSWORD, "next": reverse("admin:index")}
    )
    assert (response.status_code, response["Location"]) == (302, reverse("admin:index"))


def test_sessions_live_in_the_database_behind_the_cache_and_end_after_a_working_day_idle():
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.cached_db"
    assert 9 * 3600 <= settings.SESSION_COOKIE_AGE <= 11 * 3600
    # The idle timeout moves on at most once a minute, not with a write on every request.
    assert settings.SESSION_SAVE_EVERY_REQUEST is False
    middleware = settings.MIDDLEWARE
    refresh = middleware.index("accounts.middleware.SessionRefreshMiddleware")
    assert refresh > middleware.index("django.contrib.sessions.middleware.SessionMiddleware")


def _age_session(key: str, *, seconds: int) -> None:
    """Make the session look last saved `seconds` ago, with five minutes left, as after a long idle."""
    store = SessionStore(session_key=key)
    store[REFRESHED_AT_KEY] = time.time() - seconds
    store.save()
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() + timedelta(minutes=5))
    cache.clear()


def test_a_request_a_minute_after_the_last_save_moves_the_end_of_the_session_forward():
    factories.UserFactory(username="kollegin")
    client = Client()
    _login(client, "kollegin")
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    _age_session(key, seconds=SESSION_REFRESH_SECONDS + 1)

    response = client.get(reverse("admin:index"))

    assert response.status_code == 200
    remaining = Session.objects.get(session_key=key).expire_date - timezone.now()
    assert timedelta(hours=9, minutes=59) < remaining <= timedelta(hours=10)
    assert response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == settings.SESSION_COOKIE_AGE


def test_requests_within_the_minute_write_nothing_to_the_session():
    factories.UserFactory(username="kollegin")
    client = Client()
    _login(client, "kollegin")
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    _age_session(key, seconds=SESSION_REFRESH_SECONDS - 10)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("admin:index"))

    assert response.status_code == 200
    assert not [q for q in queries.captured_queries if "django_session" in q["sql"] and "UPDATE" in q["sql"]]
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    remaining = Session.objects.get(session_key=key).expire_date - timezone.now()
    assert remaining <= timedelta(minutes=5)


def test_a_stale_cookie_leaves_no_new_session_behind():
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = "x" * 32  # a session that no longer exists
    response = client.get(reverse("admin:login"))
    assert response.status_code == 200
    assert Session.objects.count() == 0


def test_a_session_idle_for_longer_than_a_working_day_is_over():
    factories.UserFactory(username="kollegin")
    client = Client()
    _login(client, "kollegin")
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - timedelta(seconds=1))
    cache.clear()  # the cached copy would expire by itself at the same moment
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_logout_deletes_the_session_on_the_server_and_the_old_key_no_longer_works():
    factories.UserFactory(username="kollegin")
    client = Client()
    _login(client, "kollegin")
    old_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert Session.objects.filter(session_key=old_key).exists()
    assert cache.get(SessionStore(session_key=old_key).cache_key) is not None

    assert client.post(reverse("admin:logout")).status_code == 200
    assert not Session.objects.filter(session_key=old_key).exists()
    assert cache.get(SessionStore(session_key=old_key).cache_key) is None

    # Someone who copied the cookie before the logout gets the login page.
    replay = Client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = old_key
    response = replay.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_login_gives_a_new_session_key():
    factories.UserFactory(username="kollegin")
    client = Client()
    session = client.session  # an anonymous session someone may have planted
    session["vorher"] = True
    session.save()
    planted = session.session_key

    _login(client, "kollegin")
    new_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert new_key != planted
    assert not Session.objects.filter(session_key=planted).exists()
    assert Session.objects.get(session_key=new_key).get_decoded()["vorher"] is True  # data kept, key not


def test_anonymous_visitors_of_public_pages_get_no_session_and_no_vary_cookie(client):
    for path in ("/de/", "/en/", "/.well-known/security.txt"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert settings.SESSION_COOKIE_NAME not in response.cookies, path
        assert "Cookie" not in response.get("Vary", ""), path
    assert Session.objects.count() == 0
